/**
 * A run summary as report blocks (blocks.ts): service, waiting, handling, agent groups, the chat
 * and offer funnel, thresholds and the theory comparison. Column names and definitions come from
 * the metric catalog, so run, compare, staff, HTML and Markdown name a metric the same way. Counts
 * are totals over all replications; replicated metrics are mean ±95% CI half-width (the one
 * confidence level of a report, stated once in its header); "n/a" where a value is undefined.
 */

import { formatClock, formatDuration } from "../input/duration.ts"
import type { PlainMetric } from "../sim/summary/catalog.ts"
import { CATALOG, DISTRIBUTIONS, serviceLevelInfo } from "../sim/summary/catalog.ts"
import { durationLabel } from "../sim/summary/labels.ts"
import type { GroupSummary, MetricCI, Summary } from "../sim/summary/model.ts"
import { overloaded } from "../sim/summary/model.ts"
import type { Block, Cell, Column } from "./blocks.ts"
import { cell, left, METRICS_DOC, right } from "./blocks.ts"
import { formatCount, formatEstimate, formatPoint, formatRaw, plural, unitOf } from "./format.ts"
import { theoryBlock } from "./theory-block.ts"

/** Overall first, then the queues in summary order. */
export const groupsOf = (summary: Summary): ReadonlyArray<readonly [string, GroupSummary]> => [
  ["overall", summary.overall],
  ...Object.entries(summary.queues)
]

/** The global service-level labels, in the scenario's order ("20s" before "60s"). */
export const serviceLevelLabels = (summary: Summary): ReadonlyArray<string> =>
  Object.keys(summary.overall.metrics.serviceLevel)

/** "82.3% ±1.2", with "(n=18)" when fewer replications than the run's define it. */
const estimate = (m: MetricCI | undefined, unit: ReturnType<typeof unitOf>, replications: number): Cell => {
  if (m === undefined || m.mean === null) return cell("n/a", "muted")
  const e = formatEstimate(m, unit)
  return cell(m.n >= 2 && m.n !== replications ? `${e.text} (n=${m.n})` : e.text)
}

const metricColumn = (key: PlainMetric): Column => right(CATALOG[key].name, CATALOG[key].definition)
const metricCell = (g: GroupSummary, key: PlainMetric, n: number): Cell => estimate(g.metrics[key], unitOf(key), n)

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
  ["audit", summary.audit.enabled ? `on, ${formatCount(summary.audit.events)} events checked` : "off"],
  ...loadFacts(summary),
  [
    "numbers",
    `counts are totals over ${plural(summary.replications, "replication")}; rates are mean ±95% CI ` +
      `half-width over replications (n/a with fewer than 2); definitions: ${METRICS_DOC}`
  ]
]

const erlangs = (x: number): string => `${x < 10 ? x.toFixed(2) : x.toFixed(1)} Erlangs`
const slots = (x: number): string => `${Number.isInteger(x) ? x : x.toFixed(1)} slots`

/** Offered load against the slots on duty, and a warning for intervals that cannot be served. */
const loadFacts = (summary: Summary): ReadonlyArray<readonly [string, string]> => {
  const o = summary.offeredLoad
  const facts: Array<readonly [string, string]> = [
    [
      "offered load",
      `mean ${erlangs(o.meanErlangs)} against ${slots(o.meanSlots)} on duty; peak ${erlangs(o.peak.erlangs)} at ` +
        `${formatClock(o.peak.startMs)}-${formatClock(o.peak.endMs)} against ${slots(o.peak.slots)}`
    ]
  ]
  const over = overloaded(o)
  if (over.length > 0) {
    facts.push([
      "warning",
      `offered load exceeds the slots on duty in ${plural(over.length, "interval")}: ` +
        over
          .slice(0, 4)
          .map((x) => `${formatClock(x.startMs)}-${formatClock(x.endMs)} (${erlangs(x.erlangs)}, ${slots(x.slots)})`)
          .join(", ") +
        (over.length > 4 ? ", ..." : "") +
        "; chats will queue up and abandon there whatever the routing"
    ])
  }
  return facts
}

