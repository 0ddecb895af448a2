/**
 * What the auditor reports: the invariant ids, the `Violation` record, and the internal
 * `AuditFailure` that checks throw (`fail`) so the first broken rule stops the check at once.
 * Also the small text helpers every check uses to write messages a QA engineer can read.
 */
import type { Command } from "../commands.ts"
import type { Event } from "../events.ts"
import type { Presence } from "../presence.ts"
import { presenceLabel } from "../presence.ts"

export type InvariantId =
  | "capacity"
  | "single-owner"
  | "offer-eligibility"
  | "offer-closure"
  | "rona"
  | "no-reoffer"
  | "work-conservation"
  | "queue-order"
  | "agent-selection"
  | "transfer-protocol"
  | "conference-protocol"
  | "wrap-up"
  | "abandonment"
  | "message-validity"
  | "message-sequence"
  | "outcome-accounting"
  /** Login, logout, Available/Idle, disconnect and its grace period (RONA has its own id). */
  | "presence"
  /** Max wait: overflow or expiry exactly when a queue visit reaches its limit. */
  | "max-wait"
  /** Arrival, queue segments, one open chat per customer, who may end a chat. */
  | "chat-lifecycle"
  /** Every event carries its command's time; time never goes backwards. */
  | "event-time"
  /** A CommandRejected is the only event of its batch and names its command's actor. */
  | "rejection"
  /** A command that is not refused has its effect (an accept accepts, a message is sent...). */
  | "command-effect"

export const INVARIANT_IDS: ReadonlyArray<InvariantId> = [
  "capacity",
  "single-owner",
  "offer-eligibility",
  "offer-closure",
  "rona",
  "no-reoffer",
  "work-conservation",
  "queue-order",
  "agent-selection",
  "transfer-protocol",
  "conference-protocol",
  "wrap-up",
  "abandonment",
  "message-validity",
  "message-sequence",
  "outcome-accounting",
  "presence",
  "max-wait",
  "chat-lifecycle",
  "event-time",
  "rejection",
  "command-effect"
]

export interface Violation {
  /** 0-based position of the offending record (inputs and events counted together). */
  readonly index: number
  readonly atMs: number
  readonly rule: InvariantId
  readonly message: string
  readonly event?: Event
}

/** Thrown by checks; the auditor turns it into a `Violation`. */
export class AuditFailure extends Error {
  readonly rule: InvariantId
  constructor(rule: InvariantId, message: string) {
    super(message)
    this.rule = rule
  }
}

/** Report a broken rule (a function declaration, so TypeScript narrows after a call). */
export function fail(rule: InvariantId, message: string): never {
  throw new AuditFailure(rule, message)
}

export const q = (id: string): string => `"${id}"`

export const plural = (n: number, word: string): string => `${n} ${word}${n === 1 ? "" : "s"}`

export const label = (p: Presence): string => presenceLabel(p)

/** A command in one line, for messages ("AcceptOffer by "a1" (offer 3)"). */
export const describeCommand = (c: Command | undefined): string => {
  if (c === undefined) return "no command"
  const parts: Array<string> = []
  if ("agentId" in c) parts.push(`by ${q(c.agentId)}`)
  if ("chatId" in c) parts.push(`chat ${q(c.chatId)}`)
  if ("offerId" in c) parts.push(`offer ${c.offerId}`)
  if (c._tag === "TimerFired") parts.push(JSON.stringify(c.timer))
  return parts.length === 0 ? c._tag : `${c._tag} ${parts.join(", ")}`
}
