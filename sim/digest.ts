/**
 * The run digest: a 64-bit running hash (two FNV-1a lanes) over every engine event's tag, time and
 * identities, in order. Equal digests mean equal event streams for all practical purposes; it is
 * cheap enough to stay on in every run, audited or not.
 */
import type { Event } from "../core/events.ts"

export class Digest {
  private a = 0x811c9dc5
  private b = 0x01000193 ^ 0x5bd1e995
  events = 0

  private num(x: number): void {
    this.a = Math.imul(this.a ^ (x | 0), 0x01000193)
    this.b = Math.imul(this.b ^ ((x / 4294967296) | 0), 0x5bd1e995) ^ (this.a >>> 13)
  }

  private str(s: string): void {
    for (let i = 0; i < s.length; i++) this.num(s.charCodeAt(i))
    this.num(s.length)
  }

  add(e: Event): void {
    this.events++
    this.str(e._tag)
    this.num(e.atMs)
    if ("chatId" in e && e.chatId !== undefined) this.str(e.chatId)
    if ("agentId" in e && e.agentId !== undefined) this.str(e.agentId)
    if ("offerId" in e) this.num(e.offerId)
    if (e._tag === "ChatClosed") this.str(e.outcome)
    if (e._tag === "CommandRejected") this.str(e.code)
    if (e._tag === "PresenceChanged") this.str(e.presence._tag)
  }

  /** Fold another digest in (replications in order). */
  combine(other: Digest): void {
    this.num(other.a)
    this.num(other.b)
    this.num(other.events)
  }

  hex(): string {
    return (this.a >>> 0).toString(16).padStart(8, "0") + (this.b >>> 0).toString(16).padStart(8, "0")
  }
}
