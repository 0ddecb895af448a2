/**
 * Identifier schemas. Agents, chats and queues are named by the host (scenario, config, live
 * server) with non-empty strings; offers are numbered by the engine from 1 upwards, never reused.
 * Also the one order on ids that breaks every tie (agents, chats): plain code-unit comparison.
 */
import * as Schema from "effect/Schema"

export const AgentId = Schema.NonEmptyString.annotate({ title: "AgentId", description: "an agent, as configured" })
export const ChatId = Schema.NonEmptyString.annotate({ title: "ChatId", description: "a chat, named by its host" })
export const QueueId = Schema.NonEmptyString.annotate({ title: "QueueId", description: "a queue, as configured" })
export const OfferId = Schema.Int.check(Schema.isGreaterThanOrEqualTo(1)).annotate({
  title: "OfferId",
  description: "an offer, numbered by the engine from 1"
})

/** The one id order used for every tie: plain code-unit comparison (`"a10"` before `"a2"`). */
export const compareIds = (a: string, b: string): number => (a < b ? -1 : a > b ? 1 : 0)
