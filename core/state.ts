/**
 * The engine's state: one mutable aggregate, written only by `evolve`.
 * Holds agents, queues (waiting lines and the set of agents free to take an offer), open chats and
 * pending offers. A chat leaves the state when it closes, so memory follows open work, not history
 * (plus a bounded memory of each agent's last expired offers).
 * Invariants kept by evolve: `usedSlots = offers + chats + wrapUps` per agent; an agent is in a
 * queue's `freeAgents` exactly when it serves the queue, is Available, connected and has a free
 * slot; a chat is in its queue's waiting line exactly when its status is `Queued`.
 */

import { agentOrder } from "./agent-order.ts"
import { emptyRecords } from "./array-kinds.ts"
import type { AgentConfig, EngineConfig, QueueConfig } from "./config.ts"
import type { EventOf, OfferKind } from "./events.ts"
import { FreePool } from "./free-pool.ts"
import { IdWindow } from "./id-window.ts"
import { compareIds } from "./ids.ts"
import type { Presence } from "./presence.ts"
import { LOGGED_OUT } from "./presence.ts"
import { SmallMap, SmallSet } from "./small-set.ts"
import { WaitingLine } from "./waiting-line.ts"

export interface AgentState {
  readonly id: string
  /** The agent's place in id order (code units): the last tie-break of every agent order. */
  readonly idRank: number
  readonly config: AgentConfig
  /** The states of the queues it serves (`config.queues`), in that order: walked without a lookup. */
  readonly queues: ReadonlyArray<QueueState>
  presence: Presence
  connected: boolean
  /** Later of entering Available and the last slot release (longest-available's key). */
  availableSinceMs: number
  usedSlots: number
  readonly offers: SmallSet<number>
  /** Chats held as owner or conference participant. */
  readonly chats: SmallSet<string>
  /** Chats this agent has ended or left and must wrap up, with the auto wrap-up deadline if any. */
  readonly wrapUps: SmallMap<string, number | undefined>
  /** While disconnected: when the grace period ends. */
  graceDeadlineMs: number | undefined
  /** Its last expired offers (oldest first, at most EXPIRED_OFFERS_PER_AGENT), kept in `expiredOffers`. */
  readonly expiredOfferIds: Array<number>
}

/**
 * How many expired offers are remembered per agent, so that a late answer is told OFFER_EXPIRED
 * even after the chat closed, while memory stays flat in the number of chats. More than the
 * largest capacity: every offer an agent could have seen at once is still remembered.
 */
export const EXPIRED_OFFERS_PER_AGENT = 16

/** Where an open chat is: waiting, offered to one agent, held by its owner, or offered to a transfer target. */
export type ChatStatus = "Queued" | "Offered" | "Active" | "Transferring"

export interface ChatState {
  readonly id: string
  readonly customerName: string
  readonly customerId: string | undefined
  readonly proactive: boolean
  readonly priority: number
  readonly arrivedAtMs: number
  status: ChatStatus
  queueId: string
  segment: number
  front: boolean
  enqueuedAtMs: number
  maxWaitDeadlineMs: number | undefined
  patienceDeadlineMs: number | undefined
  /** Agents that missed or declined this chat during the current queue visit. */
  readonly excluded: SmallSet<string>
  /** The pending route or transfer offer. */
  offerId: number | undefined
  owner: string | undefined
  participant: string | undefined
  conferenceOfferId: number | undefined
  answered: boolean
  nextSeq: number
  /** Every message so far, for the offer popover of the next agent. */
  readonly thread: Array<EventOf<"MessageSent">>
}

export interface OfferState {
  readonly id: number
  readonly kind: OfferKind
  readonly chatId: string
  readonly agentId: string
  readonly queueId: string
  readonly fromAgentId: string | undefined
  readonly offeredAtMs: number
  readonly deadlineMs: number
}

export interface QueueState {
  readonly config: QueueConfig
  readonly waiting: WaitingLine<ChatState>
  /** Its free agents, in the routing policy's order. */
  readonly freeAgents: FreePool
  /** round-robin: the agent that got this queue's last routing offer. */
  lastOffered: AgentState | undefined
}

export interface EngineState {
  readonly config: EngineConfig
  readonly agents: Map<string, AgentState>
  /** Agents sorted by id: the round-robin rotation and the tie order. */
  readonly agentsById: ReadonlyArray<AgentState>
  readonly queues: Map<string, QueueState>
  readonly chats: Map<string, ChatState>
  /** Pending offers by number (numbers are handed out in increasing order). */
  readonly offers: IdWindow<OfferState>
  /** Each agent's last expired offers (see EXPIRED_OFFERS_PER_AGENT), so a late answer is told OFFER_EXPIRED. */
  readonly expiredOffers: Map<number, OfferState>
  readonly openChatByCustomer: Map<string, string>
  nextOfferId: number
  /** Routing work left by evolve for the routing pass: chats that entered a line, agents freed. */
  readonly touchedChats: Array<ChatState>
  readonly touchedAgents: Array<AgentState>
}

const makeAgent = (config: AgentConfig, idRank: number, queues: ReadonlyMap<string, QueueState>): AgentState => ({
  id: config.id,
  idRank,
  config,
  queues: config.queues.map((id) => queues.get(id)!),
  presence: LOGGED_OUT,
  connected: true,
  availableSinceMs: 0,
  usedSlots: 0,
  offers: new SmallSet(),
  chats: new SmallSet(),
  wrapUps: new SmallMap(),
  graceDeadlineMs: undefined,
  expiredOfferIds: []
})

export const initialState = (config: EngineConfig): EngineState => {
  const rankOf = new Map(
    config.agents
      .map((a) => a.id)
      .sort(compareIds)
      .map((id, rank) => [id, rank] as const)
  )
  const queues = new Map<string, QueueState>(
    config.queues.map((q) => [
      q.id,
      {
        config: q,
        waiting: new WaitingLine<ChatState>(),
        freeAgents: new FreePool(agentOrder(config.policy, q), config.agents.length),
        lastOffered: undefined
      }
    ])
  )
  const agents = new Map(config.agents.map((a) => [a.id, makeAgent(a, rankOf.get(a.id)!, queues)] as const))
  return {
    config,
    agents,
    agentsById: [...agents.values()].sort((a, b) => a.idRank - b.idRank),
    queues,
    chats: new Map(),
    offers: new IdWindow(),
    expiredOffers: new Map(),
    openChatByCustomer: new Map(),
    nextOfferId: 1,
    touchedChats: emptyRecords(),
    touchedAgents: emptyRecords()
  }
}

export { compareIds }

/** Free to take a new offer: Available, connected, a slot free. Queue and chat checks come on top. */
export const isFree = (a: AgentState): boolean =>
  a.presence._tag === "Available" && a.connected && a.usedSlots < a.config.capacity

/** May this agent be offered this chat (beyond being free and serving the queue)? */
export const mayTake = (a: AgentState, chat: ChatState): boolean =>
  !chat.excluded.has(a.id) && !a.wrapUps.has(chat.id) && !a.chats.has(chat.id)

/** Has open work that forbids logging out. */
export const hasOpenWork = (a: AgentState): boolean => a.usedSlots > 0
