/**
 * From a resolved scenario to the engine's configuration: agent groups expand into agents named
 * `<group>-<n>` (n from 1), queues and routing knobs carry over, and the idle codes the simulated
 * agents use (break codes, end of shift) are added to the configured ones.
 */
import type { EngineConfig } from "../../core/config.ts"
import { makeEngineConfig } from "../../core/config.ts"
import type { AgentGroup, Scenario } from "../scenario/model.ts"
import { END_OF_SHIFT } from "../workload/presence.ts"

export const agentIdOf = (group: AgentGroup, n: number): string => `${group.id}-${n + 1}`

export const engineConfigOf = (s: Scenario): EngineConfig => {
  const breakCodes = new Set(s.agents.flatMap((g) => g.breaks.map((b) => b.code)))
  return makeEngineConfig({
    policy: s.routing.policy,
    offerTimeoutMs: s.routing.offerTimeoutMs,
    onTransferNotAccepted: s.routing.onTransferNotAccepted,
    disconnectGraceMs: s.routing.disconnectGraceMs,
    ...(s.routing.autoWrapUpMs === undefined ? {} : { autoWrapUpMs: s.routing.autoWrapUpMs }),
    wrapUpReasons: s.wrapUpReasons,
    idleCodes: ["Break", "Lunch", "Meeting", "Training", END_OF_SHIFT, ...breakCodes],
    queues: s.queues.map((q) => ({
      id: q.id,
      name: q.name,
      priority: q.priority,
      skill: q.skill,
      serviceLevelThresholdMs: q.serviceLevelThresholdMs,
      ...(q.maxWaitMs === undefined ? {} : { maxWaitMs: q.maxWaitMs }),
      ...(q.overflowTo === undefined ? {} : { overflowTo: q.overflowTo })
    })),
    agents: s.agents.flatMap((g) =>
      Array.from({ length: g.count }, (_, n) => ({
        id: agentIdOf(g, n),
        name: agentIdOf(g, n),
        capacity: g.capacity,
        queues: g.queues,
        skills: g.skills
      }))
    )
  })
}
