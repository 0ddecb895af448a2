/**
 * The supervisor's `stats` frame: a pure read of the engine state (queues with waiting counts and
 * their oldest enqueue time, agents with presence and slots, open chats by status, pending offers)
 * and the live service level, RONA and transfer counts of `service-level.ts`.
 */
import type { EngineState } from "../core/state.ts"
import type { ServerFrame } from "./server-frames.ts"
import type { ServiceTally } from "./service-level.ts"
import { presenceFields } from "./views.ts"

export const statsFrame = (
  state: EngineState,
  service: ServiceTally,
  nowMs: number,
  ref: string | undefined
): ServerFrame => {
  const chats = { open: state.chats.size, queued: 0, offered: 0, active: 0 }
  for (const c of state.chats.values()) {
    if (c.status === "Queued") chats.queued++
    else if (c.status === "Offered") chats.offered++
    else chats.active++
  }
  return {
    type: "stats",
    ...(ref === undefined ? {} : { ref }),
    atMs: nowMs,
    queues: [...state.queues.values()].map((q) => {
      let oldest: number | undefined
      for (const c of q.waiting.items) if (oldest === undefined || c.enqueuedAtMs < oldest) oldest = c.enqueuedAtMs
      return {
        id: q.config.id,
        name: q.config.name,
        waiting: q.waiting.size,
        ...(oldest === undefined ? {} : { oldestEnqueuedAtMs: oldest })
      }
    }),
    agents: state.agentsById.map((a) => ({
      id: a.id,
      name: a.config.name,
      ...presenceFields(a.presence),
      connected: a.connected,
      usedSlots: a.usedSlots,
      capacity: a.config.capacity
    })),
    chats,
    offersPending: state.offers.size,
    service: service.rows(nowMs),
    rona: service.rona,
    transfers: service.transfers
  }
}
