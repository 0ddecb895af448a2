/**
 * The charts of the HTML report, each a titled, described inline SVG built from the summary:
 * the wait distribution and percentiles, service level and queue length per interval, slot
 * utilization and agent occupancy per agent group, the offer funnel and chats dropped on transfer.
 * Axes carry units; intervals are whiskers; an undefined value leaves a gap.
 */

import { formatDuration, parseDuration } from "../input/duration.ts"
import type { IntervalRow, MetricCI, Summary } from "../sim/summary/model.ts"
import { formatClock, formatCount, formatPoint } from "./format.ts"
import type { LegendItem, LineSeries } from "./svg.ts"
import {
  colorAt,
  emptyBody,
  escapeXml,
  groupedBars,
  height,
  legend,
  linear,
  lines,
  niceTicks,
  plot,
  svgChart,
  width,
  xAxis,
  yAxis
} from "./svg.ts"
import { groupsOf, serviceLevelLabels } from "./tables.ts"

export interface Chart {
  /** The `data-chart` name. */
  readonly name: string
  readonly title: string
  /** What is plotted and how it was pooled, shown under the title. */
  readonly note: string
  readonly svg: string
}

const pct = (v: number): string => `${Number((v * 100).toFixed(1))}%`
const secs = (v: number): string => formatPoint(v * 1000, "seconds")
const percentTicks = [0, 0.2, 0.4, 0.6, 0.8, 1]
/** Ticks up to 100% from a round floor below `min` (lines encode position, so the axis may start above 0). */
const percentTicksFrom = (min: number): Array<number> => {
  const floor = Math.max(0, Math.floor(min * 10) / 10 - 0.1)
  const step = 1 - floor > 0.5 ? 0.2 : 0.1
  const ticks: Array<number> = []
  for (let t = 1; t >= floor - 1e-9; t -= step) ticks.unshift(Math.max(0, Number(t.toFixed(2))))
  return ticks
}
const dashes = [undefined, "7 4", "2 3"] as const
const ci95 = (m: MetricCI): readonly [number, number] => m.ci95 ?? [Number.NaN, Number.NaN]
/** A nullable value as a number for plotting (NaN leaves a gap). */
const num = (v: number | null): number => v ?? Number.NaN

