/**
 * Replications of a scenario and their summary. Replication r runs with a seed derived from the
 * scenario seed and r, so any replication can be rerun alone; the run digest folds the
 * replications' digests in order. When the scenario is Erlang-compatible the summary carries the
 * Erlang C or A prediction beside the simulated values (theory/). The first invariant violation stops the run and is returned
 * with the replication and seed that reproduce it.
 */
import type { Violation } from "../core/audit/auditor.ts"
import type { Command } from "../core/commands.ts"
import type { Event } from "../core/events.ts"
import { ENGINE_VERSION } from "../core/version.ts"
import { Digest } from "./digest.ts"
import { hashString } from "./random.ts"
import { runReplication } from "./replication.ts"
import type { Metrics } from "./metrics.ts"
import type { Scenario } from "./scenario/model.ts"
import { summarizeGroups, summarizeIntervals, summarizeQueues } from "./summarize.ts"
import type { Summary, ThresholdResult } from "./summary.ts"
import { compareWithTheory, theoryFor } from "./theory/applicability.ts"

/** The seed of replication `r` (0-based) of a run seeded `seed`. */
export const replicationSeed = (seed: number, r: number): number => hashString(`${seed}/${r}`)

export interface RunOptions {
  readonly audit: boolean
  /** Run only this replication (0-based): what a failed run prints to reproduce itself. */
  readonly only?: number
  readonly onReplication?: (done: number, total: number) => void
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

export const runScenario = (scenario: Scenario, options: RunOptions): RunResult => {
  const runs: Array<Metrics> = []
  const digest = new Digest()
  let events = 0
  let stuckChats = 0
  const first = options.only ?? 0
  const last = options.only ?? scenario.replications - 1
  for (let r = first; r <= last; r++) {
    const seed = replicationSeed(scenario.seed, r)
    options.trace?.replication(r, seed)
    const result = runReplication(scenario, { seed, audit: options.audit, ...(options.trace ? { observe: options.trace.record } : {}) })
    if (result.violation !== undefined) {
      return { _tag: "Violation", violation: result.violation, replication: r, replicationSeed: seed }
    }
    runs.push(result.metrics)
    digest.combine(result.digest)
    events += result.digest.events
    stuckChats += result.stuckChats
    options.onReplication?.(r - first + 1, last - first + 1)
  }
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
    overall,
    queues,
    intervals: summarizeIntervals(scenario, runs),
    agentGroups: summarizeGroups(scenario, runs),
    funnel: sumBy(runs, (m) => m.funnel, ["offered", "accepted", "rona", "declined", "cancelled"]),
    proactive: sumBy(runs, (m) => m.proactive, ["invited", "arrived", "answered"]),
    droppedOnTransfer: runs.reduce((s, m) => s + m.droppedOnTransfer, 0),
    audit: { enabled: options.audit, events }
  }
  const theory = compareWithTheory(theoryFor(scenario), overall.metrics, scenario.serviceLevelThresholdsMs)
  const withTheory = { ...base, theory }
  const thresholds = options.thresholds?.(withTheory) ?? []
  return { _tag: "Done", summary: { ...withTheory, thresholds: [...thresholds] }, stuckChats }
}

const sumBy = <K extends string>(
  runs: ReadonlyArray<Metrics>,
  pick: (m: Metrics) => Record<K, number>,
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
