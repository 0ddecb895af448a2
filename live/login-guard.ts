/**
 * Per-account brute-force guard for agent login, pure with time passed in: after `failures`
 * wrong passwords in a row an account is locked for `lockMs`, doubling with each further lock up to
 * `maxLockMs`; a correct password clears it. Accounts are keyed by the agent id as typed, known or
 * not, so a locked answer says nothing about whether an id exists. The table keeps the least
 * recently used 10,000 ids (lru-cache) and evicts, never resets, beyond that.
 */
import { LRUCache } from "lru-cache"

interface Account {
  failures: number
  locks: number
  lockedUntilMs: number
}

export class LoginGuard {
  private readonly accounts = new LRUCache<string, Account>({ max: 10_000 })
  private readonly failures: number
  private readonly lockMs: number
  private readonly maxLockMs: number

  constructor(failures: number, lockMs: number, maxLockMs: number) {
    this.failures = failures
    this.lockMs = lockMs
    this.maxLockMs = maxLockMs
  }

  /** Milliseconds the account stays locked, or undefined when a login may be tried. */
  lockedFor(agentId: string, nowMs: number): number | undefined {
    const a = this.accounts.get(agentId)
    return a === undefined || a.lockedUntilMs <= nowMs ? undefined : a.lockedUntilMs - nowMs
  }

  /** A wrong password (or an unknown id): returns the new lock's length when this failure locks it. */
  failed(agentId: string, nowMs: number): number | undefined {
    let a = this.accounts.get(agentId)
    if (a === undefined) this.accounts.set(agentId, (a = { failures: 0, locks: 0, lockedUntilMs: 0 }))
    a.failures++
    if (a.failures < this.failures) return undefined
    const ms = Math.min(this.maxLockMs, this.lockMs * 2 ** a.locks)
    a.failures = 0
    a.locks++
    a.lockedUntilMs = nowMs + ms
    return ms
  }

  succeeded(agentId: string): void {
    this.accounts.delete(agentId)
  }
}
