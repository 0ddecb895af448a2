// The staffing search on a realistic day, against what queueing theory knows: on a time-varying
// single-queue day with exponential handle time and patience, short against the 30-minute interval,
// the requirement per interval matches Erlang A interval by interval (within max(2 agents, 10%)),
// and it is the same (within one agent) whether the scenario's agents work shifts with breaks or
// not: shifts and breaks are the roster being judged, not the demand.
import { describe, expect, it } from "vitest"
import { samplerFor } from "../../../sim/compare/sampler.ts"
import { loadScenarioText } from "../../../sim/scenario/load.ts"
import type { Scenario } from "../../../sim/scenario/model.ts"
import { erlangRequirement } from "../../../sim/staff/erlang-estimate.ts"
import { staffingGroupsOf } from "../../../sim/staff/groups.ts"
import { periodsOf } from "../../../sim/staff/periods.ts"
import { runStaffing } from "../../../sim/staff/run.ts"
import { parseTargets } from "../../../sim/staff/targets.ts"

const day = (agents: string): Scenario => {
  const l = loadScenarioText(
    `
name: erlang-day
seed: 5
horizon: 8h
replications: 10
interval: 30m
serviceLevelThresholds: [20s]
queues: [{ id: support }]
arrivals:
  - queue: support
    executor: ramping-arrival-rate
    startRate: 300
    timeUnit: 1h
    stages: [{ duration: 3h, target: 900 }, { duration: 2h, target: 600 }, { duration: 3h, target: 300 }]
customers: { patience: { dist: exponential, mean: 90s } }
agents:
${agents}
`,
    "yaml"
  )
  if (l._tag !== "Loaded") throw new Error(l.problems.join("\n"))
  return l.scenario
}

const flat = day(`  - { id: team, count: 40, capacity: 1, handleTime: { dist: exponential, mean: 3m } }`)
const rostered = day(`
  - id: early
    count: 30
    capacity: 1
    handleTime: { dist: exponential, mean: 3m }
    shift: { start: 0s, end: 5h }
    breaks: [{ window: [1h30m, 3h30m], duration: 30m, code: Lunch }, { start: 4h, duration: 15m }]
  - id: late
    count: 25
    capacity: 1
    handleTime: { dist: exponential, mean: 3m }
    shift: { start: 3h, end: 8h }
    breaks: [{ window: [5h, 7h], duration: 30m, code: Lunch }]`)

const staffOf = async (s: Scenario) => {
  const parsed = parseTargets(["serviceLevel.20s>=0.8", "abandonRate<=0.05"], s)
  const sampler = samplerFor(2)
  try {
    const r = await runStaffing(s, { targets: parsed.targets, confidence: 0.95, audit: false, shrinkage: 0, sampler })
    if (r._tag !== "Done") throw new Error(r.violation.message)
    return { staffing: r.staffing, targets: parsed.targets }
  } finally {
    await sampler.close()
  }
}

describe("staffing a time-varying day", () => {
  it("matches Erlang A interval by interval, and does not depend on the roster", async () => {
    const a = await staffOf(flat)
    const groups = staffingGroupsOf(flat, 0)
    const erlang = periodsOf(flat).map((p) => erlangRequirement(flat, groups, p, a.targets)[0]!)
    const required = a.staffing.periods.map((p) => p.required["team"]!)
    expect(a.staffing.periods).toHaveLength(16)
    expect(a.staffing.periods.every((p) => p.met)).toBe(true)
    required.forEach((n, i) => {
      const e = erlang[i]!
      expect(Math.abs(n - e), `${a.staffing.periods[i]!.interval}: ${n} required, Erlang A ${e}`).toBeLessThanOrEqual(
        Math.max(2, 0.1 * e)
      )
    })
    const b = await staffOf(rostered)
    expect(b.staffing.groups.map((g) => g.id)).toEqual(["early+late"])
    const withRoster = b.staffing.periods.map((p) => p.required["early+late"]!)
    withRoster.forEach((n, i) => {
      expect(Math.abs(n - required[i]!), `${b.staffing.periods[i]!.interval}`).toBeLessThanOrEqual(1)
    })
    // the roster is judged, not used: it shows up only in the roster columns
    expect(b.staffing.periods[0]!.roster["early+late"]).toBe(30)
    expect(b.staffing.periods[15]!.roster["early+late"]).toBe(25)
  }, 300_000)
})
