/**
 * sim/compare/: `compare`, a baseline against variants on common random numbers, with paired
 * differences and verdicts.
 *
 * Runs a comparison on common random numbers: replication r of the baseline and of every variant
 * uses the same seed (the simulator keys each chat's and agent's draws, so a policy or staffing
 * change does not shift them), one run per replication per scenario, keeping only each run's
 * metric values. Then pairs them per replication into differences with CIs and verdicts, and
 * evaluates the `--fail-if` conditions. The first invariant violation stops it, naming the run.
 */
import type { Violation } from "../../core/audit/auditor.ts"
import { ENGINE_VERSION } from "../../core/version.ts"
import type { Scenario } from "../scenario/model.ts"
import type { Condition } from "./conditions.ts"
import { holds } from "./conditions.ts"
import { pairedDifference, verdictOf, welchDifference } from "./difference.ts"
import type { MetricKey } from "./metrics.ts"
import { directionOf, metricKeys } from "./metrics.ts"
import type { Comparison, GroupComparison, MetricComparison } from "./model.ts"
import type { Sampler } from "./sampler.ts"
import { localSampler } from "./sampler.ts"
import type { Sample } from "./samples.ts"
import { serviceLevelKeys, valueIn } from "./samples.ts"

export interface Variant {
  readonly name: string
  readonly overrides: ReadonlyArray<string>
  readonly scenario: Scenario
}

export interface CompareOptions {
  readonly audit: boolean
  /** Where replications run (default: this thread). */
  readonly sampler?: Sampler
  readonly conditions: ReadonlyArray<Condition>
  readonly onReplication?: (done: number, total: number) => void
}

export type CompareResult =
  | { readonly _tag: "Done"; readonly comparison: Comparison }
  | {
      readonly _tag: "Violation"
      /** "baseline" or the variant's name. */
      readonly run: string
      readonly scenario: Scenario
      readonly violation: Violation
      readonly replication: number
      readonly replicationSeed: number
    }

const finiteMean = (xs: ReadonlyArray<number>): number => {
  const ok = xs.filter((x) => Number.isFinite(x))
  return ok.length === 0 ? Number.NaN : ok.reduce((s, x) => s + x, 0) / ok.length
}

/** One metric of one group: baseline and variant values per replication, compared. */
export const compareMetric = (
  metric: MetricKey,
  baseline: ReadonlyArray<number>,
  variant: ReadonlyArray<number>
): MetricComparison => {
  const paired = pairedDifference(baseline, variant)
  const direction = directionOf(metric)
  return {
    metric,
    direction,
    baselineMean: finiteMean(baseline),
    variantMean: finiteMean(variant),
    paired,
    unpaired: welchDifference(baseline, variant),
    verdict: verdictOf(paired, direction)
  }
}

const compareGroup = (
  keys: ReadonlyArray<MetricKey>,
  base: ReadonlyArray<Sample>,
  other: ReadonlyArray<Sample>,
  queue: string | undefined
): GroupComparison => {
  const out: Record<MetricKey, MetricComparison> = {}
  for (const k of keys)
    out[k] = compareMetric(
      k,
      base.map((s) => valueIn(s, k, queue)),
      other.map((s) => valueIn(s, k, queue))
    )
  return out
}

/** Replications `indices` of the baseline and every variant, as samples per run (baseline first). */
export const sampleRuns = async (
  baseline: Scenario,
  variants: ReadonlyArray<Variant>,
  options: CompareOptions,
  indices: ReadonlyArray<number> = Array.from({ length: baseline.replications }, (_, r) => r)
): Promise<
  { readonly _tag: "Samples"; readonly samples: Array<Array<Sample>> } | Extract<CompareResult, { _tag: "Violation" }>
> => {
  const runs = [{ name: "baseline", scenario: baseline }, ...variants]
  const samples: Array<Array<Sample>> = runs.map(() => [])
  const total = indices.length
  // replication-major, as a serial run would go: the first violation reported is the same
  const jobs = indices.flatMap((r) =>
    runs.map((run) => ({ scenario: run.scenario, replication: r, audit: options.audit }))
  )
  const results = await (options.sampler ?? localSampler).sample(jobs, (done) => {
    if (done % runs.length === 0) options.onReplication?.(done / runs.length, total)
  })
  for (const [k, result] of results.entries()) {
    const r = indices[Math.floor(k / runs.length)]!
    const run = runs[k % runs.length]!
    if (result._tag === "Violation") {
      const { violation, replicationSeed } = result
      return { _tag: "Violation", run: run.name, scenario: run.scenario, violation, replication: r, replicationSeed }
    }
    samples[k % runs.length]!.push(result.sample)
  }
  return { _tag: "Samples", samples }
}

/** The comparison of samples (per run, baseline first; per replication in index order). */
export const compareSamples = (
  baseline: Scenario,
  variants: ReadonlyArray<Variant>,
  samples: ReadonlyArray<ReadonlyArray<Sample>>,
  conditions: ReadonlyArray<Condition>,
  audit: boolean
): Comparison => {
  const keys = metricKeys(serviceLevelKeys(baseline))
  const queueIds = baseline.queues.map((q) => q.id)
  const base = samples[0]!
  const compared = variants.map((v, i) => {
    const other = samples[i + 1]!
    const queues: Record<string, GroupComparison> = {}
    for (const id of queueIds) queues[id] = compareGroup(metricKeys(serviceLevelKeys(baseline, id)), base, other, id)
    return { name: v.name, overrides: v.overrides, overall: compareGroup(keys, base, other, undefined), queues }
  })
  const failIf = conditions.flatMap((c) =>
    compared.map((v) => {
      const group = c.selector.queue === undefined ? v.overall : v.queues[c.selector.queue]
      const paired = group?.[c.selector.key]?.paired ?? {
        mean: Number.NaN,
        ci95: [Number.NaN, Number.NaN] as const,
        n: 0
      }
      return { condition: c.text, variant: v.name, holds: holds(c, paired), paired }
    })
  )
  return {
    scenario: baseline.name,
    baseline: "baseline",
    seed: baseline.seed,
    replications: samples[0]!.length,
    engineVersion: ENGINE_VERSION,
    audit,
    metrics: keys,
    queueIds,
    variants: compared,
    failIf
  }
}

export const runComparison = async (
  baseline: Scenario,
  variants: ReadonlyArray<Variant>,
  options: CompareOptions
): Promise<CompareResult> => {
  const sampled = await sampleRuns(baseline, variants, options)
  if (sampled._tag === "Violation") return sampled
  return {
    _tag: "Done",
    comparison: compareSamples(baseline, variants, sampled.samples, options.conditions, options.audit)
  }
}
