/**
 * Engine facts -> server frames, as pure functions of the event, the engine state and the
 * transcripts: the frames each core `Notify` becomes for its recipient, the frames the core does not
 * address (conference requested/joined/ended for the owner, the customer's "agent joined"), and the
 * snapshot frames (offer, chat view, welcome, directory, stats). Invariants: a customer frame never
 * carries agent ids; every frame is addressed only to a party of the chat as of the event; no frame
 * carries a whole thread: offers the last few messages, chat views a page (paging.ts).
 */
import { LOGIN_IDLE_CODE } from "../core/config.ts"
import type { Event, EventOf, Party } from "../core/events.ts"
import type { OfferView, Recipient } from "../core/outputs.ts"
import type { Presence } from "../core/presence.ts"
import type { EngineState, OfferState } from "../core/state.ts"
import type { Windows } from "./paging.ts"
import { latestPage } from "./paging.ts"
import type { ChatView, MessageFrame, OfferFrame, ServerFrame, ServerFrameOf } from "./server-frames.ts"
import type { Transcripts } from "./transcripts.ts"

const agentName = (state: EngineState, agentId: string): string => state.agents.get(agentId)?.config.name ?? agentId
const queueName = (state: EngineState, queueId: string): string => state.queues.get(queueId)?.config.name ?? queueId

const presenceFields = (p: Presence): { presence: Presence["_tag"]; code?: string } =>
  p._tag === "Idle" ? { presence: "Idle", code: p.code } : { presence: p._tag }

const senderName = (p: Party): MessageFrame["sender"] =>
  p._tag === "Customer" ? "customer" : p._tag === "Agent" ? "agent" : "system"

export const messageFrame = (state: EngineState, e: EventOf<"MessageSent">, forAgent: boolean): MessageFrame => ({
  type: "message",
  chatId: e.chatId,
  seq: e.seq,
  sender: senderName(e.sender),
  ...(e.sender._tag === "Agent"
    ? { agentName: agentName(state, e.sender.agentId), ...(forAgent ? { agentId: e.sender.agentId } : {}) }
    : {}),
  text: e.text,
  ...(e.templateId === undefined ? {} : { templateId: e.templateId }),
  atMs: e.atMs
})

const offerFrameOf = (state: EngineState, w: Windows, e: EventOf<"OfferMade">, view: OfferView): OfferFrame => {
  // the thread as of the frame's building (the inputs published together with the offer included)
  const thread = state.chats.get(e.chatId)?.thread ?? view.thread
  const window = latestPage(thread, 0, Number.MAX_SAFE_INTEGER, w.offerMessages, w.offerBytes)
  return {
    type: "offer",
    offerId: e.offerId,
    kind: e.kind,
    chatId: e.chatId,
    queueId: e.queueId,
    queueName: view.queueName,
    customerName: view.customerName,
    agentName: view.agentName,
    thread: window.messages.map((m) => messageFrame(state, m, true)),
    earlierMessages: window.earlier,
    receivedAtMs: view.receivedAtMs,
    offeredAtMs: view.offeredAtMs,
    deadlineMs: e.deadlineMs,
    proactive: view.proactive,
    ...(e.fromAgentId === undefined ? {} : { fromAgentId: e.fromAgentId })
  }
}

/** A pending offer as the agent's popover shows it (welcome after a reconnect). */
export const pendingOfferFrame = (state: EngineState, w: Windows, o: OfferState): OfferFrame | undefined => {
  const chat = state.chats.get(o.chatId)
  if (chat === undefined) return undefined
  const made: EventOf<"OfferMade"> = {
    _tag: "OfferMade",
    offerId: o.id,
    kind: o.kind,
    chatId: o.chatId,
    agentId: o.agentId,
    queueId: o.queueId,
    deadlineMs: o.deadlineMs,
    atMs: o.offeredAtMs,
    ...(o.fromAgentId === undefined ? {} : { fromAgentId: o.fromAgentId })
  }
  return offerFrameOf(state, w, made, {
    customerName: chat.customerName,
    queueName: queueName(state, o.queueId),
    agentName: agentName(state, o.agentId),
    thread: chat.thread,
    receivedAtMs: chat.arrivedAtMs,
    offeredAtMs: o.offeredAtMs,
    proactive: chat.proactive
  })
}

