/**
 * The engine's Timers port over the kernel: at most one pending kernel event per timer key, a
 * restart cancels the previous one. Offer deadlines are keyed by offer number and patience timers
 * by chat id, so the two timers every chat starts cost a map operation and no string building;
 * the rarer kinds keep the core's `timerId` string key.
 */
import type { TimerKey } from "../core/timers.ts"
import { timerId } from "../core/timers.ts"
import type { Handle, Kernel } from "./kernel.ts"
import type { SimEvent } from "./world.ts"

export class TimerTable {
  private readonly kernel: Kernel<SimEvent>
  private readonly offers = new Map<number, Handle<SimEvent>>()
  private readonly patience = new Map<string, Handle<SimEvent>>()
  private readonly others = new Map<string, Handle<SimEvent>>()

  constructor(kernel: Kernel<SimEvent>) {
    this.kernel = kernel
  }

  readonly start = (timer: TimerKey, atMs: number): void => {
    const handle = this.kernel.schedule(atMs, { _tag: "Timer", timer })
    let previous: Handle<SimEvent> | undefined
    switch (timer._tag) {
      case "OfferDeadline":
        previous = this.offers.get(timer.offerId)
        this.offers.set(timer.offerId, handle)
        break
      case "Patience":
        previous = this.patience.get(timer.chatId)
        this.patience.set(timer.chatId, handle)
        break
      default: {
        const id = timerId(timer)
        previous = this.others.get(id)
        this.others.set(id, handle)
      }
    }
    if (previous !== undefined) this.kernel.cancel(previous)
  }

  readonly cancel = (timer: TimerKey): void => {
    const handle = this.take(timer)
    if (handle !== undefined) this.kernel.cancel(handle)
  }

  /** The timer is due: forget its handle (it is the one pending for its key). */
  readonly fired = (timer: TimerKey): void => {
    this.take(timer)
  }

  private take(timer: TimerKey): Handle<SimEvent> | undefined {
    let handle: Handle<SimEvent> | undefined
    switch (timer._tag) {
      case "OfferDeadline":
        handle = this.offers.get(timer.offerId)
        if (handle !== undefined) this.offers.delete(timer.offerId)
        return handle
      case "Patience":
        handle = this.patience.get(timer.chatId)
        if (handle !== undefined) this.patience.delete(timer.chatId)
        return handle
      default: {
        const id = timerId(timer)
        handle = this.others.get(id)
        if (handle !== undefined) this.others.delete(id)
        return handle
      }
    }
  }
}
