/**
 * The engine's pending timers: the one structure every host puts behind the `Timers` port
 * (core/engine.ts): the simulator and the swarm on the kernel's virtual time (sim/run/kernel-timers.ts),
 * the live server on the wall clock (live/center.ts), the test harnesses.
 * It owns the timers started and neither cancelled nor fired, at most one per timer key (a restart
 * replaces the pending one), in a binary min-heap ordered by (atMs, seq) with lazy deletion: a
 * cancelled or replaced entry is flagged dead, stays in the heap and is dropped when it reaches the
 * top. `seq` is the start order, from the host's counter when it passes one (the simulator passes
 * its kernel's, so a timer holds the sequence number a kernel event of its own would have had).
 * The table never reads a clock: the host says what is due (`popDue(nowMs)`), and hears through
 * `onEarliest` each time the earliest pending timer changes, to arm its one wake-up there (the
 * kernel schedules an event at that timer's (atMs, seq); the live server arms a wall-clock timeout).
 * Invariants: `peek` and `popDue` see only pending timers, earliest first, each popped at most
 * once; after every change `onEarliest` has been told the current earliest (called only when it
 * differs from the one told before).
 */
import type { TimerKey } from "./timers.ts"
import { timerId } from "./timers.ts"

export interface PendingTimer {
  readonly timer: TimerKey
  readonly atMs: number
  /** Start order: ties at the same `atMs` fire first started, first fired. */
  readonly seq: number
}

export interface TimerTableOptions {
  /** The start-order counter (default: the table's own, from 0). */
  readonly nextSeq?: () => number
  /** The earliest pending timer changed (undefined: none is pending): arm the host's wake-up. */
  readonly onEarliest?: (earliest: PendingTimer | undefined) => void
  /** false imitates a host that cannot cancel (tests): cancel does nothing and every start fires. */
  readonly cancels?: boolean
}

class Entry implements PendingTimer {
  readonly timer: TimerKey
  readonly atMs: number
  readonly seq: number
  readonly key: number | string
  dead = false
  constructor(timer: TimerKey, atMs: number, seq: number, key: number | string) {
    this.timer = timer
    this.atMs = atMs
    this.seq = seq
    this.key = key
  }
}

const before = (a: Entry, b: Entry): boolean => a.atMs < b.atMs || (a.atMs === b.atMs && a.seq < b.seq)

export class TimerTable {
  /** Pending entries by key, in the order each key became pending. */
  private readonly byKey = new Map<number | string, Entry>()
  private readonly heap: Array<Entry> = []
  private readonly nextSeq: () => number
  private readonly onEarliest: ((earliest: PendingTimer | undefined) => void) | undefined
  private readonly cancels: boolean
  private told: Entry | undefined = undefined
  private seq = 0

  constructor(options: TimerTableOptions = {}) {
    this.nextSeq = options.nextSeq ?? (() => this.seq++)
    this.onEarliest = options.onEarliest
    this.cancels = options.cancels ?? true
  }

  /** Pending timers. */
  get size(): number {
    return this.byKey.size
  }

  /** Start `timer` at `atMs`, replacing the pending one with the same key (the `Timers` port). */
  readonly start = (timer: TimerKey, atMs: number): void => {
    const seq = this.nextSeq()
    const key = this.cancels ? keyOf(timer) : `${timerId(timer)}#${seq}`
    const entry = new Entry(timer, atMs, seq, key)
    const previous = this.byKey.get(key)
    if (previous !== undefined) previous.dead = true
    this.byKey.set(key, entry)
    this.push(entry)
    this.settle()
  }

  /** Cancel the pending timer with this key, if any (the `Timers` port). */
  readonly cancel = (timer: TimerKey): void => {
    if (!this.cancels) return
    const key = keyOf(timer)
    const entry = this.byKey.get(key)
    if (entry === undefined) return
    entry.dead = true
    this.byKey.delete(key)
    this.settle()
  }

  /** The earliest pending timer, if any. */
  peek(): PendingTimer | undefined {
    this.dropDead()
    return this.heap[0]
  }

  /** Remove and return the earliest pending timer due by `nowMs` (at it too when `inclusive`). */
  popDue(nowMs: number, inclusive = true): PendingTimer | undefined {
    this.dropDead()
    const top = this.heap[0]
    if (top === undefined || (inclusive ? top.atMs > nowMs : top.atMs >= nowMs)) return undefined
    top.dead = true
    this.byKey.delete(top.key)
    this.settle()
    return top
  }

  /** Pending timers in the order their keys became pending (a restart keeps its key's place). */
  pending(): Array<PendingTimer> {
    return [...this.byKey.values()]
  }

  /** Drop dead entries from the top, then tell the host if the earliest is not the one told last. */
  private settle(): void {
    this.dropDead()
    const top = this.heap[0]
    if (top === this.told) return
    this.told = top
    this.onEarliest?.(top)
  }

  private dropDead(): void {
    const heap = this.heap
    while (heap.length > 0 && heap[0]!.dead) this.popTop()
  }

  private push(e: Entry): void {
    const heap = this.heap
    let i = heap.length
    heap.push(e)
    while (i > 0) {
      const parent = (i - 1) >> 1
      const p = heap[parent]!
      if (!before(e, p)) break
      heap[i] = p
      i = parent
    }
    heap[i] = e
  }

  private popTop(): void {
    const heap = this.heap
    const last = heap.pop()!
    const n = heap.length
    if (n === 0) return
    let i = 0
    for (;;) {
      const l = 2 * i + 1
      if (l >= n) break
      const r = l + 1
      let c = l
      if (r < n && before(heap[r]!, heap[l]!)) c = r
      const child = heap[c]!
      if (!before(child, last)) break
      heap[i] = child
      i = c
    }
    heap[i] = last
  }
}

/** Offer deadlines, the most frequent timers, are keyed by their number: no string to build. */
const keyOf = (timer: TimerKey): number | string => (timer._tag === "OfferDeadline" ? timer.offerId : timerId(timer))
