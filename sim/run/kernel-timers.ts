/**
 * The engine's timers on virtual time: the one timer table (core/timer-table.ts) driven by the
 * kernel, for the simulator's replications and the swarm. A timer takes the kernel's next sequence
 * number when it starts, and the kernel holds one wake-up entry, at the earliest pending timer's
 * exact (atMs, seq), moved whenever the earliest changes; so timers run, among the other kernel
 * events, exactly where one kernel event per timer would have (same order, same sequence numbers).
 * A deadline already past is due now, as for any kernel event.
 * Invariant: the kernel's one live wake-up entry is the table's earliest pending timer.
 */
import type { PendingTimer } from "../../core/timer-table.ts"
import { TimerTable } from "../../core/timer-table.ts"
import type { TimerKey } from "../../core/timers.ts"
import type { Handle, Kernel } from "./kernel.ts"

export class KernelTimers<E> {
  private readonly kernel: Kernel<E>
  private readonly table: TimerTable
  private wake: Handle<E> | undefined = undefined

  /** `wakeEvent` is the kernel event that brings `timer` back (its host fires it with `fired`). */
  constructor(kernel: Kernel<E>, wakeEvent: (timer: TimerKey) => E) {
    this.kernel = kernel
    this.table = new TimerTable({
      nextSeq: () => kernel.takeSeq(),
      onEarliest: (earliest) => {
        if (this.wake !== undefined) kernel.cancel(this.wake)
        this.wake =
          earliest === undefined ? undefined : kernel.scheduleAt(earliest.atMs, earliest.seq, wakeEvent(earliest.timer))
      }
    })
  }

  /** The `Timers` port's start. */
  readonly start = (timer: TimerKey, atMs: number): void => {
    const now = this.kernel.nowMs
    this.table.start(timer, Math.max(atMs, now))
  }

  /** The `Timers` port's cancel. */
  readonly cancel = (timer: TimerKey): void => {
    this.table.cancel(timer)
  }

  /** The kernel ran the wake-up for `timer`: it leaves the table (the next one's wake-up is armed). */
  readonly fired = (timer: TimerKey): void => {
    const due = this.table.popDue(this.kernel.nowMs)
    if (due?.timer !== timer)
      throw new Error(`timer wake-up out of step: ${due === undefined ? "none due" : "another timer due"}`)
  }

  /** Pending timers, in the order their keys became pending. */
  pending(): Array<PendingTimer> {
    return this.table.pending()
  }
}
