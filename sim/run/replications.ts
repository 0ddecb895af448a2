/**
 * sim/run/: running a scenario. The discrete-event kernel and its timers, the world of one
 * replication, the kernel adapters that carry the simulated parties' intents out, the engine
 * configuration a scenario gives, the run digest, one replication and the replications of a run.
 *
 * Replications of a scenario and their summary. Replication r runs with a seed derived from the
 * scenario seed and r, so any replication can be rerun alone; the run digest folds the
 * replications' digests in order. When the scenario is Erlang-compatible the summary carries the
 * Erlang C or A prediction beside the simulated values (theory/). The first invariant violation stops the run and is returned
 * with the replication and seed that reproduce it.
 */
import type { Violation } from "../../core/audit/auditor.ts"
import type { Command } from "../../core/commands.ts"
import type { Event } from "../../core/events.ts"
import { ENGINE_VERSION } from "../../core/version.ts"
import type { Scenario } from "../scenario/model.ts"
import { offeredLoadOf } from "../scenario/offered-load.ts"
import type { Measurements } from "../stats/measurements.ts"
import type { Summary, ThresholdResult } from "../summary/model.ts"
import { summarizeGroups, summarizeIntervals, summarizeQueues } from "../summary/summarize.ts"
import { compareWithTheory, theoryFor } from "../theory/applicability.ts"
import { hashString } from "../workload/draws.ts"
import { Digest } from "./digest.ts"
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

export type RunResult =
  | { readonly _tag: "Done"; readonly summary: Summary; readonly stuckChats: number }
  | {
      readonly _tag: "Violation"
      readonly violation: Violation
      readonly replication: number
      readonly replicationSeed: number
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

/** Every replication in order, in this thread; stops at the first violation. */
export const runScenario = (scenario: Scenario, options: RunOptions): RunResult =>
  assemble(scenario, runOutcomes(scenario, options), options)

/**
 * The result of replications in index order: the first violation if any replication broke an
 * invariant (as a serial run would stop there), else the summary. Digests fold in index order, so
 * the result does not depend on where or in which order the replications ran.
 */
export const assemble = (
  scenario: Scenario,
  unordered: ReadonlyArray<ReplicationOutcome>,
  options: RunOptions
): RunResult => {
  const outcomes = [...unordered].sort((a, b) => a.index - b.index)
  const failed = outcomes.find((o) => o.violation !== undefined)
  if (failed?.violation !== undefined) {
    return { _tag: "Violation", violation: failed.violation, replication: failed.index, replicationSeed: failed.seed }
  }
  const runs = outcomes.map((o) => o.measurements)
  const digest = new Digest()
  for (const o of outcomes) digest.combine(o.digest)
  const events = outcomes.reduce((n, o) => n + o.digest.events, 0)
  const stuckChats = outcomes.reduce((n, o) => n + o.stuckChats, 0)
  const { overall, queues } = summarizeQueues(scenario, runs)
  const base = {
    scenario: scenario.name,
    seed: scenario.seed,
    replications: runs.length,
    engineVersion: ENGINE_VERSION,
    digest: digest.hex(),
    horizonMs: scenario.horizonMs,
    warmupMs: scenario.warmupMs,
    intervalMs: scenario.intervalMs,
    offeredLoad: offeredLoadOf(scenario),
    overall,
    queues,
    intervals: summarizeIntervals(scenario, runs),
    agentGroups: summarizeGroups(scenario, runs),
    funnel: sumBy(runs, (m) => m.funnel, ["offered", "accepted", "rona", "declined", "cancelled"]),
    proactive: {
      campaigns: scenario.proactive.length,
      ...sumBy(runs, (m) => m.proactive, ["invited", "arrived", "answered"])
    },
    droppedOnTransfer: runs.reduce((s, m) => s + m.droppedOnTransfer, 0),
    audit: { enabled: options.audit, events }
  }
  const theory = compareWithTheory(theoryFor(scenario), overall.metrics, scenario.serviceLevelThresholdsMs)
  const withTheory = { ...base, theory }
  const thresholds = options.thresholds?.(withTheory) ?? []
  return { _tag: "Done", summary: { ...withTheory, thresholds: [...thresholds] }, stuckChats }
}

const sumBy = <K extends string>(
  runs: ReadonlyArray<Measurements>,
  pick: (m: Measurements) => Record<K, number>,
  keys: ReadonlyArray<K>
): Record<K, number> => {
  const out = {} as Record<K, number>
  for (const k of keys) {
    let total = 0
    for (const m of runs) total += pick(m)[k]
    out[k] = total
  }
  return out
}
