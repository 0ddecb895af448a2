/**
 * The run report's charts over simulated time, one line per queue: the service level and the
 * queue length per report interval, plotted at each interval's midpoint with the warm-up shaded.
 * An interval with no value (no arrivals) leaves a gap in its line.
 */

import { formatClock, formatDuration } from "../input/duration.ts"
import type { IntervalRow, Summary } from "../sim/summary/model.ts"
import type { Chart } from "./chart.ts"
import { dashes, num, pct, percentTicksFrom } from "./chart.ts"
import type { LegendItem, LineSeries } from "./svg.ts"
import { colorAt, emptyBody, legend, linear, lines, niceTicks, plot, svgChart, xAxis, yAxis } from "./svg.ts"
import { serviceLevelLabels } from "./tables.ts"

/** Tick marks at interval boundaries, thinned to at most eight labels. */
const timeMarks = (starts: ReadonlyArray<number>, end: number, x: (v: number) => number) => {
  const bounds = [...starts, end]
  const every = Math.max(1, Math.ceil(bounds.length / 8))
  return bounds.filter((_, i) => i % every === 0).map((t) => [x(t), formatClock(t)] as const)
}

const intervalChart = (
  summary: Summary,
  spec: {
    readonly name: string
    readonly title: string
    readonly note: string
    readonly yLabel: string
    readonly series: (
      rows: ReadonlyArray<IntervalRow>
    ) => ReadonlyArray<{ readonly suffix: string; readonly value: (r: IntervalRow) => number }>
    readonly percent: boolean
  }
): Chart => {
  const rows = summary.intervals
  const queues = [...new Set(rows.map((r) => r.queueId))]
  const base = { name: spec.name, title: spec.title, note: spec.note }
  if (rows.length === 0)
    return {
      ...base,
      svg: svgChart(spec.name, spec.title, "No interval data.", emptyBody("No interval data in this summary"))
    }
  const starts = [...new Set(rows.map((r) => r.startMs))].sort((a, b) => a - b)
  const start = starts[0] ?? 0
  const end = Math.max(...rows.map((r) => r.endMs))
  const x = linear(start, end, plot.x0, plot.x1)
  const variants = spec.series(rows)
  const series: Array<LineSeries> = queues.flatMap((q, qi) =>
    variants.map((v, vi) => {
      const dash = dashes[vi % dashes.length]
      const points = rows.filter((r) => r.queueId === q).map((r) => [(r.startMs + r.endMs) / 2, v.value(r)] as const)
      const line = { label: `${q}${v.suffix}`, color: colorAt(qi), points }
      return dash === undefined ? line : { ...line, dash }
    })
  )
  const values = series.flatMap((s) => s.points.map(([, v]) => v)).filter(Number.isFinite)
  const ticks = spec.percent ? percentTicksFrom(Math.min(1, ...values)) : niceTicks(Math.max(0, ...values))
  const y = linear(ticks[0] ?? 0, ticks.at(-1) ?? 1, plot.y1, plot.y0)
  const warm = Math.min(summary.warmupMs, end)
  const shade =
    warm > start
      ? `<rect class="warmup" x="${x(start)}" y="${plot.y0}" width="${x(warm) - x(start)}" height="${plot.y1 - plot.y0}"/>` +
        `<text class="note" x="${x(start) + 6}" y="${plot.y0 + 14}">warm-up</text>`
      : ""
  const format = spec.percent ? pct : (v: number) => `${Number(v.toFixed(2))} chats`
  const items: Array<LegendItem> = [
    ...queues.map((q, i) => ({ label: q, color: colorAt(i), kind: "line" as const })),
    ...(variants.length > 1
      ? variants.map((v, i) => {
          const dash = dashes[i % dashes.length]
          const item = { label: v.suffix.trim(), color: "#5b6470", kind: "line" as const }
          return dash === undefined ? item : { ...item, dash }
        })
      : [])
  ]
  const desc = series
    .map((s) => `${s.label}: ${s.points.map(([t, v]) => `${formatClock(t)} ${format(v)}`).join(", ")}`)
    .join("; ")
  return {
    ...base,
    svg: svgChart(
      spec.name,
      spec.title,
      desc,
      shade +
        yAxis(ticks, y, spec.percent ? (v) => `${Math.round(v * 100)}` : (v) => `${v}`, spec.yLabel) +
        xAxis(timeMarks(starts, end, x), "simulated time (h:mm)") +
        legend(items) +
        lines(series, x, y, format)
    )
  }
}

export const serviceLevel = (summary: Summary): Chart => {
  const labels = serviceLevelLabels(summary)
  return intervalChart(summary, {
    name: "service-level",
    title: "Service level per interval",
    note:
      `Answered within ${labels.join(" / ")} / arrived, per ${formatDuration(summary.intervalMs)} interval (chats ` +
      "counted in the interval they arrived in), mean over replications, plotted at the interval's midpoint; a gap is an " +
      "interval with no arrivals.",
    yLabel: "service level (%)",
    percent: true,
    series: () =>
      labels.map((l) => ({
        suffix: labels.length > 1 ? ` ${l}` : "",
        value: (r: IntervalRow) => num(r.serviceLevel[l] ?? null)
      }))
  })
}

export const queueLength = (summary: Summary): Chart =>
  intervalChart(summary, {
    name: "queue-length",
    title: "Queue length per interval",
    note: `Time-average number of waiting chats per ${formatDuration(summary.intervalMs)} interval, mean over replications.`,
    yLabel: "waiting chats",
    percent: false,
    series: () => [{ suffix: "", value: (r: IntervalRow) => r.meanQueueLength }]
  })
