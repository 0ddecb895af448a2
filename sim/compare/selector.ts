/**
 * Metric selectors shared by `compare --fail-if` and `staff --target`: `<metric>` or
 * `<metric>{queue:<id>}`, with `serviceLevel.<threshold>` for a service level. Checked against a
 * scenario's queues and service-level thresholds (a label matches by duration, so `20000ms` finds
 * `20s`). Pure; a problem is a message.
 */
import { parseDuration } from "../scenario/duration.ts"
import type { Scenario } from "../scenario/model.ts"
import { durationLabel } from "../theory/labels.ts"
import type { MetricKey } from "./metrics.ts"
import { isKnownMetric, KNOWN_METRICS_TEXT } from "./metrics.ts"

export interface Selector {
  /** `asaMs`, `serviceLevel.20s` (the label as the summary names it). */
  readonly key: MetricKey
  /** Absent: the whole center. */
  readonly queue?: string
}

/** "serviceLevel.20s{queue:support}" */
export const selectorText = (s: Selector): string => (s.queue === undefined ? s.key : `${s.key}{queue:${s.queue}}`)

export const parseSelector = (text: string, scenario: Scenario): Selector | string => {
  const m = /^\s*([A-Za-z][A-Za-z0-9]*)(?:\.([^{}\s]*))?\s*(?:\{([^{}]*)\})?\s*$/.exec(text)
  if (m === null) return `bad metric ${JSON.stringify(text.trim())}; expected "<metric>" or "<metric>{queue:<id>}"`
  const [, name = "", label, tags] = m
  if (!isKnownMetric(name)) return `unknown metric ${JSON.stringify(name)}; expected one of ${KNOWN_METRICS_TEXT}`
  let key: MetricKey = name
  if (name === "serviceLevel") {
    const labels = scenario.serviceLevelThresholdsMs.map(durationLabel)
    const ms = parseDuration(label ?? "")
    if (label === undefined || label === "") return `serviceLevel needs a threshold, e.g. serviceLevel.${labels[0] ?? "20s"}`
    if (ms === undefined || !scenario.serviceLevelThresholdsMs.includes(ms)) {
      return `unknown service-level threshold ${JSON.stringify(label)}; the scenario has ${labels.join(", ") || "none"}`
    }
    key = `serviceLevel.${durationLabel(ms)}`
  } else if (label !== undefined) {
    return `${JSON.stringify(name)} takes no ".${label}" suffix (only serviceLevel has thresholds)`
  }
  if (tags === undefined) return { key }
  const tag = /^\s*queue\s*:\s*([^,:\s]+)\s*$/.exec(tags)
  if (tag === null) return `bad tag {${tags}}; only {queue:<id>} is supported`
  const queue = tag[1]!
  const queues = scenario.queues.map((q) => q.id)
  if (!queues.includes(queue)) return `unknown queue ${JSON.stringify(queue)}; the scenario has ${queues.join(", ")}`
  return { key, queue }
}
