/**
 * The one place tests read the engine state (core/state.ts): agents, chats, queues and pending
 * offers through a few accessors, a comparable snapshot of the whole state, and the bookkeeping
 * invariants a rule test checks. The rule harness, the engine sessions and the model driver read
 * the state only through these, so a change of the state's shape is met here alone.
 * Every accessor only reads; none keeps a reference past the call except the returned records.
 */
import { presenceLabel } from "../../core/presence.ts"
import type { AgentState, ChatState, EngineState, OfferState } from "../../core/state.ts"
import { isFree } from "../../core/state.ts"

/** An agent holding a chat (as owner or conference participant), or one that must wrap it up. */
export interface AgentChat {
  readonly agentId: string
  readonly chatId: string
}

export const agents = (s: EngineState): ReadonlyArray<AgentState> => [...s.agents.values()]

export const agentOf = (s: EngineState, id: string): AgentState => {
  const a = s.agents.get(id)
  if (a === undefined) throw new Error(`no agent ${id}`)
  return a
}

/** The presence as the protocol names it: "Available", "Idle(Break)", "RONA", ... */
export const presenceOf = (s: EngineState, id: string): string => presenceLabel(agentOf(s, id).presence)

/** Agents that could take a new offer now (Available, connected, a slot free). */
export const freeAgentIds = (s: EngineState): Array<string> =>
  agents(s)
    .filter(isFree)
    .map((a) => a.id)

export const openChats = (s: EngineState): ReadonlyArray<ChatState> => [...s.chats.values()]

export const chatOf = (s: EngineState, id: string): ChatState | undefined => s.chats.get(id)

/** The chat's status, or "Closed" once it left the state. */
export const statusOf = (s: EngineState, id: string): string => s.chats.get(id)?.status ?? "Closed"

/** The chats waiting in a queue, in line order. */
export const waitingIn = (s: EngineState, queueId: string): Array<string> => {
  const q = s.queues.get(queueId)
  if (q === undefined) throw new Error(`no queue ${queueId}`)
  return q.waiting.items.map((c) => c.id)
}

export const pendingOffers = (s: EngineState): ReadonlyArray<OfferState> => [...s.offers.values()]

/** The pending offer to `agentId` (of `chatId`, when given), or undefined. */
export const offerIdOf = (s: EngineState, agentId: string, chatId?: string): number | undefined =>
  pendingOffers(s).find((o) => o.agentId === agentId && (chatId === undefined || o.chatId === chatId))?.id

/** How many expired offers are remembered (so a late answer is told OFFER_EXPIRED). */
export const expiredOfferCount = (s: EngineState): number => s.expiredOffers.size

/** Which agent holds the chat's pending route or transfer offer (undefined when none). */
export const offeredTo = (s: EngineState, chatId: string): string | undefined =>
  pendingOffers(s).find((o) => o.chatId === chatId && o.kind !== "conference")?.agentId

/** Every chat an agent holds, as owner or conference participant. */
export const heldChats = (s: EngineState): Array<AgentChat> =>
  agents(s).flatMap((a) => [...a.chats].map((chatId) => ({ agentId: a.id, chatId })))

/** Every wrap-up an agent still has to submit. */
export const pendingWrapUps = (s: EngineState): Array<AgentChat> =>
  agents(s).flatMap((a) => [...a.wrapUps.keys()].map((chatId) => ({ agentId: a.id, chatId })))

// ---- snapshot and bookkeeping ----------------------------------------------------------------

const sorted = <T>(xs: Iterable<T>): Array<T> => [...xs].sort()

const agentSnap = (a: AgentState) => ({
  presence: presenceLabel(a.presence),
  connected: a.connected,
  availableSinceMs: a.availableSinceMs,
  usedSlots: a.usedSlots,
  offers: sorted(a.offers),
  chats: sorted(a.chats),
  wrapUps: sorted(a.wrapUps)
})

const chatSnap = (c: ChatState) => ({ ...c, excluded: sorted(c.excluded) })

/** A plain, comparable copy of everything the engine state holds. */
export const snapshot = (s: EngineState): unknown => ({
  agents: agents(s).map(agentSnap),
  queues: [...s.queues.entries()].map(([id, q]) => ({
    id,
    waiting: q.waiting.items.map((c) => c.id),
    free: sorted(q.freeAgents.values().map((a) => a.id)),
    lastOfferedAgentId: q.lastOffered?.id
  })),
  chats: openChats(s).map(chatSnap),
  offers: pendingOffers(s).map((o) => ({ ...o })),
  openChatByCustomer: [...s.openChatByCustomer.entries()],
  nextOfferId: s.nextOfferId,
  touched: [s.touchedChats.length, s.touchedAgents.length]
})

/** Every violated bookkeeping invariant (slots, capacity, work conservation); empty when sound. */
export const problems = (s: EngineState): Array<string> => {
  const out: Array<string> = []
  for (const a of agents(s)) {
    const used = a.offers.size + a.chats.size + a.wrapUps.size
    if (a.usedSlots !== used) out.push(`${a.id}: usedSlots ${a.usedSlots} != ${used}`)
    if (a.usedSlots > a.config.capacity) out.push(`${a.id}: ${a.usedSlots} slots > capacity ${a.config.capacity}`)
    if (!isFree(a)) continue
    for (const qid of a.config.queues) {
      for (const c of s.queues.get(qid)!.waiting.items) {
        if (!c.excluded.has(a.id) && !a.wrapUps.has(c.id) && !a.chats.has(c.id)) {
          out.push(`work conservation: ${c.id} waits in ${qid} while ${a.id} is free`)
        }
      }
    }
  }
  return out
}
