/**
 * The discrete-event kernel: a virtual clock and a binary min-heap of pending events
 * (core/time-heap.ts, over typed arrays) ordered by (timeMs, seq), where seq is the scheduling
 * order, so same-instant events run first-in first-out and a run is a pure function of what was
 * scheduled. Events are the host's own records; the kernel never interprets them and wraps none:
 * a future event sits in a slot (its event, its seq and a cancelled flag in parallel arrays) that
 * the heap names by number, so popping reads no per-entry object beyond the event itself. Events
 * for the current instant (most reactions) skip the heap: they go to a FIFO (parallel arrays too)
 * that is already in (timeMs, seq) order, and `pop` takes the smaller of the two fronts, so the
 * order is exactly the heap's.
 * An entry may also be placed at a sequence number taken earlier (`takeSeq`, then `scheduleAt`):
 * the engine's timers (sim/run/kernel-timers.ts) take theirs when started and keep one wake-up entry
 * at the earliest one's (timeMs, seq), so they run exactly where one entry per timer would have.
 * Such an entry can be cancelled by its (slot, seq): lazily, flagged in its slot and skipped when
 * it reaches the front. A slot is reused once its entry has left the heap; the seq tells a stale
 * handle from the slot's new entry.
 */
import { emptyKeepingStorage } from "../../core/scratch-array.ts"
import { TimeHeap } from "../../core/time-heap.ts"

export class Kernel<E> {
  /** Future entries: (timeMs, seq, slot) in the heap's typed arrays. */
  private readonly heap = new TimeHeap()
  /** Per slot: the event (undefined once the slot is free), its seq, and 1 when cancelled. */
  private readonly events: Array<E | undefined> = []
  private readonly seqs: Array<number> = []
  private readonly cancelled: Array<number> = []
  private readonly freeSlots: Array<number> = []
  /**
   * Entries scheduled for the instant they were scheduled at: (timeMs, seq) ascending from `head`;
   * emptied once all are taken, keeping their storage (core/scratch-array.ts: about once per event).
   */
  private readonly nowEvents: Array<E> = []
  private readonly nowTimesMs: Array<number> = []
  private readonly nowSeqs: Array<number> = []
  private head = 0
  private cancelledQueued = 0
  private nextSeq = 0
  nowMs = 0
  /** The seq of the entry `pop` or `peekTimeMs` last returned. */
  seq = 0

  get size(): number {
    return this.heap.size + this.nowEvents.length - this.head - this.cancelledQueued
  }

  /** Schedule `event` at `timeMs` (now if that is in the past). */
  schedule(timeMs: number, event: E): void {
    const seq = this.nextSeq++
    if (timeMs <= this.nowMs) {
      this.nowEvents.push(event)
      this.nowTimesMs.push(this.nowMs)
      this.nowSeqs.push(seq)
    } else this.push(timeMs, seq, event)
  }

  /** The next sequence number, for an entry `scheduleAt` places later; nothing is scheduled. */
  takeSeq(): number {
    return this.nextSeq++
  }

  /**
   * Schedule `event` at (timeMs, seq), with `seq` from `takeSeq` and `timeMs` no earlier than the
   * clock was when it was taken: it runs where an entry scheduled then would have. Returns the
   * entry's slot: with `seq`, its handle for `cancel`.
   */
  scheduleAt(timeMs: number, seq: number, event: E): number {
    return this.push(timeMs, seq, event)
  }

  private push(timeMs: number, seq: number, event: E): number {
    const slot = this.freeSlots.length > 0 ? this.freeSlots.pop()! : this.events.length
    this.events[slot] = event
    this.seqs[slot] = seq
    this.cancelled[slot] = 0
    this.heap.push(timeMs, seq, slot)
    return slot
  }

  /** Cancel a pending `scheduleAt` entry; cancelling one already run or cancelled does nothing. */
  cancel(slot: number, seq: number): void {
    if (this.events[slot] === undefined || this.seqs[slot] !== seq || this.cancelled[slot] === 1) return
    this.cancelled[slot] = 1
    this.cancelledQueued++
  }

  /** Time of the next live event, or undefined when none is left. */
  peekTimeMs(): number | undefined {
    return this.front(false) === undefined ? undefined : this.frontAtMs
  }

  /** Remove and return the next live event, advancing the clock to it (and `seq` to its seq). */
  pop(): E | undefined {
    const event = this.front(true)
    if (event !== undefined) this.nowMs = this.frontAtMs
    return event
  }

  /** The time of the entry `front` last returned. */
  private frontAtMs = 0

  /** The next live entry's event (removed when `take`), dropping cancelled ones on the way. */
  private front(take: boolean): E | undefined {
    const heap = this.heap
    for (;;) {
      const hasNow = this.head < this.nowEvents.length
      const hasHeap = heap.size > 0
      if (!hasNow && !hasHeap) return undefined
      if (hasNow && (!hasHeap || this.nowFirst())) {
        const i = this.head
        const event = this.nowEvents[i]!
        this.frontAtMs = this.nowTimesMs[i]!
        this.seq = this.nowSeqs[i]!
        if (take && ++this.head === this.nowEvents.length) this.emptyNow()
        return event
      }
      const slot = heap.topItem
      const cancelled = this.cancelled[slot] === 1
      if (!take && !cancelled) {
        this.frontAtMs = heap.topAtMs
        this.seq = heap.topSeq
        return this.events[slot]
      }
      const event = this.events[slot]
      this.frontAtMs = heap.topAtMs
      this.seq = heap.topSeq
      this.events[slot] = undefined
      this.freeSlots.push(slot)
      heap.pop()
      if (!cancelled) return event
      this.cancelledQueued--
    }
  }

  /** Is the FIFO's front (timeMs, seq)-before the heap's top? */
  private nowFirst(): boolean {
    const t = this.nowTimesMs[this.head]!
    const top = this.heap.topAtMs
    return t < top || (t === top && this.nowSeqs[this.head]! < this.heap.topSeq)
  }

  private emptyNow(): void {
    emptyKeepingStorage(this.nowEvents)
    emptyKeepingStorage(this.nowTimesMs)
    emptyKeepingStorage(this.nowSeqs)
    this.head = 0
  }
}