/** The queue's own service level, labelled with its threshold; n/a for the whole center. */
const ownServiceLevel = (g: GroupSummary, n: number): Cell => {
  if (g.serviceLevelThresholdMs === undefined) return cell("n/a", "muted")
  const label = durationLabel(g.serviceLevelThresholdMs)
  const c = estimate(g.metrics.serviceLevel[label], "percent", n)
  return cell(`${c.text} @${label}`, c.tone)
}

const serviceTable = (summary: Summary): Block => {
  const labels = serviceLevelLabels(summary)
  const n = summary.replications
  const hasQueues = Object.keys(summary.queues).length > 0
  return {
    _tag: "table",
    id: "service",
    title: "Service",
    columns: [
      left("group"),
      right("arrived", "chats that arrived after the warm-up and before the horizon"),
      right("answered", "of those, accepted by an agent"),
      right("abandoned", "left before an accept"),
      right("expired", "closed by a queue's max wait before an accept"),
      ...labels.map((l) => right(serviceLevelInfo(l).name, serviceLevelInfo(l).definition)),
      ...(hasQueues ? [right("SL own", "answered within the queue's own serviceLevelThreshold / arrived")] : []),
      metricColumn("abandonRate"),
      metricColumn("expiredRate")
    ],
    rows: groupsOf(summary).map(([name, g]) => [
      cell(name),
      cell(formatCount(g.arrived)),
      cell(formatCount(g.answered)),
      cell(formatCount(g.abandoned)),
      cell(formatCount(g.expired)),
      ...labels.map((l) => estimate(g.metrics.serviceLevel[l], "percent", n)),
      ...(hasQueues ? [ownServiceLevel(g, n)] : []),
      metricCell(g, "abandonRate", n),
      metricCell(g, "expiredRate", n)
    ])
  }
}

const waitingTable = (summary: Summary): Block => {
  const n = summary.replications
  return {
    _tag: "table",
    id: "waiting",
    title: "Waiting",
    columns: [
      left("group"),
      metricColumn("probWait"),
      metricColumn("asaMs"),
      metricColumn("queueWaitMs"),
      metricColumn("acceptDelayMs"),
      right("p50 wait", `median ${DISTRIBUTIONS.waitMs.definition}, pooled`),
      right("p95 wait", `95th percentile ${DISTRIBUTIONS.waitMs.definition}, pooled`),
      right("p95 to abandon", `95th percentile ${DISTRIBUTIONS.timeToAbandonMs.definition}, pooled`)
    ],
    rows: groupsOf(summary).map(([name, g]) => [
      cell(name),
      metricCell(g, "probWait", n),
      metricCell(g, "asaMs", n),
      metricCell(g, "queueWaitMs", n),
      metricCell(g, "acceptDelayMs", n),
      cell(formatPoint(g.metrics.waitMs.p50, "seconds")),
      cell(formatPoint(g.metrics.waitMs.p95, "seconds")),
      cell(formatPoint(g.metrics.timeToAbandonMs.p95, "seconds"))
    ])
  }
}

const HANDLING: ReadonlyArray<PlainMetric> = [
  "slotUtilization",
  "agentOccupancy",
  "ronaRate",
  "transferRate",
  "droppedRate",
  "ahtMs",
  "meanQueueLength"
]

const handlingTable = (summary: Summary): Block => ({
  _tag: "table",
  id: "handling",
  title: "Handling",
  note: "A queue's utilization and occupancy are those of the agent groups that serve it.",
  columns: [left("group"), ...HANDLING.map(metricColumn)],
  rows: groupsOf(summary).map(([name, g]) => [
    cell(name),
    ...HANDLING.map((k) => metricCell(g, k, summary.replications))
  ])
})

