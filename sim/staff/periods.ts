/**
 * The periods `staff` sizes: when any arrival stream or campaign varies, every report interval
 * (`interval`, from the warm-up end to the horizon) is its own period; when all are constant, the
 * whole counted span is one period (one staffing for the day). Each period carries its offered
 * chats per hour per queue (arrivals plus accepted invitations, at the period's mean rate) and its
 * offered load in Erlangs. Also the stationary view of one period (every rate held at its mean),
 * which the Erlang seed and `staff --table` use. Pure.
 */

import { formatClock } from "../../input/duration.ts"
import type { RateStage, Scenario } from "../scenario/model.ts"
import { erlangsOf, meanRate, offeredPerHour } from "../scenario/offered-load.ts"
import { intervalCount, intervalSpan } from "../workload/roster.ts"
import type { PeriodSpan } from "./day.ts"

export interface Period {
  readonly index: number
  readonly startMs: number
  readonly endMs: number
  /** The report intervals it covers. */
  readonly span: PeriodSpan
  /** Chats offered per hour in the period, per queue id. */
  readonly offeredPerHour: Readonly<Record<string, number>>
  /** Offered load: chats per hour x mean slot holding time (accept delay, handling, wrap-up), in Erlangs (busy slots). */
  readonly offeredErlangs: number
}

const isFlat = (stages: ReadonlyArray<RateStage>): boolean => {
  const r = stages[0]?.fromPerHour ?? 0
  return stages.every((s) => s.fromPerHour === r && s.toPerHour === r)
}

export const varies = (s: Scenario): boolean =>
  !s.arrivals.every((a) => isFlat(a.stages)) || !s.proactive.every((c) => isFlat(c.stages))

const periodOf = (s: Scenario, index: number, startMs: number, endMs: number, span: PeriodSpan): Period => {
  const perHour = offeredPerHour(s, startMs, endMs)
  return { index, startMs, endMs, span, offeredPerHour: perHour, offeredErlangs: erlangsOf(s, perHour) }
}

export const periodsOf = (s: Scenario): Array<Period> => {
  const n = intervalCount(s)
  if (!varies(s)) return [periodOf(s, 0, s.warmupMs, s.horizonMs, { first: 0, last: n - 1 })]
  return Array.from({ length: n }, (_, i) => {
    const { startMs, endMs } = intervalSpan(s, i)
    return periodOf(s, i, startMs, endMs, { first: i, last: i })
  })
}

const flatAt = (perHour: number, horizonMs: number): Array<RateStage> => [
  { startMs: 0, endMs: horizonMs, fromPerHour: perHour, toPerHour: perHour }
]

/** The scenario held at its mean rates over [fromMs, toMs). */
export const stationaryAt = (s: Scenario, fromMs: number, toMs: number): Scenario => ({
  ...s,
  arrivals: s.arrivals.map((a) => ({
    ...a,
    executor: "constant-arrival-rate",
    stages: flatAt(meanRate(a.stages, fromMs, toMs), s.horizonMs)
  })),
  proactive: s.proactive.map((c) => ({ ...c, stages: flatAt(meanRate(c.stages, fromMs, toMs), s.horizonMs) }))
})

/** "4:00-4:30" on the simulated clock. */
export const periodLabel = (p: Pick<Period, "startMs" | "endMs">): string =>
  `${formatClock(p.startMs)}-${formatClock(p.endMs)}`
