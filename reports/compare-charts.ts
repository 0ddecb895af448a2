/**
 * The comparison's charts: the paired difference (variant - baseline) of each metric of the whole
 * center as a dot with its 95% CI whisker, one colour per variant, beside a faint dashed whisker
 * of the unpaired (Welch) CI, over a zero line. One chart per unit (shares in percentage points,
 * times in seconds, queue length in chats) so each axis means one thing.
 */
import type { Comparison, MetricComparison } from "../sim/compare/model.ts"
import { displayName } from "./compare-tables.ts"
import type { Unit } from "./format.ts"
import { unitOf } from "./format.ts"
import { colorAt, emptyBody, escapeXml, legend, linear, niceTicks, plot, svgChart, xAxis, yAxis } from "./svg.ts"

export interface CompareChart {
  readonly name: string
  readonly title: string
  readonly note: string
  readonly svg: string
}

const scale: Record<Unit, number> = { percent: 100, seconds: 0.001, chats: 1 }
const axisLabel: Record<Unit, string> = {
  percent: "difference (percentage points)",
  seconds: "difference (s)",
  chats: "difference (chats waiting)"
}
const axisName = (key: string): string => displayName(key)
const r1 = (x: number): string => String(Math.round(x * 10) / 10)
const finite = (...xs: ReadonlyArray<number>): boolean => xs.every((x) => Number.isFinite(x))

const whisker = (x: number, lo: number, hi: number, cls: string, extra = ""): string =>
  `<path class="${cls}" d="M${r1(x)} ${r1(lo)}V${r1(hi)}M${r1(x - 4)} ${r1(lo)}h8M${r1(x - 4)} ${r1(hi)}h8"${extra}/>`

const chartFor = (c: Comparison, unit: Unit): CompareChart | undefined => {
  const keys = c.metrics.filter((k) => unitOf(k) === unit)
  if (keys.length === 0) return undefined
  const k = scale[unit]
  const name = `diff-${unit}`
  const title = {
    percent: "Differences in shares",
    seconds: "Differences in times",
    chats: "Difference in queue length"
  }[unit]
  const note =
    "Paired difference (variant - baseline) with its 95% CI; the dashed whisker is the unpaired (Welch) 95% CI."
  const cells = keys.map((key) =>
    c.variants.map((v) => v.overall[key]).filter((m): m is MetricComparison => m !== undefined)
  )
  const extent = Math.max(
    0,
    ...cells
      .flat()
      .flatMap((m) => [m.paired.mean, ...m.paired.ci95, ...m.unpaired.ci95])
      .filter((x) => Number.isFinite(x))
      .map((x) => Math.abs(x * k))
  )
  if (extent === 0 && cells.flat().every((m) => !finite(m.paired.mean))) {
    return { name, title, note, svg: svgChart(name, title, "No data.", emptyBody("No defined differences")) }
  }
  const up = niceTicks(extent === 0 ? 1 : extent, 3)
  const top = up.at(-1) ?? 1
  const ticks = [
    ...up
      .slice(1)
      .map((t) => -t)
      .reverse(),
    ...up
  ]
  const y = linear(-top, top, plot.y1, plot.y0)
  const band = (plot.x1 - plot.x0) / keys.length
  const slot = Math.min(28, (band * 0.8) / Math.max(1, c.variants.length))
  const marks: Array<string> = [
    `<line class="axis" x1="${plot.x0}" x2="${plot.x1}" y1="${r1(y(0))}" y2="${r1(y(0))}"/>`
  ]
  const desc: Array<string> = []
  keys.forEach((key, i) => {
    c.variants.forEach((v, j) => {
      const m = v.overall[key]
      if (m === undefined || !finite(m.paired.mean)) return
      const x = plot.x0 + i * band + band / 2 + (j - (c.variants.length - 1) / 2) * slot
      const [ulo, uhi] = m.unpaired.ci95
      if (finite(ulo, uhi))
        marks.push(whisker(x + 6, y(ulo * k), y(uhi * k), "whisker unpaired", ` stroke-dasharray="2 2" opacity="0.45"`))
      const [plo, phi] = m.paired.ci95
      if (finite(plo, phi)) marks.push(whisker(x, y(plo * k), y(phi * k), "whisker"))
      const text =
        `${key}, ${v.name}: ${Number((m.paired.mean * k).toPrecision(3))} ` +
        `[${Number((plo * k).toPrecision(3))}, ${Number((phi * k).toPrecision(3))}] (${m.verdict})`
      desc.push(text)
      marks.push(
        `<circle class="mark" cx="${r1(x)}" cy="${r1(y(m.paired.mean * k))}" r="3.6" fill="${colorAt(j)}">` +
          `<title>${escapeXml(text)}</title></circle>`
      )
    })
  })
  const body =
    yAxis(ticks, y, (t) => String(t), axisLabel[unit]) +
    legend(c.variants.map((v, j) => ({ label: v.name, color: colorAt(j) }))) +
    marks.join("") +
    xAxis(
      keys.map((key, i) => [plot.x0 + (i + 0.5) * band, axisName(key)] as const),
      ""
    )
  return { name, title, note, svg: svgChart(name, title, desc.join("; ") || "No defined differences.", body) }
}

export const compareCharts = (c: Comparison): ReadonlyArray<CompareChart> =>
  (["percent", "seconds", "chats"] as const).flatMap((u) => chartFor(c, u) ?? [])
