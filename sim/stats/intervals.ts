/**
 * Replication statistics: mean, standard error and Student-t confidence intervals over independent
 * replications. The t distribution's quantile and CDF come from stdlib (@stdlib/stats-base-dists-t-*).
 */
import tCdf from "@stdlib/stats-base-dists-t-cdf"
import tQuantileOf from "@stdlib/stats-base-dists-t-quantile"
import type { MetricCI } from "../summary/model.ts"

/** P(T <= t) for Student's t with `df` degrees of freedom. */
export const studentCdf = (t: number, df: number): number => tCdf(t, df)

/** The `p` quantile of Student's t (p in (0, 1); df may be fractional, as Welch's is). */
export const studentQuantile = (p: number, df: number): number => tQuantileOf(p, df)

const quantileCache = new Map<string, number>()
const tQuantile = (p: number, df: number): number => {
  const key = `${p}:${df}`
  let q = quantileCache.get(key)
  if (q === undefined) quantileCache.set(key, (q = studentQuantile(p, df)))
  return q
}

/**
 * Mean, standard error and t-intervals of per-replication values (NaN values are skipped: a
 * replication that does not define the metric). n < 2: no interval (null); n = 0: no mean either.
 */
export const metricCI = (values: ReadonlyArray<number>): MetricCI => {
  const xs = values.filter((v) => Number.isFinite(v))
  const n = xs.length
  if (n === 0) return { mean: null, stderr: null, ci95: null, ci99: null, n }
  const mean = xs.reduce((s, v) => s + v, 0) / n
  if (n < 2) return { mean, stderr: null, ci95: null, ci99: null, n }
  const variance = xs.reduce((s, v) => s + (v - mean) ** 2, 0) / (n - 1)
  const stderr = Math.sqrt(variance / n)
  const h95 = tQuantile(0.975, n - 1) * stderr
  const h99 = tQuantile(0.995, n - 1) * stderr
  return { mean, stderr, ci95: [mean - h95, mean + h95], ci99: [mean - h99, mean + h99], n }
}
