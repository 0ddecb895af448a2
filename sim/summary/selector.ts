/**
 * Metric selectors, the one syntax that run thresholds, `compare --fail-if` and `staff --target`
 * share: `<metric>`, `<metric>{queue:<id>}`, and `serviceLevel.<threshold>`; `serviceLevel{queue:<id>}`
 * without a threshold means that queue's own `serviceLevelThreshold`. Names come from the metric
 * catalog. A selector resolves against what a run knows (queues, thresholds) to the summary key it
 * reads (`serviceLevel.20s`), and a bound on a ratio must lie in [0, 1]; `compareWith` judges a value
 * against a bound (a value that is not finite fails). Pure; a problem is a message.
 */

import { parseDuration } from "../../input/duration.ts"
import type { Scenario } from "../scenario/model.ts"
import type { DistributionMetric, PlainMetric } from "./catalog.ts"
import { DISTRIBUTIONS, isPlainMetric, isRatio, KNOWN_METRICS_TEXT } from "./catalog.ts"
import { durationLabel } from "./labels.ts"

export type SelectorName = PlainMetric | DistributionMetric | "serviceLevel"

/** As written: a name, for serviceLevel an optional threshold label, an optional queue. */
export interface SelectorSyntax {
  readonly name: SelectorName
  readonly label?: string
  readonly queue?: string
}

/** What a run knows before it starts: its queues, global thresholds and each queue's own. */
export interface KnownNames {
  readonly queues: ReadonlyArray<string>
  readonly thresholdsMs: ReadonlyArray<number>
  readonly ownThresholdMs: Readonly<Record<string, number>>
}

/** A resolved selector: the summary key it reads (`asaMs`, `serviceLevel.20s`) and the group. */
export interface Selector {
  readonly key: string
  /** Absent: the whole center. */
  readonly queue?: string
}

const quote = (s: string): string => JSON.stringify(s)

const isDistribution = (name: string): name is DistributionMetric => Object.hasOwn(DISTRIBUTIONS, name)

const KNOWN = `${KNOWN_METRICS_TEXT}, ${Object.keys(DISTRIBUTIONS).join(", ")}`

const parseTags = (tags: string | undefined): { readonly queue?: string } | string => {
  let queue: string | undefined
  for (const tag of tags === undefined ? [] : tags.split(",")) {
    const [key = "", value, ...extra] = tag.split(":").map((s) => s.trim())
    if (key !== "queue") return `unknown tag ${quote(key)}; only {queue:<id>} is supported`
    if (value === undefined || value === "" || extra.length > 0)
      return `bad tag ${quote(tag.trim())}; expected {queue:<id>}`
    if (queue !== undefined) return `tag "queue" given twice`
    queue = value
  }
  return queue === undefined ? {} : { queue }
}

/** The syntax of a selector; `distributions` admits waitMs and timeToAbandonMs (thresholds only). */
export const parseSelectorSyntax = (text: string, distributions: boolean): SelectorSyntax | string => {
  const m = /^\s*([A-Za-z][A-Za-z0-9]*)(?:\.([^{}\s]*))?\s*(?:\{([^{}]*)\})?\s*$/.exec(text)
  if (m === null)
    return `bad selector ${quote(text.trim())}; expected "<metric>" or "<metric>{queue:<id>}", e.g. "asaMs{queue:support}"`
  const [, name = "", label, tags] = m
  const known = distributions ? KNOWN : KNOWN_METRICS_TEXT
  const valid = name === "serviceLevel" || isPlainMetric(name) || (distributions && isDistribution(name))
  if (!valid) return `unknown metric ${quote(name)}; known metrics: ${known}`
  if (name !== "serviceLevel" && label !== undefined) {
    return `${quote(name)} takes no ".${label}" suffix (only serviceLevel has thresholds)`
  }
  if (name === "serviceLevel" && label === "")
    return `serviceLevel needs a threshold after the dot, e.g. "serviceLevel.20s"`
  const tagged = parseTags(tags)
  if (typeof tagged === "string") return tagged
  const base = { name: name as SelectorName, ...tagged }
  return label === undefined ? base : { ...base, label }
}

