/**
 * One chart of a report (`Chart`: a named, titled, described inline SVG) and the value helpers the
 * run report's charts share: percent and seconds labels, percent ticks, 95% whiskers, and gaps.
 * Invariant kept: a missing value plots as NaN, which every plotter leaves as a gap.
 */

import type { MetricCI } from "../sim/summary/model.ts"
import { formatPoint } from "./format.ts"

export interface Chart {
  /** The `data-chart` name. */
  readonly name: string
  readonly title: string
  /** What is plotted and how it was pooled, shown under the title. */
  readonly note: string
  readonly svg: string
}

export const pct = (v: number): string => `${Number((v * 100).toFixed(1))}%`
export const secs = (v: number): string => formatPoint(v * 1000, "seconds")
export const percentTicks = [0, 0.2, 0.4, 0.6, 0.8, 1]
/** Ticks up to 100% from a round floor below `min` (lines encode position, so the axis may start above 0). */
export const percentTicksFrom = (min: number): Array<number> => {
  const floor = Math.max(0, Math.floor(min * 10) / 10 - 0.1)
  const step = 1 - floor > 0.5 ? 0.2 : 0.1
  const ticks: Array<number> = []
  for (let t = 1; t >= floor - 1e-9; t -= step) ticks.unshift(Math.max(0, Number(t.toFixed(2))))
  return ticks
}
export const dashes = [undefined, "7 4", "2 3"] as const
export const ci95 = (m: MetricCI): readonly [number, number] => m.ci95 ?? [Number.NaN, Number.NaN]
/** A nullable value as a number for plotting (NaN leaves a gap). */
export const num = (v: number | null): number => v ?? Number.NaN
