// Erlang B and Erlang C (sim/theory/erlang.ts) against textbook values and closed forms, a dense
// brute-force solve of the truncated M/M/c chain, and an independent log-space sum for large c.
import { describe, expect, it } from "vitest"
import { erlangB, erlangC } from "../../../sim/theory/erlang.ts"
import { metricsFrom, relErr, solveChain, truncationFor } from "./brute-force.ts"

const HOUR = 3_600_000

/** Erlang C from its defining sums, in log space: Σ_{n<c} a^n/n! against a^c/c! · c/(c-a). */
const erlangCBySums = (c: number, a: number): number => {
  const logTerms: Array<number> = []
  let log = 0
  for (let n = 0; n < c; n++) {
    logTerms.push(log)
    log += Math.log(a) - Math.log(n + 1)
  }
  const logTop = log + Math.log(c / (c - a))
  const max = Math.max(logTop, ...logTerms)
  const below = logTerms.reduce((s, l) => s + Math.exp(l - max), 0)
  const top = Math.exp(logTop - max)
  return top / (below + top)
}

describe("Erlang B", () => {
  it("matches standard Erlang B table entries", () => {
    // Erlang B loss tables (any traffic-engineering text, e.g. Cooper 1981 appendix): 2 E on 5
    // circuits blocks 3.67 %, 5 E on 10 circuits 1.84 %; one circuit at 1 E blocks a/(1+a) = 1/2.
    expect(erlangB(5, 2)).toBeCloseTo(0.0367, 4)
    expect(erlangB(10, 5)).toBeCloseTo(0.0184, 4)
    expect(erlangB(1, 1)).toBe(0.5)
    // Two circuits at 1 E: (1/2) / (1 + 1 + 1/2) = 0.2 exactly.
    expect(erlangB(2, 1)).toBeCloseTo(0.2, 15)
  })
})

describe("Erlang C: textbook values", () => {
  it("M/M/1: P(wait) = ρ, Wq = ρ/(μ-λ), Lq = ρ²/(1-ρ), P(W<=t) = 1 - ρe^{-(μ-λ)t} (Kleinrock vol. 1)", () => {
    // λ = 30/h, handle 1 min: ρ = 0.5, μ - λ = 1/120 s.
    const p = erlangC({ arrivalsPerHour: 30, handleMs: 60_000, servers: 1 })
    expect(p.probWait).toBeCloseTo(0.5, 14)
    expect(p.asaMs).toBeCloseTo(60_000, 8)
    expect(p.meanQueueLength).toBeCloseTo(0.5, 14)
    expect(p.occupancy).toBeCloseTo(0.5, 14)
    expect(p.serviceLevel(60_000)).toBeCloseTo(1 - 0.5 * Math.exp(-0.5), 14)
    expect(p.abandonRate).toBe(0)
  })

  it("M/M/2: P(wait) = 2ρ²/(1+ρ)", () => {
    for (const rho of [0.1, 0.5, 0.9, 0.99]) {
      const p = erlangC({ arrivalsPerHour: 2 * rho * 12, handleMs: 300_000, servers: 2 })
      expect(relErr(p.probWait, (2 * rho * rho) / (1 + rho))).toBeLessThan(1e-12)
    }
  })

  it("ContactCenters' M/M/12 example: λ = 4.2/min, μ = 0.5/min, 20 s -> SL 0.899, occupancy 0.7", () => {
    // umontreal-simul/contactcenters doc/examples/MMC.java; its simulated SL is 0.902 over 1000
    // eight-hour days from empty; reference/sim-anchors.md records steady-state Erlang C 0.899.
    const p = erlangC({ arrivalsPerHour: 4.2 * 60, handleMs: 120_000, servers: 12 })
    expect(p.serviceLevel(20_000)).toBeCloseTo(0.899, 3)
    expect(p.occupancy).toBeCloseTo(0.7, 12)
  })

  it("360 calls per half hour, AHT 240 s (48 E): 55 agents wait 23.87 %, ASA 8.18 s, 54 agents make 80/20", () => {
    const at = (servers: number) => erlangC({ arrivalsPerHour: 720, handleMs: 240_000, servers })
    const p = at(55)
    expect(p.probWait).toBeCloseTo(0.2387, 4)
    expect(p.asaMs / 1000).toBeCloseTo(8.184, 3)
    expect(p.serviceLevel(20_000)).toBeCloseTo(0.8668, 4)
    expect(p.occupancy).toBeCloseTo(48 / 55, 14)
    expect(at(54).serviceLevel(20_000)).toBeGreaterThan(0.8)
    expect(at(53).serviceLevel(20_000)).toBeLessThan(0.8)
  })

  it("has no steady state at a >= c", () => {
    const p = erlangC({ arrivalsPerHour: 12 * 10, handleMs: 300_000, servers: 10 })
    expect(p.stable).toBe(false)
    expect(p.probWait).toBe(1)
    expect(p.asaMs).toBe(Infinity)
    expect(p.serviceLevel(20_000)).toBe(0)
  })

  it("rejects invalid input", () => {
    expect(() => erlangC({ arrivalsPerHour: 10, handleMs: 0, servers: 1 })).toThrow(RangeError)
    expect(() => erlangC({ arrivalsPerHour: 10, handleMs: 1000, servers: 1.5 })).toThrow(RangeError)
    expect(() => erlangC({ arrivalsPerHour: -1, handleMs: 1000, servers: 1 })).toThrow(RangeError)
  })
})

