/**
 * `evolve(state, event)`: the only writer of engine state. Applies one fact, never refuses, never
 * decides. Besides the state proper it notes routing work (chats that entered a waiting line,
 * agents whose free capacity appeared) for the routing pass that runs after every command.
 */
import { LOGIN_IDLE_CODE } from "./config.ts"
import type { Event, EventOf } from "./events.ts"
import { idle, LOGGED_OUT } from "./presence.ts"
import { SmallSet } from "./small-set.ts"
import type { AgentState, ChatState, EngineState, OfferState } from "./state.ts"
import { EXPIRED_OFFERS_PER_AGENT, isFree } from "./state.ts"

const EMPTY_EXCLUSIONS: ReadonlyArray<string> = []

/** Re-derive the agent's membership of its queues' free sets. */
const refreshFree = (agent: AgentState): boolean => {
  const free = isFree(agent)
  for (const queue of agent.queues) {
    if (free) queue.freeAgents.upsert(agent)
    else queue.freeAgents.delete(agent)
  }
  return free
}

/** As refreshFree, and hand a newly free agent to the routing pass. */
const refreshAndTouch = (state: EngineState, agent: AgentState): void => {
  if (refreshFree(agent)) state.touchedAgents.push(agent)
}

const releaseSlot = (state: EngineState, agent: AgentState, atMs: number): void => {
  agent.usedSlots--
  agent.availableSinceMs = atMs
  refreshAndTouch(state, agent)
}

const putInLine = (state: EngineState, chat: ChatState): void => {
  chat.status = "Queued"
  state.queues.get(chat.queueId)!.waiting.insert(chat)
  state.touchedChats.push(chat)
}

const takeFromLine = (state: EngineState, chat: ChatState): void => {
  if (chat.status === "Queued") state.queues.get(chat.queueId)!.waiting.remove(chat)
}

const onQueued = (state: EngineState, e: EventOf<"ChatQueued">, excluded: ReadonlyArray<string>): void => {
  const chat = state.chats.get(e.chatId)!
  takeFromLine(state, chat)
  chat.queueId = e.queueId
  chat.segment = e.segment
  chat.front = e.front
  chat.enqueuedAtMs = e.enqueuedAtMs
  chat.maxWaitDeadlineMs = e.maxWaitDeadlineMs
  // a new visit starts with the given exclusions; the chat's own set is reused (nobody else holds it)
  chat.excluded.clear()
  for (const id of excluded) chat.excluded.add(id)
  chat.offerId = undefined
  putInLine(state, chat)
}

const onArrived = (state: EngineState, e: EventOf<"ChatArrived">): void => {
  state.chats.set(e.chatId, {
    id: e.chatId,
    customerName: e.customerName,
    customerId: e.customerId,
    proactive: e.proactive,
    priority: e.priority,
    arrivedAtMs: e.atMs,
    status: "Transferring",
    queueId: e.queueId,
    segment: 0,
    front: false,
    enqueuedAtMs: e.atMs,
    maxWaitDeadlineMs: undefined,
    patienceDeadlineMs: e.patienceDeadlineMs,
    excluded: new SmallSet(),
    offerId: undefined,
    owner: undefined,
    participant: undefined,
    conferenceOfferId: undefined,
    answered: false,
    nextSeq: 1,
    thread: []
  })
  if (e.customerId !== undefined) state.openChatByCustomer.set(e.customerId, e.chatId)
}

const onOfferMade = (state: EngineState, e: EventOf<"OfferMade">): void => {
  const offer: OfferState = {
    id: e.offerId,
    kind: e.kind,
    chatId: e.chatId,
    agentId: e.agentId,
    queueId: e.queueId,
    fromAgentId: e.fromAgentId,
    offeredAtMs: e.atMs,
    deadlineMs: e.deadlineMs
  }
  state.offers.set(e.offerId, offer)
  if (e.offerId >= state.nextOfferId) state.nextOfferId = e.offerId + 1
  const agent = state.agents.get(e.agentId)!
  agent.offers.add(e.offerId)
  agent.usedSlots++
  refreshFree(agent)
  const chat = state.chats.get(e.chatId)!
  if (e.kind === "conference") chat.conferenceOfferId = e.offerId
  else {
    takeFromLine(state, chat)
    chat.offerId = e.offerId
    if (e.kind === "route") {
      chat.status = "Offered"
      state.queues.get(chat.queueId)!.lastOffered = agent
    }
  }
}

const onAccepted = (state: EngineState, e: EventOf<"OfferAccepted">): void => {
  state.offers.delete(e.offerId)
  const agent = state.agents.get(e.agentId)!
  agent.offers.delete(e.offerId)
  agent.chats.add(e.chatId)
  const chat = state.chats.get(e.chatId)!
  if (e.kind === "conference") {
    chat.conferenceOfferId = undefined
    chat.participant = e.agentId
    return
  }
  chat.offerId = undefined
  chat.owner = e.agentId
  chat.status = "Active"
  chat.answered = true
  chat.patienceDeadlineMs = undefined
  chat.maxWaitDeadlineMs = undefined
}

