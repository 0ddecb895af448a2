/**
 * Sharded swarms: shard K of N runs a contiguous block of the seed range (so each shard's failing
 * seed and its reproduce command read as plainly as a single run's), and writes its counts, its
 * coverage counters and, if a seed failed, that seed and the report lines it printed (the shrunk
 * trace is on the machine that ran it). `merge` checks that the blocks tile the range and adds
 * them up in seed order to the first failing seed, as one swarm over the whole range would.
 */

import type { CounterId } from "../swarm/coverage.ts"
import { Coverage } from "../swarm/coverage.ts"
import type { SwarmReport } from "../swarm/swarm.ts"
import type { LoadedPart } from "./part.ts"
import { bodiesOf } from "./part.ts"
import type { Shard } from "./shard.ts"

export interface SeedBlock {
  readonly from: number
  readonly count: number
}

/** Shard K's block of `seeds` seeds from `from`: [from + ⌊K·S/N⌋, from + ⌊(K+1)·S/N⌋). */
export const seedBlock = (from: number, seeds: number, shard: Shard): SeedBlock => {
  const start = Math.floor((shard.index * seeds) / shard.count)
  const end = Math.floor(((shard.index + 1) * seeds) / shard.count)
  return { from: from + start, count: end - start }
}

export interface SwarmPartBody {
  readonly from: number
  readonly seeds: number
  readonly block: SeedBlock
  readonly seedsRun: number
  readonly inputs: number
  readonly virtualMs: number
  readonly counts: ReadonlyArray<readonly [string, number]>
  /** The failing seed and what the shard printed about it after its first line. */
  readonly failure?: { readonly seed: number; readonly lines: ReadonlyArray<string> }
}

export const swarmPartBody = (
  from: number,
  seeds: number,
  block: SeedBlock,
  report: SwarmReport,
  failureLines: ReadonlyArray<string>
): SwarmPartBody => ({
  from,
  seeds,
  block,
  seedsRun: report.seedsRun,
  inputs: report.inputs,
  virtualMs: report.virtualMs,
  counts: [...report.coverage.counts],
  ...(report.failure === undefined ? {} : { failure: { seed: report.failure.seed.seed, lines: failureLines } })
})

export interface MergedSwarm {
  readonly from: number
  readonly seeds: number
  readonly report: Omit<SwarmReport, "failure">
  readonly failure?: SwarmPartBody["failure"]
}

const isBody = (u: unknown): u is SwarmPartBody =>
  typeof u === "object" &&
  u !== null &&
  Array.isArray((u as SwarmPartBody).counts) &&
  typeof (u as SwarmPartBody).block === "object"

export const mergeSwarmParts = (
  parts: ReadonlyArray<LoadedPart>
): MergedSwarm | { readonly problems: Array<string> } => {
  const unsorted = bodiesOf(parts, isBody, "not a swarm part (no counters)")
  if ("problems" in unsorted) return unsorted
  const bodies = unsorted.sort((a, b) => a.shard.index - b.shard.index)
  const first = bodies[0]!.body
  const problems: Array<string> = []
  if (new Set(bodies.map((b) => `${b.body.from}/${b.body.seeds}`)).size > 1) {
    problems.push(
      `parts are of different seed ranges: ${bodies.map((b) => `${b.path} (--from ${b.body.from} --seeds ${b.body.seeds})`).join(", ")}`
    )
  }
  for (const b of bodies) {
    const expected = seedBlock(first.from, first.seeds, b.shard)
    if (expected.from !== b.body.block.from || expected.count !== b.body.block.count) {
      problems.push(
        `${b.path}: holds seeds ${b.body.block.from}.., but shard ${b.shard.index}/${b.shard.count} is ${expected.count} seeds from ${expected.from}`
      )
    }
  }
  if (problems.length > 0) return { problems }
  const coverage = new Coverage()
  let seedsRun = 0
  let inputs = 0
  let virtualMs = 0
  for (const { body } of bodies) {
    for (const [id, n] of body.counts) coverage.add(id as CounterId, n)
    seedsRun += body.seedsRun
    inputs += body.inputs
    virtualMs += body.virtualMs
    if (body.failure !== undefined)
      return {
        from: first.from,
        seeds: first.seeds,
        report: { seedsRun, inputs, virtualMs, coverage },
        failure: body.failure
      }
  }
  return { from: first.from, seeds: first.seeds, report: { seedsRun, inputs, virtualMs, coverage } }
}
