// Random streams: a draw depends only on (seed, stream, key, index) — the basis of common random
// numbers — different keys and seeds give different numbers, and the uniforms look uniform.
import { describe, expect, it } from "vitest"
import { Draws, Sequence } from "../../sim/workload/draws.ts"

const take = (u: { next: () => number }, n: number) => Array.from({ length: n }, () => u.next())

describe("random streams", () => {
  it("gives the same numbers for the same (seed, stream, key) whatever was drawn before", () => {
    const a = new Draws(42)
    const b = new Draws(42)
    take(b.at(1, 99), 50)
    take(b.at(2, 7), 3)
    expect(take(a.at(1, 1234, 2), 5)).toEqual(take(b.at(1, 1234, 2), 5))
  })

  it("differs across seeds, streams, keys and sub-keys", () => {
    const d = new Draws(1)
    const base = d.at(1, 1, 0).next()
    expect(new Draws(2).at(1, 1, 0).next()).not.toBe(base)
    expect(d.at(2, 1, 0).next()).not.toBe(base)
    expect(d.at(1, 2, 0).next()).not.toBe(base)
    expect(d.at(1, 1, 1).next()).not.toBe(base)
  })

  it("uniforms lie in (0, 1) with mean 1/2, variance 1/12 and flat deciles", () => {
    const xs = take(new Sequence(new Draws(3), 5), 200_000)
    expect(xs.every((x) => x > 0 && x < 1)).toBe(true)
    const mean = xs.reduce((s, x) => s + x, 0) / xs.length
    const variance = xs.reduce((s, x) => s + (x - mean) ** 2, 0) / xs.length
    expect(Math.abs(mean - 0.5)).toBeLessThan(0.005)
    expect(Math.abs(variance - 1 / 12)).toBeLessThan(0.002)
    const deciles = new Array<number>(10).fill(0)
    for (const x of xs) deciles[Math.floor(x * 10)]!++
    // chi-square with 9 degrees of freedom: 27.9 is the 0.999 quantile
    const chi = deciles.reduce((s, c) => s + (c - 20_000) ** 2 / 20_000, 0)
    expect(chi).toBeLessThan(27.9)
  })

  it("keyed draws of consecutive keys are uncorrelated", () => {
    const d = new Draws(9)
    const xs = Array.from({ length: 50_000 }, (_, i) => d.at(7, i).next())
    let c = 0
    for (let i = 1; i < xs.length; i++) c += (xs[i]! - 0.5) * (xs[i - 1]! - 0.5)
    expect(Math.abs(c / (xs.length - 1)) / (1 / 12)).toBeLessThan(0.03)
  })
})
