/**
 * A plain, serializable picture of the engine state with its Schema: what a supervisor view, a
 * checkpoint or a test compares. Sorted by id everywhere, so two equal states give equal snapshots.
 */
import { Schema } from "effect"
import { AgentId, ChatId, OfferId, QueueId } from "./ids.ts"
import { OfferKind } from "./events.ts"
import { Presence } from "./presence.ts"
import type { EngineState } from "./state.ts"
import { compareIds } from "./state.ts"

export const ChatStatus = Schema.Literals(["Queued", "Offered", "Active", "Transferring"])
export type ChatStatus = typeof ChatStatus.Type

export const AgentSnapshot = Schema.Struct({
  id: AgentId,
  presence: Presence,
  connected: Schema.Boolean,
  capacity: Schema.Int,
  usedSlots: Schema.Int,
  availableSinceMs: Schema.Int,
  offers: Schema.Array(OfferId),
  chats: Schema.Array(ChatId),
  wrapUps: Schema.Array(ChatId)
})

export const ChatSnapshot = Schema.Struct({
  id: ChatId,
  status: ChatStatus,
  queueId: QueueId,
  segment: Schema.Int,
  enqueuedAtMs: Schema.Int,
  owner: Schema.optionalKey(AgentId),
  participant: Schema.optionalKey(AgentId),
  answered: Schema.Boolean,
  proactive: Schema.Boolean,
  messages: Schema.Int
})

export const OfferSnapshot = Schema.Struct({
  id: OfferId,
  kind: OfferKind,
  chatId: ChatId,
  agentId: AgentId,
  deadlineMs: Schema.Int
})

export const QueueSnapshot = Schema.Struct({
  id: QueueId,
  waiting: Schema.Array(ChatId),
  freeAgents: Schema.Array(AgentId)
})

export const EngineSnapshot = Schema.Struct({
  agents: Schema.Array(AgentSnapshot),
  chats: Schema.Array(ChatSnapshot),
  offers: Schema.Array(OfferSnapshot),
  queues: Schema.Array(QueueSnapshot)
})
export type EngineSnapshot = typeof EngineSnapshot.Type

const sorted = <T>(items: Iterable<T>, key: (t: T) => string): Array<T> =>
  [...items].sort((a, b) => compareIds(key(a), key(b)))

export const snapshot = (state: EngineState): EngineSnapshot => ({
  agents: state.agentsById.map((a) => ({
    id: a.id,
    presence: a.presence,
    connected: a.connected,
    capacity: a.config.capacity,
    usedSlots: a.usedSlots,
    availableSinceMs: a.availableSinceMs,
    offers: [...a.offers].sort((x, y) => x - y),
    chats: sorted(a.chats, (c) => c),
    wrapUps: sorted(a.wrapUps.keys(), (c) => c)
  })),
  chats: sorted(state.chats.values(), (c) => c.id).map((c) => ({
    id: c.id,
    status: c.status,
    queueId: c.queueId,
    segment: c.segment,
    enqueuedAtMs: c.enqueuedAtMs,
    ...(c.owner === undefined ? {} : { owner: c.owner }),
    ...(c.participant === undefined ? {} : { participant: c.participant }),
    answered: c.answered,
    proactive: c.proactive,
    messages: c.thread.length
  })),
  offers: [...state.offers.values()].sort((x, y) => x.id - y.id).map((o) => ({
    id: o.id,
    kind: o.kind,
    chatId: o.chatId,
    agentId: o.agentId,
    deadlineMs: o.deadlineMs
  })),
  queues: sorted(state.queues.values(), (q) => q.config.id).map((q) => ({
    id: q.config.id,
    waiting: q.waiting.items.map((c) => c.id),
    freeAgents: sorted(q.freeAgents, (a) => a.id).map((a) => a.id)
  }))
})
