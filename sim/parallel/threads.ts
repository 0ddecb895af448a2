/**
 * Worker threads that stay up across batches of jobs: `count` threads running the module at `url`
 * each take the next job as they finish one. A worker module answers every message with exactly
 * one message. Results come back in job order whatever order the threads finish in. The first job
 * each thread gets in a batch may carry extra data (`first`).
 */
import { Worker } from "node:worker_threads"

export interface BatchOptions<J> {
  readonly first?: (job: J) => unknown
  readonly onResult?: (done: number, total: number) => void
}

export class ThreadPool<J, R> {
  private readonly workers: ReadonlyArray<Worker>

  constructor(url: URL, count: number) {
    this.workers = Array.from({ length: Math.max(1, count) }, () => new Worker(url))
  }

  /** Run a batch; rejects on the first worker error. One batch at a time. */
  run(jobs: ReadonlyArray<J>, options: BatchOptions<J> = {}): Promise<Array<R>> {
    return new Promise((resolve, reject) => {
      const results = new Array<R>(jobs.length)
      let next = 0
      let done = 0
      if (jobs.length === 0) return resolve(results)
      const detach = () =>
        this.workers.forEach((w) => {
          w.removeAllListeners("message").removeAllListeners("error")
        })
      const feed = (w: Worker, slot: { index: number }, first: boolean): void => {
        if (next >= jobs.length) return
        slot.index = next++
        const job = jobs[slot.index]!
        w.postMessage(first && options.first !== undefined ? options.first(job) : job)
      }
      for (const w of this.workers) {
        const slot = { index: -1 }
        w.on("message", (r: R) => {
          results[slot.index] = r
          done++ // not inside the optional call below: its arguments are skipped when there is no callback
          options.onResult?.(done, jobs.length)
          if (done === jobs.length) {
            detach()
            return resolve(results)
          }
          feed(w, slot, false)
        })
        w.on("error", (e) => {
          detach()
          reject(e)
        })
        feed(w, slot, true)
      }
    })
  }

  close(): Promise<void> {
    return Promise.all(this.workers.map((w) => w.terminate())).then(() => undefined)
  }
}

/** One batch on a pool made for it. */
export const mapOnThreads = async <J, R>(
  url: URL,
  jobs: ReadonlyArray<J>,
  count: number,
  options: BatchOptions<J> = {}
): Promise<Array<R>> => {
  const pool = new ThreadPool<J, R>(url, Math.min(count, jobs.length))
  try {
    return await pool.run(jobs, options)
  } finally {
    await pool.close()
  }
}
