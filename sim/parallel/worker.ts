/**
 * Worker-thread entry: runs the replications it is sent (the scenario comes once, with the first
 * job) and posts each outcome back, encoded. Nothing here chooses seeds or order: the pool does.
 */
import { parentPort } from "node:worker_threads"
import { runOne } from "../run/replications.ts"
import type { Scenario } from "../scenario/model.ts"
import { encodeOutcome } from "./transfer.ts"

export type WorkerJob = { readonly scenario?: Scenario; readonly index: number; readonly audit: boolean }

let scenario: Scenario | undefined
parentPort?.on("message", (job: WorkerJob) => {
  scenario = job.scenario ?? scenario
  if (scenario === undefined) throw new Error("worker: the first job must carry the scenario")
  parentPort!.postMessage(encodeOutcome(runOne(scenario, job.index, { audit: job.audit })))
})
