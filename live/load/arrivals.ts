/**
 * The customers' open model: every chat start of the run, computed before it starts (so the
 * driver's own delays never thin the stream: a late start still counts from its scheduled time).
 * They are the simulator's (sim/workload/timeline.ts: its arrival processes, its invitations and
 * their visitors' answers, its chat indices), with the scenario's rate profile over its horizon laid
 * over the run's duration and the rate multiplied by the time scale (scenario seconds per wall
 * second) and the load scale. With a duration of horizon / time scale and a load scale of 1 the
 * chats are exactly the simulator's, at its times divided by the time scale. Pure: the same
 * scenario, options and seed give the same arrivals.
 */

import type { Scenario } from "../../sim/scenario/model.ts"
import { rateAt } from "../../sim/workload/arrivals.ts"
import { Draws } from "../../sim/workload/draws.ts"
import { chatStarts } from "../../sim/workload/timeline.ts"

const HOUR_MS = 3_600_000

/** Bound on the arrivals computed (a scenario and scales far beyond any run the driver could hold). */
const MAX_PLANNED = 10_000_000

export interface Arrival {
  /** Wall ms from the start of the run. */
  readonly atMs: number
  readonly queueId: string
  readonly proactive: boolean
  /** The simulator's index of this chat: the key of its per-chat draws. */
  readonly chatIndex: number
}

export interface ArrivalPlan {
  readonly arrivals: ReadonlyArray<Arrival>
  /** Arrivals past `maxChats` (k6's dropped_iterations). */
  readonly dropped: number
  /** Expected arrivals per wall second, averaged over the run. */
  readonly meanPerSec: number
}

export interface PlanOptions {
  readonly durationMs: number
  readonly timeScale: number
  readonly loadScale: number
  readonly seed: number
  readonly maxChats: number
}

/** The factor on the scenario's rates, in scenario time, that the run's duration, time and load scale make. */
export const rateScaleOf = (
  scenario: Scenario,
  o: Pick<PlanOptions, "durationMs" | "timeScale" | "loadScale">
): number => (o.timeScale * o.loadScale * o.durationMs) / scenario.horizonMs

/** Expected chat starts per wall second over the run (invitations at their accept probability). */
const meanPerSecOf = (scenario: Scenario, o: PlanOptions): number => {
  const perHourToPerMs = (o.timeScale * o.loadScale) / HOUR_MS
  const streams = [
    ...scenario.arrivals.map((a) => ({ stages: a.stages, factor: 1 })),
    ...scenario.proactive.map((p) => ({ stages: p.stages, factor: p.acceptProbability }))
  ]
  const steps = 100
  let expected = 0
  for (const s of streams) {
    for (let k = 0; k < steps; k++)
      expected +=
        rateAt(s.stages, ((k + 0.5) / steps) * scenario.horizonMs) * s.factor * perHourToPerMs * (o.durationMs / steps)
  }
  return expected / (o.durationMs / 1000)
}

export const planArrivals = (scenario: Scenario, o: PlanOptions): ArrivalPlan => {
  const all = chatStarts(scenario, new Draws(o.seed), rateScaleOf(scenario, o), MAX_PLANNED).map(
    (c): Arrival => ({
      atMs: Math.floor((c.atMs * o.durationMs) / scenario.horizonMs),
      queueId: c.queueId,
      proactive: c.proactive,
      chatIndex: c.index
    })
  )
  const kept = all.slice(0, o.maxChats)
  return { arrivals: kept, dropped: all.length - kept.length, meanPerSec: meanPerSecOf(scenario, o) }
}
