// Replication statistics: Student-t quantiles match printed tables; intervals have the right width.
import { describe, expect, it } from "vitest"
import { metricCI, studentQuantile } from "../../sim/stats/intervals.ts"

describe("stats", () => {
  it.each([
    [1, 12.706, 63.657],
    [4, 2.776, 4.604],
    [9, 2.262, 3.25],
    [19, 2.093, 2.861],
    [120, 1.98, 2.617]
  ])("t quantiles for %i degrees of freedom", (df, q975, q995) => {
    expect(studentQuantile(0.975, df)).toBeCloseTo(q975, 2)
    expect(studentQuantile(0.995, df)).toBeCloseTo(q995, 2)
  })

  it("gives mean, standard error and t intervals", () => {
    const ci = metricCI([1, 2, 3, 4, 5])
    expect(ci.mean).toBe(3)
    expect(ci.stderr).toBeCloseTo(Math.sqrt(2.5 / 5), 12)
    expect(ci.ci95![1] - ci.mean!).toBeCloseTo(2.776445 * ci.stderr!, 5)
    expect(ci.ci99![0]).toBeLessThan(ci.ci95![0])
    expect(metricCI([Number.NaN, 2, 4]).n).toBe(2)
  })

  it("has no interval with one replication and no mean with none (null, never a zero-width interval)", () => {
    expect(metricCI([7])).toEqual({ mean: 7, stderr: null, ci95: null, ci99: null, n: 1 })
    expect(metricCI([Number.NaN])).toEqual({ mean: null, stderr: null, ci95: null, ci99: null, n: 0 })
    expect(metricCI([])).toEqual({ mean: null, stderr: null, ci95: null, ci99: null, n: 0 })
  })
})
