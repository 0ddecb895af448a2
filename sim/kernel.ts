/**
 * The discrete-event kernel: a virtual clock and a binary min-heap of pending events ordered by
 * (timeMs, seq), where seq is the scheduling order, so same-instant events run first-in first-out
 * and a run is a pure function of what was scheduled. Events are plain records; the kernel never
 * interprets them. Cancellation is lazy: a cancelled entry stays in the heap and is skipped.
 */
export interface Entry<E> {
  readonly timeMs: number
  readonly seq: number
  readonly event: E
}

export class Kernel<E> {
  private readonly heap: Array<Entry<E>> = []
  private readonly cancelled = new Set<number>()
  private nextSeq = 0
  nowMs = 0

  get size(): number {
    return this.heap.length - this.cancelled.size
  }

  /** Schedule `event` at `timeMs` (never before now); returns its seq, the handle for `cancel`. */
  schedule(timeMs: number, event: E): number {
    const seq = this.nextSeq++
    const entry: Entry<E> = { timeMs: timeMs < this.nowMs ? this.nowMs : timeMs, seq, event }
    const heap = this.heap
    let i = heap.length
    heap.push(entry)
    while (i > 0) {
      const parent = (i - 1) >> 1
      const p = heap[parent]!
      if (p.timeMs < entry.timeMs || (p.timeMs === entry.timeMs && p.seq < seq)) break
      heap[i] = p
      i = parent
    }
    heap[i] = entry
    return seq
  }

  cancel(seq: number): void {
    this.cancelled.add(seq)
  }

  /** Time of the next live event, or undefined when none is left. */
  peekTimeMs(): number | undefined {
    this.dropCancelledHead()
    return this.heap[0]?.timeMs
  }

  /** Remove and return the next live event, advancing the clock to it. */
  pop(): Entry<E> | undefined {
    this.dropCancelledHead()
    const top = this.popRaw()
    if (top !== undefined) this.nowMs = top.timeMs
    return top
  }

  private dropCancelledHead(): void {
    while (this.heap.length > 0 && this.cancelled.size > 0 && this.cancelled.delete(this.heap[0]!.seq)) this.popRaw()
  }

  private popRaw(): Entry<E> | undefined {
    const heap = this.heap
    const top = heap[0]
    if (top === undefined) return undefined
    const last = heap.pop()!
    const n = heap.length
    if (n === 0) return top
    let i = 0
    for (;;) {
      const l = 2 * i + 1
      if (l >= n) break
      const r = l + 1
      let c = l
      if (r < n) {
        const a = heap[l]!
        const b = heap[r]!
        if (b.timeMs < a.timeMs || (b.timeMs === a.timeMs && b.seq < a.seq)) c = r
      }
      const child = heap[c]!
      if (last.timeMs < child.timeMs || (last.timeMs === child.timeMs && last.seq < child.seq)) break
      heap[i] = child
      i = c
    }
    heap[i] = last
    return top
  }
}
