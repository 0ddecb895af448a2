/**
 * k6-style thresholds over a run summary: `{ "waitMs{queue:support}": ["p(95)<60000"] }`.
 * A selector is a metric of `GroupMetrics` (`serviceLevel.<label>` for service level) with an
 * optional `{queue:<id>}` tag (default: overall). An expression is `aggregation operator number`:
 * `avg`, `mean`, `value` and `rate` all read the replicated mean; `ci95.lo|hi`, `ci99.lo|hi` and
 * `stderr` read its interval; `p(50|90|95|99)` reads the pooled wait percentiles of `waitMs`.
 * Values are in the summary's raw units (ms, ratios 0..1). Nothing here throws: every problem is
 * reported as `path: message`, all of them at once.
 */
import type { GroupMetrics, GroupSummary, MetricCI, Summary, ThresholdResult } from "../sim/summary.ts"

type MetricName = Exclude<keyof GroupMetrics, "serviceLevel">

/** Every plain metric; `satisfies` fails the build when the schema gains or loses one. */
const metricNames = {
  probWait: true, abandonRate: true, asaMs: true, occupancy: true, ronaRate: true,
  transferRate: true, droppedRate: true, ahtMs: true, meanQueueLength: true, waitMs: true
} as const satisfies Record<MetricName, true>

const percentiles = { "50": "p50", "90": "p90", "95": "p95", "99": "p99" } as const
type Percentile = (typeof percentiles)[keyof typeof percentiles]

const statistics = {
  avg: "mean", mean: "mean", value: "mean", rate: "mean", stderr: "stderr",
  "ci95.lo": "ci95.lo", "ci95.hi": "ci95.hi", "ci99.lo": "ci99.lo", "ci99.hi": "ci99.hi"
} as const
type Statistic = (typeof statistics)[keyof typeof statistics]

const operators = ["<=", ">=", "==", "!=", "<", ">"] as const
export type Operator = (typeof operators)[number]

/** One expression of one selector, checked and ready to evaluate. */
export interface ParsedThreshold {
  /** The selector and the expression as written (they name the result). */
  readonly metric: string
  readonly expression: string
  readonly name: MetricName | "serviceLevel"
  /** The service-level label after `serviceLevel.`, as written. */
  readonly label?: string
  /** The `{queue:<id>}` tag; absent means overall. */
  readonly queue?: string
  readonly aggregation: Statistic | Percentile
  readonly operator: Operator
  readonly bound: number
}

/** Names a scenario knows before any run, so thresholds can be checked when the file is read. */
export interface KnownNames {
  readonly queues?: ReadonlyArray<string>
  /** Service-level labels ("20s"); matched as durations, so "20000ms" finds "20s". */
  readonly serviceLevels?: ReadonlyArray<string>
}

export type RawThresholds = Readonly<Record<string, ReadonlyArray<string>>>

type Entry = { readonly parsed: ParsedThreshold } | { readonly problem: string }
interface Selector { readonly name: MetricName | "serviceLevel"; readonly label?: string; readonly queue?: string }

const quote = (s: string): string => JSON.stringify(s)
const durationMs = (label: string): number => {
  const m = /^(\d+(?:\.\d+)?)(ms|s|m|h)$/.exec(label.trim())
  const unit = { ms: 1, s: 1000, m: 60_000, h: 3_600_000 }
  return m === null ? Number.NaN : Number(m[1]) * unit[m[2] as keyof typeof unit]
}
/** The key of `labels` that means the same threshold as `label`, if any. */
const matchLabel = (label: string, labels: ReadonlyArray<string>): string | undefined =>
  labels.find((l) => l === label) ?? labels.find((l) => durationMs(l) === durationMs(label) && !Number.isNaN(durationMs(l)))

