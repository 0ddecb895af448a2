/**
 * The charts of the HTML report, each a titled, described inline SVG built from the summary, in
 * display order: service level and queue length per interval (interval-charts.ts), the wait
 * distribution and percentiles (wait-charts.ts), slot utilization and agent occupancy per agent
 * group, the offer funnel and chats dropped on transfer (outcome-charts.ts).
 * Axes carry units; intervals are whiskers; an undefined value leaves a gap.
 */

import type { Summary } from "../sim/summary/model.ts"
import type { Chart } from "./chart.ts"
import { queueLength, serviceLevel } from "./interval-charts.ts"
import { droppedOnTransfer, funnel, utilization } from "./outcome-charts.ts"
import { waitDistribution, waitPercentiles } from "./wait-charts.ts"

export type { Chart } from "./chart.ts"

/** Every chart of the report, in display order. */
export const reportCharts = (summary: Summary): ReadonlyArray<Chart> => [
  serviceLevel(summary),
  queueLength(summary),
  waitDistribution(summary),
  waitPercentiles(summary),
  utilization(summary),
  funnel(summary),
  droppedOnTransfer(summary)
]
