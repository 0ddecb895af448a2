/**
 * Worker-thread entry for comparisons and staffing searches: answers each job (a scenario, a
 * replication index, audit on or off) with that replication's sample, as plain data.
 */
import { parentPort } from "node:worker_threads"
import type { Scenario } from "../scenario/model.ts"
import { sampleReplication } from "./samples.ts"

export interface SampleJob {
  readonly scenario: Scenario
  readonly replication: number
  readonly audit: boolean
}

parentPort?.on("message", (job: SampleJob) => {
  parentPort!.postMessage(sampleReplication(job.scenario, job.replication, job.audit))
})