const parseSelector = (raw: string): Selector | string => {
  const m = /^\s*([A-Za-z][A-Za-z0-9]*)(?:\.([^{}\s]*))?\s*(?:\{([^{}]*)\})?\s*$/.exec(raw)
  if (m === null) return `bad selector; expected "<metric>" or "<metric>{queue:<id>}", e.g. "waitMs{queue:support}"`
  const [, name = "", label, tags] = m
  const known = [...Object.keys(metricNames), "serviceLevel.<label>"].join(", ")
  if (name === "serviceLevel") {
    if (label === undefined || label === "") return `serviceLevel needs a threshold label, e.g. "serviceLevel.20s"`
  } else if (!(name in metricNames)) {
    return `unknown metric ${quote(name)}; expected one of ${known}`
  } else if (label !== undefined) {
    return `${quote(name)} takes no ".${label}" suffix (only serviceLevel has labels)`
  }
  let queue: string | undefined
  for (const tag of tags === undefined ? [] : tags.split(",")) {
    const [key = "", value, ...extra] = tag.split(":").map((s) => s.trim())
    if (key !== "queue") return `unknown tag ${quote(key)}; only {queue:<id>} is supported`
    if (value === undefined || value === "" || extra.length > 0) return `bad tag ${quote(tag.trim())}; expected {queue:<id>}`
    if (queue !== undefined) return `tag "queue" given twice`
    queue = value
  }
  const base: Selector = name === "serviceLevel" ? { name, label: label ?? "" } : { name: name as MetricName }
  return queue === undefined ? base : { ...base, queue }
}

const parseExpression = (
  selector: Selector,
  raw: string
): Pick<ParsedThreshold, "aggregation" | "operator" | "bound"> | string => {
  const at = /<=|>=|==|!=|<|>/.exec(raw)
  const example = `expected "<aggregation> <operator> <number>", e.g. "p(95)<60000" or "rate<0.05"`
  if (at === null) return `no comparison operator (< <= > >= == !=) in ${quote(raw)}; ${example}`
  const operator = at[0] as Operator
  const left = raw.slice(0, at.index).trim()
  const right = raw.slice(at.index + operator.length).trim()
  if (left === "") return `missing aggregation before ${quote(operator)}; ${example}`
  if (!/^[+-]?(\d+(\.\d*)?|\.\d+)(e[+-]?\d+)?$/i.test(right)) return `bad number ${quote(right)} after ${quote(operator)}`
  const bound = Number(right)
  const p = /^p\(\s*([^)]*?)\s*\)$/.exec(left)
  if (p !== null) {
    if (selector.name !== "waitMs") return `${left} applies only to waitMs (pooled wait percentiles)`
    const percentile = percentiles[p[1] as keyof typeof percentiles]
    if (percentile === undefined) return `unsupported percentile ${quote(left)}; waitMs has p(50), p(90), p(95), p(99)`
    return { aggregation: percentile, operator, bound }
  }
  const statistic = statistics[left as keyof typeof statistics]
  if (statistic === undefined) {
    return `unknown aggregation ${quote(left)}; expected avg, mean, value, rate, stderr, ci95.lo, ci95.hi, ci99.lo, ci99.hi` +
      (selector.name === "waitMs" ? " or p(50|90|95|99)" : "")
  }
  return { aggregation: statistic, operator, bound }
}

const knownProblem = (selector: Selector, known: KnownNames): string | undefined => {
  if (selector.queue !== undefined && known.queues !== undefined && !known.queues.includes(selector.queue)) {
    return `unknown queue ${quote(selector.queue)}; known queues: ${known.queues.join(", ") || "none"}`
  }
  if (selector.label !== undefined && known.serviceLevels !== undefined &&
    matchLabel(selector.label, known.serviceLevels) === undefined) {
    return `unknown service-level threshold ${quote(selector.label)}; known: ${known.serviceLevels.join(", ") || "none"}`
  }
  return undefined
}

