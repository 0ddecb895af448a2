/**
 * The run report's charts of how the work went: slot utilization and agent occupancy per agent
 * group, the offer funnel (offered, accepted, RONA, declined, cancelled) and the chats dropped on
 * transfer per queue group. Whiskers are 95% confidence intervals.
 */

import type { Summary } from "../sim/summary/model.ts"
import type { Chart } from "./chart.ts"
import { ci95, num, pct, percentTicks } from "./chart.ts"
import { formatCount } from "./format.ts"
import {
  colorAt,
  emptyBody,
  escapeXml,
  groupedBars,
  height,
  legend,
  linear,
  niceTicks,
  plot,
  svgChart,
  width,
  yAxis
} from "./svg.ts"
import { groupsOf } from "./tables.ts"

export const utilization = (summary: Summary): Chart => {
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

export const funnel = (summary: Summary): Chart => {
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

export const droppedOnTransfer = (summary: Summary): Chart => {
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
