// The pieces of `staff`: periods and mean rates of varying arrivals, staffing groups (agent
// groups that differ only by roster are one), sharing agents, the Erlang estimate in agents when
// each agent holds k slots, and targets judged by the bound of the interval at the stated confidence.
import { describe, expect, it } from "vitest"
import { loadScenario, loadScenarioText } from "../../../sim/scenario/load.ts"
import type { Scenario } from "../../../sim/scenario/model.ts"
import { meanRate } from "../../../sim/scenario/offered-load.ts"
import { erlangRequirement } from "../../../sim/staff/erlang-estimate.ts"
import { paidFor, staffingGroupsOf } from "../../../sim/staff/groups.ts"
import { periodsOf } from "../../../sim/staff/periods.ts"
import { share } from "../../../sim/staff/table.ts"
import type { Target } from "../../../sim/staff/targets.ts"
import { estimate, isMet, parseTarget } from "../../../sim/staff/targets.ts"
import { minServers, serviceLevelAtLeast } from "../../../sim/theory/erlang.ts"

const fromFile = (path: string, sets: ReadonlyArray<string> = []): Scenario => {
  const l = loadScenario(path, sets)
  if (l._tag !== "Loaded") throw new Error(l.problems.join("\n"))
  return l.scenario
}
const target = (text: string, s: Scenario): Target => {
  const t = parseTarget(text, s)
  if (typeof t === "string") throw new Error(t)
  return t
}

describe("staffing periods and groups", () => {
  it("the mean rate of a ramp over a window is the area under it", () => {
    const stages = [
      { startMs: 0, endMs: 100, fromPerHour: 0, toPerHour: 100 },
      { startMs: 100, endMs: 200, fromPerHour: 100, toPerHour: 100 }
    ]
    expect(meanRate(stages, 0, 100)).toBeCloseTo(50, 9)
    expect(meanRate(stages, 50, 150)).toBeCloseTo(87.5, 9)
    expect(meanRate(stages, 150, 250)).toBeCloseTo(100, 9)
  })

  it("constant arrivals are one period over the counted span; varying ones one period per interval", () => {
    const flat = fromFile("scenarios/erlang-a.yaml")
    const [only, ...rest] = periodsOf(flat)
    expect(rest).toEqual([])
    expect(only).toMatchObject({ startMs: 3_600_000, endMs: 8 * 3_600_000, span: { first: 0, last: 13 } })
    expect(only!.offeredPerHour).toEqual({ support: 570 })
    expect(only!.offeredErlangs).toBeCloseTo((570 * 300) / 3600, 9)
    const day = fromFile("scenarios/default.yaml")
    const periods = periodsOf(day)
    expect(periods).toHaveLength(15) // 30m to 8h in 30m intervals
    // support ramps 250 -> 480 over the first two hours: the 0:30-1:00 interval averages 250 + 230 * 0.375
    expect(periods[0]!.offeredPerHour["support"]).toBeCloseTo(250 + 230 * 0.375, 6)
  })

  it("groups that differ only by shift, breaks, count or shrinkage are one staffing group", () => {
    const day = fromFile("scenarios/intraday-peak.yaml")
    const groups = staffingGroupsOf(day, 0.25)
    expect(groups.map((g) => [g.id, g.members])).toEqual([
      ["early+mid+late", [0, 1, 2]],
      ["peak-cover", [3]]
    ])
    expect(groups[0]!.shrinkage).toBe(0.25)
    const own = fromFile("scenarios/intraday-peak.yaml", ["agents.early.shrinkage=0.4", "agents.mid.shrinkage=0.2"])
    expect(staffingGroupsOf(own, 0)[0]!.shrinkage).toBeCloseTo((16 * 0.4 + 16 * 0.2) / 32, 9)
    expect(paidFor(21, 0.3)).toBeCloseTo(30, 9)
    expect(
      staffingGroupsOf(fromFile("scenarios/intraday-peak.yaml", ["agents.late.capacity=4"]), 0).map((g) => g.id)
    ).toEqual(["early+mid", "late", "peak-cover"])
  })

  it("shares agents by weight, summing to the total", () => {
    expect(share([20, 35, 15], 70)).toEqual([20, 35, 15])
    expect(share([20, 35, 15], 14)).toEqual([4, 7, 3])
    expect(share([0, 0], 3)).toEqual([2, 1])
    for (const total of [3, 10, 33, 71, 140]) expect(share([2, 5, 1], total).reduce((a, b) => a + b, 0)).toBe(total)
  })

  it("the Erlang estimate counts an agent of capacity k as k servers", () => {
    const s = fromFile("scenarios/erlang-a.yaml", ["agents.agents.capacity=4"])
    const t = target("serviceLevel.20s>=0.8", s)
    const servers = minServers({
      model: "erlang-a",
      arrivalsPerHour: 570,
      handleMs: 300_000,
      patienceMs: 120_000,
      meets: serviceLevelAtLeast(0.8, 20_000)
    })!
    const [agents] = erlangRequirement(s, staffingGroupsOf(s, 0), periodsOf(s)[0]!, [t])
    expect(agents).toBe(Math.ceil(servers / 4))
  })
})

describe("staffing targets", () => {
  const s = (() => {
    const l = loadScenarioText(
      "name: t\nhorizon: 1h\nqueues: [{ id: q }]\narrivals: [{ queue: q, executor: constant-arrival-rate, rate: 1 }]\n" +
        "agents: [{ id: a, count: 1, handleTime: { dist: exponential, mean: 1s } }]",
      "yaml"
    )
    if (l._tag !== "Loaded") throw new Error(l.problems.join("\n"))
    return l.scenario
  })()

  it("a >= target is judged by the interval's lower bound, a <= target by its upper bound", () => {
    const values = [0.82, 0.79, 0.84, 0.81, 0.8]
    const e = estimate(values, 0.95)
    expect(e.mean).toBeCloseTo(0.812, 9)
    expect(isMet(target("serviceLevel.20s>=0.8", s), e)).toBe(false) // mean above, lower bound below
    expect(isMet(target("serviceLevel.20s>=0.78", s), e)).toBe(true)
    expect(isMet(target("abandonRate<=0.83", s), e)).toBe(false)
    expect(isMet(target("abandonRate<=0.85", s), e)).toBe(true)
    // a lower confidence narrows the interval
    const loose = estimate(values, 0.6)
    expect(loose.ci[1] - loose.ci[0]).toBeLessThan(e.ci[1] - e.ci[0])
  })
})
