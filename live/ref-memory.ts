/**
 * The center's memory of the (actor, ref) pairs inputs have used, so that a new ref (every chat
 * message carries one) is known to be new without a lookup in the log's database: the acks of
 * staged inputs (applied, not yet committed), and for each recently seen actor the fingerprints
 * (31-bit hashes) of every ref it has used. A ref whose fingerprint the actor lacks is new for
 * certain; one whose fingerprint it has (used, or another ref with the same hash) is looked up in
 * the log, so a fingerprint's collisions cost a lookup, never a wrong answer.
 * Invariants: an actor gets fingerprints only when it is seen with no ref in the log (a new
 * customer, an agent's first input since the server started on a log without its refs); they are
 * made from its staged refs and take every ref staged after that, so they never miss a used ref.
 * Every other actor is "logged": each of its refs is looked up, as is every ref of an actor past
 * `maxRefsPerActor` refs. At most `maxFingerprints` are kept in all, the least recently seen
 * actors' dropped first (logged when seen again), so memory stays bounded and a dropped actor costs
 * one cheap look at the log, never a reread of its refs; the center forgets a customer's entry
 * when its chat closes, so memory follows open chats, not history. A staged ack is dropped once its
 * input is committed (the log has it then).
 */
import type { InputLog } from "./log.ts"

/** What the memory reads from the log. */
export type RefLog = Pick<InputLog, "findAck" | "hasRefs">

export interface RefMemoryLimits {
  readonly maxRefsPerActor: number
  readonly maxFingerprints: number
}

export const REF_MEMORY_LIMITS: RefMemoryLimits = { maxRefsPerActor: 16_384, maxFingerprints: 262_144 }

/** FNV-1a over the ref's UTF-16 code units, as a non-negative 31-bit integer. */
export const refFingerprint = (ref: string): number => {
  let h = 0x811c9dc5
  for (let i = 0; i < ref.length; i++) h = Math.imul(h ^ ref.charCodeAt(i), 0x01000193)
  return h >>> 1
}

/** An actor's fingerprints, or "logged": each of its refs is looked up in the log. */
type Known = Set<number> | "logged"

/** What an actor's entry counts against `maxFingerprints`. */
const weightOf = (known: Known): number => (known === "logged" ? 1 : Math.max(1, known.size))

export class RefMemory {
  private readonly log: RefLog
  private readonly limits: RefMemoryLimits
  private readonly fingerprint: (ref: string) => number
  /** Staged inputs' acks (JSON) by actor and ref. */
  private readonly staged = new Map<string, Map<string, string>>()
  /**
   * Each recent actor's fingerprints, least recently seen first (a seen actor is put last). Kept by
   * hand rather than in lru-cache, whose size accounting does not follow a value that grows in place.
   */
  private readonly actors = new Map<string, Known>()
  /** The entries' weights, summed. */
  private kept = 0

  constructor(log: RefLog, limits: RefMemoryLimits = REF_MEMORY_LIMITS, fingerprint = refFingerprint) {
    this.log = log
    this.limits = limits
    this.fingerprint = fingerprint
  }

  /** The ack (JSON) stored for `actor`'s input that carried `ref`: staged, or in the log; undefined if none did. */
  ackOf(actor: string, ref: string): string | undefined {
    const staged = this.staged.get(actor)?.get(ref)
    if (staged !== undefined) return staged
    const known = this.known(actor)
    if (known !== "logged" && !known.has(this.fingerprint(ref))) return undefined
    return this.log.findAck(actor, ref)
  }

  /** An input of `actor` carrying `ref` was staged, answered by `ack` (JSON). */
  stage(actor: string, ref: string, ack: string): void {
    let refs = this.staged.get(actor)
    if (refs === undefined) this.staged.set(actor, (refs = new Map()))
    refs.set(ref, ack)
    const known = this.actors.get(actor)
    // an actor not in memory is looked at again when next seen (its staged refs kept here)
    if (known === undefined || known === "logged") return
    const before = weightOf(known)
    known.add(this.fingerprint(ref))
    const now: Known = known.size > this.limits.maxRefsPerActor ? "logged" : known
    if (now !== known) this.actors.set(actor, now)
    this.kept += weightOf(now) - before
    this.makeRoom()
  }

  /** The staged input of (`actor`, `ref`) is committed: the log answers for it from now on. */
  committed(actor: string, ref: string): void {
    const refs = this.staged.get(actor)
    if (refs === undefined) return
    refs.delete(ref)
    if (refs.size === 0) this.staged.delete(actor)
  }

  /** Drop what memory keeps for `actor` (its staged acks stay until their commit): it is looked at again if seen again. */
  forget(actor: string): void {
    const known = this.actors.get(actor)
    if (known === undefined) return
    this.actors.delete(actor)
    this.kept -= weightOf(known)
  }

  /** The actor's entry, made if it has none, and put last (most recently seen). */
  private known(actor: string): Known {
    const kept = this.actors.get(actor)
    if (kept !== undefined) {
      this.actors.delete(actor)
      this.actors.set(actor, kept)
      return kept
    }
    const read = this.read(actor)
    this.actors.set(actor, read)
    this.kept += weightOf(read)
    this.makeRoom()
    return read
  }

  /** Drop the least recently seen actors until the weights fit (the last one seen always stays). */
  private makeRoom(): void {
    for (const [actor, known] of this.actors) {
      if (this.kept <= this.limits.maxFingerprints || this.actors.size === 1) return
      this.actors.delete(actor)
      this.kept -= weightOf(known)
    }
  }

  /**
   * An actor first seen (or seen again after it was dropped): fingerprints only if the log has none
   * of its refs, made from its staged ones (a commit batch's worth at most; the next stage applies
   * the per-actor limit).
   */
  private read(actor: string): Known {
    if (this.log.hasRefs(actor)) return "logged"
    const known = new Set<number>()
    for (const ref of this.staged.get(actor)?.keys() ?? []) known.add(this.fingerprint(ref))
    return known
  }
}
