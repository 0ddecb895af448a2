/**
 * The staffing report's charts, each a titled, described inline SVG: the requirement over the day
 * as a line against the roster on duty as bars (the chart every WFM tool shows), the requirement
 * stacked by staffing group, the service level achieved per interval by the requirement and by the
 * roster against the target, and (--table) service level by agents on duty, simulated and Erlang.
 */

import { formatClock } from "../input/duration.ts"
import type { Staffing } from "../sim/staff/run.ts"
import type { StaffTable } from "../sim/staff/table.ts"
import { metricInfo } from "../sim/summary/catalog.ts"
import type { Chart } from "./charts.ts"
import {
  colorAt,
  emptyBody,
  groupedBars,
  legend,
  linear,
  lines,
  niceTicks,
  plot,
  referenceLine,
  stackedBars,
  svgChart,
  xAxis,
  yAxis
} from "./svg.ts"

const total = (r: Readonly<Record<string, number>>): number => Object.values(r).reduce((a, b) => a + b, 0)
const starts = (s: Staffing): Array<string> => s.periods.map((p) => formatClock(p.startMs))

/** Category centres of `n` bands (what groupedBars and stackedBars use), for a line drawn over them. */
const bandX =
  (n: number) =>
  (i: number): number =>
    plot.x0 + ((i + 0.5) * (plot.x1 - plot.x0)) / Math.max(1, n)

const requirementVsRoster = (s: Staffing): Chart => {
  const required = s.periods.map((p) => (p.met ? total(p.required) : Number.NaN))
  const roster = s.periods.map((p) => total(p.roster))
  const ticks = niceTicks(Math.max(1, ...required.filter(Number.isFinite), ...roster))
  const y = linear(0, ticks.at(-1) ?? 1, plot.y1, plot.y0)
  const x = bandX(s.periods.length)
  const desc = s.periods
    .map((p, i) => `${p.interval}: required ${required[i]}, roster ${roster[i]!.toFixed(1)}`)
    .join("; ")
  return {
    name: "requirement-roster",
    title: "Requirement and roster over the day",
    note:
      "Agents on duty: the requirement (line) against the scenario's roster after shifts and breaks (bars), all groups. " +
      "A bar below the line is an understaffed interval.",
    svg: svgChart(
      "requirement-roster",
      "Requirement and roster over the day",
      desc,
      yAxis(ticks, y, String, "agents on duty") +
        legend([
          { label: "roster on duty", color: "#b9d3ea" },
          { label: "required", color: colorAt(5), kind: "line" }
        ]) +
        groupedBars(starts(s), [{ label: "roster on duty", color: "#b9d3ea", values: roster }], y, (v) =>
          Number.isInteger(v) ? String(v) : v.toFixed(1)
        ) +
        lines([{ label: "required", color: colorAt(5), points: required.map((v, i) => [i, v] as const) }], x, y, String)
    )
  }
}

const stackedRequirement = (s: Staffing): Chart => {
  const series = s.groups.map((g, c) => ({
    label: g.id,
    color: colorAt(c),
    values: s.periods.map((p) => (p.met ? p.required[g.id]! : Number.NaN))
  }))
  const ticks = niceTicks(Math.max(1, ...s.periods.map((p) => total(p.required))))
  const y = linear(0, ticks.at(-1) ?? 1, plot.y1, plot.y0)
  const desc = s.periods
    .map((p) => `${p.interval}: ${s.groups.map((g) => `${g.id} ${p.required[g.id]}`).join(", ")}`)
    .join("; ")
  return {
    name: "requirement-groups",
    title: "Requirement per staffing group",
    note: "Agents required on duty per interval, stacked by staffing group (groups of the same kind of agent, whatever their shift).",
    svg: svgChart(
      "requirement-groups",
      "Requirement per staffing group",
      desc,
      yAxis(ticks, y, String, "agents on duty") +
        legend(series.map((x) => ({ label: x.label, color: x.color }))) +
        stackedBars(starts(s), series, y, String)
    )
  }
}

/** The first service-level target (else the first target) and its bound. */
const headline = (s: Staffing): { readonly key: string; readonly bound: number | undefined } => {
  const k = s.targetMetrics.findIndex((m) => m.startsWith("serviceLevel."))
  const i = Math.max(k, 0)
  const bound = /([<>]=?)\s*([-+\d.e]+)\s*$/i.exec(s.targets[i] ?? "")?.[2]
  return { key: s.targetMetrics[i] ?? "", bound: bound === undefined ? undefined : Number(bound) }
}

