/**
 * The engine's timers on virtual time: the one timer table (core/timer-table.ts) driven by the
 * kernel, for the simulator's replications and the swarm. A timer takes the kernel's next sequence
 * number when it starts, and the kernel holds one wake-up entry, at the earliest pending timer's
 * exact (atMs, seq), moved whenever the earliest changes to an earlier one; so timers run, among
 * the other kernel events, exactly where one kernel event per timer would have (same order, same
 * sequence numbers). A deadline already past is due now, as for any kernel event. When the
 * earliest moves later (it was cancelled or fired), the wake-up entry is deferred rather than
 * replaced: it stays where it is, and only when it reaches the kernel's front is it placed again,
 * at the earliest pending timer then (most wake-ups are for offer deadlines and patience, nearly
 * all cancelled long before they are due).
 * Invariant: the kernel's one queued wake-up entry is at the table's earliest pending timer, or,
 * deferred, at or before it.
 */
import type { PendingTimer, TimerHost } from "../../core/timer-table.ts"
import { TimerTable } from "../../core/timer-table.ts"
import type { TimerKey } from "../../core/timers.ts"
import type { DeferralOwner, Handle, Kernel } from "./kernel.ts"

/**
 * The table's host (its sequence numbers are the kernel's, its earliest timer arms the wake-up) and
 * the kernel's deferral owner, as methods: the same functions in every replication.
 */
export class KernelTimers<E> implements TimerHost, DeferralOwner<E> {
  private readonly kernel: Kernel<E>
  private readonly table: TimerTable
  private wake: Handle<E> | undefined = undefined

  private readonly wakeEvent: (timer: TimerKey) => E

  /** `wakeEvent` is the kernel event that brings `timer` back (its host fires it with `fired`). */
  constructor(kernel: Kernel<E>, wakeEvent: (timer: TimerKey) => E) {
    if (kernel.deferrals !== undefined) throw new Error("a kernel carries one timer table")
    kernel.deferrals = this
    this.kernel = kernel
    this.wakeEvent = wakeEvent
    this.table = new TimerTable({ host: this })
  }

  /** The table's start order: the kernel's sequence numbers (`TimerHost`). */
  nextSeq(): number {
    return this.kernel.takeSeq()
  }

  /** The earliest pending timer is now `earliest`: keep the wake-up at or before it (`TimerHost`). */
  onEarliest(earliest: PendingTimer | undefined): void {
    const wake = this.wake
    const kernel = this.kernel
    if (wake !== undefined && kernel.queued(wake)) {
      if (earliest === undefined) {
        kernel.cancel(wake)
        this.wake = undefined
        return
      }
      if (wake.timeMs === earliest.atMs && wake.seq === earliest.seq) return kernel.resume(wake)
      if (wake.timeMs < earliest.atMs || (wake.timeMs === earliest.atMs && wake.seq < earliest.seq)) {
        return kernel.defer(wake)
      }
      kernel.cancel(wake)
    }
    this.wake = earliest === undefined ? undefined : this.place(earliest)
  }

  private place(earliest: PendingTimer): Handle<E> {
    return this.kernel.scheduleAt(earliest.atMs, earliest.seq, this.wakeEvent(earliest.timer))
  }

  /** The kernel dropped the deferred wake-up at its front: place it at the earliest pending timer. */
  deferredReached(entry: Handle<E>): void {
    if (entry !== this.wake) return // only the current wake-up is ever deferred; anything else is not ours
    const earliest = this.table.peek()
    this.wake = earliest === undefined ? undefined : this.place(earliest)
  }

  /** The `Timers` port's start. */
  start(timer: TimerKey, atMs: number): void {
    const now = this.kernel.nowMs
    this.table.start(timer, Math.max(atMs, now))
  }

  /** The `Timers` port's cancel. */
  cancel(timer: TimerKey): void {
    this.table.cancel(timer)
  }

  /** The kernel ran the wake-up for `timer`: it leaves the table (the next one's wake-up is armed). */
  fired(timer: TimerKey): void {
    const due = this.table.popDue(this.kernel.nowMs)
    if (due?.timer !== timer)
      throw new Error(`timer wake-up out of step: ${due === undefined ? "none due" : "another timer due"}`)
  }

  /** Pending timers, in the order their keys became pending. */
  pending(): Array<PendingTimer> {
    return this.table.pending()
  }
}
