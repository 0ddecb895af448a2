/**
 * The report as data: header facts and blocks (tables and lists of already formatted cells).
 * Terminal, Markdown and HTML render these same blocks, so the three show the same numbers with
 * the same rounding. Counts are totals over all replications; replicated metrics are shown as
 * mean ±95% CI half-width (the theory comparison uses the 99% interval, as DESIGN section 5 asks).
 */
import type { GroupSummary, MetricCI, Summary } from "../sim/summary.ts"
import {
  formatCount, formatDuration, formatEstimate, formatIn, formatInterval, formatPoint, formatRaw, unitOf
} from "./format.ts"
import type { Unit } from "./format.ts"

export type Tone = "pass" | "fail" | "muted"
export interface Cell { readonly text: string; readonly tone?: Tone }
export interface Column { readonly label: string; readonly align: "left" | "right" }

export type Block =
  | {
    readonly _tag: "table"
    readonly id: string
    readonly title: string
    readonly note?: string
    readonly columns: ReadonlyArray<Column>
    readonly rows: ReadonlyArray<ReadonlyArray<Cell>>
  }
  | { readonly _tag: "list"; readonly id: string; readonly title: string; readonly note?: string; readonly items: ReadonlyArray<Cell> }

const left = (label: string): Column => ({ label, align: "left" })
const right = (label: string): Column => ({ label, align: "right" })
const cell = (text: string, tone?: Tone): Cell => (tone === undefined ? { text } : { text, tone })

/** Overall first, then the queues in summary order. */
export const groupsOf = (summary: Summary): ReadonlyArray<readonly [string, GroupSummary]> => [
  ["overall", summary.overall],
  ...Object.entries(summary.queues)
]

/** Service-level labels, shortest threshold first ("20s" before "60s"). */
export const serviceLevelLabels = (summary: Summary): ReadonlyArray<string> =>
  Object.keys(summary.overall.metrics.serviceLevel)

/** "82.3% ±1.2", with "(n=18)" when fewer replications than the run's contributed. */
const estimate = (m: MetricCI | undefined, unit: Unit, replications: number): Cell => {
  if (m === undefined) return cell("n/a", "muted")
  const e = formatEstimate(m, unit)
  return cell(m.n >= 2 && m.n !== replications ? `${e.text} (n=${m.n})` : e.text)
}

/** Facts for the report header, in reading order. */
export const headerFacts = (summary: Summary): ReadonlyArray<readonly [string, string]> => [
  ["scenario", summary.scenario],
  ["seed", String(summary.seed)],
  ["replications", String(summary.replications)],
  ["horizon", formatDuration(summary.horizonMs)],
  ["warm-up", formatDuration(summary.warmupMs)],
  ["interval", formatDuration(summary.intervalMs)],
  ["engine", summary.engineVersion],
  ["digest", summary.digest],
  ["audit", summary.audit.enabled ? `on, ${formatCount(summary.audit.events)} events checked` : "off"]
]

const serviceTable = (summary: Summary): Block => {
  const labels = serviceLevelLabels(summary)
  const n = summary.replications
  return {
    _tag: "table",
    id: "service",
    title: "Service",
    note: `Counts are totals over ${n} replications; rates are mean ±95% CI half-width; p95 wait is pooled.`,
    columns: [left("group"), right("arrived"), right("answered"), right("abandoned"), right("abandon rate"),
      ...labels.map((l) => right(`SL ${l}`)), right("ASA"), right("p95 wait")],
    rows: groupsOf(summary).map(([name, g]) => [
      cell(name),
      cell(formatCount(g.arrived)),
      cell(formatCount(g.answered)),
      cell(formatCount(g.abandoned)),
      estimate(g.metrics.abandonRate, "percent", n),
      ...labels.map((l) => estimate(g.metrics.serviceLevel[l], "percent", n)),
      estimate(g.metrics.asaMs, "seconds", n),
      cell(formatPoint(g.metrics.waitMs.p95, "seconds"))
    ])
  }
}

const handlingTable = (summary: Summary): Block => {
  const n = summary.replications
  return {
    _tag: "table",
    id: "handling",
    title: "Handling",
    note: "RONA: share of offers that expired. Transfer and dropped: share of answered chats. " +
      "Mean queue: time-average number of waiting chats.",
    columns: [left("group"), right("occupancy"), right("RONA"), right("transfer"), right("dropped"), right("AHT"),
      right("mean queue")],
    rows: groupsOf(summary).map(([name, g]) => [
      cell(name),
      estimate(g.metrics.occupancy, "percent", n),
      estimate(g.metrics.ronaRate, "percent", n),
      estimate(g.metrics.transferRate, "percent", n),
      estimate(g.metrics.droppedRate, "percent", n),
      estimate(g.metrics.ahtMs, "seconds", n),
      estimate(g.metrics.meanQueueLength, "chats", n)
    ])
  }
}

