/**
 * k6-style thresholds over a load summary, written as `--threshold "<metric>:<expression>"`, e.g.
 * `messageLatencyMs:p(99)<500` or `lostMessages:count==0`. The expression is reports/thresholds.ts's
 * `aggregation operator number`: Trends (the `...Ms` metrics) take `p(N)`, `med`, `avg`, `min`,
 * `max` and `count`; counters take `count` (or `value`). Values are in ms and counts. Parsing
 * reports every problem at once as `--threshold "...": message`. Pure.
 */

import type { Operator } from "../../reports/thresholds.ts"
import { compareWith } from "../../reports/thresholds.ts"
import type { TrendName, TrendSummary } from "./metrics.ts"
import { TRENDS } from "./metrics.ts"

export interface LoadThreshold {
  readonly metric: string
  readonly expression: string
  readonly aggregation: string
  readonly percentile?: number
  readonly operator: Operator
  readonly bound: number
}

export interface LoadThresholdResult {
  readonly metric: string
  readonly expression: string
  readonly value: number
  readonly ok: boolean
}

/**
 * Checked unless a --threshold names the same metric: nothing lost, nothing duplicated (k6's checks
 * + `== 0` thresholds), and the server did not go away (no chat or agent lost its connection for
 * longer than the reconnect window), so a run against a server that died fails (exit 99).
 */
export const DEFAULT_THRESHOLDS = [
  "lostMessages:count==0",
  "duplicatedMessages:count==0",
  "chatsLostConnection:count==0",
  "agentsLostConnection:count==0"
] as const

/** The thresholds of a run: the user's, and each default whose metric the user did not name. */
export const withDefaults = (user: ReadonlyArray<string>): ReadonlyArray<string> => {
  const named = new Set(user.map((t) => t.slice(0, Math.max(0, t.indexOf(":"))).trim()))
  return [...DEFAULT_THRESHOLDS.filter((d) => !named.has(d.slice(0, d.indexOf(":")))), ...user]
}

const isTrend = (m: string): m is TrendName => (TRENDS as ReadonlyArray<string>).includes(m)

const parseOne = (raw: string, counters: ReadonlyArray<string>): LoadThreshold | string => {
  const colon = raw.indexOf(":")
  const where = `--threshold ${JSON.stringify(raw)}`
  if (colon <= 0) return `${where}: expected "<metric>:<expression>", e.g. "messageLatencyMs:p(99)<500"`
  const metric = raw.slice(0, colon).trim()
  const expression = raw.slice(colon + 1).trim()
  if (!isTrend(metric) && !counters.includes(metric)) {
    return `${where}: unknown metric "${metric}"; expected one of ${[...TRENDS, ...counters].join(", ")}`
  }
  const at = /<=|>=|==|!=|<|>/.exec(expression)
  if (at === null) return `${where}: no comparison operator (< <= > >= == !=) in "${expression}"`
  const operator = at[0] as Operator
  const left = expression.slice(0, at.index).trim()
  const right = expression.slice(at.index + operator.length).trim()
  if (!/^[+-]?(\d+(\.\d*)?|\.\d+)(e[+-]?\d+)?$/i.test(right))
    return `${where}: bad number "${right}" after "${operator}"`
  const bound = Number(right)
  const p = /^p\(\s*(\d+(?:\.\d+)?)\s*\)$/.exec(left)
  if (isTrend(metric)) {
    if (p !== null) {
      const percentile = Number(p[1])
      if (!(percentile > 0 && percentile <= 100)) return `${where}: a percentile from 0 (exclusive) to 100, got ${p[1]}`
      return { metric, expression, aggregation: "p", percentile, operator, bound }
    }
    if (!["med", "avg", "min", "max", "count"].includes(left))
      return `${where}: unknown aggregation "${left}" for a Trend; expected p(N), med, avg, min, max or count`
    return { metric, expression, aggregation: left, operator, bound }
  }
  if (!["count", "value"].includes(left))
    return `${where}: unknown aggregation "${left}" for a counter; expected count or value`
  return { metric, expression, aggregation: "count", operator, bound }
}

export const parseLoadThresholds = (
  raw: ReadonlyArray<string>,
  counters: ReadonlyArray<string>
): { readonly problems: ReadonlyArray<string> } | { readonly parsed: ReadonlyArray<LoadThreshold> } => {
  const results = raw.map((r) => parseOne(r, counters))
  const problems = results.filter((r): r is string => typeof r === "string")
  return problems.length > 0
    ? { problems }
    : { parsed: results.filter((r): r is LoadThreshold => typeof r !== "string") }
}

export interface Measured {
  readonly trend: (name: TrendName) => TrendSummary & { readonly at: (percentile: number) => number }
  readonly counter: (name: string) => number
}

export const evaluateLoadThresholds = (
  thresholds: ReadonlyArray<LoadThreshold>,
  m: Measured
): ReadonlyArray<LoadThresholdResult> =>
  thresholds.map((t) => {
    let value: number
    if (isTrend(t.metric)) {
      const s = m.trend(t.metric)
      value =
        t.aggregation === "p"
          ? s.at(t.percentile ?? 50)
          : t.aggregation === "med"
            ? s.p50
            : t.aggregation === "avg"
              ? s.avg
              : t.aggregation === "min"
                ? s.min
                : t.aggregation === "max"
                  ? s.max
                  : s.count
    } else {
      value = m.counter(t.metric)
    }
    return { metric: t.metric, expression: t.expression, value, ok: compareWith(value, t.operator, t.bound) }
  })
