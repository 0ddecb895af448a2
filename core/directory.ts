/**
 * The directory an agent fetches for its Transfer and Conference dialogs: the queues it may
 * transfer to (with waiting counts) and the other logged-in agents (presence, free slots, whether
 * they can take a transfer or conference right now). A pure read of the current state; targets are
 * re-checked when the transfer or conference is requested, so a stale list is harmless.
 */
import type { Presence } from "./presence.ts"
import type { EngineState } from "./state.ts"
import { isFree } from "./state.ts"

export interface DirectoryQueue {
  readonly id: string
  readonly name: string
  readonly priority: number
  readonly waiting: number
}

export interface DirectoryAgent {
  readonly id: string
  readonly name: string
  readonly presence: Presence
  readonly freeSlots: number
  /** Available, connected and with a free slot: a valid transfer or conference target now. */
  readonly canTake: boolean
}

export interface Directory {
  readonly queues: ReadonlyArray<DirectoryQueue>
  readonly agents: ReadonlyArray<DirectoryAgent>
}

/** The directory as `agentId` may see it; undefined for an unknown agent. */
export const directory = (state: EngineState, agentId: string): Directory | undefined => {
  const self = state.agents.get(agentId)
  if (self === undefined) return undefined
  const allowed = self.config.transferQueues
  const queues = [...state.queues.values()]
    .filter((q) => allowed === undefined || allowed.includes(q.config.id))
    .map((q) => ({ id: q.config.id, name: q.config.name, priority: q.config.priority, waiting: q.waiting.size }))
  const agents = state.agentsById
    .filter((a) => a.id !== agentId && a.presence._tag !== "LoggedOut")
    .map((a) => ({
      id: a.id,
      name: a.config.name,
      presence: a.presence,
      freeSlots: a.config.capacity - a.usedSlots,
      canTake: isFree(a)
    }))
  return { queues, agents }
}
