/**
 * What leaves the engine besides events: timers to start or cancel, and notifications for the
 * parties concerned. `collectOutputs` derives them from one event and the state just before it,
 * so hosts (simulator kernel, live server) never re-derive routing facts themselves. It writes
 * them to an `OutputSink` as calls, not records (the engine's sink is a reused buffer delivered
 * to the host's ports after the step, core/output-buffer.ts); `Output` is their form as data, for
 * hosts and tests that record them.
 */
import * as Schema from "effect/Schema"
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

/** Where outputs go, one call each, in order (an `Output` per call, as data). */
export interface OutputSink {
  readonly startTimer: (timer: TimerKey, atMs: number) => void
  readonly cancelTimer: (timer: TimerKey) => void
  /** `offer`: what the agent's popover shows, with an `OfferMade`. */
  readonly toAgent: (agentId: string, message: Event, offer?: OfferView) => void
  readonly toCustomer: (chatId: string, message: Event) => void
}

export type Notify = Extract<Output, { _tag: "Notify" }>

/** A notification for an agent, as data. */
export const agentNote = (agentId: string, message: Event, offer?: OfferView): Notify => {
  const party: Recipient = { _tag: "Agent", agentId }
  return offer === undefined ? { _tag: "Notify", party, message } : { _tag: "Notify", party, message, offer }
}

/** A notification for a chat's customer, as data. */
export const customerNote = (chatId: string, message: Event): Notify => ({
  _tag: "Notify",
  party: { _tag: "Customer", chatId },
  message
})

/** A sink that records each output as data, in order (tests, hosts that keep them). */
export const recordingSink = (out: Array<Output>): OutputSink => ({
  startTimer: (timer, atMs) => void out.push({ _tag: "StartTimer", timer, atMs }),
  cancelTimer: (timer) => void out.push({ _tag: "CancelTimer", timer }),
  toAgent: (agentId, message, offer) => void out.push(agentNote(agentId, message, offer)),
  toCustomer: (chatId, message) => void out.push(customerNote(chatId, message))
})

/** The thread of a chat with no message yet (shared: an offer view is never written to). */
const NO_MESSAGES: OfferView["thread"] = []

/** The customer and every agent in the conversation. */
const toChat = (out: OutputSink, chat: ChatState | undefined, message: Event & { chatId: string }): void => {
  out.toCustomer(message.chatId, message)
  if (chat?.owner !== undefined) out.toAgent(chat.owner, message)
  if (chat?.participant !== undefined) out.toAgent(chat.participant, message)
}

const cancelQueueTimers = (out: OutputSink, chat: ChatState, patience: boolean): void => {
  if (chat.maxWaitDeadlineMs !== undefined) out.cancelTimer({ _tag: "MaxWait", chatId: chat.id, segment: chat.segment })
  if (patience && chat.patienceDeadlineMs !== undefined) out.cancelTimer({ _tag: "Patience", chatId: chat.id })
}

/** Send the outputs of `e` to `out`; `state` is the state before `e` is applied. */
export const collectOutputs = (state: EngineState, e: Event, out: OutputSink): void => {
  switch (e._tag) {
    case "AgentLoggedIn":
    case "PresenceChanged":
      return out.toAgent(e.agentId, e)
    case "WrapUpSubmitted":
      if (!e.auto && state.config.autoWrapUpMs !== undefined)
        out.cancelTimer({ _tag: "AutoWrapUp", agentId: e.agentId, chatId: e.chatId })
      return out.toAgent(e.agentId, e)
    case "AgentLoggedOut":
    case "AgentReconnected":
      out.cancelTimer({ _tag: "DisconnectGrace", agentId: e.agentId })
      return out.toAgent(e.agentId, e)
    case "AgentDisconnected":
      out.startTimer({ _tag: "DisconnectGrace", agentId: e.agentId }, e.graceDeadlineMs)
      return
    case "ChatArrived":
      if (e.patienceDeadlineMs !== undefined)
        out.startTimer({ _tag: "Patience", chatId: e.chatId }, e.patienceDeadlineMs)
      return
    case "ChatQueued": {
      const chat = state.chats.get(e.chatId)
      if (chat !== undefined && chat.segment > 0) cancelQueueTimers(out, chat, false)
      if (e.maxWaitDeadlineMs !== undefined)
        out.startTimer({ _tag: "MaxWait", chatId: e.chatId, segment: e.segment }, e.maxWaitDeadlineMs)
      return out.toCustomer(e.chatId, e)
    }
    case "OfferMade": {
      out.startTimer({ _tag: "OfferDeadline", offerId: e.offerId }, e.deadlineMs)
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
      out.toAgent(e.agentId, e, offer)
      return
    }
    case "OfferAccepted": {
      out.cancelTimer({ _tag: "OfferDeadline", offerId: e.offerId })
      const chat = state.chats.get(e.chatId)
      if (e.kind === "route" && chat !== undefined) cancelQueueTimers(out, chat, true)
      out.toAgent(e.agentId, e)
      return e.kind === "conference" ? undefined : out.toCustomer(e.chatId, e)
    }
    case "OfferDeclined":
    case "OfferCancelled":
      out.cancelTimer({ _tag: "OfferDeadline", offerId: e.offerId })
      return out.toAgent(e.agentId, e)
    case "OfferExpired":
      return out.toAgent(e.agentId, e)
    case "WrapUpStarted":
      if (e.autoDeadlineMs !== undefined)
        out.startTimer({ _tag: "AutoWrapUp", agentId: e.agentId, chatId: e.chatId }, e.autoDeadlineMs)
      return out.toAgent(e.agentId, e)
    case "TransferRequested":
    case "ConferenceEnded":
    case "MessageSent":
    case "ChatEnded":
      return toChat(out, state.chats.get(e.chatId), e)
    case "ChatClosed": {
      const chat = state.chats.get(e.chatId)
      if (chat !== undefined) cancelQueueTimers(out, chat, true)
      return out.toCustomer(e.chatId, e)
    }
    case "CommandRejected":
      if (e.agentId !== undefined) return out.toAgent(e.agentId, e)
      if (e.chatId !== undefined) return out.toCustomer(e.chatId, e)
      return
  }
}
