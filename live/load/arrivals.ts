/**
 * The customers' open model: every arrival of the run, computed before it starts (so the driver's
 * own delays never thin the stream: a late start still counts from its scheduled time). Each
 * scenario arrival executor (and each proactive campaign, at rate x accept probability) is a
 * Poisson process; its piecewise-linear profile over the scenario horizon is laid over the run's
 * duration, and its rate is multiplied by the time scale (scenario seconds per wall second) and the
 * load scale. Pure: the same scenario, options and seed give the same arrivals.
 */
import { Draws, Sequence } from "../../sim/random.ts"
import type { RateStage, Scenario } from "../../sim/scenario/model.ts"

const HOUR_MS = 3_600_000

export interface Arrival {
  /** Wall ms from the start of the run. */
  readonly atMs: number
  readonly queueId: string
  readonly proactive: boolean
}

export interface ArrivalPlan {
  readonly arrivals: ReadonlyArray<Arrival>
  /** Arrivals past `maxChats` (k6's dropped_iterations). */
  readonly dropped: number
  /** Expected arrivals per wall second, averaged over the run. */
  readonly meanPerSec: number
}

export const rateAt = (stages: ReadonlyArray<RateStage>, tMs: number): number => {
  let last = 0
  for (const s of stages) {
    if (tMs < s.startMs) return last
    if (tMs < s.endMs) return s.fromPerHour + ((s.toPerHour - s.fromPerHour) * (tMs - s.startMs)) / (s.endMs - s.startMs)
    last = s.toPerHour
  }
  return last
}

interface Stream { readonly queueId: string; readonly proactive: boolean; readonly stages: ReadonlyArray<RateStage>; readonly factor: number }

const streamsOf = (scenario: Scenario): ReadonlyArray<Stream> => [
  ...scenario.arrivals.map((a) => ({ queueId: a.queueId, proactive: false, stages: a.stages, factor: 1 })),
  ...scenario.proactive.map((p) => ({ queueId: p.queueId, proactive: true, stages: p.stages, factor: p.acceptProbability }))
]

/** Lewis-Shedler thinning of one stream over [0, durationMs) of wall time. */
const streamTimes = (s: Stream, u: Sequence, durationMs: number, horizonMs: number, perHourToPerMs: number): Array<number> => {
  const toScenario = horizonMs / durationMs
  const max = Math.max(0, ...s.stages.flatMap((x) => [x.fromPerHour, x.toPerHour])) * s.factor * perHourToPerMs
  const out: Array<number> = []
  if (max <= 0) return out
  for (let t = -Math.log(u.next()) / max; t < durationMs && out.length < 10_000_000; t += -Math.log(u.next()) / max) {
    const rate = rateAt(s.stages, t * toScenario) * s.factor * perHourToPerMs
    if (u.next() * max < rate) out.push(t)
  }
  return out
}

export const planArrivals = (
  scenario: Scenario,
  o: { readonly durationMs: number; readonly timeScale: number; readonly loadScale: number; readonly seed: number; readonly maxChats: number }
): ArrivalPlan => {
  const draws = new Draws(o.seed)
  const stream = Draws.stream("load-arrivals")
  const perHourToPerMs = (o.timeScale * o.loadScale) / HOUR_MS
  const all: Array<Arrival> = []
  let expected = 0
  streamsOf(scenario).forEach((s, i) => {
    for (const t of streamTimes(s, new Sequence(draws, stream, i), o.durationMs, scenario.horizonMs, perHourToPerMs)) {
      all.push({ atMs: Math.floor(t), queueId: s.queueId, proactive: s.proactive })
    }
    const steps = 100
    for (let k = 0; k < steps; k++) expected += rateAt(s.stages, ((k + 0.5) / steps) * scenario.horizonMs) * s.factor * perHourToPerMs * (o.durationMs / steps)
  })
  all.sort((a, b) => a.atMs - b.atMs)
  const kept = all.slice(0, o.maxChats)
  return { arrivals: kept, dropped: all.length - kept.length, meanPerSec: expected / (o.durationMs / 1000) }
}
