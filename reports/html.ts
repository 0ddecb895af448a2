/**
 * The self-contained HTML report: one file with inline CSS and inline SVG charts, no script and
 * no external resource (a Content-Security-Policy forbids loading any), so it opens offline and
 * can be attached to a ticket. Key figures, the charts of `charts.ts`, then the tables of the
 * terminal report. Every text from the summary is escaped.
 */
import type { MetricCI, Summary } from "../sim/summary/model.ts"
import type { Block, Tone } from "./blocks.ts"
import { legendOf } from "./blocks.ts"
import { reportCharts } from "./charts.ts"
import type { Unit } from "./format.ts"
import { formatCount, formatEstimate } from "./format.ts"
import { chartFigure, reportPage } from "./html-page.ts"
import { escapeXml } from "./svg.ts"
import { headerFacts, reportBlocks, serviceLevelLabels } from "./tables.ts"
import { modelName } from "./theory-block.ts"

const esc = escapeXml
const toneClass = (tone: Tone | undefined): string => (tone === undefined ? "" : tone)
const classes = (...names: ReadonlyArray<string>): string => {
  const list = names.filter((n) => n !== "")
  return list.length === 0 ? "" : ` class="${list.join(" ")}"`
}

const kpi = (label: string, m: MetricCI | undefined, unit: Unit): string => {
  if (m === undefined) return ""
  const e = formatEstimate(m, unit)
  const sub = m.n >= 2 ? `mean ±95% CI, n=${m.n}` : `n=${m.n}, no interval (n/a)`
  return (
    `<div class="kpi"><div class="label">${esc(label)}</div><div class="value">${esc(e.value)}` +
    `<span class="pm">${esc(e.plusMinus)}</span></div><div class="sub">${esc(sub)}</div></div>`
  )
}

const theoryKpi = (summary: Summary): string => {
  const t = summary.theory
  if (!t.applicable) {
    return (
      `<div class="kpi"><div class="label">Theory check</div><div class="value">n/a</div>` +
      `<div class="sub">${esc(`${t.reasons.length} reason${t.reasons.length === 1 ? "" : "s"} it does not apply`)}</div></div>`
    )
  }
  const consistent = t.rows.filter((r) => r.consistent === true).length
  return (
    `<div class="kpi"><div class="label">${esc(modelName(t.model))} check</div>` +
    `<div class="value">${consistent}/${t.rows.length}</div><div class="sub">metrics consistent with theory</div></div>`
  )
}

const kpis = (summary: Summary): string => {
  const m = summary.overall.metrics
  const first = serviceLevelLabels(summary)[0]
  return (
    `<section class="kpis" aria-label="Key figures">` +
    `<div class="kpi"><div class="label">Arrived</div><div class="value">${esc(formatCount(summary.overall.arrived))}</div>` +
    `<div class="sub">${esc(`${formatCount(summary.overall.answered)} answered, ${summary.replications} replications`)}</div></div>` +
    (first === undefined ? "" : kpi(`Service level ${first}`, m.serviceLevel[first], "percent")) +
    kpi("ASA", m.asaMs, "seconds") +
    kpi("Abandon rate", m.abandonRate, "percent") +
    kpi("Agent occupancy", m.agentOccupancy, "percent") +
    theoryKpi(summary) +
    `</section>`
  )
}

/** One report block as an HTML `<section class="block">` (also used by the compare and staff reports). */
export const blockToHtml = (b: Block): string => {
  const wide = b._tag === "table" && b.columns.length > 4 ? " wide" : ""
  const head = `<h2>${esc(b.title)}</h2>${b.note === undefined ? "" : `<p class="note">${esc(b.note)}</p>`}`
  if (b._tag === "list") {
    const items = b.items.map((i) => `<li${classes(toneClass(i.tone))}>${esc(i.text)}</li>`).join("")
    return `<section class="block${wide}" id="${esc(b.id)}">${head}<ul class="reasons">${items}</ul></section>`
  }
  const num = (i: number): string => (b.columns[i]?.align === "right" ? "num" : "")
  const title = (d: string | undefined): string => (d === undefined ? "" : ` title="${esc(d)}"`)
  const header = b.columns
    .map((c, i) => `<th scope="col"${classes(num(i))}${title(c.definition)}>${esc(c.label)}</th>`)
    .join("")
  const rows = b.rows
    .map(
      (row) => `<tr>${row.map((c, i) => `<td${classes(num(i), toneClass(c.tone))}>${esc(c.text)}</td>`).join("")}</tr>`
    )
    .join("")
  const legend = legendOf(b.columns)
  const dl = legend.length === 0 ? "" : `<ul class="legend">${legend.map((l) => `<li>${esc(l)}</li>`).join("")}</ul>`
  return (
    `<section class="block${wide}" id="${esc(b.id)}">${head}<div class="table-wrap"><table>` +
    `<thead><tr>${header}</tr></thead><tbody>${rows}</tbody></table></div>${dl}</section>`
  )
}

const badge = (summary: Summary): string => {
  const total = summary.thresholds.length
  const failed = summary.thresholds.filter((t) => t.ok === false).length
  if (total === 0) return `<span class="badge muted">no thresholds</span>`
  return failed === 0
    ? `<span class="badge pass">${total}/${total} thresholds passed</span>`
    : `<span class="badge fail">${failed} of ${total} thresholds failed</span>`
}

/** The whole summary as one self-contained HTML document. */
export const renderHtml = (summary: Summary): string =>
  reportPage({
    product: "livechat-sim",
    subject: summary.scenario,
    badge: badge(summary),
    facts: headerFacts(summary).slice(1),
    body: `${kpis(summary)}
<section class="charts" aria-label="Charts">
${reportCharts(summary).map(chartFigure).join("\n")}
</section>
<div class="blocks">
${reportBlocks(summary, { verbose: true }).map(blockToHtml).join("\n")}
</div>`,
    footer: `engine ${summary.engineVersion} · seed ${summary.seed} · digest ${summary.digest}`
  })