const achievedPerInterval = (s: Staffing): Chart => {
  const { key, bound } = headline(s)
  const info = metricInfo(key.replace(/\{.*\}$/, ""))
  const ratio = info?.unit === "ratio"
  const value = (e: { readonly mean: number } | undefined) =>
    e === undefined ? Number.NaN : e.mean * (ratio ? 100 : 0.001)
  const series = [
    {
      label: "at the requirement",
      color: colorAt(0),
      points: s.periods.map((p, i) => [i, value(p.achieved[key])] as const)
    },
    {
      label: "with the roster",
      color: colorAt(1),
      dash: "6 4",
      points: s.periods.map((p, i) => [i, value(p.rosterAchieved[key])] as const)
    }
  ]
  const shown = series.flatMap((x) => x.points.map(([, v]) => v)).filter(Number.isFinite)
  const top = ratio ? 100 : (niceTicks(Math.max(1, ...shown, (bound ?? 0) * 0.001)).at(-1) ?? 1)
  const ticks = ratio ? [0, 20, 40, 60, 80, 100] : niceTicks(top)
  const y = linear(0, top, plot.y1, plot.y0)
  const x = bandX(s.periods.length)
  const title = `${info?.name ?? key} per interval`
  const desc = s.periods
    .map(
      (p, i) =>
        `${p.interval}: ${series[0]!.points[i]![1].toFixed(1)} at the requirement, ${series[1]!.points[i]![1].toFixed(1)} with the roster`
    )
    .join("; ")
  const body =
    shown.length === 0
      ? emptyBody("No targets in this run")
      : yAxis(ticks, y, String, `${info?.name ?? key} (${ratio ? "%" : "s"})`) +
        legend(
          series.map((x) => ({
            label: x.label,
            color: x.color,
            kind: "line" as const,
            ...(x.dash === undefined ? {} : { dash: x.dash })
          }))
        ) +
        (bound === undefined ? "" : referenceLine(bound * (ratio ? 100 : 0.001), y, "target")) +
        lines(series, x, y, (v) => v.toFixed(1)) +
        xAxis(
          starts(s).map((t, i) => [x(i), t] as const),
          "interval start (h:mm)"
        )
  return {
    name: "achieved",
    title,
    note:
      `${key} of the chats that arrived in each interval, mean over the verification replications, at the requirement and with ` +
      "the scenario's roster; the dashed red line is the target.",
    svg: svgChart("achieved", title, desc, body)
  }
}

export const staffCharts = (s: Staffing): ReadonlyArray<Chart> => [
  requirementVsRoster(s),
  stackedRequirement(s),
  achievedPerInterval(s)
]

/** Service level (the first threshold) by agents on duty: simulated with its interval, and Erlang. */
export const tableChart = (t: StaffTable): Chart => {
  const key = t.keys[0] ?? ""
  const sim = t.rows.map((r) => [r.agents, (r.simulated[key]?.mean ?? Number.NaN) * 100] as const)
  const erlang = t.rows.map((r) => [r.agents, (r.erlang?.[key] ?? Number.NaN) * 100] as const)
  const first = t.rows[0]?.agents ?? 0
  const last = t.rows.at(-1)?.agents ?? 1
  const x = linear(first, Math.max(first + 1, last), plot.x0, plot.x1)
  const y = linear(0, 100, plot.y1, plot.y0)
  const bound = t.targets
    .map((text) => /^serviceLevel[^<>=]*>=?\s*([\d.]+)/.exec(text)?.[1])
    .find((b) => b !== undefined)
  const series = [
    { label: "simulated", color: colorAt(0), points: sim },
    ...(t.model === undefined
      ? []
      : [{ label: t.model === "erlang-c" ? "Erlang C" : "Erlang A", color: colorAt(1), dash: "6 4", points: erlang }])
  ]
  const every = Math.max(1, Math.ceil(t.rows.length / 12))
  const title = `${metricInfo(key)?.name ?? key} by agents on duty`
  return {
    name: "agents-curve",
    title,
    note: `${t.interval}, ${t.offeredErlangs.toFixed(1)} Erlangs offered: the knee of the curve is where another agent stops paying.`,
    svg: svgChart(
      "agents-curve",
      title,
      t.rows.map((r, i) => `${r.agents} agents: ${sim[i]![1].toFixed(1)}%`).join("; "),
      yAxis([0, 20, 40, 60, 80, 100], y, String, `${metricInfo(key)?.name ?? key} (%)`) +
        legend(
          series.map((s) => ({
            label: s.label,
            color: s.color,
            kind: "line" as const,
            ...(s.dash === undefined ? {} : { dash: s.dash })
          }))
        ) +
        (bound === undefined ? "" : referenceLine(Number(bound) * 100, y, "target")) +
        lines(series, x, y, (v) => `${v.toFixed(1)}%`) +
        xAxis(
          t.rows.filter((_, i) => i % every === 0).map((r) => [x(r.agents), String(r.agents)] as const),
          "agents on duty"
        )
    )
  }
}
