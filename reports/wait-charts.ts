/**
 * The run report's wait charts, per queue group: the wait-time percentiles (p50-p99 bars) and the
 * pooled wait distribution of answered chats as cumulative curves, with the service-level
 * thresholds marked. Abandoned chats are not in either.
 */

import { parseDuration } from "../input/duration.ts"
import type { Summary } from "../sim/summary/model.ts"
import type { Chart } from "./chart.ts"
import { num, pct, percentTicks, secs } from "./chart.ts"
import type { LineSeries } from "./svg.ts"
import {
  colorAt,
  emptyBody,
  escapeXml,
  groupedBars,
  legend,
  linear,
  lines,
  niceTicks,
  plot,
  svgChart,
  xAxis,
  yAxis
} from "./svg.ts"
import { groupsOf, serviceLevelLabels } from "./tables.ts"

export const waitPercentiles = (summary: Summary): Chart => {
  const groups = groupsOf(summary)
  const shades = ["#b9d3ea", "#6fa3d0", "#2f6fae", "#123f73"]
  const keys = ["p50", "p90", "p95", "p99"] as const
  const series = keys.map((k, i) => ({
    label: k,
    color: shades[i] ?? "#2f6fae",
    values: groups.map(([, g]) => num(g.metrics.waitMs[k]) / 1000)
  }))
  const ticks = niceTicks(Math.max(0, ...series.flatMap((s) => s.values)))
  const y = linear(0, ticks.at(-1) ?? 1, plot.y1, plot.y0)
  const desc = groups
    .map(([name, g]) => `${name}: ${keys.map((k) => `${k} ${secs(num(g.metrics.waitMs[k]) / 1000)}`).join(", ")}`)
    .join("; ")
  const title = "Wait-time percentiles"
  return {
    name: "wait-percentiles",
    title,
    note:
      "p50, p90, p95 and p99 of the wait from arrival to accept of answered chats (waitMs), pooled over all " +
      "replications. Abandoned chats are not in it (see time to abandon).",
    svg: svgChart(
      "wait-percentiles",
      title,
      desc,
      yAxis(ticks, y, (v) => `${v}`, "wait (s)") +
        legend(series.map((s) => ({ label: s.label, color: s.color }))) +
        groupedBars(
          groups.map(([name]) => name),
          series,
          y,
          secs
        )
    )
  }
}

/**
 * The pooled wait distribution of answered chats as a cumulative curve per group, cut at the largest
 * p99 so the body is readable; dashed verticals at the service-level thresholds.
 */
export const waitDistribution = (summary: Summary): Chart => {
  const groups = groupsOf(summary)
  const title = "Wait-time distribution"
  const note =
    "Share of answered chats that waited at most x (pooled over replications), up to the largest p99; " +
    "dashed lines mark the service-level thresholds."
  const withData = groups.filter(([, g]) => g.metrics.waitMs.quantiles.length > 0)
  if (withData.length === 0)
    return {
      name: "wait-distribution",
      title,
      note,
      svg: svgChart("wait-distribution", title, "No answered chats.", emptyBody("No answered chats in this run"))
    }
  const xMaxS = niceTicks(Math.max(1, ...withData.map(([, g]) => num(g.metrics.waitMs.p99) / 1000))).at(-1) ?? 1
  const x = linear(0, xMaxS, plot.x0, plot.x1)
  const y = linear(0, 1, plot.y1, plot.y0)
  const series: Array<LineSeries> = withData.map(([name, g], i) => ({
    label: name,
    color: i === 0 ? "#5b6470" : colorAt(i - 1),
    points: g.metrics.waitMs.quantiles
      .filter(([, ms]) => ms / 1000 <= xMaxS)
      .map(([q, ms]) => [ms / 1000, q / 100] as const)
  }))
  const marks = serviceLevelLabels(summary)
    .flatMap((label) => {
      const s = (parseDuration(label) ?? Infinity) / 1000
      return s > xMaxS
        ? []
        : [
            `<line class="threshold" x1="${x(s)}" x2="${x(s)}" y1="${plot.y0}" y2="${plot.y1}" stroke="#5b6470" stroke-dasharray="4 3"/>` +
              `<text class="note" x="${x(s) + 4}" y="${plot.y1 - 6}">${escapeXml(label)}</text>`
          ]
    })
    .join("")
  const desc = withData
    .map(
      ([name, g]) =>
        `${name}: ` +
        g.metrics.waitMs.quantiles
          .filter(([q]) => q % 25 === 0 || q >= 90)
          .map(([q, ms]) => `${q}% within ${secs(ms / 1000)}`)
          .join(", ")
    )
    .join("; ")
  return {
    name: "wait-distribution",
    title,
    note,
    svg: svgChart(
      "wait-distribution",
      title,
      desc,
      yAxis(percentTicks, y, (v) => `${Math.round(v * 100)}`, "answered chats (%)") +
        marks +
        xAxis(
          niceTicks(xMaxS).map((t) => [x(t), `${t}`] as const),
          "wait (s)"
        ) +
        legend(series.map((s) => ({ label: s.label, color: s.color, kind: "line" as const }))) +
        lines(series, x, y, pct)
    )
  }
}
