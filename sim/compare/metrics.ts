/**
 * The metrics `compare` and `staff` read, by key (`asaMs`, `serviceLevel.20s`), and which way is
 * better for each, as the metric catalog defines them: lower for waits, abandonment, expiry, RONA,
 * drops and queue length; higher for service level; neither for utilization, occupancy, transfer
 * rate and handle time, which a routing change may move either way without one direction being
 * good (a comparison calls them "higher" or "lower").
 */

import type { Direction, PlainMetric } from "../summary/catalog.ts"
import { CATALOG, isPlainMetric, PLAIN_METRICS } from "../summary/catalog.ts"

export type { Direction } from "../summary/catalog.ts"
export { PLAIN_METRICS } from "../summary/catalog.ts"

/** `probWait`, `serviceLevel.20s`, ... */
export type MetricKey = string

export const directionOf = (key: MetricKey): Direction =>
  key.startsWith("serviceLevel.") ? "higher-is-better" : isPlainMetric(key) ? CATALOG[key].direction : "neutral"

/** The compared metrics in report order: the plain ones with service levels after the waits. */
export const metricKeys = (serviceLevelKeys: ReadonlyArray<MetricKey>): Array<MetricKey> => {
  const plain: ReadonlyArray<PlainMetric> = PLAIN_METRICS
  const at = plain.indexOf("acceptDelayMs") + 1
  return [...plain.slice(0, at), ...serviceLevelKeys, ...plain.slice(at)]
}
