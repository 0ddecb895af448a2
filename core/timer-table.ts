/**
 * The engine's pending timers: the one structure every host puts behind the `Timers` port
 * (core/engine.ts): the simulator and the swarm on the kernel's virtual time (sim/run/kernel-timers.ts),
 * the live server on the wall clock (live/center.ts), the test harnesses.
 * It owns the timers started and neither cancelled nor fired, at most one per timer key (a restart
 * replaces the pending one), in a binary min-heap (time-heap.ts) ordered by (atMs, seq). A
 * cancelled or replaced entry leaves the heap at once: most timers are cancelled long before they
 * are due (an offer's deadline at its accept, a customer's patience at the answer), and left in
 * the heap until their time came they made it many times larger than the pending set (on a large
 * center, about 5,700 entries for 200 pending). `seq` is the start order, from the host's counter
 * when it passes one (the simulator passes its kernel's, so a timer holds the sequence number a
 * kernel event of its own would have had).
 * The table never reads a clock: the host says what is due (`popDue(nowMs)`), and hears through
 * its `onEarliest` (`TimerHost`) each time the earliest pending timer changes, to arm its one
 * wake-up there (the kernel schedules an event at that timer's (atMs, seq); the live server arms a
 * wall-clock timeout).
 * Invariants: `peek` and `popDue` see only pending timers, earliest first, each popped at most
 * once; after every change `onEarliest` has been told the current earliest (called only when it
 * differs from the one told before).
 */
import { IdWindow } from "./id-window.ts"
import { SlotPool, TimeHeap } from "./time-heap.ts"
import type { TimerKey } from "./timers.ts"
import { timerId } from "./timers.ts"

export interface PendingTimer {
  readonly timer: TimerKey
  readonly atMs: number
  /** Start order: ties at the same `atMs` fire first started, first fired. */
  readonly seq: number
}

/**
 * Who drives a table: its start-order counter and the listener for its earliest pending timer.
 * The simulator's host is a class instance, so the table calls the same two functions in every
 * replication (closures made per table would deoptimize the optimized callers at the next one).
 */
export interface TimerHost {
  /** The next start-order number. */
  nextSeq(): number
  /** The earliest pending timer changed (undefined: none is pending): arm the host's wake-up. */
  onEarliest(earliest: PendingTimer | undefined): void
}

/** The table's own start order, from 0, telling `listener` (if any) of each new earliest timer. */
export class CountingHost implements TimerHost {
  private seq = 0
  private readonly listener: ((earliest: PendingTimer | undefined) => void) | undefined

  constructor(listener?: (earliest: PendingTimer | undefined) => void) {
    this.listener = listener
  }

  nextSeq(): number {
    return this.seq++
  }

  onEarliest(earliest: PendingTimer | undefined): void {
    this.listener?.(earliest)
  }
}

export interface TimerTableOptions {
  /** The start order and the earliest timer's listener (default: a `CountingHost` with none). */
  readonly host?: TimerHost
  /** false imitates a host that cannot cancel (tests): cancel does nothing and every start fires. */
  readonly cancels?: boolean
}

class Entry implements PendingTimer {
  readonly timer: TimerKey
  readonly atMs: number
  readonly seq: number
  /** When its key became pending (a restart keeps it): the order `pending()` lists. */
  readonly since: number
  /** Its slot in the table's pool: its item in the heap. */
  slot = 0
  constructor(timer: TimerKey, atMs: number, seq: number, since: number) {
    this.timer = timer
    this.atMs = atMs
    this.seq = seq
    this.since = since
  }
}

/**
 * Pending entries by key, one map per timer kind so that no key string is built for the frequent
 * kinds (an offer's number, a chat's or an agent's id); the two-part keys, rarer, are joined.
 */
class Keyed {
  private readonly offers = new IdWindow<Entry>()
  private readonly patience = new Map<string, Entry>()
  private readonly grace = new Map<string, Entry>()
  private readonly joined = new Map<string, Entry>()

  get size(): number {
    return this.offers.size + this.patience.size + this.grace.size + this.joined.size
  }

