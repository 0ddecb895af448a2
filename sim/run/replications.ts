/**
 * sim/run/: running a scenario. The discrete-event kernel and its timers, the world of one
 * replication, the kernel adapters that carry the simulated parties' intents out, the engine
 * configuration a scenario gives, the run digest, one replication and the replications of a run.
 *
 * The replications of a scenario, run in this thread: replication r runs with a seed derived from
 * the scenario seed and r, so any replication can be rerun alone. What a worker thread loads to run
 * its share (the summary of them all is assemble.ts's, kept apart so that a worker does not load
 * the statistics and the theory).
 */
import type { Violation } from "../../core/audit/auditor.ts"
import type { Command } from "../../core/commands.ts"
import type { Event } from "../../core/events.ts"
import type { Scenario } from "../scenario/model.ts"
import type { Measurements } from "../stats/measurements.ts"
import type { Summary, ThresholdResult } from "../summary/model.ts"
import { hashString } from "../workload/draws.ts"
import type { Digest } from "./digest.ts"
import { runReplication } from "./replication.ts"

/** The seed of replication `r` (0-based) of a run seeded `seed`. */
export const replicationSeed = (seed: number, r: number): number => hashString(`${seed}/${r}`)

export interface RunOptions {
  readonly audit: boolean
  /** Run only this replication (0-based): what a failed run prints to reproduce itself. */
  readonly only?: number
  /** Run only these replications (a shard of the run). */
  readonly indices?: ReadonlyArray<number>
  readonly onReplication?: (done: number, total: number) => void
  /** Within a replication run in this thread: how far it is, 0 to 1. */
  readonly onProgress?: (fraction: number) => void
  /** Sees each replication begin, then its every engine input and the events it produced (the trace writer). */
  readonly trace?: {
    readonly replication: (index: number, seed: number) => void
    readonly record: (command: Command, atMs: number, events: ReadonlyArray<Event>) => void
  }
  readonly thresholds?: (summary: Omit<Summary, "thresholds">) => ReadonlyArray<ThresholdResult>
}

/** What one replication leaves for the summary; the same whether it ran here or in a worker thread. */
export interface ReplicationOutcome {
  readonly index: number
  readonly seed: number
  readonly measurements: Measurements
  readonly digest: Digest
  readonly stuckChats: number
  readonly violation: Violation | undefined
}

/** Run replication `index` of `scenario` in this thread. */
export const runOne = (
  scenario: Scenario,
  index: number,
  options: Pick<RunOptions, "audit" | "trace" | "onProgress">
): ReplicationOutcome => {
  const seed = replicationSeed(scenario.seed, index)
  options.trace?.replication(index, seed)
  const result = runReplication(scenario, {
    seed,
    audit: options.audit,
    ...(options.trace ? { observe: options.trace.record } : {}),
    ...(options.onProgress ? { onProgress: options.onProgress } : {})
  })
  return {
    index,
    seed,
    measurements: result.metrics,
    digest: result.digest,
    stuckChats: result.stuckChats,
    violation: result.violation
  }
}

/** The replication indices a run covers. */
export const replicationIndices = (scenario: Scenario, options: Pick<RunOptions, "only" | "indices">): Array<number> =>
  options.only !== undefined
    ? [options.only]
    : options.indices !== undefined
      ? [...options.indices]
      : Array.from({ length: scenario.replications }, (_, r) => r)

/** The replications' outcomes in index order, in this thread; stops at the first violation. */
export const runOutcomes = (scenario: Scenario, options: RunOptions): Array<ReplicationOutcome> => {
  const indices = replicationIndices(scenario, options)
  const outcomes: Array<ReplicationOutcome> = []
  for (const r of indices) {
    const outcome = runOne(scenario, r, options)
    outcomes.push(outcome)
    if (outcome.violation !== undefined) break
    options.onReplication?.(outcomes.length, indices.length)
  }
  return outcomes
}
