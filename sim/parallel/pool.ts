/**
 * sim/parallel/: worker threads for replications, with what crosses the thread boundary as plain
 * data.
 *
 * Replications across worker threads: up to `workers` threads each take the next replication index
 * as they finish, and the outcomes are assembled in index order by the runner, so results and
 * digests are identical to a serial run. One worker (or one replication) runs in this thread.
 */
import { availableParallelism } from "node:os"
import type { RunResult } from "../run/assemble.ts"
import { assemble } from "../run/assemble.ts"
import type { ReplicationOutcome, RunOptions } from "../run/replications.ts"
import { replicationIndices, runOutcomes } from "../run/replications.ts"
import type { Scenario } from "../scenario/model.ts"
import { mapOnThreads } from "./threads.ts"
import type { EncodedOutcome } from "./transfer.ts"
import { decodeOutcome } from "./transfer.ts"
import type { WorkerJob } from "./worker.ts"

/** The default worker count: the cores this process may use. */
export const defaultWorkers = (): number => availableParallelism()

const workerUrl = new URL("./worker.ts", import.meta.url)

/** Run `indices` on `count` threads; the scenario goes once to each thread, with its first job. */
const runOnWorkers = async (
  scenario: Scenario,
  indices: ReadonlyArray<number>,
  count: number,
  options: RunOptions
): Promise<Array<ReplicationOutcome>> => {
  const jobs: Array<WorkerJob> = indices.map((index) => ({ index, audit: options.audit }))
  const encoded = await mapOnThreads<WorkerJob, EncodedOutcome>(workerUrl, jobs, count, {
    first: (job) => ({ ...job, scenario }),
    ...(options.onReplication === undefined ? {} : { onResult: options.onReplication })
  })
  return encoded.map(decodeOutcome)
}

/**
 * The outcomes of `runOutcomes` across `workers` threads (a trace is written in order, so a traced
 * run stays in this thread, as does a run of one replication or one worker).
 */
export const runOutcomesParallel = async (
  scenario: Scenario,
  options: RunOptions & { readonly workers: number }
): Promise<Array<ReplicationOutcome>> => {
  const indices = replicationIndices(scenario, options)
  const count = Math.min(options.workers, indices.length)
  if (count <= 1 || options.trace !== undefined) return runOutcomes(scenario, options)
  return runOnWorkers(scenario, indices, count, options)
}

/** `runScenario` across `workers` threads. */
export const runScenarioParallel = async (
  scenario: Scenario,
  options: RunOptions & { readonly workers: number }
): Promise<RunResult> => assemble(scenario, await runOutcomesParallel(scenario, options), options)
