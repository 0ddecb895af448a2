// The enterprise-tenth scenario: a tenth of the agents and rates over ten times the day, derived
// from the bundled file; a day it cannot stretch exactly is refused.
import { describe, expect, it } from "vitest"
import { tenthOf } from "../../bench/enterprise-tenth.ts"
import { loadScenario } from "../../sim/scenario/load.ts"
import type { Scenario } from "../../sim/scenario/model.ts"

const enterprise = (): Scenario => {
  const loaded = loadScenario("scenarios/enterprise.yaml")
  if (loaded._tag !== "Loaded") throw new Error(loaded.problems.join("; "))
  return loaded.scenario
}

describe("bench enterprise-tenth", () => {
  it("divides agents and rates by ten and stretches every time of the day by ten", () => {
    const s = enterprise()
    const t = tenthOf(s)
    expect(t.agents.map((g) => g.count)).toEqual(s.agents.map((g) => g.count / 10))
    expect([t.horizonMs, t.warmupMs]).toEqual([s.horizonMs * 10, s.warmupMs * 10])
    expect(t.arrivals[0]!.stages[0]).toEqual({
      startMs: 0,
      endMs: s.horizonMs * 10,
      fromPerHour: s.arrivals[0]!.stages[0]!.fromPerHour / 10,
      toPerHour: s.arrivals[0]!.stages[0]!.toPerHour / 10
    })
    expect(t.proactive[0]!.stages[0]!.toPerHour).toBe(s.proactive[0]!.stages[0]!.toPerHour / 10)
    expect({
      ...t,
      name: "",
      description: "",
      horizonMs: 0,
      warmupMs: 0,
      arrivals: [],
      proactive: [],
      agents: []
    }).toEqual({ ...s, name: "", description: "", horizonMs: 0, warmupMs: 0, arrivals: [], proactive: [], agents: [] })
  })

  it("refuses a day it cannot stretch exactly", () => {
    const s = enterprise()
    const odd = { ...s, agents: s.agents.map((g, i) => (i === 0 ? { ...g, count: g.count + 1 } : g)) }
    expect(() => tenthOf(odd)).toThrow(/not divisible by 10/)
    const breaks = { ...s, agents: s.agents.map((g) => ({ ...g, breaks: [{ startMs: 0, durationMs: 1, code: "b" }] })) }
    expect(() => tenthOf(breaks)).toThrow(/breaks/)
  })
})
