/**
 * The engine's pending timers in the live host: start/cancel by the timer's stable id, and the
 * earliest deadline first (a binary heap ordered by (atMs, seq) with lazy deletion). Pure data, no
 * setTimeout: the server arms one wall-clock timeout for `peek()`. Invariant: `peek`/`pop` only
 * return timers that are still started, each at most once; a restart re-arms it from the log.
 */
import type { TimerKey } from "../core/timers.ts"
import { timerId } from "../core/timers.ts"

interface Entry {
  readonly id: string
  readonly timer: TimerKey
  readonly atMs: number
  readonly seq: number
}

const before = (a: Entry, b: Entry): boolean => a.atMs < b.atMs || (a.atMs === b.atMs && a.seq < b.seq)

export class TimerTable {
  private readonly live = new Map<string, Entry>()
  private readonly heap: Array<Entry> = []
  private seq = 0

  get size(): number {
    return this.live.size
  }

  start(timer: TimerKey, atMs: number): void {
    const e: Entry = { id: timerId(timer), timer, atMs, seq: this.seq++ }
    this.live.set(e.id, e)
    this.push(e)
  }

  cancel(timer: TimerKey): void {
    this.live.delete(timerId(timer))
  }

  /** The earliest started timer, if any. */
  peek(): { readonly timer: TimerKey; readonly atMs: number } | undefined {
    this.dropStale()
    return this.heap[0]
  }

  /** Remove and return the earliest timer due at `nowMs` or before. */
  popDue(nowMs: number): { readonly timer: TimerKey; readonly atMs: number } | undefined {
    this.dropStale()
    const top = this.heap[0]
    if (top === undefined || top.atMs > nowMs) return undefined
    this.popTop()
    this.live.delete(top.id)
    return top
  }

  private dropStale(): void {
    for (let top = this.heap[0]; top !== undefined && this.live.get(top.id) !== top; top = this.heap[0]) this.popTop()
  }

  private push(e: Entry): void {
    const h = this.heap
    h.push(e)
    let i = h.length - 1
    while (i > 0) {
      const p = (i - 1) >> 1
      if (!before(h[i]!, h[p]!)) break
      ;[h[i], h[p]] = [h[p]!, h[i]!]
      i = p
    }
  }

  private popTop(): void {
    const h = this.heap
    const last = h.pop()!
    if (h.length === 0) return
    h[0] = last
    let i = 0
    for (;;) {
      const l = 2 * i + 1
      const r = l + 1
      let m = i
      if (l < h.length && before(h[l]!, h[m]!)) m = l
      if (r < h.length && before(h[r]!, h[m]!)) m = r
      if (m === i) return
      ;[h[i], h[m]] = [h[m]!, h[i]!]
      i = m
    }
  }
}