/** A chat as an agent holding it (or wrapping it up) sees it, with the newest page of its messages after `afterSeq`. */
export const chatView = (
  state: EngineState,
  t: Transcripts,
  w: Windows,
  chatId: string,
  agentId: string,
  afterSeq: number
): ChatView | undefined => {
  const record = t.openRecord(chatId)
  if (record === undefined) return undefined
  const chat = state.chats.get(chatId)
  const role = chat?.owner === agentId ? "owner" : chat?.participant === agentId ? "participant" : "wrapUp"
  const page = latestPage(record.messages, afterSeq, Number.MAX_SAFE_INTEGER, w.pageMessages, w.pageBytes)
  const confAgent =
    chat?.participant ??
    (chat?.conferenceOfferId === undefined ? undefined : state.offers.get(chat.conferenceOfferId)?.agentId)
  return {
    chatId,
    role,
    status: chat?.status ?? record.status,
    queueId: record.queueId,
    queueName: queueName(state, record.queueId),
    customerName: record.customerName,
    proactive: record.proactive,
    receivedAtMs: record.receivedAtMs,
    conference:
      confAgent === undefined
        ? null
        : { agentId: confAgent, agentName: agentName(state, confAgent), joined: chat?.participant === confAgent },
    messages: page.messages.map((m) => messageFrame(state, m, true)),
    earlierMessages: page.earlier
  }
}

const wrapUpStarted = (
  state: EngineState,
  chatId: string,
  atMs: number,
  autoDeadlineMs?: number
): ServerFrameOf<"wrapUpStarted"> => ({
  type: "wrapUpStarted",
  chatId,
  reasons: state.config.wrapUpReasons,
  defaultReason: state.config.defaultWrapUpReason,
  ...(autoDeadlineMs === undefined ? {} : { autoDeadlineMs }),
  atMs
})

export const wrapUpView = (state: EngineState, chatId: string) => ({
  chatId,
  reasons: state.config.wrapUpReasons,
  defaultReason: state.config.defaultWrapUpReason
})

