/**
 * Small SVG building blocks for the HTML report: scales, nice ticks, axes, legends, grouped bars
 * with CI whiskers and time-series lines. Output is markup strings with every text escaped. Every
 * data mark carries class "mark" so tests can find what was drawn. No chart library, no script.
 */

/** Escapes text for HTML and SVG (content and attribute values). */
export const escapeXml = (text: string): string =>
  text.replace(/[&<>"']/g, (c) => ({ "&": "&amp;", "<": "&lt;", ">": "&gt;", '"': "&quot;", "'": "&#39;" })[c] ?? c)

/** Okabe-Ito colours (colour-blind safe), in series order. */
export const palette = ["#0072B2", "#E69F00", "#009E73", "#CC79A7", "#56B4E9", "#D55E00"] as const
export const colorAt = (i: number): string => palette[i % palette.length] ?? "#0072B2"

export const width = 560
export const height = 280
/** The plotting area inside the margins. */
export const plot = { x0: 56, x1: width - 16, y0: 44, y1: height - 40 } as const

const r1 = (x: number): string => String(Math.round(x * 10) / 10)

/** Maps [d0, d1] linearly onto [a, b]. */
export const linear =
  (d0: number, d1: number, a: number, b: number) =>
  (v: number): number =>
    d1 === d0 ? a : a + ((v - d0) / (d1 - d0)) * (b - a)

/** Evenly spaced round ticks from 0 covering `max` (1, 2, 2.5 or 5 times a power of ten). */
export const niceTicks = (max: number, count = 5): Array<number> => {
  const top = Number.isFinite(max) && max > 0 ? max : 1
  const raw = top / count
  const power = 10 ** Math.floor(Math.log10(raw))
  const step = ([1, 2, 2.5, 5, 10].find((m) => m * power >= raw) ?? 10) * power
  const ticks: Array<number> = []
  for (let i = 0; i * step < top + step * 0.999; i++) ticks.push(Number((i * step).toPrecision(12)))
  return ticks
}

/** The `<svg>` element with an accessible name (`<title>`) and description (`<desc>`). */
export const svgChart = (id: string, title: string, desc: string, body: string): string =>
  `<svg viewBox="0 0 ${width} ${height}" role="img" aria-labelledby="${id}-t ${id}-d" class="chart">` +
  `<title id="${id}-t">${escapeXml(title)}</title><desc id="${id}-d">${escapeXml(desc)}</desc>${body}</svg>`

/** A message in place of a chart that has no data (still a valid, titled SVG). */
export const emptyBody = (message: string): string =>
  `<text x="${width / 2}" y="${height / 2}" text-anchor="middle" class="empty">${escapeXml(message)}</text>`

/** Horizontal grid lines with tick labels and a rotated axis title (units belong in `label`). */
export const yAxis = (
  ticks: ReadonlyArray<number>,
  y: (v: number) => number,
  format: (v: number) => string,
  label: string
): string =>
  ticks
    .map(
      (t) =>
        `<line class="grid" x1="${plot.x0}" x2="${plot.x1}" y1="${r1(y(t))}" y2="${r1(y(t))}"/>` +
        `<text class="tick" x="${plot.x0 - 6}" y="${r1(y(t) + 4)}" text-anchor="end">${escapeXml(format(t))}</text>`
    )
    .join("") +
  `<text class="axis-title" transform="translate(14 ${(plot.y0 + plot.y1) / 2}) rotate(-90)" text-anchor="middle">` +
  `${escapeXml(label)}</text>`

/** Width of a tick label in px (11px sans-serif averages under 6.4px per character). */
const tickWidth = (text: string): number => text.length * 6.4

/** Whether centred labels at these positions would overlap their neighbours. */
const crowded = (marks: ReadonlyArray<readonly [number, string]>): boolean =>
  marks.some(([x, text], i) => {
    const next = marks[i + 1]
    return next !== undefined && Math.abs(next[0] - x) < (tickWidth(text) + tickWidth(next[1])) / 2 + 4
  })

/**
 * The x baseline with labels under given positions and an axis title below. Labels that would
 * collide go on two alternating rows; if even that is too tight, every other label is dropped.
 */
export const xAxis = (marks: ReadonlyArray<readonly [number, string]>, label: string): string => {
  const stagger = crowded(marks)
  const rows = [marks.filter((_, i) => i % 2 === 0), marks.filter((_, i) => i % 2 === 1)]
  const thinned = stagger && rows.some(crowded) ? marks.filter((_, i) => i % 2 === 0) : marks
  const twoRows = stagger && thinned === marks
  return (
    `<line class="axis" x1="${plot.x0}" x2="${plot.x1}" y1="${plot.y1}" y2="${plot.y1}"/>` +
    thinned
      .map(([x, text], i) => {
        const y = plot.y1 + (twoRows ? 14 + (i % 2) * 12 : 16)
        return `<text class="tick" x="${r1(x)}" y="${y}" text-anchor="middle">${escapeXml(text)}</text>`
      })
      .join("") +
    (label === ""
      ? ""
      : `<text class="axis-title" x="${(plot.x0 + plot.x1) / 2}" y="${height - (twoRows ? 1 : 6)}" text-anchor="middle">${escapeXml(label)}</text>`)
  )
}

export interface LegendItem {
  readonly label: string
  readonly color: string
  readonly dash?: string
  readonly kind?: "line" | "box"
}

/** A one-line legend above the plot, left-aligned. */
export const legend = (items: ReadonlyArray<LegendItem>): string => {
  let x = plot.x0
  return items
    .map((item) => {
      const swatch =
        item.kind === "line"
          ? `<line x1="${x}" x2="${x + 18}" y1="18" y2="18" stroke="${item.color}" stroke-width="2.5"${item.dash === undefined ? "" : ` stroke-dasharray="${item.dash}"`}/>`
          : `<rect x="${x + 4}" y="12" width="11" height="11" rx="2" fill="${item.color}"/>`
      const text = `<text class="legend" x="${x + 24}" y="22">${escapeXml(item.label)}</text>`
      x += 24 + item.label.length * 6.6 + 18
      return swatch + text
    })
    .join("")
}

export interface BarSeries {
  readonly label: string
  readonly color: string
  readonly values: ReadonlyArray<number>
  /** Optional interval per value, drawn as a whisker. */
  readonly intervals?: ReadonlyArray<readonly [number, number]>
}

/** Grouped vertical bars (one group per category), optional whiskers and value labels. */
export const groupedBars = (
  categories: ReadonlyArray<string>,
  series: ReadonlyArray<BarSeries>,
  y: (v: number) => number,
  format: (v: number) => string
): string => {
  const band = (plot.x1 - plot.x0) / Math.max(1, categories.length)
  const inner = band * 0.78
  const barWidth = Math.min(56, inner / Math.max(1, series.length))
  const groupWidth = barWidth * series.length
  const marks: Array<string> = []
  categories.forEach((category, c) => {
    series.forEach((s, i) => {
      const v = s.values[c]
      if (v === undefined || !Number.isFinite(v)) return
      const x = plot.x0 + c * band + (band - groupWidth) / 2 + i * barWidth
      const top = Math.min(y(v), plot.y1 - 1)
      marks.push(
        `<rect class="mark" x="${r1(x + 1)}" y="${r1(top)}" width="${r1(barWidth - 2)}" height="${r1(plot.y1 - top)}" ` +
          `fill="${s.color}"><title>${escapeXml(`${category}, ${s.label}: ${format(v)}`)}</title></rect>`
      )
      const ci = s.intervals?.[c]
      let labelY = top - 4
      if (ci !== undefined && Number.isFinite(ci[0]) && Number.isFinite(ci[1])) {
        const cx = x + barWidth / 2
        const [lo, hi] = [y(ci[0]), y(ci[1])]
        marks.push(
          `<path class="whisker" d="M${r1(cx)} ${r1(lo)}V${r1(hi)}M${r1(cx - 5)} ${r1(lo)}h10M${r1(cx - 5)} ${r1(hi)}h10"/>`
        )
        labelY = Math.min(labelY, hi - 4)
      }
      // a value label only where it fits over its bar (the tooltip always has it)
      const label = format(v)
      if (label.length * 6.5 <= barWidth - 2) {
        marks.push(
          `<text class="value" x="${r1(x + barWidth / 2)}" y="${r1(labelY)}" text-anchor="middle">${escapeXml(label)}</text>`
        )
      }
    })
  })
  return (
    marks.join("") +
    xAxis(
      categories.map((c, i) => [plot.x0 + (i + 0.5) * band, c] as const),
      ""
    )
  )
}

export interface LineSeries {
  readonly label: string
  readonly color: string
  readonly dash?: string
  /** [x, y] in data units; a non-finite y breaks the line. */
  readonly points: ReadonlyArray<readonly [number, number]>
}

/** Lines with point markers; gaps where a value is missing. */
export const lines = (
  series: ReadonlyArray<LineSeries>,
  x: (v: number) => number,
  y: (v: number) => number,
  format: (v: number) => string
): string =>
  series
    .map((s) => {
      let d = ""
      let pen = "M"
      const dots: Array<string> = []
      for (const [px, py] of s.points) {
        if (!Number.isFinite(py)) {
          pen = "M"
          continue
        }
        d += `${pen}${r1(x(px))} ${r1(y(py))}`
        pen = "L"
        dots.push(
          `<circle cx="${r1(x(px))}" cy="${r1(y(py))}" r="2.6" fill="${s.color}"><title>${escapeXml(`${s.label}: ${format(py)}`)}</title></circle>`
        )
      }
      const dash = s.dash === undefined ? "" : ` stroke-dasharray="${s.dash}"`
      return `<path class="mark line" d="${d}" stroke="${s.color}"${dash}/>${dots.join("")}`
    })
    .join("")

/** Stacked vertical bars: one bar per category, one segment per series (in order, bottom up). */
export const stackedBars = (
  categories: ReadonlyArray<string>,
  series: ReadonlyArray<BarSeries>,
  y: (v: number) => number,
  format: (v: number) => string
): string => {
  const band = (plot.x1 - plot.x0) / Math.max(1, categories.length)
  const barWidth = Math.min(48, band * 0.78)
  const marks: Array<string> = []
  categories.forEach((category, c) => {
    let base = 0
    const x = plot.x0 + c * band + (band - barWidth) / 2
    for (const s of series) {
      const v = s.values[c]
      if (v === undefined || !Number.isFinite(v) || v <= 0) continue
      const [top, bottom] = [y(base + v), y(base)]
      marks.push(
        `<rect class="mark" x="${r1(x)}" y="${r1(top)}" width="${r1(barWidth)}" height="${r1(bottom - top)}" ` +
          `fill="${s.color}"><title>${escapeXml(`${category}, ${s.label}: ${format(v)}`)}</title></rect>`
      )
      base += v
    }
  })
  return (
    marks.join("") +
    xAxis(
      categories.map((c, i) => [plot.x0 + (i + 0.5) * band, c] as const),
      ""
    )
  )
}

/** A dashed horizontal reference line across the plot, labelled at its right end. */
export const referenceLine = (value: number, y: (v: number) => number, label: string): string =>
  `<line class="threshold" x1="${plot.x0}" x2="${plot.x1}" y1="${r1(y(value))}" y2="${r1(y(value))}" stroke="#b42318" stroke-dasharray="5 4"/>` +
  `<text class="note" x="${plot.x1 - 4}" y="${r1(y(value) - 5)}" text-anchor="end">${escapeXml(label)}</text>`
