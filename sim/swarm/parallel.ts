/**
 * A swarm across worker threads: the seeds are cut into blocks that threads take in turn; the
 * blocks are merged in seed order up to the first failing seed, so the report (counters, counts,
 * the failing seed) is the serial run's. The failing seed is then re-run here to shrink it and
 * write its trace. A custom engine (tests) or one worker runs serially in this thread.
 */
import { mapOnThreads } from "../parallel/threads.ts"
import { Coverage } from "./coverage.ts"
import type { BlockResult, SeedBlock } from "./seed-worker.ts"
import type { SwarmOptions, SwarmReport } from "./swarm.ts"
import { runSwarm } from "./swarm.ts"

const workerUrl = new URL("./seed-worker.ts", import.meta.url)

/** Blocks of about a quarter of a thread's share, so threads finish close together. */
const blocksOf = (from: number, seeds: number, workers: number): Array<SeedBlock> => {
  const size = Math.max(1, Math.ceil(seeds / (workers * 4)))
  const blocks: Array<SeedBlock> = []
  for (let start = 0; start < seeds; start += size)
    blocks.push({ from: from + start, count: Math.min(size, seeds - start) })
  return blocks
}

export const runSwarmParallel = async (options: SwarmOptions & { readonly workers: number }): Promise<SwarmReport> => {
  if (
    options.workers <= 1 ||
    options.engineFor !== undefined ||
    options.center !== undefined ||
    options.drain !== undefined
  ) {
    return runSwarm(options)
  }
  const blocks = blocksOf(options.from, options.seeds, options.workers)
  const results = await mapOnThreads<SeedBlock, BlockResult>(workerUrl, blocks, options.workers, {
    ...(options.onSeed === undefined
      ? {}
      : {
          onResult: (done: number) =>
            options.onSeed?.(Math.min(options.seeds, Math.round((options.seeds * done) / blocks.length)), options.seeds)
        })
  })
  const coverage = new Coverage()
  let seedsRun = 0
  let inputs = 0
  let virtualMs = 0
  for (const r of results) {
    for (const [id, n] of r.counts) coverage.add(id, n)
    seedsRun += r.seedsRun
    inputs += r.inputs
    virtualMs += r.virtualMs
    if (r.failedSeed !== undefined) {
      const { failure } = runSwarm({ ...options, from: r.failedSeed, seeds: 1 })
      return { seedsRun, inputs, virtualMs, coverage, failure }
    }
  }
  return { seedsRun, inputs, virtualMs, coverage, failure: undefined }
}
