/**
 * One swarm seed end to end: draw the center, run the safety phase (chaos on) and the drain
 * (chaos off) on one harness, audited throughout, with the coverage counters watching. The result
 * carries what a failure report and the shrinker need: the center, the failure and the safety
 * phase's external inputs.
 * Invariant kept: the same seed, options and engine give the same result (and counters).
 */

import type { EngineLayer } from "../../core/engine.ts"
import type { Center, CenterOptions } from "./center.ts"
import { drawCenter } from "./center.ts"
import { Chaos } from "./chaos.ts"
import type { Coverage } from "./coverage.ts"
import type { DrainOptions } from "./drain.ts"
import { DRAIN, drain } from "./drain.ts"
import type { ExternalInput, Failure } from "./harness.ts"
import { Harness } from "./harness.ts"
import type { Case } from "./rerun.ts"

export interface SeedOptions {
  readonly engineFor?: EngineLayer
  readonly center?: CenterOptions
  readonly drain?: DrainOptions
}

/** Safety phases of 10-30 minutes of virtual time. */
export const DEFAULT_CENTER: CenterOptions = { safetyMinMs: 10 * 60_000, safetyMaxMs: 30 * 60_000 }

export interface SeedResult {
  readonly seed: number
  readonly center: Center
  readonly failure: Failure | undefined
  /** The safety phase's external inputs (what the shrinker removes from). */
  readonly inputs: ReadonlyArray<ExternalInput>
  readonly case: Case
  /** Every input applied (timers and drain included). */
  readonly inputCount: number
  readonly endMs: number
}

export const runSeed = (seed: number, coverage: Coverage | undefined, options: SeedOptions = {}): SeedResult => {
  const center = drawCenter(seed, options.center ?? DEFAULT_CENTER)
  const h = new Harness(center.config, options.engineFor)
  if (coverage !== undefined) {
    coverage.newRun()
    h.observe(coverage)
  }
  new Chaos(h, center).run()
  const inputs = h.external.slice()
  const drained = drain(h, center.safetyMs, options.drain ?? DRAIN)
  coverage?.add("drain-barred-customer-left", drained.barredLeaves)
  return {
    seed,
    center,
    failure: drained.failure,
    inputs,
    case: { config: center.config, safetyMs: center.safetyMs },
    inputCount: h.inputs,
    endMs: drained.endMs
  }
}
