/**
 * Engine events: the facts `decide` produces and `evolve` applies. Every event carries `atMs`,
 * the engine time at which it happened, so a stream of events is self-describing for traces,
 * metrics and the auditor. A rejected command yields exactly one `CommandRejected` and nothing else.
 */
import * as Schema from "effect/Schema"
import { AgentId, ChatId, OfferId, QueueId } from "./ids.ts"
import { Presence } from "./presence.ts"

const Ms = Schema.Int

export const Party = Schema.TaggedUnion({
  Customer: {},
  Agent: { agentId: AgentId },
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
  ToAgent: { agentId: AgentId },
  ToQueue: { queueId: QueueId }
})
export type TransferTarget = typeof TransferTarget.Type

const offer = { offerId: OfferId, kind: OfferKind, chatId: ChatId, agentId: AgentId, atMs: Ms }

export const Event = Schema.TaggedUnion({
  AgentLoggedIn: { agentId: AgentId, atMs: Ms },
  AgentLoggedOut: { agentId: AgentId, cause: Schema.Literals(["agent", "disconnect"]), atMs: Ms },
  PresenceChanged: { agentId: AgentId, presence: Presence, cause: PresenceCause, atMs: Ms },
  AgentDisconnected: { agentId: AgentId, graceDeadlineMs: Ms, atMs: Ms },
  AgentReconnected: { agentId: AgentId, atMs: Ms },
  ChatArrived: {
    chatId: ChatId,
    queueId: QueueId,
    customerName: Schema.String,
    customerId: Schema.optionalKey(Schema.NonEmptyString),
    proactive: Schema.Boolean,
    priority: Schema.Int,
    patienceDeadlineMs: Schema.optionalKey(Ms),
    atMs: Ms
  },
  /** The chat enters a queue: a new queue segment with its own visit (exclusions reset). */
  ChatQueued: {
    chatId: ChatId,
    queueId: QueueId,
    segment: Schema.Int,
    reason: QueueReason,
    /** Ordering time: the arrival for `arrival`, kept across a return from an offer. */
    enqueuedAtMs: Ms,
    /** Requeued ahead of ordinary waiting chats (agent disconnect). */
    front: Schema.Boolean,
    maxWaitDeadlineMs: Schema.optionalKey(Ms),
    /** Agents barred from this visit from the start (a transfer target that did not accept). */
    excludedAgentIds: Schema.optionalKey(Schema.Array(AgentId)),
    atMs: Ms
  },
  OfferMade: { ...offer, queueId: QueueId, fromAgentId: Schema.optionalKey(AgentId), deadlineMs: Ms },
  OfferAccepted: offer,
  OfferDeclined: offer,
  /** The offer reached its deadline: the agent goes to RONA. */
  OfferExpired: offer,
  OfferCancelled: { ...offer, reason: CancelReason },
  TransferRequested: { chatId: ChatId, fromAgentId: AgentId, target: TransferTarget, atMs: Ms },
  ConferenceEnded: { chatId: ChatId, agentId: AgentId, byAgentId: AgentId, atMs: Ms },
  MessageSent: {
    chatId: ChatId,
    seq: Schema.Int,
    sender: Party,
    text: Schema.String,
    templateId: Schema.optionalKey(Schema.String),
    atMs: Ms
  },
  /** The conversation is over (agent End or customer left after accept); handlers wrap up next. */
  ChatEnded: { chatId: ChatId, by: Party, atMs: Ms },
  WrapUpStarted: { agentId: AgentId, chatId: ChatId, autoDeadlineMs: Schema.optionalKey(Ms), atMs: Ms },
  WrapUpSubmitted: { agentId: AgentId, chatId: ChatId, reason: Schema.String, auto: Schema.Boolean, atMs: Ms },
  ChatClosed: { chatId: ChatId, outcome: Outcome, answered: Schema.Boolean, atMs: Ms },
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
