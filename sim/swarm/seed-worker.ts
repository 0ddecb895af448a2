/**
 * Worker-thread entry for a swarm: runs a block of consecutive seeds with its own counters and
 * stops at the block's first failing seed, as a serial swarm would. Answers with plain data: the
 * counters (sums, so blocks add up to the serial totals), the inputs and virtual time, and the
 * failing seed if any (the main thread re-runs that one seed to shrink it and write its trace).
 */
import { parentPort } from "node:worker_threads"
import type { CounterId } from "./coverage.ts"
import { Coverage } from "./coverage.ts"
import { runSeed } from "./seed-run.ts"

export interface SeedBlock {
  readonly from: number
  readonly count: number
}

export interface BlockResult {
  readonly seedsRun: number
  readonly inputs: number
  readonly virtualMs: number
  readonly counts: ReadonlyArray<readonly [CounterId, number]>
  readonly failedSeed: number | undefined
}

export const runBlock = (block: SeedBlock): BlockResult => {
  const coverage = new Coverage()
  let inputs = 0
  let virtualMs = 0
  for (let i = 0; i < block.count; i++) {
    const result = runSeed(block.from + i, coverage)
    inputs += result.inputCount
    virtualMs += result.endMs
    if (result.failure !== undefined) {
      return { seedsRun: i + 1, inputs, virtualMs, counts: [...coverage.counts], failedSeed: block.from + i }
    }
  }
  return { seedsRun: block.count, inputs, virtualMs, counts: [...coverage.counts], failedSeed: undefined }
}

parentPort?.on("message", (block: SeedBlock) => parentPort!.postMessage(runBlock(block)))
