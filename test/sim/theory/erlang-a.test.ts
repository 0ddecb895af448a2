// Erlang A (M/M/c+M, sim/theory/erlang-a.ts through erlang.ts) against independent references: a
// dense solve of the truncated chain, first-step analysis and uniformization of the tagged
// customer, Mandelbaum & Zeltyn's closed form for P(wait), the θ -> 0 and θ = μ limits, flow
// balances, and the service-level curve integrated back into the ASA.
import { describe, expect, it } from "vitest"
import { erlangA, erlangB, erlangC } from "../../../sim/theory/erlang.ts"
import { type ChainParams, metricsFrom, productForm, relErr, solveChain, truncationFor } from "./brute-force.ts"

const HOUR = 3_600_000
const HANDLE = 300_000
const THRESHOLDS = [0, 5_000, 20_000, 60_000, 300_000]

const input = (servers: number, rho: number, patienceMs: number) => ({
  arrivalsPerHour: (rho * servers * HOUR) / HANDLE,
  handleMs: HANDLE,
  patienceMs,
  servers
})

const chainOf = (servers: number, rho: number, patienceMs: number): ChainParams => ({
  lambda: (rho * servers) / HANDLE,
  mu: 1 / HANDLE,
  theta: 1 / patienceMs,
  c: servers
})

/** Within 1e-9 relative, or 1e-15 absolute for quantities the reference resolves only that far. */
const close = (actual: number, expected: number): boolean =>
  relErr(actual, expected) < 1e-9 || Math.abs(actual - expected) < 1e-15

/**
 * P(W > 0) in Mandelbaum & Zeltyn's closed form (2005 note, section on the Erlang-A formulae):
 * P(W>0) = A·B / (1 + (A - 1)·B), B = Erlang B(c, λ/μ), A = 1 + Σ_{j>=1} (λ/θ)^j / Π_{k=1..j} (cμ/θ + k).
 */
const probWaitMZ = (p: ChainParams): number => {
  const x = (p.c * p.mu) / p.theta
  const y = p.lambda / p.theta
  let a = 1
  let term = 1
  for (let j = 1; term > 1e-18 * a || y > x + j; j++) {
    term *= y / (x + j)
    a += term
  }
  const b = erlangB(p.c, p.lambda / p.mu)
  return (a * b) / (1 + (a - 1) * b)
}

const expectAllClose = (servers: number, rho: number, patienceMs: number, pi: Float64Array): void => {
  const p = erlangA(input(servers, rho, patienceMs))
  const ref = metricsFrom(chainOf(servers, rho, patienceMs), pi)
  expect(close(p.probWait, ref.probWait), `probWait ${p.probWait} vs ${ref.probWait}`).toBe(true)
  expect(close(p.abandonRate, ref.abandonRate), `abandonRate ${p.abandonRate} vs ${ref.abandonRate}`).toBe(true)
  expect(close(p.asaMs, ref.asaMs), `asaMs ${p.asaMs} vs ${ref.asaMs}`).toBe(true)
  expect(close(p.occupancy, ref.occupancy), `occupancy ${p.occupancy} vs ${ref.occupancy}`).toBe(true)
  expect(close(p.meanQueueLength, ref.meanQueueLength), `Lq ${p.meanQueueLength} vs ${ref.meanQueueLength}`).toBe(true)
  expect(close(1 - p.abandonRate, ref.answered)).toBe(true)
  for (const t of THRESHOLDS) {
    const [got, want] = [p.serviceLevel(t), ref.serviceLevel(t)]
    expect(close(got, want), `serviceLevel(${t}) ${got} vs ${want}`).toBe(true)
  }
}

const grid = [1, 5, 100].flatMap((c) =>
  [0.5, 0.95, 1.2].flatMap((rho) => [120_000, 600_000].map((patience) => [c, rho, patience] as const))
)

describe("Erlang A: brute-force CTMC (dense solve, tagged-customer chain)", () => {
  it.each(grid)("c=%s ρ=%s patience %s ms: every metric within 1e-9", (c, rho, patience) => {
    const params = chainOf(c, rho, patience)
    expectAllClose(c, rho, patience, solveChain(params, truncationFor(params)))
  })
})

describe("Erlang A: c = 2,000 and 5,000", () => {
  it.each(
    [0.5, 0.95, 1.2].flatMap(
      (rho) =>
        [
          [rho, 120_000],
          [rho, 600_000]
        ] as const
    )
  )("c=2000 ρ=%s patience %s ms: metrics match the product-form chain and uniformization", (rho, patience) => {
    const params = chainOf(2_000, rho, patience)
    expectAllClose(2_000, rho, patience, productForm(params, truncationFor(params)))
  })

  it.each([
    [1, 0.5],
    [5, 0.95],
    [100, 1.2],
    [2_000, 0.95],
    [2_000, 1.2],
    [5_000, 0.5],
    [5_000, 1.2],
    [5_000, 2]
  ])("c=%s ρ=%s: P(wait) matches Mandelbaum & Zeltyn's closed form; flow balances hold", (c, rho) => {
    const params = chainOf(c, rho, 120_000)
    const p = erlangA(input(c, rho, 120_000))
    expect(relErr(p.probWait, probWaitMZ(params))).toBeLessThan(1e-9)
    // Abandonment flow θ·Lq = λ·P(abandon); service flow μ·busy = λ·P(answered).
    expect(relErr(p.abandonRate, (params.theta * p.meanQueueLength) / params.lambda)).toBeLessThan(1e-9)
    expect(relErr(p.occupancy, (params.lambda * (1 - p.abandonRate)) / (params.mu * c))).toBeLessThan(1e-9)
  })
})

