/**
 * The metrics `compare` and `staff` read, by key (`asaMs`, `serviceLevel.20s`), and which way is
 * better for each: lower for waits, abandonment, RONA, drops and queue length; higher for service
 * level; neither for occupancy, transfer rate and handle time, which a routing change may move
 * either way without one direction being good (a comparison calls them "higher" or "lower").
 */
import type { GroupMetrics } from "../summary.ts"

/** `probWait`, `serviceLevel.20s`, ... */
export type MetricKey = string

/** Every replicated metric except `serviceLevel` (keyed by label) and `waitMs` (its mean is `asaMs`). */
export type PlainMetric = Exclude<keyof GroupMetrics, "serviceLevel" | "waitMs">

export const PLAIN_METRICS = [
  "probWait", "abandonRate", "asaMs", "occupancy", "ronaRate", "transferRate", "droppedRate", "ahtMs", "meanQueueLength"
] as const satisfies ReadonlyArray<PlainMetric>

export type Direction = "lower-is-better" | "higher-is-better" | "neutral"

const plainDirection: Record<PlainMetric, Direction> = {
  probWait: "lower-is-better",
  abandonRate: "lower-is-better",
  asaMs: "lower-is-better",
  ronaRate: "lower-is-better",
  droppedRate: "lower-is-better",
  meanQueueLength: "lower-is-better",
  occupancy: "neutral",
  transferRate: "neutral",
  ahtMs: "neutral"
}

const isPlain = (key: string): key is PlainMetric => key in plainDirection

export const directionOf = (key: MetricKey): Direction =>
  key.startsWith("serviceLevel.") ? "higher-is-better" : isPlain(key) ? plainDirection[key] : "neutral"

/** The compared metrics in report order: the plain ones with service levels after ASA. */
export const metricKeys = (serviceLevelKeys: ReadonlyArray<MetricKey>): Array<MetricKey> => [
  "probWait", "abandonRate", "asaMs", ...serviceLevelKeys, "occupancy", "ronaRate", "transferRate", "droppedRate", "ahtMs",
  "meanQueueLength"
]

/** Whether `name` (without a label) is a metric these commands know. */
export const isKnownMetric = (name: string): boolean => name === "serviceLevel" || isPlain(name)

export const KNOWN_METRICS_TEXT = [...PLAIN_METRICS.slice(0, 3), "serviceLevel.<threshold>", ...PLAIN_METRICS.slice(3)].join(", ")
