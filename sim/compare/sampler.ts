/**
 * Where samples are taken: in this thread, or on a pool of worker threads that stays up for a
 * whole comparison or staffing search. Either way a batch of jobs comes back in job order, so the
 * answer does not depend on the number of threads.
 */
import { ThreadPool } from "../parallel/threads.ts"
import type { DayResult } from "../staff/day.ts"
import { sampleDay } from "../staff/day.ts"
import type { DayJob, SampleJob } from "./sample-worker.ts"
import type { SampleResult } from "./samples.ts"
import { sampleReplication } from "./samples.ts"

type Progress = (done: number, total: number) => void

export interface Sampler {
  /** Whole-run samples (compare). */
  readonly sample: (jobs: ReadonlyArray<SampleJob>, onResult?: Progress) => Promise<Array<SampleResult>>
  /** Per-interval tallies of simulated days (staffing). */
  readonly days: (jobs: ReadonlyArray<SampleJob>, onResult?: Progress) => Promise<Array<DayResult>>
  readonly close: () => Promise<void>
}

const locally =
  <R>(run: (job: SampleJob) => R) =>
  async (jobs: ReadonlyArray<SampleJob>, onResult?: Progress) =>
    jobs.map((job, i) => {
      const result = run(job)
      onResult?.(i + 1, jobs.length)
      return result
    })

export const localSampler: Sampler = {
  sample: locally((job) => sampleReplication(job.scenario, job.replication, job.audit)),
  days: locally((job) => sampleDay(job.scenario, job.replication, job.audit)),
  close: async () => undefined
}

const workerUrl = new URL("./sample-worker.ts", import.meta.url)

/** `workers` threads (1 or fewer: this thread). */
export const samplerFor = (workers: number): Sampler => {
  if (workers <= 1) return localSampler
  const pool = new ThreadPool<SampleJob | DayJob, SampleResult | DayResult>(workerUrl, workers)
  const options = (onResult?: Progress) => (onResult === undefined ? {} : { onResult })
  return {
    sample: (jobs, onResult) => pool.run(jobs, options(onResult)) as Promise<Array<SampleResult>>,
    days: (jobs, onResult) =>
      pool.run(
        jobs.map((j): DayJob => ({ ...j, kind: "day" })),
        options(onResult)
      ) as Promise<Array<DayResult>>,
    close: () => pool.close()
  }
}