  get(timer: TimerKey): Entry | undefined {
    switch (timer._tag) {
      case "OfferDeadline":
        return this.offers.get(timer.offerId)
      case "Patience":
        return this.patience.get(timer.chatId)
      case "DisconnectGrace":
        return this.grace.get(timer.agentId)
      case "MaxWait":
      case "AutoWrapUp":
        return this.joined.get(timerId(timer))
    }
  }

  set(timer: TimerKey, entry: Entry): void {
    switch (timer._tag) {
      case "OfferDeadline":
        this.offers.set(timer.offerId, entry)
        break
      case "Patience":
        this.patience.set(timer.chatId, entry)
        break
      case "DisconnectGrace":
        this.grace.set(timer.agentId, entry)
        break
      case "MaxWait":
      case "AutoWrapUp":
        this.joined.set(timerId(timer), entry)
        break
    }
  }

  delete(timer: TimerKey): void {
    switch (timer._tag) {
      case "OfferDeadline":
        this.offers.delete(timer.offerId)
        break
      case "Patience":
        this.patience.delete(timer.chatId)
        break
      case "DisconnectGrace":
        this.grace.delete(timer.agentId)
        break
      case "MaxWait":
      case "AutoWrapUp":
        this.joined.delete(timerId(timer))
        break
    }
  }
}

export class TimerTable {
  /** Pending entries by key (with `cancels: false`, every start is its own key). */
  private readonly keyed = new Keyed()
  /** Pending entries by (atMs, seq); each heap item is the entry's slot in `slots`. */
  private readonly heap = new TimeHeap()
  private readonly slots = new SlotPool<Entry>()
  private readonly host: TimerHost
  private readonly cancels: boolean
  private told: Entry | undefined = undefined
  private becamePending = 0
  private uncancellable = 0

  constructor(options: TimerTableOptions = {}) {
    this.host = options.host ?? new CountingHost()
    this.cancels = options.cancels ?? true
  }

  /** Pending timers. */
  get size(): number {
    return this.cancels ? this.keyed.size : this.uncancellable
  }

  /** Start `timer` at `atMs`, replacing the pending one with the same key (the `Timers` port). */
  start(timer: TimerKey, atMs: number): void {
    const seq = this.host.nextSeq()
    const previous = this.cancels ? this.keyed.get(timer) : undefined
    const entry = new Entry(timer, atMs, seq, previous?.since ?? this.becamePending++)
    if (previous !== undefined) this.drop(previous)
    if (this.cancels) this.keyed.set(timer, entry)
    else this.uncancellable++
    entry.slot = this.slots.take(entry)
    this.heap.push(atMs, seq, entry.slot)
    this.settle()
  }

  /** Cancel the pending timer with this key, if any (the `Timers` port). */
  cancel(timer: TimerKey): void {
    if (!this.cancels) return
    const entry = this.keyed.get(timer)
    if (entry === undefined) return
    this.drop(entry)
    this.keyed.delete(timer)
    this.settle()
  }

  /** The earliest pending timer, if any. */
  peek(): PendingTimer | undefined {
    return this.top()
  }

  /** Remove and return the earliest pending timer due by `nowMs` (at it too when `inclusive`). */
  popDue(nowMs: number, inclusive = true): PendingTimer | undefined {
    const top = this.top()
    if (top === undefined || (inclusive ? top.atMs > nowMs : top.atMs >= nowMs)) return undefined
    this.drop(top)
    if (this.cancels) this.keyed.delete(top.timer)
    else this.uncancellable--
    this.settle()
    return top
  }

  /** Pending timers in the order their keys became pending (a restart keeps its key's place). */
  pending(): Array<PendingTimer> {
    const slots = this.slots.records
    return this.heap
      .itemsInHeap()
      .map((slot) => slots[slot]!)
      .sort((x, y) => x.since - y.since)
  }

  /** Tell the host if the earliest pending timer is not the one told last. */
  private settle(): void {
    const top = this.top()
    if (top === this.told) return
    this.told = top
    this.host.onEarliest(top)
  }

  /** The earliest pending entry. */
  private top(): Entry | undefined {
    return this.heap.size > 0 ? this.slots.records[this.heap.topItem] : undefined
  }

  /** Take `entry` out of the heap and free its slot (it is no longer pending). */
  private drop(entry: Entry): void {
    this.heap.remove(entry.slot)
    this.slots.release(entry.slot)
  }
}
