/**
 * A small worker-thread map: `count` threads running the module at `url` each take the next job
 * as they finish one. A worker module answers every message with exactly one message. Results come
 * back in job order whatever order the threads finish in. The first job each thread gets may
 * carry extra shared data (`first`), sent once per thread.
 */
import { Worker } from "node:worker_threads"

export const mapOnThreads = <J, R>(
  url: URL,
  jobs: ReadonlyArray<J>,
  count: number,
  options: { readonly first?: (job: J) => unknown; readonly onResult?: (done: number, total: number) => void } = {}
): Promise<Array<R>> =>
  new Promise((resolve, reject) => {
    const results = new Array<R>(jobs.length)
    let next = 0
    let done = 0
    const workers = Array.from({ length: Math.max(1, Math.min(count, jobs.length)) }, () => new Worker(url))
    const stop = () => Promise.all(workers.map((w) => w.terminate()))
    const feed = (w: Worker, slot: { index: number }, first: boolean): void => {
      if (next >= jobs.length) return
      slot.index = next++
      const job = jobs[slot.index]!
      w.postMessage(first && options.first !== undefined ? options.first(job) : job)
    }
    if (jobs.length === 0) return void stop().then(() => resolve([]), reject)
    for (const w of workers) {
      const slot = { index: -1 }
      w.on("message", (r: R) => {
        results[slot.index] = r
        options.onResult?.(++done, jobs.length)
        if (done === jobs.length) return void stop().then(() => resolve(results), reject)
        feed(w, slot, false)
      })
      w.on("error", (e) => void stop().finally(() => reject(e)))
      feed(w, slot, true)
    }
  })