/** Remember the agent's expired offer past its chat's close; forget its oldest beyond the bound. */
const rememberExpired = (state: EngineState, agent: AgentState, offer: OfferState): void => {
  state.expiredOffers.set(offer.id, offer)
  agent.expiredOfferIds.push(offer.id)
  if (agent.expiredOfferIds.length > EXPIRED_OFFERS_PER_AGENT)
    state.expiredOffers.delete(agent.expiredOfferIds.shift()!)
}

/** An offer ended without accept (declined, expired, cancelled): free the slot, settle the chat side. */
const onOfferDropped = (state: EngineState, e: EventOf<"OfferDeclined" | "OfferExpired" | "OfferCancelled">) => {
  const offer = state.offers.get(e.offerId)!
  state.offers.delete(e.offerId)
  const agent = state.agents.get(e.agentId)!
  agent.offers.delete(e.offerId)
  releaseSlot(state, agent, e.atMs)
  const chat = state.chats.get(e.chatId)!
  if (e._tag === "OfferExpired") rememberExpired(state, agent, offer)
  if (e.kind === "conference") {
    chat.conferenceOfferId = undefined
    return
  }
  chat.offerId = undefined
  if (e.kind !== "route") return
  if (e._tag === "OfferCancelled") {
    // a dropped link: the same visit, at the front, the agent not barred
    if (e.reason === "disconnect") {
      chat.front = true
      putInLine(state, chat)
    }
    return
  }
  chat.excluded.add(e.agentId)
  putInLine(state, chat)
}

const onWrapUpStarted = (state: EngineState, e: EventOf<"WrapUpStarted">): void => {
  const agent = state.agents.get(e.agentId)!
  agent.chats.delete(e.chatId)
  agent.wrapUps.set(e.chatId, e.autoDeadlineMs)
  const chat = state.chats.get(e.chatId)
  if (chat === undefined) return
  if (chat.owner === e.agentId) chat.owner = undefined
  if (chat.participant === e.agentId) chat.participant = undefined
}

const onClosed = (state: EngineState, e: EventOf<"ChatClosed">): void => {
  const chat = state.chats.get(e.chatId)!
  takeFromLine(state, chat)
  state.chats.delete(e.chatId)
  if (chat.customerId !== undefined) state.openChatByCustomer.delete(chat.customerId)
}

const agentOf = (state: EngineState, id: string): AgentState => state.agents.get(id)!

export const evolve = (state: EngineState, e: Event): void => {
  switch (e._tag) {
    case "AgentLoggedIn": {
      const agent = agentOf(state, e.agentId)
      agent.presence = idle(LOGIN_IDLE_CODE)
      agent.connected = true
      refreshFree(agent)
      return
    }
    case "AgentLoggedOut": {
      const agent = agentOf(state, e.agentId)
      agent.presence = LOGGED_OUT
      agent.connected = true
      agent.graceDeadlineMs = undefined
      refreshFree(agent)
      return
    }
    case "PresenceChanged": {
      const agent = agentOf(state, e.agentId)
      agent.presence = e.presence
      if (e.presence._tag === "Available") agent.availableSinceMs = e.atMs
      return refreshAndTouch(state, agent)
    }
    case "AgentDisconnected":
    case "AgentReconnected": {
      const agent = agentOf(state, e.agentId)
      agent.connected = e._tag === "AgentReconnected"
      agent.graceDeadlineMs = e._tag === "AgentDisconnected" ? e.graceDeadlineMs : undefined
      return refreshAndTouch(state, agent)
    }
    case "ChatArrived":
      return onArrived(state, e)
    case "ChatQueued":
      return onQueued(state, e, e.excludedAgentIds ?? EMPTY_EXCLUSIONS)
    case "OfferMade":
      return onOfferMade(state, e)
    case "OfferAccepted":
      return onAccepted(state, e)
    case "OfferDeclined":
    case "OfferExpired":
    case "OfferCancelled":
      return onOfferDropped(state, e)
    case "TransferRequested": {
      const chat = state.chats.get(e.chatId)!
      chat.status = "Transferring"
      return
    }
    case "ConferenceEnded":
    case "ChatEnded":
    case "CommandRejected":
      return
    case "MessageSent": {
      const chat = state.chats.get(e.chatId)!
      chat.nextSeq = e.seq + 1
      chat.thread.push(e)
      return
    }
    case "WrapUpStarted":
      return onWrapUpStarted(state, e)
    case "WrapUpSubmitted": {
      const agent = agentOf(state, e.agentId)
      agent.wrapUps.delete(e.chatId)
      return releaseSlot(state, agent, e.atMs)
    }
    case "ChatClosed":
      return onClosed(state, e)
  }
}