describe("Erlang A: limits", () => {
  it.each([
    [1, 0.5],
    [5, 0.9],
    [100, 0.95],
    [2_000, 0.95]
  ])("θ -> 0 gives Erlang C (c=%s, ρ=%s)", (c, rho) => {
    const a = erlangA(input(c, rho, 1e13))
    const ec = erlangC({ arrivalsPerHour: (rho * c * HOUR) / HANDLE, handleMs: HANDLE, servers: c })
    expect(relErr(a.probWait, ec.probWait)).toBeLessThan(1e-5)
    expect(relErr(a.asaMs, ec.asaMs)).toBeLessThan(1e-5)
    expect(relErr(a.meanQueueLength, ec.meanQueueLength)).toBeLessThan(1e-5)
    expect(relErr(a.occupancy, ec.occupancy)).toBeLessThan(1e-5)
    expect(a.abandonRate).toBeLessThan(1e-5)
    for (const t of THRESHOLDS) expect(relErr(a.serviceLevel(t), ec.serviceLevel(t))).toBeLessThan(1e-5)
  })

  it.each([
    [1, 0.5],
    [5, 1.2],
    [100, 0.95],
    [100, 2]
  ])("θ = μ is M/M/∞: N ~ Poisson(a) (c=%s, ρ=%s)", (c, rho) => {
    // Everyone in the system leaves at rate μ, served or not: the number present is Poisson(a).
    const load = rho * c
    const p = erlangA(input(c, rho, HANDLE))
    let pmf = Math.exp(-load)
    let below = 0
    let busy = 0
    let excess = load // E[(N-c)^+] = a - E[min(N, c)]
    for (let n = 0; n < c; n++) {
      below += pmf
      busy += n * pmf
      pmf *= load / (n + 1)
    }
    busy += c * (1 - below)
    excess -= busy
    expect(relErr(p.probWait, 1 - below)).toBeLessThan(1e-9)
    expect(relErr(p.occupancy, busy / c)).toBeLessThan(1e-9)
    expect(relErr(p.meanQueueLength, excess)).toBeLessThan(1e-8)
    expect(relErr(p.abandonRate, excess / load)).toBeLessThan(1e-8)
  })
})

describe("Erlang A: service level and ASA are one wait distribution", () => {
  it.each([
    [1, 1.2],
    [5, 0.5],
    [100, 0.95],
    [2_000, 1.2]
  ])("∫ (P(answered) - SL(t)) dt = ASA · P(answered)  (c=%s, ρ=%s)", (c, rho) => {
    const p = erlangA(input(c, rho, 120_000))
    const answered = 1 - p.abandonRate
    // Integrate until the curve is within rounding (1e-12) of its limit; summing c = 2,000 terms
    // leaves a plateau a few 1e-13 below it, so the doubling is bounded too.
    let end = 1_000
    while (answered - p.serviceLevel(end) > 1e-12 * answered && end < 1e9) end *= 2
    expect(answered - p.serviceLevel(end)).toBeLessThan(1e-12 * answered)
    const steps = 20_000 // Simpson's rule on [0, end]
    const h = end / steps
    let sum = 0
    for (let i = 0; i <= steps; i++) {
      const weight = i === 0 || i === steps ? 1 : i % 2 === 1 ? 4 : 2
      sum += weight * (answered - p.serviceLevel(i * h))
    }
    const integral = (sum * h) / 3
    expect(relErr(integral, p.asaMs * answered)).toBeLessThan(1e-6)
  })

  it("service level rises with the threshold to P(answered)", () => {
    const p = erlangA(input(50, 1.1, 90_000))
    let last = p.serviceLevel(0)
    expect(last).toBeCloseTo(1 - p.probWait, 14)
    for (let t = 1_000; t <= 3_600_000; t *= 2) {
      const sl = p.serviceLevel(t)
      expect(sl).toBeGreaterThanOrEqual(last)
      last = sl
    }
    expect(last).toBeCloseTo(1 - p.abandonRate, 12)
  })

  it("handles c = 5,000 overloaded with long patience quickly and in range", () => {
    const p = erlangA(input(5_000, 1.5, 1_800_000))
    for (const v of [p.probWait, p.abandonRate, p.occupancy, p.serviceLevel(20_000)]) {
      expect(v).toBeGreaterThanOrEqual(0)
      expect(v).toBeLessThanOrEqual(1)
    }
    expect(p.occupancy).toBeGreaterThan(0.999)
    expect(
      relErr(p.abandonRate, (1 / HANDLE) * 0 + ((1 / 1_800_000) * p.meanQueueLength) / ((1.5 * 5_000) / HANDLE))
    ).toBeLessThan(1e-9)
  })
})
