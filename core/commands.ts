/**
 * Engine inputs: everything a customer, an agent or a timer can ask of the engine.
 * Each is a tagged struct with an Effect Schema, so traces and WebSocket frames decode to it.
 * Commands name their actor (agentId or the chat's customer); the engine re-checks every claim.
 */
import { Schema } from "effect"
import { TimerKey } from "./timers.ts"

const Id = Schema.NonEmptyString
const OfferId = Schema.Int

export const Command = Schema.TaggedUnion({
  // presence
  Login: { agentId: Id },
  Logout: { agentId: Id },
  GoAvailable: { agentId: Id },
  GoIdle: { agentId: Id, code: Schema.String },
  AgentDisconnect: { agentId: Id },
  AgentReconnect: { agentId: Id },
  // customers
  StartChat: {
    chatId: Id,
    queueId: Id,
    customerName: Schema.String,
    /** Optional stable customer identity: at most one open chat per customer. */
    customerId: Schema.optionalKey(Id),
    proactive: Schema.Boolean,
    /** Chat priority within its queue (higher first); default 0. */
    priority: Schema.optionalKey(Schema.Int),
    /** Time from arrival after which an unanswered customer abandons; absent: never. */
    patienceMs: Schema.optionalKey(Schema.Int.check(Schema.isGreaterThanOrEqualTo(0)))
  },
  CustomerLeave: { chatId: Id },
  CustomerMessage: { chatId: Id, text: Schema.String },
  // offers
  AcceptOffer: { agentId: Id, offerId: OfferId },
  DeclineOffer: { agentId: Id, offerId: OfferId },
  // an accepted chat
  AgentMessage: { agentId: Id, chatId: Id, text: Schema.String },
  AgentTemplate: {
    agentId: Id,
    chatId: Id,
    templateId: Schema.String,
    params: Schema.Record(Schema.String, Schema.String)
  },
  TransferToAgent: { agentId: Id, chatId: Id, targetAgentId: Id },
  TransferToQueue: { agentId: Id, chatId: Id, queueId: Id },
  RequestConference: { agentId: Id, chatId: Id, targetAgentId: Id },
  EndConference: { agentId: Id, chatId: Id },
  EndChat: { agentId: Id, chatId: Id },
  SubmitWrapUp: { agentId: Id, chatId: Id, reason: Schema.String },
  // time
  TimerFired: { timer: TimerKey }
})
export type Command = typeof Command.Type
export type CommandTag = Command["_tag"]
export type CommandOf<T extends CommandTag> = Extract<Command, { readonly _tag: T }>

/** The agent a command comes from, if an agent issued it (timers and customers have none). */
export const commandAgent = (c: Command): string | undefined => "agentId" in c ? c.agentId : undefined
