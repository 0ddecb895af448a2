/**
 * The discrete-event kernel: a virtual clock and a binary min-heap of pending events
 * (core/time-heap.ts, over typed arrays) ordered by (timeMs, seq), where seq is the scheduling
 * order, so same-instant events run first-in first-out and a run is a pure function of what was
 * scheduled. Events are plain records; the kernel never interprets them. Cancellation is lazy:
 * `schedule` returns the entry itself as the handle, a cancelled entry is flagged, stays queued and
 * is skipped when it reaches the front. Events for the current instant (most reactions) skip the
 * heap: they go to a FIFO that is already in (timeMs, seq) order, and `pop` takes the smaller of
 * the two fronts, so the order is exactly the heap's.
 * An entry may also be placed at a sequence number taken earlier (`takeSeq`, then `scheduleAt`):
 * the engine's timers (sim/run/kernel-timers.ts) take theirs when started and keep one wake-up entry
 * at the earliest one's (timeMs, seq), so they run exactly where one entry per timer would have.
 * An entry may be deferred (`defer`): it stays queued, and when it reaches the front it is dropped
 * and its owner's `deferredReached` is called, which may place its event again, later; so an owner
 * whose entry should move later does not push a new one each time, only once it comes due.
 */
import { emptyRecords } from "../../core/array-kinds.ts"
import { emptyKeepingStorage } from "../../core/scratch-array.ts"
import { SlotPool, TimeHeap } from "../../core/time-heap.ts"

export interface Entry<E> {
  readonly timeMs: number
  readonly seq: number
  readonly event: E
}

/** The heap's own record: an Entry plus its lifecycle (0 pending, 1 cancelled, 2 popped, 3 deferred). */
class Slot<E> implements Entry<E> {
  readonly timeMs: number
  readonly seq: number
  readonly event: E
  state = 0
  constructor(timeMs: number, seq: number, event: E) {
    this.timeMs = timeMs
    this.seq = seq
    this.event = event
  }
}

/** What `schedule` returns and `cancel` takes. */
export type Handle<E> = Entry<E>

/** Who decides what runs instead of a deferred entry (a method: the same function every replication). */
export interface DeferralOwner<E> {
  /** A deferred entry reached the front and was dropped: its owner may schedule again, no earlier. */
  deferredReached(entry: Entry<E>): void
}

export class Kernel<E> {
  /** Future entries: (timeMs, seq) in the heap's typed arrays, each pointing at its Slot in `slots`. */
  private readonly heap = new TimeHeap()
  private readonly slots = new SlotPool<Slot<E>>()
  /**
   * Entries scheduled for the instant they were scheduled at: (timeMs, seq) ascending from `head`;
   * emptied once all are taken, keeping its storage (core/scratch-array.ts: about once per event).
   */
  private readonly now: Array<Slot<E>> = emptyRecords()
  private head = 0
  private cancelledQueued = 0
  private nextSeq = 0
  nowMs = 0
  /** Who owns the deferred entries: one owner defers (the engine's timers, which set this). */
  deferrals: DeferralOwner<E> | undefined = undefined

  get size(): number {
    return this.heap.size + this.now.length - this.head - this.cancelledQueued
  }

  /** Schedule `event` at `timeMs` (never before now); returns its handle for `cancel`. */
  schedule(timeMs: number, event: E): Handle<E> {
    const seq = this.nextSeq++
    if (timeMs <= this.nowMs) {
      const entry = new Slot(this.nowMs, seq, event)
      this.now.push(entry)
      return entry
    }
    return this.push(new Slot(timeMs, seq, event))
  }

  /** The next sequence number, for an entry `scheduleAt` places later; nothing is scheduled. */
  takeSeq(): number {
    return this.nextSeq++
  }

  /**
   * Schedule `event` at (timeMs, seq), with `seq` from `takeSeq` and `timeMs` no earlier than the
   * clock was when it was taken: it runs where an entry scheduled then would have.
   */
  scheduleAt(timeMs: number, seq: number, event: E): Handle<E> {
    return this.push(new Slot(timeMs, seq, event))
  }

  private push(entry: Slot<E>): Slot<E> {
    this.heap.push(entry.timeMs, entry.seq, this.slots.take(entry))
    return entry
  }

  /** Cancel a pending event; cancelling one already run or cancelled does nothing. */
  cancel(handle: Handle<E>): void {
    const slot = handle as Slot<E>
    if (slot.state === 1 || slot.state === 2) return
    slot.state = 1
    this.cancelledQueued++
  }

  /**
   * A pending entry will not run as it is: at the front it is dropped and `deferrals` decides what
   * runs instead (it may schedule, at or after the entry's place). `resume` undoes it.
   */
  defer(handle: Handle<E>): void {
    const slot = handle as Slot<E>
    if (slot.state === 0) slot.state = 3
  }

  resume(handle: Handle<E>): void {
    const slot = handle as Slot<E>
    if (slot.state === 3) slot.state = 0
  }

  /** Whether an entry is still queued (pending or deferred): not run, not cancelled. */
  queued(handle: Handle<E>): boolean {
    const state = (handle as Slot<E>).state
    return state === 0 || state === 3
  }

  /** Time of the next live event, or undefined when none is left. */
  peekTimeMs(): number | undefined {
    return this.front(false)?.timeMs
  }

  /** Remove and return the next live event, advancing the clock to it. */
  pop(): Entry<E> | undefined {
    const top = this.front(true)
    if (top !== undefined) {
      top.state = 2
      this.nowMs = top.timeMs
    }
    return top
  }

  /** The next live entry (removed when `take`), dropping cancelled and deferred ones on the way. */
  private front(take: boolean): Slot<E> | undefined {
    const heap = this.heap
    const now = this.now
    for (;;) {
      const hasHeap = heap.size > 0
      const f = this.head < now.length ? now[this.head] : undefined
      let fromNow: boolean
      if (f === undefined) {
        if (!hasHeap) return undefined
        fromNow = false
      } else fromNow = !hasHeap || f.timeMs < heap.topAtMs || (f.timeMs === heap.topAtMs && f.seq < heap.topSeq)
      const top = fromNow ? f! : this.slots.records[heap.topItem]!
      const state = top.state
      if (!take && state === 0) return top
      if (fromNow) {
        if (++this.head === now.length) {
          emptyKeepingStorage(now)
          this.head = 0
        }
      } else {
        this.slots.release(heap.topItem)
        heap.pop()
      }
      if (state === 0) return top
      if (state === 1) this.cancelledQueued--
      else {
        // deferred: dropped; its owner schedules what runs instead, and the search goes on
        top.state = 2
        this.deferrals?.deferredReached(top)
      }
    }
  }
}
