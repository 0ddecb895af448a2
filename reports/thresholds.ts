/**
 * k6-style thresholds over a run summary: `{ "waitMs{queue:support}": ["p(95)<60000"] }`.
 * A selector (sim/summary/selector.ts) is a metric of the catalog with an optional `{queue:<id>}`
 * tag (default: overall); `serviceLevel{queue:<id>}` reads the queue's own threshold. An expression
 * is `aggregation operator number`: `avg`, `mean`, `value` and `rate` all read the replicated mean;
 * `ci95.lo|hi`, `ci99.lo|hi` and `stderr` read its interval; `p(50|90|95|99)` reads the pooled
 * percentiles of `waitMs` or `timeToAbandonMs`. Values are in the summary's raw units (ms, ratios in
 * [0, 1]: a bound outside is refused). A value the run does not define is "not judged" (ok null),
 * never passed or failed silently. Nothing here throws: every problem is reported as
 * `path: message`, all of them at once.
 */

import { parseDuration } from "../input/duration.ts"
import { isRatio } from "../sim/summary/catalog.ts"
import type { Distribution, GroupSummary, MetricCI, Summary, ThresholdResult } from "../sim/summary/model.ts"
import type { ComparisonOperator, KnownNames, SelectorName, SelectorSyntax } from "../sim/summary/selector.ts"
import { compareWith, parseSelectorSyntax, ratioBoundProblem, resolveSelector } from "../sim/summary/selector.ts"

export type { KnownNames } from "../sim/summary/selector.ts"

const percentiles = { "50": "p50", "90": "p90", "95": "p95", "99": "p99" } as const
type Percentile = (typeof percentiles)[keyof typeof percentiles]

const statistics = {
  avg: "mean",
  mean: "mean",
  value: "mean",
  rate: "mean",
  stderr: "stderr",
  "ci95.lo": "ci95.lo",
  "ci95.hi": "ci95.hi",
  "ci99.lo": "ci99.lo",
  "ci99.hi": "ci99.hi"
} as const
type Statistic = (typeof statistics)[keyof typeof statistics]

const operators = ["<=", ">=", "==", "!=", "<", ">"] as const satisfies ReadonlyArray<ComparisonOperator>
export type Operator = (typeof operators)[number]

/** One expression of one selector, checked and ready to evaluate. */
export interface ParsedThreshold {
  /** The selector and the expression as written (they name the result). */
  readonly metric: string
  readonly expression: string
  readonly name: SelectorName
  /** The service-level label after `serviceLevel.`, as written; absent with a queue: its own threshold. */
  readonly label?: string
  /** The `{queue:<id>}` tag; absent means overall. */
  readonly queue?: string
  readonly aggregation: Statistic | Percentile
  readonly operator: Operator
  readonly bound: number
}

export type RawThresholds = Readonly<Record<string, ReadonlyArray<string>>>

type Entry = { readonly parsed: ParsedThreshold } | { readonly problem: string }

const quote = (s: string): string => JSON.stringify(s)

const isDistribution = (name: SelectorName): boolean => name === "waitMs" || name === "timeToAbandonMs"

const parseExpression = (
  selector: SelectorSyntax,
  raw: string
): Pick<ParsedThreshold, "aggregation" | "operator" | "bound"> | string => {
  const at = /<=|>=|==|!=|<|>/.exec(raw)
  const example = `expected "<aggregation> <operator> <number>", e.g. "p(95)<60000" or "rate<0.05"`
  if (at === null) return `no comparison operator (< <= > >= == !=) in ${quote(raw)}; ${example}`
  const operator = at[0] as Operator
  const left = raw.slice(0, at.index).trim()
  const right = raw.slice(at.index + operator.length).trim()
  if (left === "") return `missing aggregation before ${quote(operator)}; ${example}`
  if (!/^[+-]?(\d+(\.\d*)?|\.\d+)(e[+-]?\d+)?$/i.test(right))
    return `bad number ${quote(right)} after ${quote(operator)}`
  const bound = Number(right)
  const p = /^p\(\s*([^)]*?)\s*\)$/.exec(left)
  if (p !== null) {
    if (!isDistribution(selector.name)) return `${left} applies only to waitMs and timeToAbandonMs (pooled percentiles)`
    const percentile = percentiles[p[1] as keyof typeof percentiles]
    if (percentile === undefined)
      return `unsupported percentile ${quote(left)}; ${selector.name} has p(50), p(90), p(95), p(99)`
    return { aggregation: percentile, operator, bound }
  }
  const statistic = statistics[left as keyof typeof statistics]
  if (statistic === undefined) {
    return (
      `unknown aggregation ${quote(left)}; expected avg, mean, value, rate, stderr, ci95.lo, ci95.hi, ci99.lo, ci99.hi` +
      (isDistribution(selector.name) ? " or p(50|90|95|99)" : "")
    )
  }
  const ratio = isRatio(selector.name) ? ratioBoundProblem(selector.name, bound) : undefined
  return ratio === undefined ? { aggregation: statistic, operator, bound } : ratio
}

