/**
 * Agent selection when a chat enters a queue: the best free agent that may take it in the policy's
 * order (agent-order.ts, kept by the queue's free pool), or the next in rotation for round-robin;
 * and the chat an agent takes when it has a free slot (queue priority, chat priority, front, oldest,
 * chat id). Every tie ends on agent id (code-unit order), so selection never depends on iteration
 * order.
 */
import type { AgentState, ChatState, EngineState, QueueState } from "./state.ts"
import { mayTake } from "./state.ts"
import { compareRank } from "./waiting-line.ts"

/**
 * Round-robin: the first free agent that may take `chat` after the queue's last one, in cyclic id
 * order (id rank is code-unit id order).
 */
const nextInRotation = (queue: QueueState, chat: ChatState): AgentState | undefined => {
  const lastRank = queue.lastOffered?.idRank ?? -1
  let first: AgentState | undefined
  let after: AgentState | undefined
  for (const a of queue.freeAgents.values()) {
    if (!mayTake(a, chat)) continue
    if (first === undefined || a.idRank < first.idRank) first = a
    if (a.idRank > lastRank && (after === undefined || a.idRank < after.idRank)) after = a
  }
  return after ?? first
}

/** The agent the policy picks for `chat` among the queue's free agents that may take it. */
export const pickAgent = (state: EngineState, queue: QueueState, chat: ChatState): AgentState | undefined => {
  if (state.config.policy === "round-robin") return nextInRotation(queue, chat)
  // the pool is kept in the policy's order (agent-order.ts)
  return queue.freeAgents.best(chat, mayTake)
}

/** Negative when chat `a` (in queue `qa`) goes before chat `b` (in `qb`) for an agent serving both. */
export const compareChats = (qa: QueueState, a: ChatState, qb: QueueState, b: ChatState): number =>
  qb.config.priority - qa.config.priority || compareRank(a, b)

/** The best waiting chat over every queue the agent serves that it may take. */
export const pickChat = (agent: AgentState): ChatState | undefined => {
  let best: ChatState | undefined
  let bestQueue: QueueState | undefined
  for (const queue of agent.queues) {
    for (const chat of queue.waiting.items) {
      if (!mayTake(agent, chat)) continue
      if (best === undefined || compareChats(queue, chat, bestQueue!, best) < 0) {
        best = chat
        bestQueue = queue
      }
      break
    }
  }
  return best
}
