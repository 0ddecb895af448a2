/**
 * Session-token revocations: for each subject ("agent:<id>"), the time at or before which its
 * tokens were issued in vain (a logout). Kept in the log's database (written durably before the
 * logout is answered) and in memory for the checks at every upgrade and every frame.
 * Invariants: a subject's revocation time only grows; a token issued after it (`issueTimeFor`) is
 * never revoked by it; a write that fails is reported to the host (the log is unwritable).
 */
export interface RevocationStore {
  readonly revoke: (subject: string, beforeMs: number) => void
  readonly revocations: () => ReadonlyMap<string, number>
}

export class Revocations {
  private readonly before: Map<string, number>
  private readonly store: RevocationStore
  private readonly onFail: (e: Error) => void

  constructor(store: RevocationStore, onFail: (e: Error) => void) {
    this.store = store
    this.onFail = onFail
    this.before = new Map(store.revocations())
  }

  /** Durably void every token of `subject` issued at or before `atMs`; false if it could not be written. */
  revoke(subject: string, atMs: number): boolean {
    try {
      this.store.revoke(subject, atMs)
    } catch (e) {
      this.onFail(e instanceof Error ? e : new Error(String(e)))
      return false
    }
    this.before.set(subject, Math.max(atMs, this.before.get(subject) ?? 0))
    return true
  }

  /** Whether a token of `subject` issued at `iatMs` was revoked. */
  isRevoked(subject: string, iatMs: number): boolean {
    const before = this.before.get(subject)
    return before !== undefined && iatMs <= before
  }

  /** The issue time for a new token of `subject`: now, but always after its last revocation. */
  issueTimeFor(subject: string, nowMs: number): number {
    return Math.max(nowMs, (this.before.get(subject) ?? -1) + 1)
  }
}