const parseEntries = (raw: RawThresholds, known: KnownNames | undefined, path: string): Array<Entry> => {
  const entries: Array<Entry> = []
  for (const [metric, expressions] of Object.entries(raw)) {
    const at = `${path}[${quote(metric)}]`
    const selector = parseSelectorSyntax(metric, true)
    const resolved = typeof selector === "string" || known === undefined ? undefined : resolveSelector(selector, known)
    const problem = typeof selector === "string" ? selector : typeof resolved === "string" ? resolved : undefined
    if (problem !== undefined) entries.push({ problem: `${at}: ${problem}` })
    if (!Array.isArray(expressions)) {
      entries.push({ problem: `${at}: expected a list of expressions, e.g. ["p(95)<60000"]` })
      continue
    }
    if (expressions.length === 0) entries.push({ problem: `${at}: no expressions` })
    expressions.forEach((expression: unknown, i) => {
      if (typeof expression !== "string") {
        entries.push({ problem: `${at}[${i}]: expected a string like "p(95)<60000"` })
        return
      }
      if (typeof selector === "string") return
      const parsed = parseExpression(selector, expression)
      if (typeof parsed === "string") entries.push({ problem: `${at}[${i}]: ${parsed}` })
      else if (problem === undefined) entries.push({ parsed: { metric, expression, ...selector, ...parsed } })
    })
  }
  return entries
}

/**
 * Checks every selector and expression; with `known`, also that queues and service-level
 * thresholds exist. Used when a scenario file is read, so a typo fails with exit code 2 before the run.
 */
export const parseThresholds = (
  raw: RawThresholds,
  options: { readonly known?: KnownNames; readonly path?: string } = {}
): { readonly problems: ReadonlyArray<string> } | { readonly parsed: ReadonlyArray<ParsedThreshold> } => {
  const entries = parseEntries(raw, options.known, options.path ?? "thresholds")
  const problems = entries.flatMap((e) => ("problem" in e ? [e.problem] : []))
  return problems.length > 0 ? { problems } : { parsed: entries.flatMap((e) => ("parsed" in e ? [e.parsed] : [])) }
}

const statisticOf = (m: MetricCI | Distribution, aggregation: Statistic | Percentile): number | null => {
  switch (aggregation) {
    case "mean":
      return m.mean
    case "stderr":
      return m.stderr
    case "ci95.lo":
      return m.ci95?.[0] ?? null
    case "ci95.hi":
      return m.ci95?.[1] ?? null
    case "ci99.lo":
      return m.ci99?.[0] ?? null
    case "ci99.hi":
      return m.ci99?.[1] ?? null
    default:
      return "p50" in m ? m[aggregation] : null
  }
}

/** What a summary knows: its queues, global thresholds (the overall labels) and each queue's own. */
const knownOf = (summary: Summary): KnownNames => ({
  queues: Object.keys(summary.queues),
  thresholdsMs: Object.keys(summary.overall.metrics.serviceLevel).flatMap((l) => parseDuration(l) ?? []),
  ownThresholdMs: Object.fromEntries(
    Object.entries(summary.queues).flatMap(([id, g]) =>
      g.serviceLevelThresholdMs === undefined ? [] : [[id, g.serviceLevelThresholdMs]]
    )
  )
})

/** The number a parsed threshold compares, read from the summary; null when it is not defined. */
const thresholdValue = (summary: Summary, t: ParsedThreshold): number | null => {
  const resolved = resolveSelector(t, knownOf(summary))
  if (typeof resolved === "string") return null
  const group: GroupSummary | undefined =
    resolved.queue === undefined ? summary.overall : summary.queues[resolved.queue]
  if (group === undefined) return null
  const [name = "", label] = resolved.key.split(/\.(.*)/)
  const metric =
    name === "serviceLevel"
      ? group.metrics.serviceLevel[label ?? ""]
      : group.metrics[name as Exclude<SelectorName, "serviceLevel">]
  return metric === undefined ? null : statisticOf(metric, t.aggregation)
}

/** live/load judges its own thresholds with it; live/ reaches sim/ only through reports/ (the layering test). */
export { compareWith }

/**
 * Evaluates every expression against the summary, keeping the problems (bad syntax, unknown queue
 * or threshold) beside the results. An expression that cannot be parsed fails (value null, ok
 * false); one whose value the run does not define (an interval bound with fewer than 2
 * replications, ASA with no answered chat) is not judged (value null, ok null).
 */
export const checkThresholds = (
  summary: Summary,
  raw: RawThresholds
): { readonly results: ReadonlyArray<ThresholdResult>; readonly problems: ReadonlyArray<string> } => {
  const known = knownOf(summary)
  const results: Array<ThresholdResult> = []
  const problems: Array<string> = []
  for (const [metric, expressions] of Object.entries(raw)) {
    const entries = parseEntries({ [metric]: expressions }, known, "thresholds")
    for (const entry of entries) if ("problem" in entry) problems.push(entry.problem)
    const good = new Map(entries.flatMap((e) => ("parsed" in e ? [[e.parsed.expression, e.parsed] as const] : [])))
    for (const expression of Array.isArray(expressions) ? expressions : []) {
      const parsed = good.get(expression)
      const value = parsed === undefined ? null : thresholdValue(summary, parsed)
      const ok =
        parsed === undefined ? false : value === null ? null : compareWith(value, parsed.operator, parsed.bound)
      results.push({ metric, expression: String(expression), value, ok })
    }
  }
  return { results, problems }
}

/** The pass/fail result of every expression, in the order written (see `checkThresholds`). */
export const evaluateThresholds = (summary: Summary, raw: RawThresholds): Array<ThresholdResult> => [
  ...checkThresholds(summary, raw).results
]
