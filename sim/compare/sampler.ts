/**
 * Where samples are taken: in this thread, or on a pool of worker threads that stays up for a
 * whole comparison or staffing search. Either way a batch of jobs comes back in job order, so the
 * answer does not depend on the number of threads.
 */
import { ThreadPool } from "../parallel/threads.ts"
import type { SampleJob } from "./sample-worker.ts"
import type { SampleResult } from "./samples.ts"
import { sampleReplication } from "./samples.ts"

export interface Sampler {
  readonly sample: (jobs: ReadonlyArray<SampleJob>, onResult?: (done: number, total: number) => void) => Promise<Array<SampleResult>>
  readonly close: () => Promise<void>
}

export const localSampler: Sampler = {
  sample: async (jobs, onResult) =>
    jobs.map((job, i) => {
      const result = sampleReplication(job.scenario, job.replication, job.audit)
      onResult?.(i + 1, jobs.length)
      return result
    }),
  close: async () => undefined
}

const workerUrl = new URL("./sample-worker.ts", import.meta.url)

/** `workers` threads (1 or fewer: this thread). */
export const samplerFor = (workers: number): Sampler => {
  if (workers <= 1) return localSampler
  const pool = new ThreadPool<SampleJob, SampleResult>(workerUrl, workers)
  return {
    sample: (jobs, onResult) => pool.run(jobs, onResult === undefined ? {} : { onResult }),
    close: () => pool.close()
  }
}
