// Distribution sampling: sample means and spreads match each distribution's parameters.
import { describe, expect, it } from "vitest"
import type { Dist } from "../../sim/scenario/model.ts"
import { meanOf, normalQuantile, pickWeighted, sample } from "../../sim/workload/dists.ts"
import { Draws, Sequence } from "../../sim/workload/draws.ts"

const moments = (dist: Dist, n = 100_000) => {
  const u = new Sequence(new Draws(11), 3)
  const xs = Array.from({ length: n }, () => sample(dist, u))
  const mean = xs.reduce((s, x) => s + x, 0) / n
  const sd = Math.sqrt(xs.reduce((s, x) => s + (x - mean) ** 2, 0) / (n - 1))
  return { mean, sd, min: xs.reduce((a, b) => Math.min(a, b)), max: xs.reduce((a, b) => Math.max(a, b)) }
}

describe("distributions", () => {
  it("normal quantile matches known values", () => {
    expect(normalQuantile(0.975)).toBeCloseTo(1.959964, 5)
    expect(normalQuantile(0.5)).toBeCloseTo(0, 9)
    expect(normalQuantile(0.001)).toBeCloseTo(-3.090232, 5)
  })

  it.each<[string, Dist, number]>([
    ["exponential", { _tag: "exponential", mean: 300 }, 300],
    ["lognormal", { _tag: "lognormal", mean: 240, sd: 120 }, 120],
    ["gamma", { _tag: "gamma", mean: 200, cv: 0.5 }, 100],
    ["gamma with cv > 1", { _tag: "gamma", mean: 50, cv: 1.5 }, 75],
    ["uniform", { _tag: "uniform", min: 10, max: 30 }, 20 / Math.sqrt(12)]
  ])("%s: mean and standard deviation as configured", (_, dist, sd) => {
    const m = moments(dist)
    expect(Math.abs(m.mean - meanOf(dist)) / meanOf(dist)).toBeLessThan(0.02)
    expect(Math.abs(m.sd - sd) / sd).toBeLessThan(0.04)
    expect(m.min).toBeGreaterThanOrEqual(0)
  })

  it("fixed and empirical", () => {
    expect(moments({ _tag: "fixed", value: 7 }, 10)).toMatchObject({ mean: 7, sd: 0 })
    const m = moments({ _tag: "empirical", values: [1, 2, 3, 10] })
    expect(m.mean).toBeCloseTo(4, 1)
    expect([m.min, m.max]).toEqual([1, 10])
  })

  it("weighted picks follow the weights", () => {
    const counts = [0, 0, 0]
    const u = new Sequence(new Draws(5), 1)
    for (let i = 0; i < 60_000; i++) counts[pickWeighted([{ weight: 1 }, { weight: 2 }, { weight: 3 }], u.next())]!++
    expect(counts.map((c) => Math.round(c / 1_000))).toEqual([10, 20, 30])
  })
})
