/**
 * The routing pass, run after every command's events are applied. It makes offers until no waiting
 * chat and free eligible agent coexist (work conservation), given they did not before the command.
 * A chat that entered a waiting line goes to the agent its queue's policy picks; an agent whose
 * capacity appeared takes the best chat over every queue it serves. When one command does both
 * (a disconnect grace expiry), offers go out in overall chat rank order, so neither rule is broken.
 */
import type { Event } from "./events.ts"
import { compareChats, pickAgent, pickChat } from "./policies.ts"
import type { AgentState, ChatState, EngineState } from "./state.ts"
import { isFree } from "./state.ts"

type Emit = (e: Event) => void

const offer = (state: EngineState, chat: ChatState, agent: AgentState, nowMs: number): Event => ({
  _tag: "OfferMade",
  offerId: state.nextOfferId,
  kind: "route",
  chatId: chat.id,
  agentId: agent.id,
  queueId: chat.queueId,
  deadlineMs: nowMs + state.config.offerTimeoutMs,
  atMs: nowMs
})

const rankOrder =
  (state: EngineState) =>
  (a: ChatState, b: ChatState): number =>
    compareChats(state.queues.get(a.queueId)!, a, state.queues.get(b.queueId)!, b)

const isWaiting = (state: EngineState, chat: ChatState): boolean =>
  chat.status === "Queued" && state.chats.get(chat.id) === chat

const policyPick = (state: EngineState, chat: ChatState): AgentState | undefined =>
  pickAgent(state, state.queues.get(chat.queueId)!, chat)

const routeChat = (state: EngineState, chat: ChatState, nowMs: number, emit: Emit): void => {
  if (!isWaiting(state, chat)) return
  const agent = policyPick(state, chat)
  if (agent !== undefined) emit(offer(state, chat, agent, nowMs))
}

const routeChats = (state: EngineState, chats: Array<ChatState>, nowMs: number, emit: Emit): void => {
  if (chats.length > 1) chats.sort(rankOrder(state))
  for (const chat of chats) routeChat(state, chat, nowMs, emit)
}

const routeAgent = (state: EngineState, agent: AgentState, nowMs: number, emit: Emit): void => {
  for (let chat = pickChat(agent); chat !== undefined && isFree(agent); chat = pickChat(agent)) {
    emit(offer(state, chat, agent, nowMs))
  }
}

const routeAgents = (state: EngineState, agents: ReadonlyArray<AgentState>, nowMs: number, emit: Emit): void => {
  for (const agent of agents) routeAgent(state, agent, nowMs, emit)
}

/** Both kinds of routing work at once: always serve the best-ranked chat that some agent can take. */
const routeMixed = (
  state: EngineState,
  chats: Array<ChatState>,
  agents: ReadonlyArray<AgentState>,
  nowMs: number,
  emit: Emit
) => {
  const order = rankOrder(state)
  const touched = new Set(chats)
  for (;;) {
    let best: ChatState | undefined
    let bestAgent: AgentState | undefined
    const consider = (chat: ChatState, agent: AgentState | undefined): void => {
      if (agent !== undefined && (best === undefined || order(chat, best) < 0)) {
        best = chat
        bestAgent = agent
      }
    }
    for (const chat of touched) if (isWaiting(state, chat)) consider(chat, policyPick(state, chat))
    for (const agent of agents) {
      const chat = isFree(agent) ? pickChat(agent) : undefined
      // a chat that just entered its line goes to its policy's pick, whoever's capacity surfaced it
      if (chat !== undefined) consider(chat, touched.has(chat) ? policyPick(state, chat) : agent)
    }
    if (best === undefined || bestAgent === undefined) return
    emit(offer(state, best, bestAgent, nowMs))
  }
}

/** Make every routing offer now due; `emit` records and applies each one before the next pick. */
export const route = (state: EngineState, nowMs: number, emit: Emit): void => {
  const { touchedChats, touchedAgents } = state
  if (touchedChats.length === 0 && touchedAgents.length === 0) return
  // the usual command leaves one chat or one agent: skip the copy (a routing offer touches neither)
  if (touchedChats.length === 1 && touchedAgents.length === 0) return routeChat(state, touchedChats.pop()!, nowMs, emit)
  if (touchedAgents.length === 1 && touchedChats.length === 0)
    return routeAgent(state, touchedAgents.pop()!, nowMs, emit)
  const chats = touchedChats.length > 0 ? touchedChats.splice(0) : undefined
  const agents = touchedAgents.length > 0 ? touchedAgents.splice(0) : undefined
  if (chats !== undefined && agents !== undefined) return routeMixed(state, chats, agents, nowMs, emit)
  if (chats !== undefined) routeChats(state, chats, nowMs, emit)
  if (agents !== undefined) routeAgents(state, agents, nowMs, emit)
}
