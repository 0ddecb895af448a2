// The pieces of `staff`: periods and mean rates of varying arrivals, sharing agents over groups,
// the Erlang estimate in agents when each agent holds k slots, and targets judged by the bound of
// the interval at the stated confidence.
import { describe, expect, it } from "vitest"
import { loadScenario, loadScenarioText } from "../../../sim/scenario/load.ts"
import type { Scenario } from "../../../sim/scenario/model.ts"
import { erlangAgents } from "../../../sim/staff/erlang-estimate.ts"
import { apportion, meanRate, periodsOf, slotsOf } from "../../../sim/staff/periods.ts"
import { estimate, isMet, parseTarget } from "../../../sim/staff/targets.ts"
import type { Target } from "../../../sim/staff/targets.ts"
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

describe("staffing periods", () => {
  it("the mean rate of a ramp over a window is the area under it", () => {
    const stages = [{ startMs: 0, endMs: 100, fromPerHour: 0, toPerHour: 100 }, { startMs: 100, endMs: 200, fromPerHour: 100, toPerHour: 100 }]
    expect(meanRate(stages, 0, 100)).toBeCloseTo(50, 9)
    expect(meanRate(stages, 50, 150)).toBeCloseTo(87.5, 9)
    expect(meanRate(stages, 150, 250)).toBeCloseTo(100, 9)
  })

  it("constant arrivals are one period, the scenario itself; varying ones give one stationary period per interval", () => {
    const flat = fromFile("scenarios/erlang-a.yaml")
    const [only, ...rest] = periodsOf(flat)
    expect(rest).toEqual([])
    expect(only!.scenario).toBe(flat)
    const day = fromFile("scenarios/default.yaml")
    const periods = periodsOf(day)
    expect(periods).toHaveLength(15) // 30m to 8h in 30m intervals
    const support = periods.map((p) => p.scenario.arrivals[2]!)
    expect(support.every((a) => a.executor === "constant-arrival-rate" && a.stages.length === 1)).toBe(true)
    // support ramps 250 -> 480 over the first two hours: the 0:30-1:00 interval averages 250 + 230 * 0.375
    expect(support[0]!.stages[0]!.fromPerHour).toBeCloseTo(250 + 230 * 0.375, 6)
    expect(periods[0]!.arrivalsPerHour).toBeCloseTo(180 + 150 + 250 + 230 * 0.375 + 120 * 0.2, 6)
  })

  it("shares agents in proportion to the group counts, each group keeping one, summing to the total", () => {
    const day = fromFile("scenarios/default.yaml") // 20, 35, 15
    expect(apportion(day, 70)).toEqual([20, 35, 15])
    expect(apportion(day, 14)).toEqual([4, 7, 3])
    expect(apportion(day, 3)).toEqual([1, 1, 1])
    for (const total of [3, 10, 33, 71, 140]) expect(apportion(day, total).reduce((a, b) => a + b, 0)).toBe(total)
  })

  it("the Erlang estimate counts an agent of capacity k as k servers", () => {
    const s = fromFile("scenarios/erlang-a.yaml", ["agents.agents.capacity=4"])
    const t = target("serviceLevel.20s>=0.8", s)
    const servers = minServers({ model: "erlang-a", arrivalsPerHour: 570, handleMs: 300_000, patienceMs: 120_000, meets: serviceLevelAtLeast(0.8, 20_000) })!
    const agents = erlangAgents(periodsOf(s)[0]!, [t])!
    expect(agents).toBe(Math.ceil(servers / 4))
    expect(slotsOf(s, [agents])).toBeGreaterThanOrEqual(servers)
  })
})

describe("staffing targets", () => {
  const s = (() => {
    const l = loadScenarioText("name: t\nhorizon: 1h\nqueues: [{ id: q }]\narrivals: [{ queue: q, executor: constant-arrival-rate, rate: 1 }]\n" +
      "agents: [{ id: a, count: 1, handleTime: { dist: exponential, mean: 1s } }]", "yaml")
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