const agentTable = (summary: Summary): Block => ({
  _tag: "table",
  id: "agent-groups",
  title: "Agent groups",
  columns: [left("group"), right("agents"), metricColumn("slotUtilization"), metricColumn("agentOccupancy")],
  rows: summary.agentGroups.map((a) => [
    cell(a.group),
    cell(formatCount(a.agents)),
    estimate(a.slotUtilization, "percent", summary.replications),
    estimate(a.agentOccupancy, "percent", summary.replications)
  ])
})

/** A share of a total with three significant digits ("2.91%", "0.0142%"). */
export const share = (part: number, whole: number): string => {
  if (!(whole > 0)) return "n/a"
  return formatPoint(part / whole, "percent")
}

const funnelTable = (summary: Summary): Block => {
  const f = summary.funnel
  const o = summary.overall
  const p = summary.proactive
  const row = (name: string, count: number, text: string): ReadonlyArray<Cell> => [
    cell(name),
    cell(formatCount(count)),
    cell(text, text === "" ? "muted" : undefined)
  ]
  const ofArrived = (count: number) => `${share(count, o.arrived)} of arrived`
  return {
    _tag: "table",
    id: "funnel",
    title: "Chats and offers",
    note: `Totals over ${plural(summary.replications, "replication")}.`,
    columns: [left("stage"), right("count"), right("share")],
    rows: [
      row("chats arrived", o.arrived, ""),
      row("answered", o.answered, ofArrived(o.answered)),
      row("abandoned", o.abandoned, ofArrived(o.abandoned)),
      row("expired", o.expired, ofArrived(o.expired)),
      row(
        "dropped on transfer",
        summary.droppedOnTransfer,
        `${share(summary.droppedOnTransfer, o.answered)} of answered`
      ),
      row("offers made", f.offered, ""),
      ...(
        [
          ["accepted", f.accepted],
          ["RONA (expired)", f.rona],
          ["declined", f.declined],
          ["cancelled", f.cancelled]
        ] as const
      ).map(([name, count]) => row(name, count, `${share(count, f.offered)} of offered`)),
      ...(p.campaigns === 0
        ? []
        : [
            row("proactive invited", p.invited, ""),
            row("proactive arrived", p.arrived, `${share(p.arrived, p.invited)} of invited`),
            row("proactive answered", p.answered, `${share(p.answered, p.arrived)} of arrived`)
          ])
    ]
  }
}

const thresholdBlock = (summary: Summary): Block => {
  const ts = summary.thresholds
  if (ts.length === 0)
    return { _tag: "list", id: "thresholds", title: "Thresholds", items: [cell("No thresholds defined.", "muted")] }
  const failed = ts.filter((t) => t.ok === false).length
  const unjudged = ts.filter((t) => t.ok === null).length
  const passed = ts.length - failed - unjudged
  return {
    _tag: "table",
    id: "thresholds",
    title: "Thresholds",
    note:
      `${passed} passed, ${failed} failed, ${unjudged} not judged (no value in this run), of ${ts.length}. ` +
      "Values in the summary's raw units (ms, ratios).",
    columns: [left("result"), left("metric"), left("expression"), right("value")],
    rows: ts.map((t) => [
      t.ok === null ? cell("not judged", "muted") : cell(t.ok ? "PASS" : "FAIL", t.ok ? "pass" : "fail"),
      cell(t.metric),
      cell(t.expression),
      cell(t.value === null ? "n/a" : formatRaw(t.value))
    ])
  }
}

export interface ReportOptions {
  /** List every reason theory does not apply (the HTML report always does). */
  readonly verbose?: boolean
}

/** Every block of the report, in reading order. */
export const reportBlocks = (summary: Summary, options: ReportOptions = {}): ReadonlyArray<Block> => [
  serviceTable(summary),
  waitingTable(summary),
  handlingTable(summary),
  agentTable(summary),
  funnelTable(summary),
  thresholdBlock(summary),
  theoryBlock(summary, options.verbose ?? false)
]
