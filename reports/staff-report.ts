/**
 * The staffing answer as report blocks (the same cells in terminal, Markdown and HTML): one row
 * per period and agent group with the agents found, the Erlang estimate beside it, the offered
 * load and each target's metric (mean and interval at the stated confidence); and an HTML page
 * with a chart of total agents per period, simulated beside Erlang.
 */
import type { Staffing } from "../sim/staff/run.ts"
import type { Estimate } from "../sim/staff/targets.ts"
import { displayName } from "./compare-tables.ts"
import { blockToHtml } from "./html.ts"
import { blocksToMarkdown } from "./markdown.ts"
import { blocksToText } from "./terminal.ts"
import { decimalsFor, formatCount, formatIn, unitOf } from "./format.ts"
import type { Unit } from "./format.ts"
import { chartFigure, reportPage } from "./html-page.ts"
import { escapeMarkdown } from "./markdown.ts"
import { colorAt, groupedBars, legend, linear, niceTicks, plot, svgChart, yAxis } from "./svg.ts"
import type { Block, Cell } from "./blocks.ts"

const scale: Record<Unit, number> = { percent: 100, seconds: 0.001, chats: 1 }

/** "82.1% [80.7, 83.7]" at the staffing's confidence. */
const estimateText = (key: string, e: Estimate | undefined): string => {
  if (e === undefined || !Number.isFinite(e.mean)) return "n/a"
  const unit = unitOf(key)
  const d = decimalsFor(((e.ci[1] - e.ci[0]) / 2) * scale[unit])
  const decimals = Number.isNaN(d) ? 1 : d
  const [lo, hi] = e.ci.map((x) => formatIn(x, unit, decimals).replace(/[^\d.-]+$/, ""))
  return `${formatIn(e.mean, unit, decimals)} [${lo}, ${hi}]`
}

const metricKeysOf = (s: Staffing): Array<string> => Object.keys(s.staffing[0]?.metrics ?? {})

export const staffFacts = (s: Staffing): ReadonlyArray<readonly [string, string]> => [
  ["scenario", s.scenario],
  ["targets", s.targets.join(", ")],
  ["confidence", `${Number((s.confidence * 100).toFixed(2))}% (two-sided interval, its bound must meet each target)`],
  ["replications", `${s.replications} per candidate (common random numbers)`],
  ["periods", s.perInterval ? "each interval at its mean arrival rate, simulated as a stationary period" : "the whole scenario"],
  ["engine", s.engineVersion],
  ["audit", s.audit ? "on" : "off"]
]

export const staffBlocks = (s: Staffing): ReadonlyArray<Block> => {
  const keys = metricKeysOf(s)
  const cell = (text: string, tone?: Cell["tone"]): Cell => (tone === undefined ? { text } : { text, tone })
  return [{
    _tag: "table",
    id: "staffing",
    title: "Staffing",
    note: "Fewest agents meeting every target; groups scale together in proportion to the scenario's counts. " +
      `Metrics at the answer: mean [${Number((s.confidence * 100).toFixed(2))}% CI].`,
    columns: [
      { label: "interval", align: "left" }, { label: "group", align: "left" }, { label: "agents", align: "right" },
      { label: "Erlang", align: "right" }, { label: "chats/h", align: "right" },
      ...keys.map((k) => ({ label: displayName(k), align: "right" as const })), { label: "met", align: "left" }
    ],
    rows: s.staffing.map((r) => [
      cell(r.interval), cell(r.group), cell(r.agents === null ? "not met" : String(r.agents), r.agents === null ? "fail" : undefined),
      cell(r.erlangEstimate === null ? "n/a" : String(r.erlangEstimate), "muted"), cell(formatCount(Math.round(r.arrivalsPerHour * 10) / 10)),
      ...keys.map((k) => cell(estimateText(k, r.metrics[k]))),
      cell(r.met ? "yes" : "no", r.met ? "pass" : "fail")
    ])
  }]
}

export const renderStaffTerminal = (s: Staffing): string =>
  [`livechat-sim staff: ${s.scenario}`, ...staffFacts(s).slice(1).map(([k, v]) => `  ${k}: ${v}`), ""].join("\n") + "\n" +
  blocksToText(staffBlocks(s))

export const renderStaffMarkdown = (s: Staffing): string =>
  [`# livechat-sim staff: ${escapeMarkdown(s.scenario)}`, "", ...staffFacts(s).map(([k, v]) => `- **${escapeMarkdown(k)}**: ${escapeMarkdown(v)}`), "",
    blocksToMarkdown(staffBlocks(s))].join("\n")

const agentsChart = (s: Staffing): string => {
  const periods = [...new Set(s.staffing.map((r) => r.interval))]
  const sum = (p: string, f: (r: Staffing["staffing"][number]) => number | null) =>
    s.staffing.filter((r) => r.interval === p).reduce((a, r) => a + (f(r) ?? Number.NaN), 0)
  const series = [
    { label: "simulated", color: colorAt(0), values: periods.map((p) => sum(p, (r) => r.agents)) },
    { label: "Erlang estimate", color: colorAt(1), values: periods.map((p) => sum(p, (r) => r.erlangEstimate)) }
  ]
  const ticks = niceTicks(Math.max(1, ...series.flatMap((x) => x.values).filter(Number.isFinite)))
  const y = linear(0, ticks.at(-1) ?? 1, plot.y1, plot.y0)
  const desc = periods.map((p, i) => `${p}: ${series[0]!.values[i]} simulated, ${series[1]!.values[i]} Erlang`).join("; ")
  return svgChart("staff-agents", "Agents per period", desc,
    yAxis(ticks, y, String, "agents (all groups)") + legend(series.map((x) => ({ label: x.label, color: x.color }))) +
    groupedBars(periods, series, y, (v) => String(v)))
}

export const renderStaffHtml = (s: Staffing): string => {
  const unmet = s.staffing.filter((r) => !r.met).length
  const badge = unmet === 0 ? `<span class="badge pass">every period staffed</span>` : `<span class="badge fail">${unmet} row(s) not met</span>`
  const chart = {
    name: "staff-agents", title: "Agents per period", svg: agentsChart(s),
    note: "Fewest agents found by simulation beside the Erlang estimate, all groups together."
  }
  return reportPage({
    product: "livechat-sim staff",
    subject: s.scenario,
    badge,
    facts: staffFacts(s),
    body: `<section class="charts" aria-label="Charts">
${chartFigure(chart)}
</section>
<div class="blocks">
${staffBlocks(s).map(blockToHtml).join("\n")}
</div>`,
    footer: `engine ${s.engineVersion} · seed ${s.seed} · ${s.replications} replications per candidate`
  })
}