describe("Erlang C: brute-force CTMC", () => {
  const cases: ReadonlyArray<readonly [perHour: number, handleMs: number, servers: number]> = [
    [30, 60_000, 1], // ρ = 0.5
    [1.2, 30_000, 1], // a = 0.01
    [100, 180_000, 7], // a = 5
    [252, 120_000, 12], // a = 8.4
    [720, 240_000, 55], // a = 48
    [108, 300_000, 10] // a = 9, ρ = 0.9
  ]
  it.each(cases)("λ=%s/h, handle %s ms, c=%s: every metric within 1e-9", (perHour, handleMs, c) => {
    const p = erlangC({ arrivalsPerHour: perHour, handleMs, servers: c })
    const params = { lambda: perHour / HOUR, mu: 1 / handleMs, theta: 0, c }
    const ref = metricsFrom(params, solveChain(params, truncationFor(params)))
    expect(relErr(p.probWait, ref.probWait)).toBeLessThan(1e-9)
    expect(p.abandonRate).toBe(0)
    expect(relErr(p.asaMs, ref.asaMs)).toBeLessThan(1e-9)
    // Little's law: every arrival is answered, so ASA = Lq / λ.
    expect(relErr(p.asaMs, ref.meanQueueLength / params.lambda)).toBeLessThan(1e-9)
    expect(relErr(p.occupancy, ref.occupancy)).toBeLessThan(1e-9)
    expect(relErr(p.meanQueueLength, ref.meanQueueLength)).toBeLessThan(1e-9)
    for (const t of [0, 5_000, 20_000, 60_000, 300_000]) {
      expect(relErr(p.serviceLevel(t), ref.serviceLevel(t))).toBeLessThan(1e-9)
    }
  })
})

describe("Erlang C: large c", () => {
  it.each([
    [2_000, 0.95],
    [5_000, 0.99],
    [5_000, 0.5],
    [300, 0.999]
  ])("c=%s at ρ=%s agrees with the log-space defining sums", (c, rho) => {
    const p = erlangC({ arrivalsPerHour: c * rho * 12, handleMs: 300_000, servers: c })
    expect(relErr(p.probWait, erlangCBySums(c, c * rho))).toBeLessThan(1e-9)
    expect(p.serviceLevel(20_000)).toBeGreaterThan(0)
    expect(p.serviceLevel(20_000)).toBeLessThanOrEqual(1)
  })
})
