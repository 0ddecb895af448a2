/**
 * The engine's outputs of one step, held until the step is over and then delivered to the host's
 * ports in the order they were collected (a port never sees a state in the middle of a step).
 * One buffer per engine, reused step after step: an output is a few slots in parallel arrays, not
 * an object, so the hot loop allocates nothing for the outputs themselves (a timer's key, an
 * offer's view and the event are the payload and are passed on as they are).
 * Slots past the current step keep their old references until overwritten (at most one step's worth).
 * Invariant: after `deliver` the buffer is empty; deliver hands out each held output exactly once. A
 * port may not run the engine again while its outputs are being delivered (that throws).
 */
import { emptyRecords } from "./array-kinds.ts"
import type { EnginePorts } from "./engine.ts"
import type { Event } from "./events.ts"
import type { OfferView, OutputSink } from "./outputs.ts"
import type { TimerKey } from "./timers.ts"

/** What one held output is. */
const START = 0
const CANCEL = 1
const TO_AGENT = 2
const TO_CUSTOMER = 3

export class OutputBuffer implements OutputSink {
  private readonly kinds: Array<number> = []
  /** A timer's key (start, cancel) or the recipient's agent or chat id (notifications). */
  private readonly subjects: Array<TimerKey | string> = emptyRecords()
  private readonly atsMs: Array<number> = []
  private readonly messages: Array<Event | undefined> = emptyRecords()
  private readonly offers: Array<OfferView | undefined> = emptyRecords()
  private size = 0
  private delivering = false

  private hold(kind: number, subject: TimerKey | string, atMs: number, message?: Event, offer?: OfferView): void {
    if (this.delivering) throw new Error("an output port ran the engine while the step's outputs were delivered")
    const i = this.size++
    this.kinds[i] = kind
    this.subjects[i] = subject
    this.atsMs[i] = atMs
    this.messages[i] = message
    this.offers[i] = offer
  }

  startTimer(timer: TimerKey, atMs: number): void {
    this.hold(START, timer, atMs)
  }

  cancelTimer(timer: TimerKey): void {
    this.hold(CANCEL, timer, 0)
  }

  toAgent(agentId: string, message: Event, offer?: OfferView): void {
    this.hold(TO_AGENT, agentId, 0, message, offer)
  }

  toCustomer(chatId: string, message: Event): void {
    this.hold(TO_CUSTOMER, chatId, 0, message)
  }

  /** Hand every held output to `ports`, in order, and empty the buffer. */
  deliver(ports: EnginePorts): void {
    const n = this.size
    this.size = 0 // first: a port that throws leaves an empty buffer, not one delivered twice
    this.delivering = true
    try {
      this.deliverEach(ports, n)
    } finally {
      this.delivering = false
    }
  }

  private deliverEach(ports: EnginePorts, n: number): void {
    for (let i = 0; i < n; i++) {
      const subject = this.subjects[i]!
      switch (this.kinds[i]) {
        case START:
          ports.timers.start(subject as TimerKey, this.atsMs[i]!)
          break
        case CANCEL:
          ports.timers.cancel(subject as TimerKey)
          break
        case TO_AGENT:
          ports.outbox.toAgent(subject as string, this.messages[i]!, this.offers[i])
          break
        default:
          ports.outbox.toCustomer(subject as string, this.messages[i]!)
      }
    }
  }
}
