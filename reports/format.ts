/**
 * Number formatting shared by every report. The rule is honesty: a replicated estimate is shown
 * with as many decimals as its 95% confidence interval supports (the half-width rounded to one
 * significant digit, two when it starts with 1 or 2), and the mean rounded to the same place;
 * without an interval (fewer than 2 replications) the mean gets three significant digits and the
 * interval reads "n/a". Units come from the metric catalog: a duration in ms is shown in seconds,
 * a ratio in percent, a count of chats as is.
 */
import { unitOfKey } from "../sim/summary/catalog.ts"
import type { MetricCI } from "../sim/summary/model.ts"

export type Unit = "percent" | "seconds" | "chats"

const scale: Record<Unit, number> = { percent: 100, seconds: 0.001, chats: 1 }
const suffix: Record<Unit, string> = { percent: "%", seconds: " s", chats: "" }
const defaultDecimals: Record<Unit, number> = { percent: 1, seconds: 1, chats: 2 }
const decimalsMax = 3

/** The display unit of a metric key (`asaMs`, `serviceLevel.20s`, `waitMs{queue:x}`...). */
export const unitOf = (metric: string): Unit => {
  switch (unitOfKey(metric)) {
    case "ms":
      return "seconds"
    case "chats":
      return "chats"
    case "ratio":
      return "percent"
  }
}

/** Decimal places supported by an uncertainty `half` (negative: round to tens, hundreds...). */
export const decimalsFor = (half: number): number => {
  if (!Number.isFinite(half) || half <= 0) return Number.NaN
  const exponent = Math.floor(Math.log10(half))
  const leading = Math.floor(half / 10 ** exponent)
  const significant = leading <= 2 ? 2 : 1
  return Math.min(decimalsMax, significant - 1 - exponent)
}

/** `x` rounded to `decimals` places (negative decimals round to tens, hundreds...), as text. */
export const fixed = (x: number, decimals: number): string => {
  if (!Number.isFinite(x)) return "n/a"
  if (decimals >= 0) {
    const text = x.toFixed(decimals)
    return /^-0(\.0*)?$/.test(text) ? text.slice(1) : text
  }
  const step = 10 ** -decimals
  return String(Math.round(x / step) * step)
}

/** Thousands separators, independent of the machine's locale. */
export const formatCount = (n: number): string => {
  if (!Number.isFinite(n)) return "n/a"
  const [whole = "", fraction] = String(Math.round(n * 100) / 100).split(".")
  const grouped = whole.replace(/\B(?=(\d{3})+(?!\d))/g, ",")
  return fraction === undefined ? grouped : `${grouped}.${fraction}`
}

/** Half-width of the 95% interval, or NaN when there is none (n < 2). */
export const halfWidth = (m: MetricCI): number => (m.ci95 === null ? Number.NaN : (m.ci95[1] - m.ci95[0]) / 2)

export interface Estimate {
  /** The mean, rounded as the interval allows, with its unit ("82.3%"). */
  readonly value: string
  /** "±1.2" (same unit as `value`), "±0" when every replication agreed, "±n/a" without an interval (n < 2). */
  readonly plusMinus: string
  /** `value` and `plusMinus` together; "n/a" when no replication defines the metric. */
  readonly text: string
  /** Decimal places used, so related numbers (a prediction) can match them. */
  readonly decimals: number
}

/** Decimal places for three significant digits of `x` in `unit` (a value without an interval). */
const significantDecimals = (x: number, unit: Unit): number => {
  const scaled = Math.abs(x * scale[unit])
  if (!Number.isFinite(scaled) || scaled === 0) return 0
  return Math.min(decimalsMax + 2, Math.max(0, 2 - Math.floor(Math.log10(scaled))))
}

/** A replicated metric as "mean ±half-width" (95% CI) in its display unit. */
export const formatEstimate = (m: MetricCI, unit: Unit): Estimate => {
  if (m.mean === null) return { value: "n/a", plusMinus: "", text: "n/a", decimals: defaultDecimals[unit] }
  const k = scale[unit]
  const half = halfWidth(m) * k
  if (!Number.isFinite(half)) {
    const decimals = significantDecimals(m.mean, unit)
    const value = formatIn(m.mean, unit, decimals)
    return { value, plusMinus: "±n/a", text: `${value} ±n/a`, decimals }
  }
  // Every replication agreed (half 0): whole numbers stay whole, others keep three significant digits.
  const agreed = Number.isInteger(m.mean * k) ? 0 : significantDecimals(m.mean, unit)
  const decimals = half === 0 ? agreed : decimalsFor(half)
  const value = formatIn(m.mean, unit, decimals)
  const plusMinus = `±${fixed(half, decimals)}`
  return { value, plusMinus, text: `${value} ${plusMinus}`, decimals }
}

/** The 95% interval itself, "[80.1%, 84.5%]", rounded like the estimate; "n/a" without one. */
export const formatInterval = (m: MetricCI, unit: Unit): string => {
  if (m.ci95 === null) return "n/a"
  const { decimals } = formatEstimate(m, unit)
  const [lo, hi] = m.ci95
  const k = scale[unit]
  return `[${fixed(lo * k, decimals)}, ${fixed(hi * k, decimals)}]${suffix[unit]}`
}

/** A value in a metric's unit with a given number of decimals ("41.2 s"). */
export const formatIn = (x: number, unit: Unit, decimals: number): string =>
  Number.isFinite(x) ? `${fixed(x * scale[unit], decimals)}${suffix[unit]}` : "n/a"

/** A value without an interval (a pooled percentile) to three significant digits; "n/a" for null. */
export const formatPoint = (x: number | null, unit: Unit): string =>
  x === null ? "n/a" : formatIn(x, unit, significantDecimals(x, unit))

/** "1 replication", "5 replications". */
export const plural = (n: number, word: string): string => `${formatCount(n)} ${word}${n === 1 ? "" : "s"}`

/** A raw number as thresholds compare it (ms, ratios), four significant digits at most. */
export const formatRaw = (x: number): string => {
  if (!Number.isFinite(x)) return "n/a"
  if (Math.abs(x) >= 1000) return formatCount(Math.round(x))
  return String(Number(x.toPrecision(4)))
}
