// The statistics and inputs of `compare`: paired and Welch differences, verdicts by metric
// direction, variant specs and --fail-if conditions (parsed against a scenario, evaluated on CIs).
import { describe, expect, it } from "vitest"
import type { Condition } from "../../../sim/compare/conditions.ts"
import { holds, parseCondition, parseConditions } from "../../../sim/compare/conditions.ts"
import { pairedDifference, verdictOf, welchDifference } from "../../../sim/compare/difference.ts"
import { parseVariants, splitTopLevel } from "../../../sim/compare/variants.ts"
import { loadScenario } from "../../../sim/scenario/load.ts"

const scenario = (() => {
  const loaded = loadScenario("scenarios/default.yaml")
  if (loaded._tag !== "Loaded") throw new Error("default.yaml must load")
  return loaded.scenario
})()

describe("paired and unpaired differences", () => {
  it("pairs per replication: a common shift has a tight CI, Welch sees the spread", () => {
    const base = [10, 20, 30, 40, 50]
    const variant = [11, 21.2, 30.8, 41.1, 50.9]
    const p = pairedDifference(base, variant)
    const u = welchDifference(base, variant)
    expect(p.n).toBe(5)
    expect(p.mean).toBeCloseTo(1, 10)
    expect(u.mean).toBeCloseTo(1, 10)
    expect(p.ci95[0]).toBeGreaterThan(0)
    expect(u.ci95[0]).toBeLessThan(0)
    expect(p.ci95[1] - p.ci95[0]).toBeLessThan((u.ci95[1] - u.ci95[0]) / 10)
  })

  it("Welch uses Welch-Satterthwaite degrees of freedom (checked by hand)", () => {
    // means 2 and 5, variances 1 and 4 (n 3 each): se = sqrt(1/3 + 4/3), df = (5/3)^2 / ((1/9 + 16/9)/2) = 50/17
    const u = welchDifference([1, 2, 3], [3, 5, 7])
    const se = Math.sqrt(5 / 3)
    const half = (u.ci95[1] - u.ci95[0]) / 2
    expect(u.mean).toBe(3)
    // t(0.975, 2.94) is between t(0.975, 3) = 3.182 and t(0.975, 2) = 4.303
    expect(half / se).toBeGreaterThan(3.182)
    expect(half / se).toBeLessThan(3.3)
  })

  it("drops replications where either value is undefined; fewer than two pairs give no interval", () => {
    const p = pairedDifference([1, Number.NaN, 3], [2, 5, Number.NaN])
    expect(p.n).toBe(1)
    expect(p.ci95.every(Number.isNaN)).toBe(true)
    expect(verdictOf(p, "lower-is-better")).toBe("insufficient data")
  })

  it("verdicts follow the metric's direction; zero in the CI is no significant difference", () => {
    const up = pairedDifference([1, 2, 3, 4], [2, 3.1, 3.9, 5])
    const flat = pairedDifference([1, 2, 3, 4], [1.5, 1.5, 3.5, 3.5])
    expect(verdictOf(up, "higher-is-better")).toBe("better")
    expect(verdictOf(up, "lower-is-better")).toBe("worse")
    expect(verdictOf(up, "neutral")).toBe("higher")
    expect(verdictOf(pairedDifference([2, 3.1, 3.9, 5], [1, 2, 3, 4]), "neutral")).toBe("lower")
    expect(verdictOf(flat, "lower-is-better")).toBe("no significant difference")
    expect(verdictOf(pairedDifference([1, 2, 3], [1, 2, 3]), "lower-is-better")).toBe("no significant difference")
  })
})

describe("variant specs", () => {
  it("splits overrides at top-level commas only", () => {
    expect(splitTopLevel("a=1, b=[20s, 60s],c={x: 1, y: 2}")).toEqual(["a=1", "b=[20s, 60s]", "c={x: 1, y: 2}"])
    const v = parseVariants(["lb:routing.policy=least-busy,agents.support-team.count=30"])
    expect(v).toEqual({
      variants: [{ name: "lb", overrides: ["routing.policy=least-busy", "agents.support-team.count=30"] }],
      problems: []
    })
  })

  it("names every bad spec", () => {
    const r = parseVariants([
      "routing.policy=least-busy",
      "l b:a=1",
      "x:",
      "lb:a=1",
      "lb:b=2",
      "y:nothing",
      "baseline:a=1"
    ])
    expect(r.variants.map((v) => v.name)).toEqual(["lb"])
    expect(r.problems).toEqual([
      expect.stringMatching(/"routing\.policy=least-busy": no name/),
      expect.stringMatching(/name "l b" may use only/),
      expect.stringMatching(/"x:": no overrides/),
      expect.stringMatching(/variant "lb" is given twice/),
      expect.stringMatching(/"nothing" is not path=value/),
      expect.stringMatching(/"baseline" is the scenario itself/)
    ])
    expect(parseVariants([])).toEqual({ variants: [], problems: [expect.stringMatching(/no --variant given/)] })
  })
})

describe("--fail-if conditions", () => {
  const condition = (text: string): Condition => {
    const c = parseCondition(text, scenario)
    if (typeof c === "string") throw new Error(c)
    return c
  }
  const down = pairedDifference([1, 2, 3, 4], [0.5, 1.4, 2.6, 3.5])
  const none = pairedDifference([1, 2, 3, 4], [1.5, 1.5, 3.5, 3.5])

  it("parses selectors with queue tags and service-level labels (matched as durations)", () => {
    expect(condition("serviceLevel.20000ms{queue:sales} decreases").selector).toEqual({
      key: "serviceLevel.20s",
      queue: "sales"
    })
    expect(condition("asaMs increases").change).toBe("increases")
  })

  it("holds only on a significant change in its direction", () => {
    expect(holds(condition("serviceLevel.20s decreases"), down)).toBe(true)
    expect(holds(condition("serviceLevel.20s worsens"), down)).toBe(true)
    expect(holds(condition("asaMs worsens"), down)).toBe(false)
    expect(holds(condition("asaMs improves"), down)).toBe(true)
    expect(holds(condition("agentOccupancy changes"), down)).toBe(true)
    expect(holds(condition("agentOccupancy increases"), down)).toBe(false)
    expect(holds(condition("serviceLevel.20s changes"), none)).toBe(false)
  })

  it("reports every bad condition naming it", () => {
    const r = parseConditions(
      [
        "asaMs goes up",
        "serviceLevel.45s decreases",
        "asaMs{queue:nope} increases",
        "wait increases",
        "slotUtilization worsens",
        "decreases"
      ],
      scenario
    )
    expect("problems" in r && r.problems).toEqual([
      expect.stringMatching(/"asaMs goes up".*unknown change "up"/),
      expect.stringMatching(
        /"serviceLevel\.45s decreases".*unknown service-level threshold "45s"; the run has 20s, 1m/
      ),
      expect.stringMatching(/unknown queue "nope"; known queues: sales, billing, support/),
      expect.stringMatching(/unknown metric "wait"; known metrics: probWait, abandonRate, expiredRate, asaMs/),
      expect.stringMatching(/slotUtilization has no better direction/),
      expect.stringMatching(/"decreases": expected/)
    ])
  })
})
