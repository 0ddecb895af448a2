/**
 * What staffing sizes: staffing groups. Agent groups that differ only in their roster (shift,
 * breaks, count, shrinkage) are one staffing group: the same skills, queues, capacity, behaviour
 * and cost, e.g. an early, a mid and a late shift of the same team. The requirement is per
 * staffing group (how many of these agents must be on duty), and the roster of its member groups
 * is judged against it. A staffing group is named by its member ids joined with "+". Pure.
 */
import type { AgentGroup, Scenario } from "../scenario/model.ts"

export interface StaffingGroup {
  readonly id: string
  /** Indices of the scenario's agent groups it gathers. */
  readonly members: ReadonlyArray<number>
  /** The behaviour every member shares (the first member's group). */
  readonly template: AgentGroup
  /** Share of paid time off duty: the members' own (weighted by count), else the given default. */
  readonly shrinkage: number
}

/** Everything but the roster: two groups with the same key are the same kind of agent. */
const kindKey = (g: AgentGroup): string => {
  const { id: _id, count: _count, shiftStartMs: _s, shiftEndMs: _e, breaks: _b, shrinkage: _r, duty: _d, ...kind } = g
  return JSON.stringify(kind)
}

const weightedShrinkage = (groups: ReadonlyArray<AgentGroup>, fallback: number): number => {
  const own = groups.filter((g) => g.shrinkage !== undefined)
  if (own.length === 0) return fallback
  const weight = own.reduce((s, g) => s + Math.max(1, g.count), 0)
  return own.reduce((s, g) => s + Math.max(1, g.count) * g.shrinkage!, 0) / weight
}

export const staffingGroupsOf = (s: Scenario, defaultShrinkage: number): Array<StaffingGroup> => {
  const byKind = new Map<string, Array<number>>()
  s.agents.forEach((g, i) => {
    const key = kindKey(g)
    byKind.set(key, [...(byKind.get(key) ?? []), i])
  })
  return [...byKind.values()].map((members) => {
    const groups = members.map((i) => s.agents[i]!)
    return {
      id: groups.map((g) => g.id).join("+"),
      members,
      template: groups[0]!,
      shrinkage: weightedShrinkage(groups, defaultShrinkage)
    }
  })
}

/** Agents on duty paid for: on duty / (1 - shrinkage). */
export const paidFor = (onDuty: number, shrinkage: number): number => onDuty / (1 - shrinkage)
