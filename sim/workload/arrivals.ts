/**
 * The customers' arrival processes and what is drawn when a chat starts: each arrival executor and
 * each proactive campaign is a non-homogeneous Poisson process (Lewis-Shedler thinning) over the
 * scenario horizon, an invitation becomes a chat with the campaign's accept probability, and a
 * chat's patience is drawn by its index. A process keeps the exact (fractional) time of its last
 * event and draws the next gap from there; only the time it hands out is rounded down to the
 * millisecond, so rounding never shortens the gaps. `rateScale` multiplies the whole profile (the
 * load driver's time and load scale); at 1 the draws and times are the simulator's.
 */

import type { CustomerBehaviour, RateStage, Scenario } from "../scenario/model.ts"
import { sampleMs } from "./dists.ts"
import type { Draws, Uniforms } from "./draws.ts"
import { Sequence } from "./draws.ts"
import { STREAMS, SUBKEYS } from "./streams.ts"

const HOUR_MS = 3_600_000

/** The profile's rate (per hour) at `tMs`: piecewise linear, the last target after the last stage. */
export const rateAt = (stages: ReadonlyArray<RateStage>, tMs: number): number => {
  let last = 0
  for (const s of stages) {
    if (tMs < s.startMs) return last
    if (tMs < s.endMs)
      return s.fromPerHour + ((s.toPerHour - s.fromPerHour) * (tMs - s.startMs)) / (s.endMs - s.startMs)
    last = s.toPerHour
  }
  return last
}

/** One Poisson process over [0, horizon) of scenario time (see the module comment). */
export class PoissonProcess {
  private readonly seq: Uniforms
  private exactMs = 0
  private readonly maxPerMs: number
  private readonly constant: boolean
  private readonly stages: ReadonlyArray<RateStage>
  private readonly horizonMs: number
  private readonly rateScale: number

  constructor(seq: Uniforms, stages: ReadonlyArray<RateStage>, horizonMs: number, rateScale = 1) {
    this.seq = seq
    this.stages = stages
    this.horizonMs = horizonMs
    this.rateScale = rateScale
    const max = Math.max(0, ...stages.flatMap((s) => [s.fromPerHour, s.toPerHour]))
    this.maxPerMs = (max * rateScale) / HOUR_MS
    this.constant = stages.every((s) => s.fromPerHour === max && s.toPerHour === max)
  }

  /** The next event's exact time, or undefined past the horizon. */
  nextExact(): number | undefined {
    if (this.maxPerMs <= 0) return undefined
    for (;;) {
      this.exactMs += -Math.log(this.seq.next()) / this.maxPerMs
      if (this.exactMs >= this.horizonMs) return undefined
      const accept =
        this.constant || this.seq.next() * this.maxPerMs * HOUR_MS < rateAt(this.stages, this.exactMs) * this.rateScale
      if (accept) return this.exactMs
    }
  }

  /** The next event time (whole ms), or undefined past the horizon. */
  next(): number | undefined {
    const t = this.nextExact()
    return t === undefined ? undefined : Math.floor(t)
  }
}

/** Arrival executor `i`'s process. */
export const arrivalProcess = (draws: Draws, scenario: Scenario, i: number, rateScale = 1): PoissonProcess =>
  new PoissonProcess(
    new Sequence(draws, STREAMS.arrivals, i),
    scenario.arrivals[i]!.stages,
    scenario.horizonMs,
    rateScale
  )

/** Proactive campaign `i`'s invitations. */
export const invitationProcess = (draws: Draws, scenario: Scenario, i: number, rateScale = 1): PoissonProcess =>
  new PoissonProcess(
    new Sequence(draws, STREAMS.invitations, SUBKEYS.campaign + i),
    scenario.proactive[i]!.stages,
    scenario.horizonMs,
    rateScale
  )

/** Whether the visitor of campaign `campaign`'s n-th invitation accepts it (and starts a chat). */
export const invitationAccepted = (draws: Draws, campaign: number, n: number, acceptProbability: number): boolean =>
  draws.at(STREAMS.invitations, campaign, n).next() < acceptProbability

/** Chat `index`'s patience (ms), or undefined when customers never abandon. */
export const patienceMs = (draws: Draws, customers: CustomerBehaviour, index: number): number | undefined =>
  customers.patience === undefined ? undefined : sampleMs(customers.patience, draws.at(STREAMS.patience, index))