const waitPercentiles = (summary: Summary): Chart => {
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
const waitDistribution = (summary: Summary): Chart => {
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

const serviceLevel = (summary: Summary): Chart => {
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

const queueLength = (summary: Summary): Chart =>
  intervalChart(summary, {
    name: "queue-length",
    title: "Queue length per interval",
    note: `Time-average number of waiting chats per ${formatDuration(summary.intervalMs)} interval, mean over replications.`,
    yLabel: "waiting chats",
    percent: false,
    series: () => [{ suffix: "", value: (r: IntervalRow) => r.meanQueueLength }]
  })

const utilization = (summary: Summary): Chart => {
  const groups = summary.agentGroups
  const title = "Utilization and occupancy per agent group"
  const series = [
    {
      label: "slot utilization",
      color: colorAt(0),
      values: groups.map((g) => num(g.slotUtilization.mean)),
      intervals: groups.map((g) => ci95(g.slotUtilization))
    },
    {
      label: "agent occupancy",
      color: colorAt(1),
      values: groups.map((g) => num(g.agentOccupancy.mean)),
      intervals: groups.map((g) => ci95(g.agentOccupancy))
    }
  ]
  const desc = groups
    .map(
      (g) =>
        `${g.group} (${g.agents} agents): slot utilization ${pct(num(g.slotUtilization.mean))}, ` +
        `agent occupancy ${pct(num(g.agentOccupancy.mean))}`
    )
    .join("; ")
  const y = linear(0, 1, plot.y1, plot.y0)
  return {
    name: "utilization",
    title,
    note:
      "Slot utilization: time-average used slots / staffed slots. Agent occupancy: time-average share of logged-in " +
      "agents holding an offer, chat or wrap-up. Warm-up to horizon; whiskers are 95% confidence intervals.",
    svg: svgChart(
      "utilization",
      title,
      desc || "No agent groups.",
      groups.length === 0
        ? emptyBody("No agent groups in this summary")
        : yAxis(percentTicks, y, (v) => `${Math.round(v * 100)}`, "share of time (%)") +
            legend(series.map((s) => ({ label: s.label, color: s.color }))) +
            groupedBars(
              groups.map((g) => `${g.group} (${g.agents})`),
              series,
              y,
              pct
            )
    )
  }
}

const funnel = (summary: Summary): Chart => {
  const f = summary.funnel
  const stages = [
    ["offered", f.offered, "#5b6470"],
    ["accepted", f.accepted, "#009E73"],
    ["RONA (expired)", f.rona, "#D55E00"],
    ["declined", f.declined, "#E69F00"],
    ["cancelled", f.cancelled, "#9aa1a9"]
  ] as const
  const x0 = 150
  const x1 = width - 150
  const rowHeight = (height - 40) / stages.length
  const body = stages
    .map(([label, count, color], i) => {
      const top = 20 + i * rowHeight
      const w = f.offered > 0 ? Math.max(1, ((x1 - x0) * count) / f.offered) : 1
      const share = f.offered > 0 ? ` (${pct(count / f.offered)})` : ""
      return (
        `<text class="tick" x="${x0 - 10}" y="${top + rowHeight / 2 + 4}" text-anchor="end">${escapeXml(label)}</text>` +
        `<rect class="mark" x="${x0}" y="${top + 8}" width="${w.toFixed(1)}" height="${(rowHeight - 16).toFixed(1)}" rx="2" fill="${color}">` +
        `<title>${escapeXml(`${label}: ${formatCount(count)}${share}`)}</title></rect>` +
        `<text class="value" x="${(x0 + w + 8).toFixed(1)}" y="${top + rowHeight / 2 + 4}">${escapeXml(formatCount(count) + share)}</text>`
      )
    })
    .join("")
  const title = "Offer funnel"
  const desc = stages.map(([label, count]) => `${label} ${formatCount(count)}`).join(", ")
  return {
    name: "offer-funnel",
    title,
    note: `Offers made and how they ended, totals over ${summary.replications} replications; shares are of offers made.`,
    svg: svgChart(
      "offer-funnel",
      title,
      desc,
      `<line class="axis" x1="${x0}" x2="${x0}" y1="16" y2="${height - 16}"/>${body}`
    )
  }
}

const droppedOnTransfer = (summary: Summary): Chart => {
  const groups = groupsOf(summary)
  const series = [
    {
      label: "transferred",
      color: "#56B4E9",
      values: groups.map(([, g]) => num(g.metrics.transferRate.mean)),
      intervals: groups.map(([, g]) => ci95(g.metrics.transferRate))
    },
    {
      label: "dropped",
      color: "#D55E00",
      values: groups.map(([, g]) => num(g.metrics.droppedRate.mean)),
      intervals: groups.map(([, g]) => ci95(g.metrics.droppedRate))
    }
  ]
  const top = Math.max(
    0,
    ...series.flatMap((s) => [...s.values, ...s.intervals.map(([, hi]) => (Number.isFinite(hi) ? hi : 0))])
  )
  const ticks = niceTicks(top * 100).map((t) => t / 100)
  const y = linear(0, ticks.at(-1) ?? 1, plot.y1, plot.y0)
  const title = "Chats dropped on transfer"
  const desc =
    `${formatCount(summary.droppedOnTransfer)} chats dropped in total. ` +
    groups
      .map(
        ([name, g]) =>
          `${name}: transferred ${pct(num(g.metrics.transferRate.mean))}, dropped ${pct(num(g.metrics.droppedRate.mean))}`
      )
      .join("; ")
  return {
    name: "dropped-on-transfer",
    title,
    note:
      `${formatCount(summary.droppedOnTransfer)} chats dropped after a transfer was not accepted (total over ` +
      `${summary.replications} replications). Bars: share of answered chats, whiskers 95% CI.`,
    svg: svgChart(
      "dropped-on-transfer",
      title,
      desc,
      yAxis(ticks, y, (v) => `${Number((v * 100).toPrecision(3))}`, "share of answered (%)") +
        legend(series.map((s) => ({ label: s.label, color: s.color }))) +
        groupedBars(
          groups.map(([n]) => n),
          series,
          y,
          pct
        ) +
        (top === 0
          ? `<text class="note" x="${(plot.x0 + plot.x1) / 2}" y="${(plot.y0 + plot.y1) / 2}" text-anchor="middle">no transfers in this run</text>`
          : "")
    )
  }
}

/** Every chart of the report, in display order. */
export const reportCharts = (summary: Summary): ReadonlyArray<Chart> => [
  serviceLevel(summary),
  queueLength(summary),
  waitDistribution(summary),
  waitPercentiles(summary),
  utilization(summary),
  funnel(summary),
  droppedOnTransfer(summary)
]
