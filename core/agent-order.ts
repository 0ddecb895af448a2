/**
 * The order in which a queue's routing policy prefers free agents: longest-available (earliest
 * `availableSinceMs` first), least-busy (fewest used slots, then longest-available) and skills-best
 * (highest proficiency in the queue's skill, then longest-available). Round-robin picks by rotation
 * (policies.ts), reading every free agent, so its pool keeps no order. Every other order ends on
 * the agent's id rank (code-unit order of ids), so it is total: the best agent never depends on
 * iteration order (nor does the rotation, which compares id ranks).
 */
import type { QueueConfig, RoutingPolicy } from "./config.ts"
import type { AgentState } from "./state.ts"

/** Negative when `a` should be chosen before `b`. */
export type AgentOrder = (a: AgentState, b: AgentState) => number

const byAvailableSince: AgentOrder = (a, b) => a.availableSinceMs - b.availableSinceMs || a.idRank - b.idRank

const proficiency = (a: AgentState, skill: string): number => a.config.skills[skill] ?? 0

export const agentOrder = (policy: RoutingPolicy, queue: QueueConfig): AgentOrder => {
  switch (policy) {
    case "longest-available":
      return byAvailableSince
    case "round-robin":
      return () => 0
    case "least-busy":
      return (a, b) => a.usedSlots - b.usedSlots || byAvailableSince(a, b)
    case "skills-best": {
      const skill = queue.skill
      return (a, b) => proficiency(b, skill) - proficiency(a, skill) || byAvailableSince(a, b)
    }
  }
}
