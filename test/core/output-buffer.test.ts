// The engine's output buffer hands the ports exactly what a recording sink would have kept, in the
// same order, once, step after step; a port that runs the engine again during delivery is refused.
import fc from "fast-check"
import { describe, expect, it } from "vitest"
import type { EnginePorts } from "../../core/engine.ts"
import type { Event } from "../../core/events.ts"
import { OutputBuffer } from "../../core/output-buffer.ts"
import type { Output, OutputSink } from "../../core/outputs.ts"
import { recordingSink } from "../../core/outputs.ts"

const message = (atMs: number): Event => ({ _tag: "AgentLoggedIn", agentId: "a", atMs })

/** One output of each kind, chosen by `k`, with `n` in its fields. */
const write = (out: OutputSink, k: number, n: number): void => {
  switch (k) {
    case 0:
      return out.startTimer({ _tag: "Patience", chatId: `c${n}` }, n)
    case 1:
      return out.cancelTimer({ _tag: "OfferDeadline", offerId: n })
    case 2:
      return out.toAgent(`a${n}`, message(n))
    case 3: {
      const offer = { customerName: "Z", queueName: "q", agentName: "a", thread: [], receivedAtMs: 0, offeredAtMs: n }
      return out.toAgent(`a${n}`, message(n), { ...offer, proactive: false })
    }
    default:
      return out.toCustomer(`c${n}`, message(n))
  }
}

const portsInto = (sink: OutputSink): EnginePorts => ({
  timers: { start: sink.startTimer, cancel: sink.cancelTimer },
  outbox: { toAgent: sink.toAgent, toCustomer: sink.toCustomer }
})

describe("OutputBuffer", () => {
  it("delivers each step's outputs in order, once, whatever the step sizes", () => {
    const steps = fc.array(fc.array(fc.tuple(fc.integer({ min: 0, max: 4 }), fc.nat(1000)), { maxLength: 12 }), {
      maxLength: 20
    })
    fc.assert(
      fc.property(steps, (batches) => {
        const buffer = new OutputBuffer()
        for (const batch of batches) {
          const expected: Array<Output> = []
          const delivered: Array<Output> = []
          for (const [k, n] of batch) {
            write(buffer, k, n)
            write(recordingSink(expected), k, n)
          }
          buffer.deliver(portsInto(recordingSink(delivered)))
          expect(delivered).toEqual(expected)
          const again: Array<Output> = []
          buffer.deliver(portsInto(recordingSink(again)))
          expect(again).toEqual([])
        }
      })
    )
  })

  it("refuses an output collected while the last ones are being delivered, and stays usable", () => {
    const buffer = new OutputBuffer()
    buffer.toAgent("a", message(1))
    const reentrant = portsInto({ ...recordingSink([]), toAgent: () => buffer.toCustomer("c", message(2)) })
    expect(() => buffer.deliver(reentrant)).toThrow(/ran the engine while/)
    const delivered: Array<Output> = []
    buffer.toCustomer("c", message(3))
    buffer.deliver(portsInto(recordingSink(delivered)))
    expect(delivered).toEqual([{ _tag: "Notify", party: { _tag: "Customer", chatId: "c" }, message: message(3) }])
  })
})