const agentTable = (summary: Summary): Block => ({
  _tag: "table",
  id: "agent-groups",
  title: "Agent groups",
  columns: [left("group"), right("agents"), right("occupancy")],
  rows: summary.agentGroups.map((a) => [
    cell(a.group),
    cell(formatCount(a.agents)),
    estimate(a.occupancy, "percent", summary.replications)
  ])
})

/** A share of a total: one decimal from 1% up, two significant digits below ("0.046%"). */
const share = (part: number, whole: number): string => {
  if (!(whole > 0)) return "n/a"
  const r = part / whole
  return r === 0 || r >= 0.01 ? formatIn(r, "percent", r === 0 ? 0 : 1) : `${Number((r * 100).toPrecision(2))}%`
}

const funnelTable = (summary: Summary): Block => {
  const f = summary.funnel
  const stages: ReadonlyArray<readonly [string, number]> = [
    ["offered", f.offered], ["accepted", f.accepted], ["RONA (expired)", f.rona], ["declined", f.declined],
    ["cancelled", f.cancelled]
  ]
  const p = summary.proactive
  const other: ReadonlyArray<readonly [string, number, string]> = [
    ["dropped on transfer", summary.droppedOnTransfer, share(summary.droppedOnTransfer, summary.overall.answered) + " of answered"],
    ["proactive invited", p.invited, ""],
    ["proactive arrived", p.arrived, p.invited > 0 ? share(p.arrived, p.invited) + " of invited" : ""],
    ["proactive answered", p.answered, p.arrived > 0 ? share(p.answered, p.arrived) + " of arrived" : ""]
  ]
  return {
    _tag: "table",
    id: "funnel",
    title: "Offer funnel",
    note: `Totals over ${summary.replications} replications.`,
    columns: [left("stage"), right("count"), right("share")],
    rows: [
      ...stages.map(([name, count]) => [cell(name), cell(formatCount(count)), cell(`${share(count, f.offered)} of offered`)]),
      ...other.map(([name, count, text]) => [cell(name), cell(formatCount(count)), cell(text, text === "" ? "muted" : undefined)])
    ]
  }
}

const thresholdBlock = (summary: Summary): Block => {
  const failed = summary.thresholds.filter((t) => !t.ok).length
  if (summary.thresholds.length === 0) {
    return { _tag: "list", id: "thresholds", title: "Thresholds", items: [cell("No thresholds defined.", "muted")] }
  }
  return {
    _tag: "table",
    id: "thresholds",
    title: "Thresholds",
    note: failed === 0
      ? `All ${summary.thresholds.length} passed.`
      : `${failed} of ${summary.thresholds.length} failed. Values in the summary's raw units (ms, ratios).`,
    columns: [left("result"), left("metric"), left("expression"), right("value")],
    rows: summary.thresholds.map((t) => [
      cell(t.ok ? "PASS" : "FAIL", t.ok ? "pass" : "fail"),
      cell(t.metric),
      cell(t.expression),
      cell(formatRaw(t.value))
    ])
  }
}

/** Model name as planners know it. */
export const modelName = (model: "erlang-c" | "erlang-a"): string => (model === "erlang-c" ? "Erlang C" : "Erlang A")

/** Whether a prediction lies inside the simulated 99% interval. */
export const predictionInside = (predicted: number, simulated: MetricCI): boolean =>
  predicted >= simulated.ci99[0] && predicted <= simulated.ci99[1]

const theoryBlock = (summary: Summary): Block => {
  const theory = summary.theory
  if (!theory.applicable) {
    return {
      _tag: "list",
      id: "theory",
      title: "Theory comparison",
      note: "Erlang C / Erlang A do not apply to this scenario:",
      items: theory.reasons.map((r) => cell(r))
    }
  }
  return {
    _tag: "table",
    id: "theory",
    title: "Theory comparison",
    note: `${modelName(theory.model)} with c = ${theory.servers} servers (agents x capacity); simulated is ` +
      `mean ±99% CI half-width. By chance alone about 1 row in 100 falls outside its 99% interval.`,
    columns: [left("metric"), right("predicted"), right("simulated"), right("99% CI"), left("verdict")],
    rows: theory.rows.map((row) => {
      const unit = unitOf(row.metric)
      const e = formatEstimate(row.simulated, unit, 99)
      const inside = predictionInside(row.predicted, row.simulated)
      return [
        cell(row.metric),
        cell(formatIn(row.predicted, unit, e.decimals + 1)),
        cell(row.simulated.n >= 2 ? e.text : `${e.value} (n=${row.simulated.n})`),
        cell(formatInterval(row.simulated, unit, 99)),
        cell(inside ? "inside" : "OUTSIDE", inside ? "pass" : "fail")
      ]
    })
  }
}

/** Every block of the report, in reading order. */
export const reportBlocks = (summary: Summary): ReadonlyArray<Block> => [
  serviceTable(summary),
  handlingTable(summary),
  agentTable(summary),
  funnelTable(summary),
  thresholdBlock(summary),
  theoryBlock(summary)
]
