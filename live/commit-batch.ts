/**
 * Group commit: the inputs applied since the last commit (staged rows) and everything the server
 * says after them (frames, closes, HTTP answers, metric events), queued in the order it was said.
 * Invariants: while any row is staged, `emit` only queues, so nothing leaves the process before
 * the inputs applied before it are durable; `flush` commits every staged row in one transaction
 * (one fsync), then runs the queue in order; with nothing staged `emit` runs at once (every earlier
 * input is already durable). A batch is flushed at the end of the event-loop turn it started in
 * (setImmediate: every socket read in that turn joins it), or at once when it holds MAX_ROWS
 * inputs or is MAX_AGE_MS old. A failed commit means the log cannot be written (no row carries a
 * constraint one input could break): the batch fails for good (fail-stop), nothing queued behind
 * the failed rows is ever emitted and later stages and emits are dropped, and `onFail` reports it
 * once to the host, which stops; a crash or a failure loses only inputs nobody was told about.
 */
import type { NewRow } from "./log.ts"

export interface RowSink {
  /** Commit the rows in one transaction; durable when this returns, throws otherwise. */
  readonly commit: (rows: ReadonlyArray<NewRow>) => void
}

export const MAX_ROWS = 512
export const MAX_AGE_MS = 2

export class CommitBatch {
  private readonly sink: RowSink
  private readonly onFail: (e: Error) => void
  private rows: Array<NewRow> = []
  private queue: Array<() => void> = []
  private scheduled = false
  private openedAt = 0
  private draining = false
  private failure: Error | undefined = undefined

  constructor(sink: RowSink, onFail: (e: Error) => void) {
    this.sink = sink
    this.onFail = onFail
  }

  /** Inputs applied but not yet durable. */
  get staged(): number {
    return this.rows.length
  }

  /** Stage one applied input; it is committed with the rest of its batch. */
  stage(row: NewRow): void {
    if (this.failure !== undefined) return
    if (this.rows.length === 0) this.openedAt = performance.now()
    this.rows.push(row)
    if (this.rows.length >= MAX_ROWS || performance.now() - this.openedAt >= MAX_AGE_MS) return this.flush()
    if (!this.scheduled) {
      this.scheduled = true
      setImmediate(() => {
        this.scheduled = false
        this.flush()
      })
    }
  }

  /** Run `f` once every input staged so far is durable: now, when none is staged. */
  emit(f: () => void): void {
    if (this.failure !== undefined) return
    if (this.rows.length === 0 && !this.draining) return run(f)
    this.queue.push(f)
  }

  /** Commit the staged rows (one transaction), then emit what waited for them, in order. */
  flush(): void {
    if (this.rows.length === 0 || this.draining || this.failure !== undefined) return
    const rows = this.rows
    this.rows = []
    try {
      this.sink.commit(rows)
    } catch (e) {
      // nobody heard of these rows or of anything queued after them: drop it all and stop
      this.failure = e instanceof Error ? e : new Error(String(e))
      this.queue = []
      return this.onFail(this.failure)
    }
    const q = this.queue
    this.draining = true
    let i = 0
    try {
      // an emit while draining joins the end of this queue; a row staged while draining holds the rest
      for (; i < q.length && this.rows.length === 0; i++) run(q[i]!)
    } finally {
      this.queue = q.slice(i)
      this.draining = false
    }
  }
}

const run = (f: () => void): void => {
  try {
    f()
  } catch (e) {
    process.stderr.write(`livechat-sim serve: an output after commit failed: ${(e as Error).stack ?? String(e)}\n`)
  }
}
