/**
 * What leaves the engine besides events: timers to start or cancel, and notifications for the
 * parties concerned. `collectOutputs` derives them from one event and the state just before it,
 * so hosts (simulator kernel, live server) never re-derive routing facts themselves.
 */
import { Schema } from "effect"
import type { Event } from "./events.ts"
import { Event as EventSchema } from "./events.ts"
import { AgentId, ChatId } from "./ids.ts"
import type { ChatState, EngineState } from "./state.ts"
import { TimerKey } from "./timers.ts"

export const Recipient = Schema.TaggedUnion({
  Agent: { agentId: AgentId },
  Customer: { chatId: ChatId }
})
export type Recipient = typeof Recipient.Type

/** What an agent's incoming-request popover shows, sent with the `OfferMade` notification. */
export const OfferView = Schema.Struct({
  customerName: Schema.String,
  queueName: Schema.String,
  agentName: Schema.String,
  /** The chat's messages so far (customer, agents, system). */
  thread: Schema.Array(EventSchema.cases.MessageSent),
  /** When the chat was received: the desktop's timer counts from here. */
  receivedAtMs: Schema.Int,
  /** The date of the offer. */
  offeredAtMs: Schema.Int,
  proactive: Schema.Boolean
})
export type OfferView = typeof OfferView.Type

export const Output = Schema.TaggedUnion({
  StartTimer: { timer: TimerKey, atMs: Schema.Int },
  CancelTimer: { timer: TimerKey },
  Notify: { party: Recipient, message: EventSchema, offer: Schema.optionalKey(OfferView) }
})
export type Output = typeof Output.Type

/** The thread of a chat with no message yet (shared: an offer view is never written to). */
const NO_MESSAGES: OfferView["thread"] = []

const toAgent = (out: Array<Output>, agentId: string, message: Event): void => {
  out.push({ _tag: "Notify", party: { _tag: "Agent", agentId }, message })
}
const toCustomer = (out: Array<Output>, chatId: string, message: Event): void => {
  out.push({ _tag: "Notify", party: { _tag: "Customer", chatId }, message })
}
/** The customer and every agent in the conversation. */
const toChat = (out: Array<Output>, chat: ChatState | undefined, message: Event & { chatId: string }): void => {
  toCustomer(out, message.chatId, message)
  if (chat?.owner !== undefined) toAgent(out, chat.owner, message)
  if (chat?.participant !== undefined) toAgent(out, chat.participant, message)
}

const cancelQueueTimers = (out: Array<Output>, chat: ChatState, patience: boolean): void => {
  if (chat.maxWaitDeadlineMs !== undefined) {
    out.push({ _tag: "CancelTimer", timer: { _tag: "MaxWait", chatId: chat.id, segment: chat.segment } })
  }
  if (patience && chat.patienceDeadlineMs !== undefined) {
    out.push({ _tag: "CancelTimer", timer: { _tag: "Patience", chatId: chat.id } })
  }
}

/** Append the outputs of `e`; `state` is the state before `e` is applied. */
export const collectOutputs = (state: EngineState, e: Event, out: Array<Output>): void => {
  switch (e._tag) {
    case "AgentLoggedIn":
    case "PresenceChanged":
      return toAgent(out, e.agentId, e)
    case "WrapUpSubmitted":
      if (!e.auto && state.config.autoWrapUpMs !== undefined) {
        out.push({ _tag: "CancelTimer", timer: { _tag: "AutoWrapUp", agentId: e.agentId, chatId: e.chatId } })
      }
      return toAgent(out, e.agentId, e)
    case "AgentLoggedOut":
    case "AgentReconnected":
      out.push({ _tag: "CancelTimer", timer: { _tag: "DisconnectGrace", agentId: e.agentId } })
      return toAgent(out, e.agentId, e)
    case "AgentDisconnected":
      out.push({ _tag: "StartTimer", timer: { _tag: "DisconnectGrace", agentId: e.agentId }, atMs: e.graceDeadlineMs })
      return
    case "ChatArrived":
      if (e.patienceDeadlineMs !== undefined) {
        out.push({ _tag: "StartTimer", timer: { _tag: "Patience", chatId: e.chatId }, atMs: e.patienceDeadlineMs })
      }
      return
    case "ChatQueued": {
      const chat = state.chats.get(e.chatId)
      if (chat !== undefined && chat.segment > 0) cancelQueueTimers(out, chat, false)
      if (e.maxWaitDeadlineMs !== undefined) {
        const timer: TimerKey = { _tag: "MaxWait", chatId: e.chatId, segment: e.segment }
        out.push({ _tag: "StartTimer", timer, atMs: e.maxWaitDeadlineMs })
      }
      return toCustomer(out, e.chatId, e)
    }
    case "OfferMade": {
      out.push({ _tag: "StartTimer", timer: { _tag: "OfferDeadline", offerId: e.offerId }, atMs: e.deadlineMs })
      const chat = state.chats.get(e.chatId)!
      const offer: OfferView = {
        customerName: chat.customerName,
        queueName: state.queues.get(e.queueId)!.config.name,
        agentName: state.agents.get(e.agentId)!.config.name,
        thread: chat.thread.length === 0 ? NO_MESSAGES : chat.thread.slice(),
        receivedAtMs: chat.arrivedAtMs,
        offeredAtMs: e.atMs,
        proactive: chat.proactive
      }
      out.push({ _tag: "Notify", party: { _tag: "Agent", agentId: e.agentId }, message: e, offer })
      return
    }
    case "OfferAccepted": {
      out.push({ _tag: "CancelTimer", timer: { _tag: "OfferDeadline", offerId: e.offerId } })
      const chat = state.chats.get(e.chatId)
      if (e.kind === "route" && chat !== undefined) cancelQueueTimers(out, chat, true)
      toAgent(out, e.agentId, e)
      return e.kind === "conference" ? undefined : toCustomer(out, e.chatId, e)
    }
    case "OfferDeclined":
    case "OfferCancelled":
      out.push({ _tag: "CancelTimer", timer: { _tag: "OfferDeadline", offerId: e.offerId } })
      return toAgent(out, e.agentId, e)
    case "OfferExpired":
      return toAgent(out, e.agentId, e)
    case "WrapUpStarted":
      if (e.autoDeadlineMs !== undefined) {
        const timer: TimerKey = { _tag: "AutoWrapUp", agentId: e.agentId, chatId: e.chatId }
        out.push({ _tag: "StartTimer", timer, atMs: e.autoDeadlineMs })
      }
      return toAgent(out, e.agentId, e)
    case "TransferRequested":
    case "ConferenceEnded":
    case "MessageSent":
    case "ChatEnded":
      return toChat(out, state.chats.get(e.chatId), e)
    case "ChatClosed": {
      const chat = state.chats.get(e.chatId)
      if (chat !== undefined) cancelQueueTimers(out, chat, true)
      return toCustomer(out, e.chatId, e)
    }
    case "CommandRejected":
      if (e.agentId !== undefined) return toAgent(out, e.agentId, e)
      if (e.chatId !== undefined) return toCustomer(out, e.chatId, e)
      return
  }
}
