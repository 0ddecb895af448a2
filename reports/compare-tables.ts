/**
 * A comparison as report blocks (terminal, Markdown and HTML render the same cells): the
 * `--fail-if` results, then per group (the whole center, each queue) one row per metric and
 * variant with both means, the paired difference and its 95% CI, the unpaired (Welch) CI for
 * contrast, and the verdict. Differences of shares are in percentage points (pp).
 */
import type { Interval, Verdict } from "../sim/compare/difference.ts"
import type { Comparison, GroupComparison, MetricComparison } from "../sim/compare/model.ts"
import { metricInfo } from "../sim/summary/catalog.ts"
import type { Block, Cell, Tone } from "./blocks.ts"
import type { Unit } from "./format.ts"
import { decimalsFor, fixed, formatPoint, unitOf } from "./format.ts"

const scale: Record<Unit, number> = { percent: 100, seconds: 0.001, chats: 1 }
const diffSuffix: Record<Unit, string> = { percent: " pp", seconds: " s", chats: "" }

const signed = (x: number, decimals: number): string => {
  const text = fixed(x, decimals)
  return x > 0 && text !== fixed(0, decimals) ? `+${text}` : text
}

/** Decimal places the paired CI supports, in the metric's display unit. */
const decimalsOf = (m: MetricComparison, unit: Unit): number => {
  const [lo, hi] = m.paired.ci95
  const d = decimalsFor(((hi - lo) / 2) * scale[unit])
  return Number.isNaN(d) ? (unit === "chats" ? 2 : 1) : d
}

/** "+1.2 pp" */
export const formatDifference = (x: number, unit: Unit, decimals: number): string =>
  Number.isFinite(x) ? `${signed(x * scale[unit], decimals)}${diffSuffix[unit]}` : "n/a"

/** "[+0.3, +2.1]" */
export const formatDiffInterval = (ci: Interval, unit: Unit, decimals: number): string =>
  Number.isFinite(ci[0]) && Number.isFinite(ci[1])
    ? `[${signed(ci[0] * scale[unit], decimals)}, ${signed(ci[1] * scale[unit], decimals)}]`
    : "no interval"

export const verdictTone = (v: Verdict): Tone | undefined => {
  switch (v) {
    case "better":
      return "pass"
    case "worse":
      return "fail"
    case "higher":
    case "lower":
      return undefined
    case "no significant difference":
    case "insufficient data":
      return "muted"
  }
}

const cell = (text: string, tone?: Tone): Cell => (tone === undefined ? { text } : { text, tone })

/** The catalog's display name ("ASA" for asaMs), as run and staff show it. */
export const displayName = (key: string): string => metricInfo(key)?.name ?? key

const metricRow = (variant: string, m: MetricComparison): ReadonlyArray<Cell> => {
  const unit = unitOf(m.metric)
  const d = decimalsOf(m, unit)
  return [
    cell(displayName(m.metric)),
    cell(variant),
    cell(formatPoint(m.baselineMean, unit)),
    cell(formatPoint(m.variantMean, unit)),
    cell(`${formatDifference(m.paired.mean, unit, d)} ${formatDiffInterval(m.paired.ci95, unit, d)}`),
    cell(formatDiffInterval(m.unpaired.ci95, unit, d)),
    cell(m.verdict, verdictTone(m.verdict))
  ]
}

const columns = [
  { label: "metric", align: "left" },
  { label: "variant", align: "left" },
  { label: "baseline", align: "right" },
  { label: "variant mean", align: "right" },
  { label: "paired difference [95% CI]", align: "right" },
  { label: "unpaired [95% CI]", align: "right" },
  { label: "verdict", align: "left" }
] as const

/** The metrics of one group in report order (a queue adds its own service-level threshold). */
const keysOf = (c: Comparison, pick: (v: Comparison["variants"][number]) => GroupComparison | undefined) => {
  const first = c.variants[0]
  return first === undefined ? c.metrics : Object.keys(pick(first) ?? {})
}

const groupBlock = (
  c: Comparison,
  name: string,
  pick: (v: Comparison["variants"][number]) => GroupComparison | undefined
): Block => ({
  _tag: "table",
  id: `group-${name}`,
  title: name === "overall" ? "Whole center" : `Queue ${name}`,
  columns,
  rows: keysOf(c, pick).flatMap((k) =>
    c.variants.flatMap((v) => {
      const m = pick(v)?.[k]
      return m === undefined ? [] : [metricRow(v.name, m)]
    })
  )
})

const failIfBlock = (c: Comparison): ReadonlyArray<Block> => {
  if (c.failIf.length === 0) return []
  return [
    {
      _tag: "list",
      id: "fail-if",
      title: "Fail-if conditions",
      note: "A condition holds when the paired 95% CI of the difference excludes 0 in its direction.",
      items: c.failIf.map((r) =>
        cell(`${r.holds ? "HOLDS" : "does not hold"}: "${r.condition}" for ${r.variant}`, r.holds ? "fail" : "pass")
      )
    }
  ]
}

/** Facts for the header, in reading order. */
export const compareFacts = (c: Comparison): ReadonlyArray<readonly [string, string]> => [
  ["scenario", c.scenario],
  ["seed", String(c.seed)],
  ["replications", `${c.replications} (common random numbers)`],
  ["variants", c.variants.map((v) => `${v.name} (${v.overrides.join(", ")})`).join("; ")],
  ["engine", c.engineVersion],
  ["audit", c.audit ? "on" : "off"]
]

export const compareBlocks = (c: Comparison): ReadonlyArray<Block> => [
  ...failIfBlock(c),
  groupBlock(c, "overall", (v) => v.overall),
  ...(c.queueIds.length > 1 ? c.queueIds.map((id) => groupBlock(c, id, (v) => v.queues[id])) : [])
]

export const VERDICT_NOTE =
  "Difference = variant - baseline, paired per replication (Student t). better/worse: the paired " +
  "95% CI excludes 0 (lower is better for waits, abandonment, expiry, RONA, drops and queue length; higher for service " +
  "level); utilization, occupancy, transfer rate and handle time have no better direction and read higher/lower. " +
  "Metric definitions: docs/metrics.md."
