/**
 * The load run as one self-contained HTML page (inline CSS from reports/html-style.ts, inline SVG
 * from reports/svg.ts, no script): key figures, thresholds, the latency percentiles of every Trend
 * as grouped bars, and every counter. Pure.
 */
import { reportPage } from "../../reports/html-page.ts"
import {
  colorAt,
  emptyBody,
  escapeXml as esc,
  groupedBars,
  linear,
  niceTicks,
  plot,
  svgChart,
  yAxis
} from "../../reports/svg.ts"
import type { TrendName } from "./metrics.ts"
import { TRENDS } from "./metrics.ts"
import type { LoadSummary } from "./summary.ts"
import { COUNTERS } from "./summary.ts"

const fmtMs = (x: number): string => (x >= 100 ? `${x.toFixed(0)} ms` : `${x.toFixed(1)} ms`)

const kpi = (label: string, value: string, sub: string): string =>
  `<div class="kpi"><div class="label">${esc(label)}</div><div class="value">${esc(value)}</div><div class="sub">${esc(sub)}</div></div>`

const percentileChart = (s: LoadSummary, ids: ReadonlyArray<TrendName>, id: string, title: string): string => {
  const keys = ["p50", "p90", "p95", "p99", "max"] as const
  const shown = ids.filter((t) => s[t].count > 0)
  if (shown.length === 0) return svgChart(id, title, "no samples", emptyBody("no samples"))
  const top = Math.max(...shown.flatMap((t) => keys.map((k) => s[t][k])))
  const ticks = niceTicks(top)
  const y = linear(0, ticks[ticks.length - 1] ?? 1, plot.y1, plot.y0)
  const series = keys.map((k, i) => ({ label: k, color: colorAt(i), values: shown.map((t) => s[t][k]) }))
  const legend = keys.map((k, i) => `<tspan fill="${colorAt(i)}">\u25a0 ${k}</tspan> `).join("")
  const body =
    yAxis(ticks, y, (v) => String(v), "milliseconds") +
    groupedBars(shown, series, y, fmtMs) +
    `<text class="tick" x="${plot.x0}" y="${plot.y0 - 16}">${legend}</text>`
  return svgChart(id, title, `${title}: p50, p90, p95, p99 and max in milliseconds`, body)
}

const thresholdTable = (s: LoadSummary): string =>
  `<table><thead><tr><th>metric</th><th>expression</th><th>value</th><th>result</th></tr></thead><tbody>` +
  s.thresholds
    .map(
      (t) =>
        `<tr><td>${esc(t.metric)}</td><td>${esc(t.expression)}</td><td>${esc(String(t.value))}</td>` +
        `<td><span class="badge ${t.ok ? "pass" : "fail"}">${t.ok ? "pass" : "fail"}</span></td></tr>`
    )
    .join("") +
  `</tbody></table>`

const trendTable = (s: LoadSummary): string =>
  `<table><thead><tr><th>trend</th><th>count</th><th>min</th><th>avg</th><th>p50</th><th>p90</th><th>p95</th><th>p99</th><th>max</th></tr></thead><tbody>` +
  TRENDS.map((t) => {
    const x = s[t]
    return `<tr><td>${esc(t)}</td><td>${x.count}</td>${[x.min, x.avg, x.p50, x.p90, x.p95, x.p99, x.max].map((v) => `<td>${esc(fmtMs(v))}</td>`).join("")}</tr>`
  }).join("") +
  `</tbody></table>`

const counterTable = (s: LoadSummary): string =>
  `<table><thead><tr><th>counter</th><th>value</th></tr></thead><tbody>` +
  COUNTERS.map((c) => `<tr><td>${esc(c)}</td><td>${esc(String(s[c] ?? "n/a"))}</td></tr>`).join("") +
  `</tbody></table>`

export const renderLoadHtml = (s: LoadSummary): string => {
  const failed = s.thresholds.filter((t) => !t.ok).length
  const badge =
    failed === 0
      ? `<span class="badge pass">${s.thresholds.length}/${s.thresholds.length} thresholds passed</span>`
      : `<span class="badge fail">${failed} of ${s.thresholds.length} thresholds failed</span>`
  const audit = s.auditViolations === null ? "skipped" : s.auditViolations === 0 ? "clean" : "violation"
  const facts: ReadonlyArray<readonly [string, string]> = [
    ["target", s.url],
    ["duration", `${s.durationMs / 1000} s`],
    ["time scale", String(s.timeScale)],
    ["load scale", String(Number(s.loadScale.toFixed(4)))],
    ["planned arrivals", `${s.plannedArrivalsPerSec.toFixed(2)}/s`],
    [
      "agents",
      `${s.agents} (${Object.entries(s.agentGroups)
        .map(([g, n]) => `${g} ${n}`)
        .join(", ")})`
    ],
    ["seed", String(s.seed)],
    ["wall time", `${(s.wallMs / 1000).toFixed(1)} s`]
  ]
  return reportPage({
    product: "livechat-sim load",
    subject: s.scenario,
    badge,
    facts,
    body: `<section class="kpis" aria-label="Key figures">
${kpi("Chats", String(s.chatsStarted), `${s.chatsCompleted} completed`)}
${kpi("Messages", String(s.messagesSent), `${s.lostMessages} lost, ${s.duplicatedMessages} duplicated`)}
${kpi("Delivery p99", fmtMs(s.messageLatencyMs.p99), `p50 ${fmtMs(s.messageLatencyMs.p50)}, from the scheduled send`)}
${kpi("Time to offer p99", fmtMs(s.timeToOfferMs.p99), `p50 ${fmtMs(s.timeToOfferMs.p50)}`)}
${kpi("Audit", audit, s.auditViolations === null ? String(s.audit["skipped"]) : `${String(s.audit["inputs"])} inputs`)}
</section>
<section class="charts" aria-label="Charts">
<section class="block">${percentileChart(s, ["messageLatencyMs", "messageAckMs", "connectMs"], "lat", "Message latency, ack and connect time")}</section>
<section class="block">${percentileChart(s, ["timeToOfferMs", "offerToAcceptMs"], "offer", "Time to offer and offer to accept")}</section>
</section>
<section class="block wide" id="thresholds"><h2>Thresholds</h2><div class="table-wrap">${thresholdTable(s)}</div></section>
<section class="block wide" id="trends"><h2>Trends</h2><div class="table-wrap">${trendTable(s)}</div></section>
<section class="block wide" id="counters"><h2>Counters</h2><div class="table-wrap">${counterTable(s)}</div></section>`
  })
}
