/**
 * Replication statistics: mean, standard error and Student-t confidence intervals over independent
 * replications. The t quantile inverts the t CDF, computed from the regularized incomplete beta
 * function (continued fraction, Lentz's method as in Numerical Recipes 6.4), by bisection.
 */
import type { MetricCI } from "./summary.ts"

const logGamma = (x: number): number => {
  // Lanczos approximation, g = 7, n = 9
  const g = [0.99999999999980993, 676.5203681218851, -1259.1392167224028, 771.32342877765313, -176.61503916999185,
    12.507343278686905, -0.13857109526572012, 9.9843695780195716e-6, 1.5056327351493116e-7]
  if (x < 0.5) return Math.log(Math.PI / Math.sin(Math.PI * x)) - logGamma(1 - x)
  x -= 1
  let a = g[0]!
  const t = x + 7.5
  for (let i = 1; i < 9; i++) a += g[i]! / (x + i)
  return 0.5 * Math.log(2 * Math.PI) + (x + 0.5) * Math.log(t) - t + Math.log(a)
}

const betaContinuedFraction = (a: number, b: number, x: number): number => {
  const tiny = 1e-300
  let c = 1
  let d = 1 - ((a + b) * x) / (a + 1)
  if (Math.abs(d) < tiny) d = tiny
  d = 1 / d
  let h = d
  for (let m = 1; m <= 300; m++) {
    const m2 = 2 * m
    let aa = (m * (b - m) * x) / ((a + m2 - 1) * (a + m2))
    d = 1 + aa * d
    if (Math.abs(d) < tiny) d = tiny
    c = 1 + aa / c
    if (Math.abs(c) < tiny) c = tiny
    d = 1 / d
    h *= d * c
    aa = (-(a + m) * (a + b + m) * x) / ((a + m2) * (a + m2 + 1))
    d = 1 + aa * d
    if (Math.abs(d) < tiny) d = tiny
    c = 1 + aa / c
    if (Math.abs(c) < tiny) c = tiny
    d = 1 / d
    const delta = d * c
    h *= delta
    if (Math.abs(delta - 1) < 1e-15) break
  }
  return h
}

/** Regularized incomplete beta I_x(a, b). */
export const incompleteBeta = (x: number, a: number, b: number): number => {
  if (x <= 0) return 0
  if (x >= 1) return 1
  const front = Math.exp(logGamma(a + b) - logGamma(a) - logGamma(b) + a * Math.log(x) + b * Math.log(1 - x))
  return x < (a + 1) / (a + b + 2)
    ? (front * betaContinuedFraction(a, b, x)) / a
    : 1 - (front * betaContinuedFraction(b, a, 1 - x)) / b
}

/** P(T <= t) for Student's t with `df` degrees of freedom. */
export const studentCdf = (t: number, df: number): number => {
  const tail = 0.5 * incompleteBeta(df / (df + t * t), df / 2, 0.5)
  return t >= 0 ? 1 - tail : tail
}

/** The `p` quantile of Student's t (p in (0.5, 1)). */
export const studentQuantile = (p: number, df: number): number => {
  let lo = 0
  let hi = 1
  while (studentCdf(hi, df) < p) hi *= 2
  for (let i = 0; i < 200 && hi - lo > 1e-12 * hi; i++) {
    const mid = (lo + hi) / 2
    if (studentCdf(mid, df) < p) lo = mid
    else hi = mid
  }
  return (lo + hi) / 2
}

const quantileCache = new Map<string, number>()
const tQuantile = (p: number, df: number): number => {
  const key = `${p}:${df}`
  let q = quantileCache.get(key)
  if (q === undefined) quantileCache.set(key, q = studentQuantile(p, df))
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
