/**
 * The comparison as one self-contained HTML file (inline CSS and SVG, no script, a CSP that loads
 * nothing): header facts, the fail-if badge, the difference charts and the comparison tables.
 */
import type { Comparison } from "../sim/compare/model.ts"
import { blockToHtml } from "./html.ts"
import { blocksToMarkdown } from "./markdown.ts"
import { compareCharts } from "./compare-charts.ts"
import { compareBlocks, compareFacts, VERDICT_NOTE } from "./compare-tables.ts"
import { reportCss } from "./html-style.ts"
import { escapeMarkdown } from "./markdown.ts"
import { escapeXml as esc } from "./svg.ts"

const badge = (c: Comparison): string => {
  if (c.failIf.length === 0) return `<span class="badge muted">no fail-if conditions</span>`
  const held = c.failIf.filter((r) => r.holds).length
  return held === 0
    ? `<span class="badge pass">no fail-if condition holds</span>`
    : `<span class="badge fail">${held} fail-if condition(s) hold</span>`
}

export const renderCompareHtml = (c: Comparison): string => {
  const facts = compareFacts(c).map(([k, v]) => `<div><dt>${esc(k)}</dt><dd>${esc(v)}</dd></div>`).join("")
  const charts = compareCharts(c).map((ch) =>
    `<figure data-chart="${esc(ch.name)}"><figcaption><h3>${esc(ch.title)}</h3><p>${esc(ch.note)}</p></figcaption>${ch.svg}</figure>`)
  return `<!doctype html>
<html lang="en">
<head>
<meta charset="utf-8">
<meta name="viewport" content="width=device-width, initial-scale=1">
<meta http-equiv="Content-Security-Policy" content="default-src 'none'; style-src 'unsafe-inline'">
<title>${esc(`livechat-sim compare: ${c.scenario}`)}</title>
<style>${reportCss}</style>
</head>
<body>
<header><h1><span class="product">livechat-sim compare:</span> ${esc(c.scenario)}</h1>${badge(c)}</header>
<dl class="facts">${facts}</dl>
<p class="note">${esc(VERDICT_NOTE)}</p>
<section class="charts" aria-label="Charts">
${charts.join("\n")}
</section>
<div class="blocks">
${compareBlocks(c).map(blockToHtml).join("\n")}
</div>
<footer>${esc(`engine ${c.engineVersion} · seed ${c.seed} · ${c.replications} replications`)}</footer>
</body>
</html>
`
}

export const renderCompareMarkdown = (c: Comparison): string =>
  [`# livechat-sim compare: ${escapeMarkdown(c.scenario)}`, "",
    ...compareFacts(c).map(([k, v]) => `- **${escapeMarkdown(k)}**: ${escapeMarkdown(v)}`), "", escapeMarkdown(VERDICT_NOTE), "",
    blocksToMarkdown(compareBlocks(c))].join("\n")
