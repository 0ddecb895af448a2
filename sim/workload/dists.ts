/**
 * Sampling the scenario's distributions from uniforms. Inverse transform where it is cheap and
 * exact (fixed, exponential, uniform, empirical, lognormal through the normal quantile), and
 * Marsaglia-Tsang for gamma. Every sample comes from the `Uniforms` passed in, so common random
 * numbers hold: the same uniforms give the same sample. Durations are rounded to whole ms.
 */
import type { Dist } from "../scenario/model.ts"
import type { Uniforms } from "./draws.ts"

/** Standard normal quantile, Acklam's rational approximation (relative error < 1.2e-9). */
export const normalQuantile = (p: number): number => {
  const a = [
    -3.969683028665376e1, 2.209460984245205e2, -2.759285104469687e2, 1.38357751867269e2, -3.066479806614716e1,
    2.506628277459239
  ]
  const b = [-5.447609879822406e1, 1.615858368580409e2, -1.556989798598866e2, 6.680131188771972e1, -1.328068155288572e1]
  const c = [
    -7.784894002430293e-3, -3.223964580411365e-1, -2.400758277161838, -2.549732539343734, 4.374664141464968,
    2.938163982698783
  ]
  const d = [7.784695709041462e-3, 3.224671290700398e-1, 2.445134137142996, 3.754408661907416]
  const tail = (q: number) =>
    (((((c[0]! * q + c[1]!) * q + c[2]!) * q + c[3]!) * q + c[4]!) * q + c[5]!) /
    ((((d[0]! * q + d[1]!) * q + d[2]!) * q + d[3]!) * q + 1)
  if (p < 0.02425) return tail(Math.sqrt(-2 * Math.log(p)))
  if (p > 1 - 0.02425) return -tail(Math.sqrt(-2 * Math.log(1 - p)))
  const q = p - 0.5
  const r = q * q
  return (
    ((((((a[0]! * r + a[1]!) * r + a[2]!) * r + a[3]!) * r + a[4]!) * r + a[5]!) * q) /
    (((((b[0]! * r + b[1]!) * r + b[2]!) * r + b[3]!) * r + b[4]!) * r + 1)
  )
}

/** Gamma(shape, 1) by Marsaglia & Tsang (2000), with the shape < 1 boost. */
const gammaUnit = (shape: number, u: Uniforms): number => {
  if (shape < 1) return gammaUnit(shape + 1, u) * u.next() ** (1 / shape)
  const d = shape - 1 / 3
  const c = 1 / Math.sqrt(9 * d)
  for (;;) {
    const x = normalQuantile(u.next())
    const v0 = 1 + c * x
    if (v0 <= 0) continue
    const v = v0 * v0 * v0
    const w = u.next()
    if (Math.log(w) < 0.5 * x * x + d - d * v + d * Math.log(v)) return d * v
  }
}

/** One sample of `dist` (unrounded). */
export const sample = (dist: Dist, u: Uniforms): number => {
  switch (dist._tag) {
    case "fixed":
      return dist.value
    case "exponential":
      return -dist.mean * Math.log(u.next())
    case "uniform":
      return dist.min + (dist.max - dist.min) * u.next()
    case "empirical":
      return dist.values[Math.min(dist.values.length - 1, Math.floor(u.next() * dist.values.length))]!
    case "lognormal": {
      const sigma2 = Math.log(1 + (dist.sd * dist.sd) / (dist.mean * dist.mean))
      const mu = Math.log(dist.mean) - sigma2 / 2
      return Math.exp(mu + Math.sqrt(sigma2) * normalQuantile(u.next()))
    }
    case "gamma": {
      if (dist.cv === 0) return dist.mean
      const shape = 1 / (dist.cv * dist.cv)
      return gammaUnit(shape, u) * (dist.mean / shape)
    }
  }
}

/** A duration in whole ms, never negative. */
export const sampleMs = (dist: Dist, u: Uniforms): number => Math.max(0, Math.round(sample(dist, u)))

/** The mean of a distribution (for reports and theory). */
export const meanOf = (dist: Dist): number => {
  switch (dist._tag) {
    case "fixed":
      return dist.value
    case "exponential":
    case "lognormal":
    case "gamma":
      return dist.mean
    case "uniform":
      return (dist.min + dist.max) / 2
    case "empirical":
      return dist.values.reduce((s, v) => s + v, 0) / Math.max(1, dist.values.length)
  }
}

/** Pick the index of one of `items` by their weights with one uniform. */
export const pickWeighted = (items: ReadonlyArray<{ readonly weight: number }>, u: number): number => {
  let total = 0
  for (const item of items) total += item.weight
  let x = u * total
  for (let i = 0; i < items.length; i++) {
    x -= items[i]!.weight
    if (x < 0) return i
  }
  return items.length - 1
}
