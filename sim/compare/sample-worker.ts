/**
 * Worker-thread entry for comparisons and staffing: answers each job (a scenario, a replication
 * index, audit on or off) with that replication's whole-run sample (`run` jobs, compare) or its
 * per-interval tallies (`day` jobs, staffing), as plain data.
 */
import { parentPort } from "node:worker_threads"
import type { Scenario } from "../scenario/model.ts"
import { sampleDay } from "../staff/day.ts"
import { sampleReplication } from "./samples.ts"

export interface SampleJob {
  readonly scenario: Scenario
  readonly replication: number
  readonly audit: boolean
}

export interface DayJob extends SampleJob {
  readonly kind: "day"
}

parentPort?.on("message", (job: SampleJob | DayJob) => {
  parentPort!.postMessage(
    "kind" in job
      ? sampleDay(job.scenario, job.replication, job.audit)
      : sampleReplication(job.scenario, job.replication, job.audit)
  )
})