/** The threshold (ms) a service-level selector means against what the run knows, or why none. */
const serviceLevelMs = (s: SelectorSyntax, known: KnownNames): number | string => {
  const labels = known.thresholdsMs.map(durationLabel)
  const own = s.queue === undefined ? undefined : known.ownThresholdMs[s.queue]
  if (s.label === undefined) {
    return (
      own ??
      `serviceLevel needs a threshold (e.g. "serviceLevel.${labels[0] ?? "20s"}"), or a queue tag for that ` +
        `queue's own threshold (e.g. "serviceLevel{queue:${known.queues[0] ?? "support"}}")`
    )
  }
  const ms = parseDuration(s.label)
  if (ms !== undefined && (known.thresholdsMs.includes(ms) || ms === own)) return ms
  const queueOwn = own === undefined ? "" : `, and queue ${s.queue}'s own ${durationLabel(own)}`
  return `unknown service-level threshold ${quote(s.label)}; the run has ${labels.join(", ") || "none"}${queueOwn}`
}

/** The summary key and group a selector reads, or why it cannot (unknown queue or threshold). */
export const resolveSelector = (s: SelectorSyntax, known: KnownNames): Selector | string => {
  if (s.queue !== undefined && !known.queues.includes(s.queue)) {
    return `unknown queue ${quote(s.queue)}; known queues: ${known.queues.join(", ") || "none"}`
  }
  let key: string = s.name
  if (s.name === "serviceLevel") {
    const ms = serviceLevelMs(s, known)
    if (typeof ms === "string") return ms
    key = `serviceLevel.${durationLabel(ms)}`
  }
  return s.queue === undefined ? { key } : { key, queue: s.queue }
}

/** What a scenario's runs will know. */
export const knownNamesOf = (scenario: Scenario): KnownNames => ({
  queues: scenario.queues.map((q) => q.id),
  thresholdsMs: scenario.serviceLevelThresholdsMs,
  ownThresholdMs: Object.fromEntries(scenario.queues.map((q) => [q.id, q.serviceLevelThresholdMs]))
})

/** Parse and resolve in one step (compare and staff selectors: no distributions). */
export const parseSelector = (text: string, known: KnownNames): Selector | string => {
  const syntax = parseSelectorSyntax(text, false)
  return typeof syntax === "string" ? syntax : resolveSelector(syntax, known)
}

/** "serviceLevel.20s{queue:support}" */
export const selectorText = (s: Selector): string => (s.queue === undefined ? s.key : `${s.key}{queue:${s.queue}}`)

/**
 * A bound on a ratio must lie in [0, 1]: "serviceLevel is a ratio in [0, 1]; did you mean 0.8?"
 * for 80. Undefined when the bound is fine.
 */
export const ratioBoundProblem = (key: string, bound: number): string | undefined => {
  if (!isRatio(key) || (bound >= 0 && bound <= 1)) return undefined
  const name = key.split(".")[0] ?? key
  const hint = bound > 1 && bound <= 100 ? `; did you mean ${Number((bound / 100).toPrecision(6))}?` : ""
  return `${name} is a ratio in [0, 1]${hint}`
}

/** The comparison operators of thresholds, `--fail-if` bounds and staffing targets. */
export type ComparisonOperator = "<" | "<=" | ">" | ">=" | "==" | "!="

/** `value operator bound`; a value that is not a finite number fails every comparison. */
export const compareWith = (value: number, operator: ComparisonOperator, bound: number): boolean => {
  if (!Number.isFinite(value)) return false
  switch (operator) {
    case "<":
      return value < bound
    case "<=":
      return value <= bound
    case ">":
      return value > bound
    case ">=":
      return value >= bound
    case "==":
      return value === bound
    case "!=":
      return value !== bound
  }
}
