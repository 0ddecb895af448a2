/**
 * One replication as plain numbers: runs replication `r` of a scenario (seed from the scenario
 * seed and r, as `run` does, so the baseline and every variant or staffing candidate see the same
 * random numbers) and reads each compared metric for the whole center and per queue, with the
 * summary's own definitions (`summarizeQueues` over this one replication). A metric a replication
 * cannot define (no answered chats for ASA, no offers for RONA) is NaN. Owns nothing else.
 */
import type { Violation } from "../../core/audit/auditor.ts"
import { runReplication } from "../run/replication.ts"
import { replicationSeed } from "../run/replications.ts"
import type { Scenario } from "../scenario/model.ts"
import type { GroupMetrics } from "../summary/model.ts"
import { labelsFor, summarizeQueues } from "../summary/summarize.ts"
import type { MetricKey } from "./metrics.ts"
import { PLAIN_METRICS } from "./metrics.ts"

/** Metric key -> this replication's value. */
export type Values = Readonly<Record<MetricKey, number>>

export interface Sample {
  readonly overall: Values
  readonly queues: Readonly<Record<string, Values>>
}

export type SampleResult =
  | { readonly _tag: "Sample"; readonly sample: Sample }
  | { readonly _tag: "Violation"; readonly violation: Violation; readonly replicationSeed: number }

const valuesOf = (metrics: GroupMetrics): Values => {
  const out: Record<string, number> = {}
  const read = (m: { readonly mean: number | null }) => m.mean ?? Number.NaN
  for (const name of PLAIN_METRICS) out[name] = read(metrics[name])
  for (const [label, m] of Object.entries(metrics.serviceLevel)) out[`serviceLevel.${label}`] = read(m)
  return out
}

/**
 * The service-level metric keys of a scenario in the order given, and for a queue its own
 * threshold after them when it is not among them.
 */
export const serviceLevelKeys = (scenario: Scenario, queueId?: string): Array<MetricKey> => {
  const own = scenario.queues.find((q) => q.id === queueId)?.serviceLevelThresholdMs
  return labelsFor(scenario, own).map(([label]) => `serviceLevel.${label}`)
}

/** Replication `r` of `scenario`, as numbers per group and metric. */
export const sampleReplication = (scenario: Scenario, r: number, audit: boolean): SampleResult => {
  const seed = replicationSeed(scenario.seed, r)
  const result = runReplication(scenario, { seed, audit })
  if (result.violation !== undefined) return { _tag: "Violation", violation: result.violation, replicationSeed: seed }
  const { overall, queues } = summarizeQueues(scenario, [result.metrics])
  const byQueue: Record<string, Values> = {}
  for (const [id, g] of Object.entries(queues)) byQueue[id] = valuesOf(g.metrics)
  return { _tag: "Sample", sample: { overall: valuesOf(overall.metrics), queues: byQueue } }
}

/** The value of `key` in `group` (undefined: overall) of a sample; NaN when absent. */
export const valueIn = (sample: Sample, key: MetricKey, queue: string | undefined): number => {
  const values = queue === undefined ? sample.overall : sample.queues[queue]
  return values?.[key] ?? Number.NaN
}
