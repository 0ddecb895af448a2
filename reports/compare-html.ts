/**
 * The comparison as one self-contained HTML file (inline CSS and SVG, no script, a CSP that loads
 * nothing): header facts, the fail-if badge, the difference charts and the comparison tables.
 */
import type { Comparison } from "../sim/compare/model.ts"
import { compareCharts } from "./compare-charts.ts"
import { compareBlocks, compareFacts, VERDICT_NOTE } from "./compare-tables.ts"
import { blockToHtml } from "./html.ts"
import { chartFigure, reportPage } from "./html-page.ts"
import { blocksToMarkdown, escapeMarkdown } from "./markdown.ts"
import { escapeXml as esc } from "./svg.ts"

const badge = (c: Comparison): string => {
  if (c.failIf.length === 0) return `<span class="badge muted">no fail-if conditions</span>`
  const held = c.failIf.filter((r) => r.holds).length
  return held === 0
    ? `<span class="badge pass">no fail-if condition holds</span>`
    : `<span class="badge fail">${held} fail-if condition(s) hold</span>`
}

export const renderCompareHtml = (c: Comparison): string =>
  reportPage({
    product: "livechat-sim compare",
    subject: c.scenario,
    badge: badge(c),
    facts: compareFacts(c),
    body: `<p class="note">${esc(VERDICT_NOTE)}</p>
<section class="charts" aria-label="Charts">
${compareCharts(c).map(chartFigure).join("\n")}
</section>
<div class="blocks">
${compareBlocks(c).map(blockToHtml).join("\n")}
</div>`,
    footer: `engine ${c.engineVersion} · seed ${c.seed} · ${c.replications} replications`
  })

export const renderCompareMarkdown = (c: Comparison): string =>
  [
    `# livechat-sim compare: ${escapeMarkdown(c.scenario)}`,
    "",
    ...compareFacts(c).map(([k, v]) => `- **${escapeMarkdown(k)}**: ${escapeMarkdown(v)}`),
    "",
    escapeMarkdown(VERDICT_NOTE),
    "",
    blocksToMarkdown(compareBlocks(c))
  ].join("\n")
