/**
 * The run digest: a 64-bit running hash (two FNV-1a lanes) over every engine event's time, kind and
 * identities, in order. Equal digests mean equal event streams for all practical purposes; it is
 * cheap enough to stay on in every run, audited or not. An event's kind, presence and outcome are
 * folded as small fixed codes (numbers, not their names); ids, whose set is open, as strings,
 * folded with the lanes in locals.
 */
import type { Event, Outcome } from "../../core/events.ts"
import type { Presence } from "../../core/presence.ts"

const P = 0x01000193
const Q = 0x5bd1e995

/** Small fixed codes for the closed sets of names an event carries (its tag is coded in `add`). */
const PRESENCE_CODE: Readonly<Record<Presence["_tag"], number>> = { LoggedOut: 1, Idle: 2, Available: 3, RONA: 4 }
const OUTCOME_CODE: Readonly<Record<Outcome, number>> = { completed: 1, abandoned: 2, dropped: 3, expired: 4 }

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
    this.num(e.atMs)
    switch (e._tag) {
      case "AgentLoggedIn":
        this.num(1)
        return this.str(e.agentId)
      case "AgentLoggedOut":
        this.num(2)
        return this.str(e.agentId)
      case "AgentDisconnected":
        this.num(3)
        return this.str(e.agentId)
      case "AgentReconnected":
        this.num(4)
        return this.str(e.agentId)
      case "PresenceChanged":
        this.num(5)
        this.str(e.agentId)
        return this.num(PRESENCE_CODE[e.presence._tag])
      case "ChatArrived":
        this.num(6)
        return this.str(e.chatId)
      case "ChatQueued":
        this.num(7)
        return this.str(e.chatId)
      case "TransferRequested":
        this.num(8)
        return this.str(e.chatId)
      case "MessageSent":
        this.num(9)
        return this.str(e.chatId)
      case "ChatEnded":
        this.num(10)
        return this.str(e.chatId)
      case "ChatClosed":
        this.num(11)
        this.str(e.chatId)
        return this.num(OUTCOME_CODE[e.outcome])
      case "OfferMade":
        return this.offer(12, e.chatId, e.agentId, e.offerId)
      case "OfferAccepted":
        return this.offer(13, e.chatId, e.agentId, e.offerId)
      case "OfferDeclined":
        return this.offer(14, e.chatId, e.agentId, e.offerId)
      case "OfferExpired":
        return this.offer(15, e.chatId, e.agentId, e.offerId)
      case "OfferCancelled":
        return this.offer(16, e.chatId, e.agentId, e.offerId)
      case "ConferenceEnded":
        this.num(17)
        this.str(e.chatId)
        return this.str(e.agentId)
      case "WrapUpStarted":
        this.num(18)
        this.str(e.chatId)
        return this.str(e.agentId)
      case "WrapUpSubmitted":
        this.num(19)
        this.str(e.chatId)
        return this.str(e.agentId)
      case "CommandRejected":
        this.num(20)
        if (e.chatId !== undefined) this.str(e.chatId)
        if (e.agentId !== undefined) this.str(e.agentId)
        return this.str(e.code)
    }
  }

  private offer(code: number, chatId: string, agentId: string, offerId: number): void {
    this.num(code)
    this.str(chatId)
    this.str(agentId)
    this.num(offerId)
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
