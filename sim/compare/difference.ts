/**
 * The difference of one metric between a variant and the baseline over replications run on common
 * random numbers, and its verdict. Paired: Student t on the per-replication differences
 * (replications where either value is undefined are dropped). Unpaired: Welch's t with
 * Welch-Satterthwaite degrees of freedom on the two samples as if independent, for contrast; the
 * paired interval is the one the verdict uses. Pure.
 */
import { metricCI, studentQuantile } from "../stats/intervals.ts"
import type { Direction } from "./metrics.ts"

export type Interval = readonly [number, number]

export interface PairedDifference {
  readonly mean: number
  readonly ci95: Interval
  /** Replications where both values are defined. */
  readonly n: number
}

export interface UnpairedDifference {
  readonly mean: number
  readonly ci95: Interval
}

/**
 * `better`/`worse` for a metric with a direction, `higher`/`lower` for a neutral one, when the
 * paired 95% CI excludes 0; `no significant difference` when it contains 0; `insufficient data`
 * with fewer than two paired replications (no interval).
 */
export type Verdict = "better" | "worse" | "higher" | "lower" | "no significant difference" | "insufficient data"

const finite = (xs: ReadonlyArray<number>): Array<number> => xs.filter((x) => Number.isFinite(x))
const mean = (xs: ReadonlyArray<number>): number => xs.reduce((s, x) => s + x, 0) / xs.length
const variance = (xs: ReadonlyArray<number>): number => {
  const m = mean(xs)
  return xs.reduce((s, x) => s + (x - m) ** 2, 0) / (xs.length - 1)
}
const none: Interval = [Number.NaN, Number.NaN]

export const pairedDifference = (baseline: ReadonlyArray<number>, variant: ReadonlyArray<number>): PairedDifference => {
  const diffs: Array<number> = []
  baseline.forEach((b, r) => {
    const v = variant[r] ?? Number.NaN
    if (Number.isFinite(b) && Number.isFinite(v)) diffs.push(v - b)
  })
  const ci = metricCI(diffs)
  return { mean: ci.mean ?? Number.NaN, ci95: ci.ci95 ?? none, n: ci.n }
}

export const welchDifference = (
  baseline: ReadonlyArray<number>,
  variant: ReadonlyArray<number>
): UnpairedDifference => {
  const b = finite(baseline)
  const v = finite(variant)
  if (b.length === 0 || v.length === 0) return { mean: Number.NaN, ci95: none }
  const d = mean(v) - mean(b)
  if (b.length < 2 || v.length < 2) return { mean: d, ci95: none }
  const [qb, qv] = [variance(b) / b.length, variance(v) / v.length]
  const se = Math.sqrt(qb + qv)
  if (se === 0) return { mean: d, ci95: [d, d] }
  const df = (qb + qv) ** 2 / (qb ** 2 / (b.length - 1) + qv ** 2 / (v.length - 1))
  const half = studentQuantile(0.975, df) * se
  return { mean: d, ci95: [d - half, d + half] }
}

/** Which way the paired interval says the variant moved the metric (0: not significantly). */
export const significantSign = (d: PairedDifference): -1 | 0 | 1 => {
  const [lo, hi] = d.ci95
  if (d.n < 2 || !Number.isFinite(lo) || !Number.isFinite(hi)) return 0
  return lo > 0 ? 1 : hi < 0 ? -1 : 0
}

export const verdictOf = (d: PairedDifference, direction: Direction): Verdict => {
  if (d.n < 2) return "insufficient data"
  const sign = significantSign(d)
  if (sign === 0) return "no significant difference"
  switch (direction) {
    case "lower-is-better":
      return sign < 0 ? "better" : "worse"
    case "higher-is-better":
      return sign > 0 ? "better" : "worse"
    case "neutral":
      return sign > 0 ? "higher" : "lower"
  }
}
