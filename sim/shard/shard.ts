/**
 * sim/shard/: splitting runs, comparisons, swarms and staffing tables across machines, and merging
 * the parts exactly.
 *
 * Shards: `--shard K/N` splits independent work into N parts that separate machines or processes
 * run, to be merged exactly. K counts from 0 (as Kubernetes' JOB_COMPLETION_INDEX and most job
 * arrays do): shard K of a run takes the replications r with r mod N = K, so every shard gets a
 * share of the early and late replications and the parts are disjoint and cover the run. Pure.
 */

export interface Shard {
  readonly index: number
  readonly count: number
}

/** "2/4" -> shard 2 of 4; or a message saying what is wrong. */
export const parseShard = (text: string): Shard | string => {
  const m = /^\s*(\d+)\s*\/\s*(\d+)\s*$/.exec(text)
  const problem = `--shard ${JSON.stringify(text)}: expected K/N with 0 <= K < N, e.g. 0/4 for the first of four shards`
  if (m === null) return problem
  const [index, count] = [Number(m[1]), Number(m[2])]
  if (!(count >= 1 && index < count && count <= 10_000)) return problem
  return { index, count }
}

/** The items of 0 .. total-1 that shard takes: r mod count = index. */
export const shardIndices = (total: number, shard: Shard): Array<number> =>
  Array.from({ length: total }, (_, r) => r).filter((r) => r % shard.count === shard.index)

export const shardLabel = (s: Shard): string => `${s.index}/${s.count}`
