/**
 * The routing pass, run after every command's events are applied. Chats that entered a waiting line
 * are offered first, best-ranked first, each to the agent its queue's policy picks; then every agent
 * whose capacity appeared takes the best chats it may take until it is full. Afterwards no waiting
 * chat and free eligible agent coexist (work conservation), given they did not before the command.
 */
import type { Event } from "./events.ts"
import { compareChats, pickAgent, pickChat } from "./policies.ts"
import type { AgentState, ChatState, EngineState } from "./state.ts"
import { isFree } from "./state.ts"

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

const byRank = (state: EngineState) => (a: ChatState, b: ChatState): number =>
  compareChats(state.queues.get(a.queueId)!, a, state.queues.get(b.queueId)!, b)

/** Make every routing offer now due; `emit` records and applies each one before the next pick. */
export const route = (state: EngineState, nowMs: number, emit: (e: Event) => void): void => {
  if (state.touchedChats.length > 0) {
    const chats = state.touchedChats.splice(0)
    if (chats.length > 1) chats.sort(byRank(state))
    for (const chat of chats) {
      if (chat.status !== "Queued" || state.chats.get(chat.id) !== chat) continue
      const agent = pickAgent(state, state.queues.get(chat.queueId)!, chat)
      if (agent !== undefined) emit(offer(state, chat, agent, nowMs))
    }
  }
  if (state.touchedAgents.length > 0) {
    const agents = state.touchedAgents.splice(0)
    for (const agent of agents) {
      while (isFree(agent)) {
        const chat = pickChat(state, agent)
        if (chat === undefined) break
        emit(offer(state, chat, agent, nowMs))
      }
    }
  }
}
