/**
 * What `staff` staffs: periods and agent counts. A scenario whose arrival streams and campaigns
 * are constant is one period, simulated as it is. When any rate varies, each report interval
 * (`interval`, from the warm-up end to the horizon) is its own period: the whole scenario with
 * every stream and campaign held at that interval's mean rate, simulated as a stationary
 * scenario (same horizon, warm-up and agent behaviour), so its answer is the steady-state
 * staffing for that load. Agent groups are scaled together: a total of T agents is shared in
 * proportion to the scenario's group counts (largest remainder, each group keeping at least one
 * agent). Pure.
 */
import type { RateStage, Scenario } from "../scenario/model.ts"

export interface Period {
  readonly startMs: number
  readonly endMs: number
  /** The scenario simulated for this period. */
  readonly scenario: Scenario
  /** Chats offered per hour in the period: arrivals plus accepted invitations. */
  readonly arrivalsPerHour: number
}

const isFlat = (stages: ReadonlyArray<RateStage>): boolean => {
  const r = stages[0]?.fromPerHour ?? 0
  return stages.every((s) => s.fromPerHour === r && s.toPerHour === r)
}

/** The mean rate of piecewise-linear stages over [fromMs, toMs). */
export const meanRate = (stages: ReadonlyArray<RateStage>, fromMs: number, toMs: number): number => {
  let area = 0
  for (const s of stages) {
    const a = Math.max(fromMs, s.startMs)
    const b = Math.min(toMs, s.endMs)
    if (b <= a) continue
    const at = (t: number) => s.fromPerHour + (s.toPerHour - s.fromPerHour) * (t - s.startMs) / Math.max(1, s.endMs - s.startMs)
    area += (b - a) * (at(a) + at(b)) / 2
  }
  const last = stages.at(-1)
  if (last !== undefined && toMs > last.endMs) area += (toMs - Math.max(fromMs, last.endMs)) * last.toPerHour
  return toMs > fromMs ? area / (toMs - fromMs) : 0
}

const flatAt = (perHour: number, horizonMs: number): Array<RateStage> =>
  [{ startMs: 0, endMs: horizonMs, fromPerHour: perHour, toPerHour: perHour }]

export const varies = (s: Scenario): boolean =>
  !s.arrivals.every((a) => isFlat(a.stages)) || !s.proactive.every((c) => isFlat(c.stages))

const offered = (s: Scenario, fromMs: number, toMs: number): number =>
  s.arrivals.reduce((sum, a) => sum + meanRate(a.stages, fromMs, toMs), 0) +
  s.proactive.reduce((sum, c) => sum + meanRate(c.stages, fromMs, toMs) * c.acceptProbability, 0)

/** The scenario held at its mean rates over [fromMs, toMs). */
export const stationaryAt = (s: Scenario, fromMs: number, toMs: number): Scenario => ({
  ...s,
  arrivals: s.arrivals.map((a) => ({ ...a, executor: "constant-arrival-rate", stages: flatAt(meanRate(a.stages, fromMs, toMs), s.horizonMs) })),
  proactive: s.proactive.map((c) => ({ ...c, stages: flatAt(meanRate(c.stages, fromMs, toMs), s.horizonMs) }))
})

export const periodsOf = (s: Scenario): Array<Period> => {
  if (!varies(s)) return [{ startMs: s.warmupMs, endMs: s.horizonMs, scenario: s, arrivalsPerHour: offered(s, s.warmupMs, s.horizonMs) }]
  const out: Array<Period> = []
  for (let start = s.warmupMs; start < s.horizonMs; start += s.intervalMs) {
    const end = Math.min(s.horizonMs, start + s.intervalMs)
    out.push({ startMs: start, endMs: end, scenario: stationaryAt(s, start, end), arrivalsPerHour: offered(s, start, end) })
  }
  return out
}

/** The fewest agents a staffing may have: one per group that has agents in the scenario. */
export const minimumAgents = (s: Scenario): number => Math.max(1, s.agents.filter((g) => g.count > 0).length)

/** `total` agents shared in proportion to the scenario's group counts (largest remainder; ties to the first group). */
export const apportion = (s: Scenario, total: number): Array<number> => {
  const weights = s.agents.map((g) => g.count)
  const sum = weights.reduce((a, b) => a + b, 0)
  const w = sum === 0 ? weights.map(() => 1) : weights
  const wSum = w.reduce((a, b) => a + b, 0)
  const positive = w.map((x): number => (x > 0 ? 1 : 0))
  const base = positive.reduce((a, b) => a + b, 0) <= total ? positive : w.map(() => 0)
  const rest = total - base.reduce((a, b) => a + b, 0)
  const exact = w.map((x) => (rest * x) / wSum)
  const counts = exact.map((x, i) => base[i]! + Math.floor(x))
  let left = total - counts.reduce((a, b) => a + b, 0)
  const order = exact.map((x, i) => [x - Math.floor(x), i] as const).sort((a, b) => b[0] - a[0] || a[1] - b[1])
  for (const [, i] of order) {
    if (left <= 0) break
    counts[i]!++
    left--
  }
  return counts
}

/** The scenario with these agent counts per group. */
export const withCounts = (s: Scenario, counts: ReadonlyArray<number>): Scenario => ({
  ...s,
  agents: s.agents.map((g, i) => ({ ...g, count: counts[i] ?? g.count }))
})

/** Chat slots of a staffing (count x capacity, summed). */
export const slotsOf = (s: Scenario, counts: ReadonlyArray<number>): number =>
  s.agents.reduce((sum, g, i) => sum + (counts[i] ?? 0) * g.capacity, 0)
