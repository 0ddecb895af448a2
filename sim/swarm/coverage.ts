/**
 * "Sometimes" counters (reliability-anchors, Antithesis style): rare paths the chaos phase must
 * reach at least once over a swarm run, counted from each input, the engine state just before it
 * and its events. A swarm run fails when a required counter is still zero at the end.
 * Invariant kept: counting only observes; it never changes what is submitted.
 */
import type { Command } from "../../core/commands.ts"
import type { Event } from "../../core/events.ts"
import type { EngineState } from "../../core/state.ts"
import type { InputObserver } from "./harness.ts"

export const REQUIRED_COUNTERS = [
  "rona-racing-accept",
  "transfer-dropped",
  "conference-declined",
  "conference-timed-out",
  "abandoned-during-offer",
  "disconnect-with-open-chats",
  "grace-expiry-requeue",
  "duplicate-accept-refused",
  "transfer-target-left",
  "customer-left-during-transfer",
  "customer-left-during-conference",
  "requeue-after-failed-transfer",
  "overflow",
  "reserved-characters-refused"
] as const

/** Counted too, not required: context for the table. */
export const EXTRA_COUNTERS = [
  "rona",
  "deadline-accept-before-timer",
  "deadline-accept-after-timer",
  "late-accept-refused",
  "conference-joined",
  "conference-target-left",
  "transfer-accepted",
  "expired-max-wait",
  "reconnect-within-grace",
  "grace-logout",
  "stale-timer",
  "drain-barred-customer-left"
] as const

export type CounterId = (typeof REQUIRED_COUNTERS)[number] | (typeof EXTRA_COUNTERS)[number]

interface Pending {
  kind: "transfer" | "conference" | undefined
  left: boolean
}

export class Coverage implements InputObserver {
  readonly counts = new Map<CounterId, number>([...REQUIRED_COUNTERS, ...EXTRA_COUNTERS].map((id) => [id, 0]))
  /** Per run: offer deadlines and accepted offers (reset by `newRun`). */
  private deadlines = new Map<number, number>()
  private accepted = new Set<number>()
  private expired = new Set<number>()
  private pending: Pending = { kind: undefined, left: false }

  add(id: CounterId, n = 1): void {
    this.counts.set(id, this.counts.get(id)! + n)
  }

  newRun(): void {
    this.deadlines = new Map()
    this.accepted = new Set()
    this.expired = new Set()
  }

  readonly before = (c: Command, _atMs: number, s: EngineState): void => {
    this.pending = { kind: undefined, left: false }
    switch (c._tag) {
      case "AgentDisconnect": {
        const a = s.agents.get(c.agentId)
        if (a?.connected && a.chats.size > 0) this.add("disconnect-with-open-chats")
        return this.targetLeaving(s, c.agentId)
      }
      case "GoIdle":
      case "Logout":
        return this.targetLeaving(s, c.agentId)
      case "CustomerLeave": {
        const chat = s.chats.get(c.chatId)
        if (chat === undefined) return
        if (chat.status === "Transferring") this.pending = { kind: "transfer", left: false }
        else if (chat.participant !== undefined || chat.conferenceOfferId !== undefined)
          this.pending = { kind: "conference", left: false }
        return
      }
      default:
    }
  }

  private targetLeaving(s: EngineState, agentId: string): void {
    const a = s.agents.get(agentId)
    if (a === undefined) return
    for (const id of a.offers) {
      const kind = s.offers.get(id)?.kind
      if (kind === "transfer" || kind === "conference") this.pending = { kind, left: true }
    }
  }

  readonly after = (c: Command, atMs: number, events: ReadonlyArray<Event>): void => {
    const refused = events[0]?._tag === "CommandRejected" ? events[0].code : undefined
    if (this.pending.kind !== undefined && refused === undefined) {
      if (this.pending.left)
        this.add(this.pending.kind === "transfer" ? "transfer-target-left" : "conference-target-left")
      else
        this.add(this.pending.kind === "transfer" ? "customer-left-during-transfer" : "customer-left-during-conference")
    }
    if (c._tag === "AcceptOffer" && refused !== undefined) {
      if (refused === "OFFER_EXPIRED" && this.deadlines.get(c.offerId) === atMs) {
        this.add("rona-racing-accept")
        this.add(this.expired.has(c.offerId) ? "deadline-accept-after-timer" : "deadline-accept-before-timer")
      } else if (refused === "OFFER_EXPIRED") this.add("late-accept-refused")
      if (refused === "OFFER_NOT_PENDING" && this.accepted.has(c.offerId)) this.add("duplicate-accept-refused")
    }
    if (c._tag === "TimerFired" && events.length === 0) this.add("stale-timer")
    if (refused === "RESERVED_CHARACTERS") this.add("reserved-characters-refused")
    for (const e of events) this.onEvent(e)
  }

  private onEvent(e: Event): void {
    switch (e._tag) {
      case "OfferMade":
        this.deadlines.set(e.offerId, e.deadlineMs)
        return
      case "OfferAccepted":
        this.accepted.add(e.offerId)
        if (e.kind === "conference") this.add("conference-joined")
        if (e.kind === "transfer") this.add("transfer-accepted")
        return
      case "OfferDeclined":
        if (e.kind === "conference") this.add("conference-declined")
        return
      case "OfferExpired":
        this.expired.add(e.offerId)
        this.add("rona")
        if (e.kind === "conference") this.add("conference-timed-out")
        return
      case "OfferCancelled":
        if (e.reason === "abandoned") this.add("abandoned-during-offer")
        return
      case "ChatQueued":
        if (e.reason === "disconnect") this.add("grace-expiry-requeue")
        if (e.reason === "transfer-not-accepted") this.add("requeue-after-failed-transfer")
        if (e.reason === "overflow") this.add("overflow")
        return
      case "ChatClosed":
        if (e.outcome === "dropped") this.add("transfer-dropped")
        if (e.outcome === "expired") this.add("expired-max-wait")
        return
      case "AgentReconnected":
        return this.add("reconnect-within-grace")
      case "AgentLoggedOut":
        if (e.cause === "disconnect") this.add("grace-logout")
        return
      default:
    }
  }

  /** Required counters still at zero. */
  missing(): Array<CounterId> {
    return REQUIRED_COUNTERS.filter((id) => this.counts.get(id) === 0)
  }

  /** The table, one counter a line, required ones marked. */
  table(): Array<string> {
    const width = Math.max(...[...this.counts.keys()].map((k) => k.length))
    const row = (id: CounterId, required: boolean) => {
      const n = this.counts.get(id)!
      const mark = required ? (n === 0 ? "MISSING" : "ok") : ""
      return `  ${id.padEnd(width)}  ${String(n).padStart(8)}  ${mark}`.trimEnd()
    }
    return [
      "coverage (required):",
      ...REQUIRED_COUNTERS.map((id) => row(id, true)),
      "coverage (context):",
      ...EXTRA_COUNTERS.map((id) => row(id, false))
    ]
  }
}
