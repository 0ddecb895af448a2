/**
 * `load --write-config FILE`: a server config (live/config.ts format, for `serve --config`) made
 * from a scenario, so the server has the scenario's queues and agent groups. Agents are
 * `<group>-<n>` with password `load-<agentId>` (a load-test center on loopback, never a real one);
 * groups are scaled down proportionally to at most `maxAgents` agents (each group keeps one).
 * Engine timers that the scenario states in its own time (offer timeout, max wait, auto wrap-up)
 * are divided by the time scale so a compressed run keeps their proportions. Frame rate limits are
 * raised (one virtual agent holds several chats and answers every message), and the per-address
 * chat-start and login limits (the driver spreads over few loopback addresses). Pure.
 */

import type { Scenario } from "../../sim/scenario/model.ts"
import type { ConfigFile } from "../config.ts"

export const loadPassword = (agentId: string): string => `load-${agentId}`

/** Agents per group after scaling to at most `maxAgents` in all (at least one per group). */
export const scaledCounts = (scenario: Scenario, maxAgents: number): ReadonlyArray<number> => {
  const total = scenario.agents.reduce((s, g) => s + g.count, 0)
  const factor = total <= maxAgents ? 1 : maxAgents / total
  return scenario.agents.map((g) => (g.count === 0 ? 0 : Math.max(1, Math.floor(g.count * factor))))
}

const scaledMs = (ms: number, timeScale: number, floorMs: number): number =>
  Math.max(floorMs, Math.round(ms / timeScale))

export const serverConfigFor = (scenario: Scenario, timeScale: number, maxAgents: number): ConfigFile => {
  const counts = scaledCounts(scenario, maxAgents)
  const r = scenario.routing
  const agents = scenario.agents.flatMap((g, gi) =>
    Array.from({ length: counts[gi]! }, (_, i) => {
      const id = `${g.id}-${i + 1}`.slice(0, 64)
      return {
        id,
        name: `${g.id} ${i + 1}`,
        password: loadPassword(id),
        capacity: g.capacity,
        queues: [...g.queues],
        skills: { ...g.skills },
        ...(gi === 0 && i === 0 ? { supervisor: true } : {})
      }
    })
  )
  return {
    // a driver holds many chats per agent and starts many chats from few addresses
    limits: {
      rateBurst: 200,
      ratePerSec: 100,
      floodBurst: 400,
      chatStartBurst: 1_000,
      chatStartPerSec: 500,
      loginBurst: 200,
      loginPerSec: 50
    },
    routing: {
      policy: r.policy,
      offerTimeout: scaledMs(r.offerTimeoutMs, timeScale, 1_000),
      onTransferNotAccepted: r.onTransferNotAccepted,
      disconnectGrace: r.disconnectGraceMs,
      ...(r.autoWrapUpMs === undefined ? {} : { autoWrapUp: scaledMs(r.autoWrapUpMs, timeScale, 1_000) })
    },
    queues: scenario.queues.map((q) => ({
      id: q.id,
      name: q.name,
      priority: q.priority,
      skill: q.skill,
      serviceLevelThreshold: q.serviceLevelThresholdMs,
      ...(q.maxWaitMs === undefined ? {} : { maxWait: scaledMs(q.maxWaitMs, timeScale, 1_000) }),
      ...(q.overflowTo === undefined ? {} : { overflowTo: q.overflowTo })
    })),
    agents,
    wrapUpReasons: [...scenario.wrapUpReasons]
  }
}
