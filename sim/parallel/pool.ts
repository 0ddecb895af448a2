/**
 * Replications across worker threads: up to `workers` threads each take the next replication index
 * as they finish, and the outcomes are assembled in index order by the runner, so results and
 * digests are identical to a serial run. One worker (or one replication) runs in this thread.
 */
import { availableParallelism } from "node:os"
import { Worker } from "node:worker_threads"
import type { ReplicationOutcome, RunOptions, RunResult } from "../runner.ts"
import { assemble, replicationIndices, runScenario } from "../runner.ts"
import type { Scenario } from "../scenario/model.ts"
import { decodeOutcome } from "./transfer.ts"
import type { EncodedOutcome } from "./transfer.ts"
import type { WorkerJob } from "./worker.ts"

/** The default worker count: the cores this process may use. */
export const defaultWorkers = (): number => availableParallelism()

const workerUrl = new URL("./worker.ts", import.meta.url)

/** Run `indices` on `count` threads; resolves with every outcome (in completion order). */
const runOnWorkers = (
  scenario: Scenario,
  indices: ReadonlyArray<number>,
  count: number,
  options: RunOptions
): Promise<Array<ReplicationOutcome>> =>
  new Promise((resolve, reject) => {
    const outcomes: Array<ReplicationOutcome> = []
    const queue = [...indices]
    const workers = Array.from({ length: count }, () => new Worker(workerUrl))
    const stop = () => Promise.all(workers.map((w) => w.terminate()))
    const feed = (w: Worker, first: boolean): void => {
      const index = queue.shift()
      if (index === undefined) return
      const job: WorkerJob = first ? { scenario, index, audit: options.audit } : { index, audit: options.audit }
      w.postMessage(job)
    }
    for (const w of workers) {
      w.on("message", (e: EncodedOutcome) => {
        outcomes.push(decodeOutcome(e))
        options.onReplication?.(outcomes.length, indices.length)
        if (outcomes.length === indices.length) return void stop().then(() => resolve(outcomes), reject)
        feed(w, false)
      })
      w.on("error", (e) => void stop().finally(() => reject(e)))
      feed(w, true)
    }
  })

/**
 * `runScenario` across `workers` threads (a trace is written in order, so a traced run stays in
 * this thread, as does a run of one replication or one worker).
 */
export const runScenarioParallel = async (scenario: Scenario, options: RunOptions & { readonly workers: number }): Promise<RunResult> => {
  const indices = replicationIndices(scenario, options)
  const count = Math.min(options.workers, indices.length)
  if (count <= 1 || options.trace !== undefined) return runScenario(scenario, options)
  return assemble(scenario, await runOnWorkers(scenario, indices, count, options), options)
}
