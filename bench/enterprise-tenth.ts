/**
 * The `enterprise-tenth` bench case's scenario: a scenario (scenarios/enterprise.yaml) with a tenth
 * of each group's agents and of each arrival and invitation rate, and every time of its day
 * (horizon, warm-up, rate stages, shifts) ten times later. Routing, behaviour and distributions
 * stay, so the chats and the events per chat are the same, with a tenth of the agents and of the
 * chats open at once: the CPU per chat it takes beside enterprise's is what the larger center's
 * working set costs (docs/performance.md, "Scale"). Derived, not copied, so it follows the file; a
 * day it cannot stretch exactly (breaks, duty tables, disconnects, a count not divisible by ten) is
 * refused rather than stretched wrong.
 */
import type { AgentGroup, RateStage, Scenario } from "../sim/scenario/model.ts"

const FACTOR = 10

const stretch = (stages: ReadonlyArray<RateStage>): ReadonlyArray<RateStage> =>
  stages.map((s) => ({
    startMs: s.startMs * FACTOR,
    endMs: s.endMs * FACTOR,
    fromPerHour: s.fromPerHour / FACTOR,
    toPerHour: s.toPerHour / FACTOR
  }))

export const tenthOf = (s: Scenario): Scenario => {
  const stretchable = (g: AgentGroup): boolean =>
    g.count % FACTOR === 0 && g.breaks.length === 0 && g.duty === undefined
  if (s.faults.disconnects !== undefined || !s.agents.every(stretchable)) {
    throw new Error(`${s.name}: breaks, duty tables, disconnects or a group count not divisible by ${FACTOR}`)
  }
  return {
    ...s,
    name: `${s.name}-tenth`,
    horizonMs: s.horizonMs * FACTOR,
    warmupMs: s.warmupMs * FACTOR,
    arrivals: s.arrivals.map((a) => ({ ...a, stages: stretch(a.stages) })),
    proactive: s.proactive.map((p) => ({ ...p, stages: stretch(p.stages) })),
    agents: s.agents.map((g) => ({
      ...g,
      count: g.count / FACTOR,
      shiftStartMs: g.shiftStartMs * FACTOR,
      shiftEndMs: g.shiftEndMs * FACTOR
    }))
  }
}