/** The frames one core notification becomes for its recipient. */
export const notifyFrames = (
  state: EngineState,
  t: Transcripts,
  w: Windows,
  party: Recipient,
  e: Event,
  offer: OfferView | undefined
): ReadonlyArray<ServerFrame> => {
  const forAgent = party._tag === "Agent"
  switch (e._tag) {
    case "AgentLoggedIn":
      return [{ type: "presence", presence: "Idle", code: LOGIN_IDLE_CODE, cause: "login", atMs: e.atMs }]
    case "PresenceChanged":
      return [{ type: "presence", ...presenceFields(e.presence), cause: e.cause, atMs: e.atMs }]
    case "AgentLoggedOut":
      return [
        { type: "presence", presence: "LoggedOut", cause: e.cause === "agent" ? "logout" : "disconnect", atMs: e.atMs }
      ]
    case "WrapUpSubmitted":
      return [{ type: "wrapUpDone", chatId: e.chatId, reason: e.reason, auto: e.auto, atMs: e.atMs }]
    case "WrapUpStarted":
      return [wrapUpStarted(state, e.chatId, e.atMs, e.autoDeadlineMs)]
    case "ChatQueued":
      return [
        {
          type: "queued",
          chatId: e.chatId,
          queueId: e.queueId,
          queueName: queueName(state, e.queueId),
          reason: e.reason,
          atMs: e.atMs
        }
      ]
    case "OfferMade":
      return offer === undefined ? [] : [offerFrameOf(state, w, e, offer)]
    case "OfferAccepted": {
      if (!forAgent)
        return [{ type: "agentJoined", chatId: e.chatId, agentName: agentName(state, e.agentId), atMs: e.atMs }]
      const ended: ServerFrame = {
        type: "offerEnded",
        offerId: e.offerId,
        chatId: e.chatId,
        kind: e.kind,
        outcome: "accepted"
      }
      const view = chatView(state, t, w, e.chatId, e.agentId, 0)
      return view === undefined ? [ended] : [ended, { type: "chatAssigned", chat: view }]
    }
    case "OfferDeclined":
      return [{ type: "offerEnded", offerId: e.offerId, chatId: e.chatId, kind: e.kind, outcome: "declined" }]
    case "OfferExpired":
      return [{ type: "offerEnded", offerId: e.offerId, chatId: e.chatId, kind: e.kind, outcome: "expired" }]
    case "OfferCancelled":
      return [
        {
          type: "offerEnded",
          offerId: e.offerId,
          chatId: e.chatId,
          kind: e.kind,
          outcome: "cancelled",
          reason: e.reason
        }
      ]
    case "TransferRequested":
      return [
        {
          type: "transferred",
          chatId: e.chatId,
          fromAgentId: forAgent ? e.fromAgentId : agentName(state, e.fromAgentId),
          ...(e.target._tag === "ToQueue"
            ? { toQueue: e.target.queueId }
            : { toAgent: forAgent ? e.target.agentId : agentName(state, e.target.agentId) }),
          atMs: e.atMs
        }
      ]
    case "ConferenceEnded":
      return forAgent
        ? [{ type: "conferenceEnded", chatId: e.chatId, agentId: e.agentId, reason: "ended", atMs: e.atMs }]
        : []
    case "MessageSent":
      return [messageFrame(state, e, forAgent)]
    case "ChatEnded":
      return [{ type: "chatEnded", chatId: e.chatId, by: senderName(e.by), atMs: e.atMs }]
    case "ChatClosed":
      return [{ type: "chatClosed", chatId: e.chatId, outcome: e.outcome, atMs: e.atMs }]
    case "AgentDisconnected":
    case "AgentReconnected":
    case "ChatArrived":
    case "CommandRejected":
      return []
  }
}

/** Frames the core does not address: the conference handshake for the owner and the customer. */
export const derivedFrames = (state: EngineState, e: Event): ReadonlyArray<readonly [Recipient, ServerFrame]> => {
  if (e._tag === "OfferMade" && e.kind === "conference" && e.fromAgentId !== undefined) {
    return [
      [
        { _tag: "Agent", agentId: e.fromAgentId },
        {
          type: "conferenceRequested",
          chatId: e.chatId,
          agentId: e.agentId,
          agentName: agentName(state, e.agentId),
          offerId: e.offerId,
          deadlineMs: e.deadlineMs
        }
      ]
    ]
  }
  if (
    e._tag !== "OfferAccepted" &&
    e._tag !== "OfferDeclined" &&
    e._tag !== "OfferExpired" &&
    e._tag !== "OfferCancelled"
  )
    return []
  if (e.kind !== "conference") return []
  const owner = state.chats.get(e.chatId)?.owner
  if (e._tag === "OfferAccepted") {
    const joined: ServerFrame = {
      type: "conferenceJoined",
      chatId: e.chatId,
      agentId: e.agentId,
      agentName: agentName(state, e.agentId),
      atMs: e.atMs
    }
    const out: Array<readonly [Recipient, ServerFrame]> = [
      [
        { _tag: "Customer", chatId: e.chatId },
        { ...joined, agentId: agentName(state, e.agentId) }
      ],
      [{ _tag: "Agent", agentId: e.agentId }, joined]
    ]
    if (owner !== undefined) out.push([{ _tag: "Agent", agentId: owner }, joined])
    return out
  }
  if (owner === undefined) return []
  const reason = e._tag === "OfferDeclined" ? "declined" : e._tag === "OfferExpired" ? "expired" : "cancelled"
  return [
    [
      { _tag: "Agent", agentId: owner },
      { type: "conferenceEnded", chatId: e.chatId, agentId: e.agentId, reason, atMs: e.atMs }
    ]
  ]
}

export { agentName, presenceFields, queueName }
