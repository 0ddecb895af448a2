/**
 * Engine events: the facts `decide` produces and `evolve` applies. Every event carries `atMs`,
 * the engine time at which it happened, so a stream of events is self-describing for traces,
 * metrics and the auditor. A rejected command yields exactly one `CommandRejected` and nothing else.
 */
import { Schema } from "effect"
import { Presence } from "./presence.ts"

const Id = Schema.NonEmptyString
const Ms = Schema.Int

export const Party = Schema.TaggedUnion({
  Customer: {},
  Agent: { agentId: Id },
  System: {}
})
export type Party = typeof Party.Type

export const OfferKind = Schema.Literals(["route", "transfer", "conference"])
export type OfferKind = typeof OfferKind.Type

export const QueueReason = Schema.Literals(["arrival", "transfer", "overflow", "transfer-not-accepted", "disconnect"])
export type QueueReason = typeof QueueReason.Type

export const CancelReason = Schema.Literals(["abandoned", "chat-ended", "disconnect"])
export type CancelReason = typeof CancelReason.Type

export const Outcome = Schema.Literals(["completed", "abandoned", "dropped", "expired"])
export type Outcome = typeof Outcome.Type

export const PresenceCause = Schema.Literals(["agent", "offer-expired", "declined"])
export type PresenceCause = typeof PresenceCause.Type

export const TransferTarget = Schema.TaggedUnion({
  ToAgent: { agentId: Id },
  ToQueue: { queueId: Id }
})
export type TransferTarget = typeof TransferTarget.Type

const offer = { offerId: Schema.Int, kind: OfferKind, chatId: Id, agentId: Id, atMs: Ms }

export const Event = Schema.TaggedUnion({
  AgentLoggedIn: { agentId: Id, atMs: Ms },
  AgentLoggedOut: { agentId: Id, cause: Schema.Literals(["agent", "disconnect"]), atMs: Ms },
  PresenceChanged: { agentId: Id, presence: Presence, cause: PresenceCause, atMs: Ms },
  AgentDisconnected: { agentId: Id, graceDeadlineMs: Ms, atMs: Ms },
  AgentReconnected: { agentId: Id, atMs: Ms },
  ChatArrived: {
    chatId: Id,
    queueId: Id,
    customerName: Schema.String,
    customerId: Schema.optionalKey(Id),
    proactive: Schema.Boolean,
    priority: Schema.Int,
    patienceDeadlineMs: Schema.optionalKey(Ms),
    atMs: Ms
  },
  /** The chat enters a queue: a new queue segment with its own visit (exclusions reset). */
  ChatQueued: {
    chatId: Id,
    queueId: Id,
    segment: Schema.Int,
    reason: QueueReason,
    /** Ordering time: the arrival for `arrival`, kept across a return from an offer. */
    enqueuedAtMs: Ms,
    /** Requeued ahead of ordinary waiting chats (agent disconnect). */
    front: Schema.Boolean,
    maxWaitDeadlineMs: Schema.optionalKey(Ms),
    /** Agents barred from this visit from the start (a transfer target that did not accept). */
    excludedAgentIds: Schema.optionalKey(Schema.Array(Id)),
    atMs: Ms
  },
  OfferMade: { ...offer, queueId: Id, fromAgentId: Schema.optionalKey(Id), deadlineMs: Ms },
  OfferAccepted: offer,
  OfferDeclined: offer,
  /** The offer reached its deadline: the agent goes to RONA. */
  OfferExpired: offer,
  OfferCancelled: { ...offer, reason: CancelReason },
  TransferRequested: { chatId: Id, fromAgentId: Id, target: TransferTarget, atMs: Ms },
  ConferenceEnded: { chatId: Id, agentId: Id, byAgentId: Id, atMs: Ms },
  MessageSent: {
    chatId: Id,
    seq: Schema.Int,
    sender: Party,
    text: Schema.String,
    templateId: Schema.optionalKey(Schema.String),
    atMs: Ms
  },
  /** The conversation is over (agent End or customer left after accept); handlers wrap up next. */
  ChatEnded: { chatId: Id, by: Party, atMs: Ms },
  WrapUpStarted: { agentId: Id, chatId: Id, autoDeadlineMs: Schema.optionalKey(Ms), atMs: Ms },
  WrapUpSubmitted: { agentId: Id, chatId: Id, reason: Schema.String, auto: Schema.Boolean, atMs: Ms },
  ChatClosed: { chatId: Id, outcome: Outcome, answered: Schema.Boolean, atMs: Ms },
  CommandRejected: {
    command: Schema.String,
    code: Schema.String,
    message: Schema.String,
    agentId: Schema.optionalKey(Schema.String),
    chatId: Schema.optionalKey(Schema.String),
    atMs: Ms
  }
})
export type Event = typeof Event.Type
export type EventTag = Event["_tag"]
export type EventOf<T extends EventTag> = Extract<Event, { readonly _tag: T }>