const parseEntries = (raw: RawThresholds, known: KnownNames, path: string): Array<Entry> => {
  const entries: Array<Entry> = []
  for (const [metric, expressions] of Object.entries(raw)) {
    const at = `${path}[${quote(metric)}]`
    const selector = parseSelector(metric)
    const problem = typeof selector === "string" ? selector : knownProblem(selector, known)
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
 * Checks every selector and expression; with `known`, also that queues and service-level labels
 * exist. Use when a scenario file is read, so a typo fails with exit code 2 before the run.
 */
export const parseThresholds = (
  raw: RawThresholds,
  options: { readonly known?: KnownNames; readonly path?: string } = {}
): { readonly problems: ReadonlyArray<string> } | { readonly parsed: ReadonlyArray<ParsedThreshold> } => {
  const entries = parseEntries(raw, options.known ?? {}, options.path ?? "thresholds")
  const problems = entries.flatMap((e) => ("problem" in e ? [e.problem] : []))
  return problems.length > 0 ? { problems } : { parsed: entries.flatMap((e) => ("parsed" in e ? [e.parsed] : [])) }
}

const statisticOf = (m: MetricCI, aggregation: Statistic | Percentile): number | undefined => {
  switch (aggregation) {
    case "mean": return m.mean
    case "stderr": return m.stderr
    case "ci95.lo": return m.ci95[0]
    case "ci95.hi": return m.ci95[1]
    case "ci99.lo": return m.ci99[0]
    case "ci99.hi": return m.ci99[1]
    default: return "p50" in m ? (m as GroupMetrics["waitMs"])[aggregation] : undefined
  }
}

/** The number a parsed threshold compares, read from `group`; undefined if it is not there. */
const valueOf = (group: GroupSummary, t: ParsedThreshold): number | undefined => {
  if (t.name !== "serviceLevel") return statisticOf(group.metrics[t.name], t.aggregation)
  const key = matchLabel(t.label ?? "", Object.keys(group.metrics.serviceLevel))
  const metric = key === undefined ? undefined : group.metrics.serviceLevel[key]
  return metric === undefined ? undefined : statisticOf(metric, t.aggregation)
}

/** `value operator bound`; a value that is not a finite number fails every comparison. */
export const compareWith = (value: number, operator: Operator, bound: number): boolean => {
  if (!Number.isFinite(value)) return false
  switch (operator) {
    case "<": return value < bound
    case "<=": return value <= bound
    case ">": return value > bound
    case ">=": return value >= bound
    case "==": return value === bound
    case "!=": return value !== bound
  }
}

/**
 * Evaluates every expression against the summary, keeping the problems (bad syntax, unknown queue
 * or label) beside the results. A threshold that cannot be evaluated fails with value NaN.
 */
export const checkThresholds = (
  summary: Summary,
  raw: RawThresholds
): { readonly results: ReadonlyArray<ThresholdResult>; readonly problems: ReadonlyArray<string> } => {
  const known = { queues: Object.keys(summary.queues), serviceLevels: Object.keys(summary.overall.metrics.serviceLevel) }
  const results: Array<ThresholdResult> = []
  const problems: Array<string> = []
  for (const [metric, expressions] of Object.entries(raw)) {
    const entries = parseEntries({ [metric]: expressions }, known, "thresholds")
    for (const entry of entries) if ("problem" in entry) problems.push(entry.problem)
    const good = new Map(entries.flatMap((e) => ("parsed" in e ? [[e.parsed.expression, e.parsed] as const] : [])))
    for (const expression of Array.isArray(expressions) ? expressions : []) {
      const parsed = good.get(expression)
      const group = parsed?.queue === undefined ? summary.overall : summary.queues[parsed.queue]
      const value = parsed === undefined || group === undefined ? undefined : valueOf(group, parsed)
      const ok = parsed !== undefined && value !== undefined && compareWith(value, parsed.operator, parsed.bound)
      results.push({ metric, expression: String(expression), value: value ?? Number.NaN, ok })
    }
  }
  return { results, problems }
}

/** The pass/fail result of every expression, in the order written (see `checkThresholds`). */
export const evaluateThresholds = (summary: Summary, raw: RawThresholds): Array<ThresholdResult> => [
  ...checkThresholds(summary, raw).results
]
