/**
 * Engine inputs: everything a customer, an agent or a timer can ask of the engine.
 * Each is a tagged struct with an Effect Schema, so traces and WebSocket frames decode to it.
 * Commands name their actor (agentId or the chat's customer); the engine re-checks every claim.
 */
import * as Schema from "effect/Schema"
import { AgentId, ChatId, OfferId, QueueId } from "./ids.ts"
import { TimerKey } from "./timers.ts"

export const Command = Schema.TaggedUnion({
  // presence
  Login: { agentId: AgentId },
  Logout: { agentId: AgentId },
  GoAvailable: { agentId: AgentId },
  GoIdle: { agentId: AgentId, code: Schema.String },
  AgentDisconnect: { agentId: AgentId },
  AgentReconnect: { agentId: AgentId },
  // customers
  StartChat: {
    chatId: ChatId,
    queueId: QueueId,
    customerName: Schema.String,
    /** Optional stable customer identity: at most one open chat per customer. */
    customerId: Schema.optionalKey(Schema.NonEmptyString),
    proactive: Schema.Boolean,
    /** Chat priority within its queue (higher first); default 0. */
    priority: Schema.optionalKey(Schema.Int),
    /** Time from arrival after which an unanswered customer abandons; absent: never. */
    patienceMs: Schema.optionalKey(Schema.Int.check(Schema.isGreaterThanOrEqualTo(0)))
  },
  CustomerLeave: { chatId: ChatId },
  CustomerMessage: { chatId: ChatId, text: Schema.String },
  // offers
  AcceptOffer: { agentId: AgentId, offerId: OfferId },
  DeclineOffer: { agentId: AgentId, offerId: OfferId },
  // an accepted chat
  AgentMessage: { agentId: AgentId, chatId: ChatId, text: Schema.String },
  AgentTemplate: {
    agentId: AgentId,
    chatId: ChatId,
    templateId: Schema.String,
    params: Schema.Record(Schema.String, Schema.String)
  },
  TransferToAgent: { agentId: AgentId, chatId: ChatId, targetAgentId: AgentId },
  TransferToQueue: { agentId: AgentId, chatId: ChatId, queueId: QueueId },
  RequestConference: { agentId: AgentId, chatId: ChatId, targetAgentId: AgentId },
  EndConference: { agentId: AgentId, chatId: ChatId },
  EndChat: { agentId: AgentId, chatId: ChatId },
  SubmitWrapUp: { agentId: AgentId, chatId: ChatId, reason: Schema.String },
  // time
  TimerFired: { timer: TimerKey }
})
export type Command = typeof Command.Type
export type CommandTag = Command["_tag"]
export type CommandOf<T extends CommandTag> = Extract<Command, { readonly _tag: T }>
