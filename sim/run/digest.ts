/**
 * The run digest: a 64-bit running hash (two FNV-1a lanes) over every engine event's tag, time and
 * identities, in order. Equal digests mean equal event streams for all practical purposes; it is
 * cheap enough to stay on in every run, audited or not. Fields are read per event kind (no `in`
 * probes), and strings are folded with the lanes in locals.
 */
import type { Event } from "../../core/events.ts"

const P = 0x01000193
const Q = 0x5bd1e995

export class Digest {
  private a = 0x811c9dc5
  private b = 0x01000193 ^ 0x5bd1e995
  events = 0

  private num(x: number): void {
    this.a = Math.imul(this.a ^ (x | 0), P)
    this.b = Math.imul(this.b ^ ((x / 4294967296) | 0), Q) ^ (this.a >>> 13)
  }

  /** Each code unit, then the length (as `num` would, with the high word of a code unit 0). */
  private str(s: string): void {
    let a = this.a
    let b = this.b
    const n = s.length
    for (let i = 0; i < n; i++) {
      a = Math.imul(a ^ s.charCodeAt(i), P)
      b = Math.imul(b, Q) ^ (a >>> 13)
    }
    a = Math.imul(a ^ n, P)
    this.a = a
    this.b = Math.imul(b, Q) ^ (a >>> 13)
  }

  add(e: Event): void {
    this.events++
    this.str(e._tag)
    this.num(e.atMs)
    switch (e._tag) {
      case "AgentLoggedIn":
      case "AgentLoggedOut":
      case "AgentDisconnected":
      case "AgentReconnected":
        return this.str(e.agentId)
      case "PresenceChanged":
        this.str(e.agentId)
        return this.str(e.presence._tag)
      case "ChatArrived":
      case "ChatQueued":
      case "TransferRequested":
      case "MessageSent":
      case "ChatEnded":
        return this.str(e.chatId)
      case "ChatClosed":
        this.str(e.chatId)
        return this.str(e.outcome)
      case "OfferMade":
      case "OfferAccepted":
      case "OfferDeclined":
      case "OfferExpired":
      case "OfferCancelled":
        this.str(e.chatId)
        this.str(e.agentId)
        return this.num(e.offerId)
      case "ConferenceEnded":
      case "WrapUpStarted":
      case "WrapUpSubmitted":
        this.str(e.chatId)
        return this.str(e.agentId)
      case "CommandRejected":
        if (e.chatId !== undefined) this.str(e.chatId)
        if (e.agentId !== undefined) this.str(e.agentId)
        return this.str(e.code)
    }
  }

  /** Fold another digest in (replications in order). */
  combine(other: Digest): void {
    this.num(other.a)
    this.num(other.b)
    this.num(other.events)
  }

  /** A digest in the state `hex()` and `events` describe (digests cross worker threads as data). */
  static restore(hex: string, events: number): Digest {
    const d = new Digest()
    d.a = Number.parseInt(hex.slice(0, 8), 16) | 0
    d.b = Number.parseInt(hex.slice(8, 16), 16) | 0
    d.events = events
    return d
  }

  hex(): string {
    return (this.a >>> 0).toString(16).padStart(8, "0") + (this.b >>> 0).toString(16).padStart(8, "0")
  }
}
