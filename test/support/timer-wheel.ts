/**
 * The test harnesses' stand-in for a host's timers: records the engine's StartTimer/CancelTimer
 * outputs and yields due timers in (time, start order). With `cancels: false` it imitates a host
 * that cannot cancel, so every started timer fires (the engine must ignore the stale ones).
 */
import type { Output } from "../../core/outputs.ts"
import type { TimerKey } from "../../core/timers.ts"
import { timerId } from "../../core/timers.ts"

export interface PendingTimer {
  readonly id: string
  readonly timer: TimerKey
  readonly atMs: number
  readonly seq: number
}

export class TimerWheel {
  private readonly timers = new Map<string, PendingTimer>()
  private seq = 0
  private readonly cancels: boolean

  constructor(cancels = true) {
    this.cancels = cancels
  }

  get size(): number {
    return this.timers.size
  }

  /** Take note of one step's timer outputs (other outputs are ignored). */
  apply(outputs: ReadonlyArray<Output>): void {
    for (const o of outputs) {
      if (o._tag === "StartTimer") {
        const id = this.cancels ? timerId(o.timer) : `${timerId(o.timer)}#${this.seq}`
        this.timers.set(id, { id, timer: o.timer, atMs: o.atMs, seq: this.seq++ })
      } else if (o._tag === "CancelTimer" && this.cancels) this.timers.delete(timerId(o.timer))
    }
  }

  /** The earliest pending timer due by `limitMs` (at it too when `inclusive`), without removing it. */
  next(limitMs = Number.MAX_SAFE_INTEGER, inclusive = true): PendingTimer | undefined {
    let best: PendingTimer | undefined
    for (const t of this.timers.values()) {
      const due = inclusive ? t.atMs <= limitMs : t.atMs < limitMs
      if (due && (best === undefined || t.atMs < best.atMs || (t.atMs === best.atMs && t.seq < best.seq))) best = t
    }
    return best
  }

  /** Remove and return the earliest timer due by `limitMs`, if any. */
  pop(limitMs?: number, inclusive?: boolean): PendingTimer | undefined {
    const t = this.next(limitMs, inclusive)
    if (t !== undefined) this.timers.delete(t.id)
    return t
  }

  /** Pending timers, earliest first. */
  pending(): Array<PendingTimer> {
    return [...this.timers.values()].sort((a, b) => a.atMs - b.atMs || a.seq - b.seq)
  }

  atOf(id: string): number | undefined {
    return this.timers.get(id)?.atMs
  }
}
