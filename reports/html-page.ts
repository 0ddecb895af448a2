/**
 * The shell every HTML report shares (run, compare, staff, load): one self-contained document with
 * the report stylesheet inline, a content security policy that forbids loading anything, a header
 * with the product, subject and a badge, and the facts list. Pure; every text is escaped here.
 */
import { reportCss } from "./html-style.ts"
import { escapeXml as esc } from "./svg.ts"

export interface ReportPage {
  /** "livechat-sim", "livechat-sim compare", ... */
  readonly product: string
  readonly subject: string
  /** Pre-rendered badge HTML (may be empty). */
  readonly badge: string
  readonly facts: ReadonlyArray<readonly [string, string]>
  /** Pre-rendered HTML of everything between the facts and the footer. */
  readonly body: string
  readonly footer?: string
}

export const reportPage = (p: ReportPage): string => `<!doctype html>
<html lang="en">
<head>
<meta charset="utf-8">
<meta name="viewport" content="width=device-width, initial-scale=1">
<meta http-equiv="Content-Security-Policy" content="default-src 'none'; style-src 'unsafe-inline'">
<title>${esc(`${p.product}: ${p.subject}`)}</title>
<style>${reportCss}</style>
</head>
<body>
<header><h1><span class="product">${esc(p.product)}:</span> ${esc(p.subject)}</h1>${p.badge}</header>
<dl class="facts">${p.facts.map(([k, v]) => `<div><dt>${esc(k)}</dt><dd>${esc(v)}</dd></div>`).join("")}</dl>
${p.body}
${p.footer === undefined ? "" : `<footer>${esc(p.footer)}</footer>\n`}</body>
</html>
`

/** A chart in its `<figure data-chart>` with title and note. */
export const chartFigure = (chart: {
  readonly name: string
  readonly title: string
  readonly note: string
  readonly svg: string
}): string =>
  `<figure data-chart="${esc(chart.name)}"><figcaption><h3>${esc(chart.title)}</h3><p>${esc(chart.note)}</p>` +
  `</figcaption>${chart.svg}</figure>`
