/**
 * `staff --target "<selector><op><number>"` targets (`serviceLevel.20s>=0.8`,
 * `serviceLevel{queue:vip}>=0.9` at the queue's own threshold, `asaMs{queue:support}<=30000`,
 * `abandonRate<0.05`), in the summary's raw units (ratios in [0, 1], ms). Only targets that more
 * agents make easier are accepted (the metric catalog's staffing side): a service level from below
 * (>=, >); P(wait), abandonment, waits, queue length, utilization and occupancy from above (<=, <).
 * A target is met with confidence c when the two-sided c-level Student-t interval over replications
 * lies on its side (the lower bound for >=, the upper for <=). Also each target as an Erlang
 * predicate. Pure.
 */

import { parseDuration } from "../../input/duration.ts"
import type { Scenario } from "../scenario/model.ts"
import { studentQuantile } from "../stats/intervals.ts"
import { CATALOG, metricInfo, PLAIN_METRICS } from "../summary/catalog.ts"
import type { Selector } from "../summary/selector.ts"
import { compareWith, knownNamesOf, parseSelector, ratioBoundProblem } from "../summary/selector.ts"
import type { QueuePrediction } from "../theory/erlang.ts"

export type Operator = ">=" | ">" | "<=" | "<"

export interface Target {
  readonly text: string
  readonly selector: Selector
  readonly operator: Operator
  readonly bound: number
}

/** A metric's replicated estimate at the stated confidence. */
export interface Estimate {
  readonly mean: number
  readonly ci: readonly [number, number]
  readonly n: number
}

const FROM_ABOVE = PLAIN_METRICS.filter((m) => CATALOG[m].staffing === "from-above")
const EXAMPLE = `expected "<metric>[{queue:<id>}]<op><number>", e.g. "serviceLevel.20s>=0.8" or "asaMs<=30000"`

export const parseTarget = (text: string, scenario: Scenario): Target | string => {
  const where = `--target ${JSON.stringify(text)}`
  const m = /^(.*?)(>=|<=|>|<)\s*([^<>=]*)$/.exec(text)
  if (m === null) return `${where}: no comparison (>=, >, <=, <); ${EXAMPLE}`
  const [, left = "", op = "", right = ""] = m
  if (!/^\s*[+-]?(\d+(\.\d*)?|\.\d+)(e[+-]?\d+)?\s*$/i.test(right))
    return `${where}: bad number ${JSON.stringify(right.trim())}; ${EXAMPLE}`
  const selector = parseSelector(left, knownNamesOf(scenario))
  if (typeof selector === "string") return `${where}: ${selector}`
  const operator = op as Operator
  const bound = Number(right)
  const side = metricInfo(selector.key)?.staffing
  const atLeast = operator === ">=" || operator === ">"
  if (side === undefined) {
    const name = selector.key.split(".")[0] ?? ""
    return `${where}: ${name} does not move steadily with staff; targets may use serviceLevel.<t>, ${FROM_ABOVE.join(", ")}`
  }
  if (side === "from-below" && !atLeast) return `${where}: ${selector.key} grows with staff; use >= or >`
  if (side === "from-above" && atLeast) return `${where}: ${selector.key} falls with staff; use <= or <`
  const ratio = ratioBoundProblem(selector.key, bound)
  if (ratio !== undefined) return `${where}: ${ratio}`
  return { text, selector, operator, bound }
}

export const parseTargets = (
  texts: ReadonlyArray<string>,
  scenario: Scenario
): { readonly targets: ReadonlyArray<Target>; readonly problems: ReadonlyArray<string> } => {
  const parsed = texts.map((t) => parseTarget(t, scenario))
  const problems = parsed.filter((p): p is string => typeof p === "string")
  if (texts.length === 0) problems.push(`no --target given; ${EXAMPLE}`)
  return { targets: parsed.filter((p): p is Target => typeof p !== "string"), problems }
}

/** Mean and the two-sided `confidence` interval of the defined values (n < 2: the mean alone). */
export const estimate = (values: ReadonlyArray<number>, confidence: number): Estimate => {
  const xs = values.filter((v) => Number.isFinite(v))
  const n = xs.length
  if (n === 0) return { mean: Number.NaN, ci: [Number.NaN, Number.NaN], n }
  const mean = xs.reduce((s, v) => s + v, 0) / n
  if (n < 2) return { mean, ci: [mean, mean], n }
  const sd = Math.sqrt(xs.reduce((s, v) => s + (v - mean) ** 2, 0) / (n - 1))
  const half = (studentQuantile((1 + confidence) / 2, n - 1) * sd) / Math.sqrt(n)
  return { mean, ci: [mean - half, mean + half], n }
}

/** The bound of the interval a target is judged by. */
export const judgedValue = (t: Target, e: Estimate): number =>
  t.operator === ">=" || t.operator === ">" ? e.ci[0] : e.ci[1]

export const isMet = (t: Target, e: Estimate): boolean => compareWith(judgedValue(t, e), t.operator, t.bound)

/** A metric (by summary key) as an Erlang prediction gives it. */
export const predictedValue = (key: string, p: QueuePrediction): number => {
  const [name = "", label = ""] = key.split(/\.(.*)/)
  return name === "serviceLevel"
    ? p.serviceLevel(parseDuration(label) ?? 0)
    : name === "probWait"
      ? p.probWait
      : name === "abandonRate"
        ? p.abandonRate
        : name === "asaMs" || name === "queueWaitMs"
          ? p.asaMs
          : name === "meanQueueLength"
            ? p.meanQueueLength
            : p.occupancy // slotUtilization and agentOccupancy: Erlang's server occupancy
}

/** The target applied to an Erlang prediction (of the pooled load; a queue tag is not modelled). */
export const erlangMeets =
  (t: Target) =>
  (p: QueuePrediction): boolean =>
    compareWith(predictedValue(t.selector.key, p), t.operator, t.bound)
