/**
 * The result of a run's replications: the first invariant violation, with the replication and seed
 * that reproduce it, or the summary. The run digest folds the replications' digests in index order.
 * When the scenario is Erlang-compatible the summary carries the Erlang C or A prediction beside
 * the simulated values (theory/).
 */
import type { Violation } from "../../core/audit/auditor.ts"
import { ENGINE_VERSION } from "../../core/version.ts"
import type { Scenario } from "../scenario/model.ts"
import { offeredLoadOf } from "../scenario/offered-load.ts"
import type { Measurements } from "../stats/measurements.ts"
import type { Summary } from "../summary/model.ts"
import { summarizeGroups, summarizeIntervals, summarizeQueues } from "../summary/summarize.ts"
import { compareWithTheory, theoryFor } from "../theory/applicability.ts"
import { Digest } from "./digest.ts"
import type { ReplicationOutcome, RunOptions } from "./replications.ts"
import { runOutcomes } from "./replications.ts"

export type RunResult =
  | { readonly _tag: "Done"; readonly summary: Summary; readonly stuckChats: number }
  | {
      readonly _tag: "Violation"
      readonly violation: Violation
      readonly replication: number
      readonly replicationSeed: number
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
