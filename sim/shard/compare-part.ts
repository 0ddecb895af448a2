/**
 * Sharded comparisons: a shard runs its replications (r mod N = K) of the baseline and of every
 * variant on the same seeds and writes each run's per-replication metric values (the paired
 * samples); `merge` checks that the parts hold the same comparison and every replication exactly
 * once, puts the samples back in replication order, and compares them with the same code an
 * unsharded `compare` uses, so the comparison is the one it would have written.
 */

import type { Variant } from "../compare/run.ts"
import type { Sample, Values } from "../compare/samples.ts"
import type { Scenario } from "../scenario/model.ts"
import { scenarioHash, scenarioJson } from "../trace/format.ts"
import type { LoadedPart } from "./part.ts"
import { bodiesOf, differentIdentity, scenarioFromJson } from "./part.ts"
import { shardIndices } from "./shard.ts"

/** A sample as JSON: an undefined metric (NaN) as null. */
type EncodedValues = Readonly<Record<string, number | null>>
interface EncodedSample {
  readonly overall: EncodedValues
  readonly queues: Readonly<Record<string, EncodedValues>>
}

export interface ComparePartBody {
  readonly replications: number
  readonly audit: boolean
  readonly sets: ReadonlyArray<string>
  readonly conditions: ReadonlyArray<string>
  readonly variants: ReadonlyArray<{
    readonly name: string
    readonly overrides: ReadonlyArray<string>
    readonly scenarioHash: string
    readonly scenario: unknown
  }>
  readonly indices: ReadonlyArray<number>
  /** Per run (baseline first), per replication of `indices`. */
  readonly samples: ReadonlyArray<ReadonlyArray<EncodedSample>>
}

const encodeValues = (v: Values): EncodedValues =>
  Object.fromEntries(Object.entries(v).map(([k, x]) => [k, Number.isFinite(x) ? x : null]))
const decodeValues = (v: EncodedValues): Values =>
  Object.fromEntries(Object.entries(v).map(([k, x]) => [k, x ?? Number.NaN]))
const encodeSample = (s: Sample): EncodedSample => ({
  overall: encodeValues(s.overall),
  queues: Object.fromEntries(Object.entries(s.queues).map(([q, v]) => [q, encodeValues(v)]))
})
const decodeSample = (s: EncodedSample): Sample => ({
  overall: decodeValues(s.overall),
  queues: Object.fromEntries(Object.entries(s.queues).map(([q, v]) => [q, decodeValues(v)]))
})

export const comparePartBody = (
  baseline: Scenario,
  variants: ReadonlyArray<Variant>,
  sets: ReadonlyArray<string>,
  conditions: ReadonlyArray<string>,
  audit: boolean,
  indices: ReadonlyArray<number>,
  samples: ReadonlyArray<ReadonlyArray<Sample>>
): ComparePartBody => ({
  replications: baseline.replications,
  audit,
  sets,
  conditions,
  indices,
  variants: variants.map((v) => ({
    name: v.name,
    overrides: v.overrides,
    scenarioHash: scenarioHash(v.scenario),
    scenario: JSON.parse(scenarioJson(v.scenario)) as unknown
  })),
  samples: samples.map((run) => run.map(encodeSample))
})

const isBody = (u: unknown): u is ComparePartBody =>
  typeof u === "object" &&
  u !== null &&
  Array.isArray((u as ComparePartBody).samples) &&
  Array.isArray((u as ComparePartBody).variants) &&
  Array.isArray((u as ComparePartBody).indices)

export interface MergedComparison {
  readonly variants: ReadonlyArray<Variant>
  readonly sets: ReadonlyArray<string>
  readonly conditions: ReadonlyArray<string>
  readonly audit: boolean
  /** Per run (baseline first), per replication in index order. */
  readonly samples: Array<Array<Sample>>
}

/** The samples of every part in replication order, or every problem naming the files. */
export const mergeCompareParts = (
  parts: ReadonlyArray<LoadedPart>
): MergedComparison | { readonly problems: Array<string> } => {
  const bodies = bodiesOf(parts, isBody, "not a compare part (no samples)")
  if ("problems" in bodies) return bodies
  const identity = (b: ComparePartBody) =>
    JSON.stringify([
      b.replications,
      b.audit,
      b.sets,
      b.conditions,
      b.variants.map((v) => [v.name, v.overrides, v.scenarioHash])
    ])
  const problems = differentIdentity(
    bodies,
    identity,
    "comparison (variants, overrides, --fail-if, replications or audit differ)"
  )
  for (const b of bodies) {
    const expected = shardIndices(b.body.replications, b.shard)
    if (
      JSON.stringify(expected) !== JSON.stringify(b.body.indices) ||
      b.body.samples.some((run) => run.length !== expected.length)
    ) {
      problems.push(`${b.path}: does not hold exactly the replications of shard ${b.shard.index}/${b.shard.count}`)
    }
  }
  if (problems.length > 0) return { problems }
  const first = bodies[0]!.body
  const runs = first.variants.length + 1
  const byIndex = new Map<number, Array<Sample>>()
  for (const { body } of bodies)
    body.indices.forEach((r, k) => {
      byIndex.set(
        r,
        Array.from({ length: runs }, (_, i) => decodeSample(body.samples[i]![k]!))
      )
    })
  const ordered = [...byIndex.keys()].sort((a, b) => a - b).map((r) => byIndex.get(r)!)
  const variants = first.variants.map(
    (v): Variant => ({
      name: v.name,
      overrides: v.overrides,
      scenario: scenarioFromJson(v.scenario)
    })
  )
  return {
    variants,
    sets: first.sets,
    conditions: first.conditions,
    audit: first.audit,
    samples: Array.from({ length: runs }, (_, i) => ordered.map((perRun) => perRun[i]!))
  }
}
