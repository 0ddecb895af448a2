/**
 * The theory comparison as a report block: Erlang C / Erlang A beside each simulated metric, with
 * the 95% interval and a verdict judged for all rows together (Holm, family-wise 5%, computed in
 * the summary), or, when theory does not apply, one line saying why (every reason when verbose).
 */
import { metricInfo } from "../sim/summary/catalog.ts"
import type { Summary } from "../sim/summary/model.ts"
import type { Block } from "./blocks.ts"
import { cell, left, right } from "./blocks.ts"
import { formatEstimate, formatIn, formatInterval, unitOf } from "./format.ts"

/** Model name as planners know it. */
export const modelName = (model: "erlang-c" | "erlang-a"): string => (model === "erlang-c" ? "Erlang C" : "Erlang A")

const notApplicable = (reasons: ReadonlyArray<string>, verbose: boolean): Block => {
  const count = `${reasons.length} reason${reasons.length === 1 ? "" : "s"}`
  if (verbose || reasons.length === 1) {
    return {
      _tag: "list",
      id: "theory",
      title: "Theory comparison",
      note: "Erlang C / Erlang A do not apply:",
      items: reasons.map((r) => cell(r))
    }
  }
  return {
    _tag: "list",
    id: "theory",
    title: "Theory comparison",
    items: [cell(`Erlang C / Erlang A do not apply: ${count}, see the HTML report or --verbose`, "muted")]
  }
}

const verdictCell = (consistent: boolean | null) =>
  consistent === null ? cell("not judged", "muted") : consistent ? cell("consistent", "pass") : cell("OUTSIDE", "fail")

export const theoryBlock = (summary: Summary, verbose: boolean): Block => {
  const theory = summary.theory
  if (!theory.applicable) return notApplicable(theory.reasons, verbose)
  const pct = `${Number((theory.alpha * 100).toPrecision(3))}%`
  return {
    _tag: "table",
    id: "theory",
    title: "Theory comparison",
    note:
      `${modelName(theory.model)} with c = ${theory.servers} servers (agents x capacity). A verdict tests ` +
      `"the simulator's true mean is the prediction" for all rows together (Holm): a correct simulator shows any ` +
      `OUTSIDE with probability at most ${pct}.`,
    columns: [left("metric"), right("predicted"), right("simulated"), right("95% CI"), left("verdict")],
    rows: theory.rows.map((row) => {
      const unit = unitOf(row.metric)
      const e = formatEstimate(row.simulated, unit)
      return [
        cell(metricInfo(row.metric)?.name ?? row.metric),
        cell(formatIn(row.predicted, unit, e.decimals + 1)),
        cell(e.text),
        cell(formatInterval(row.simulated, unit)),
        verdictCell(row.consistent)
      ]
    })
  }
}
