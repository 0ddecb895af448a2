/**
 * The staffing report as one self-contained HTML page (the shared page shell): the facts, the
 * charts of staff-charts.ts, then the requirement and roster tables; and the Erlang-calculator
 * view (`--table`) as its own page with its curve.
 */
import type { Staffing } from "../sim/staff/run.ts"
import type { StaffTable } from "../sim/staff/table.ts"
import { blockToHtml } from "./html.ts"
import { chartFigure, reportPage } from "./html-page.ts"
import { staffCharts, tableChart } from "./staff-charts.ts"
import { staffBlocks, staffFacts, tableBlock } from "./staff-report.ts"

export const renderStaffHtml = (s: Staffing): string => {
  const unmet = s.periods.filter((p) => !p.met).length
  const short = s.periods.filter((p) => p.met && s.groups.some((g) => p.roster[g.id]! < p.required[g.id]!)).length
  const badge =
    unmet > 0
      ? `<span class="badge fail">${unmet} interval(s) cannot be staffed</span>`
      : short > 0
        ? `<span class="badge fail">roster short in ${short} interval(s)</span>`
        : `<span class="badge pass">roster covers every interval</span>`
  return reportPage({
    product: "livechat-sim staff",
    subject: s.scenario,
    badge,
    facts: staffFacts(s),
    body: `<section class="charts" aria-label="Charts">
${staffCharts(s).map(chartFigure).join("\n")}
</section>
<div class="blocks">
${staffBlocks(s).map(blockToHtml).join("\n")}
</div>`,
    footer: `engine ${s.engineVersion} · seed ${s.seed} · ${s.replications} replications per candidate · ${s.simulations} simulated days`
  })
}

export const renderTableHtml = (t: StaffTable): string =>
  reportPage({
    product: "livechat-sim staff --table",
    subject: t.scenario,
    badge: "",
    facts: [
      ["interval", t.interval],
      ["offered", `${t.offeredPerHour.toFixed(0)} chats/h, ${t.offeredErlangs.toFixed(1)} Erlangs`],
      ["replications", String(t.replications)],
      ["targets", t.targets.join(", ") || "none"]
    ],
    body: `<section class="charts" aria-label="Charts">
${chartFigure(tableChart(t))}
</section>
<div class="blocks">
${blockToHtml(tableBlock(t))}
</div>`
  })
