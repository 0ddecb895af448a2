// The one timer table on the kernel runs the engine's timers exactly where one kernel event per
// timer (the simulator's former table) ran them: same order among the other kernel events, same
// times, same sequence numbers for everything scheduled after, under random starts, restarts,
// cancels, other events and past deadlines.
import fc from "fast-check"
import { describe, expect, it } from "vitest"
import type { TimerKey } from "../../core/timers.ts"
import { timerId } from "../../core/timers.ts"
import type { Handle } from "../../sim/run/kernel.ts"
import { Kernel } from "../../sim/run/kernel.ts"
import { KernelTimers } from "../../sim/run/kernel-timers.ts"

type Ev = { readonly _tag: "Timer"; readonly timer: TimerKey } | { readonly _tag: "Other"; readonly n: number }

/** What a popped event makes the host do: start, cancel or schedule, at offsets from now. */
type Op =
  | { readonly _tag: "Start"; readonly key: number; readonly dtMs: number }
  | { readonly _tag: "Cancel"; readonly key: number }
  | { readonly _tag: "Other"; readonly dtMs: number }

const keyOf = (k: number): TimerKey =>
  k % 3 === 0
    ? { _tag: "OfferDeadline", offerId: k + 1 }
    : k % 3 === 1
      ? { _tag: "Patience", chatId: `c${k}` }
      : { _tag: "DisconnectGrace", agentId: `a${k}` }

const opArb: fc.Arbitrary<Op> = fc.oneof(
  fc.record({ _tag: fc.constant("Start" as const), key: fc.nat(8), dtMs: fc.integer({ min: -5, max: 30 }) }),
  fc.record({ _tag: fc.constant("Cancel" as const), key: fc.nat(8) }),
  fc.record({ _tag: fc.constant("Other" as const), dtMs: fc.integer({ min: 0, max: 30 }) })
)

interface Host {
  readonly kernel: Kernel<Ev>
  readonly start: (timer: TimerKey, atMs: number) => void
  readonly cancel: (timer: TimerKey) => void
  readonly fired: (timer: TimerKey) => void
}

/** The reference: one kernel event per timer, a restart or cancel cancelling the pending one. */
const perTimerEvents = (): Host => {
  const kernel = new Kernel<Ev>()
  const handles = new Map<string, Handle<Ev>>()
  return {
    kernel,
    start: (timer, atMs) => {
      const h = kernel.schedule(atMs, { _tag: "Timer", timer })
      const previous = handles.get(timerId(timer))
      handles.set(timerId(timer), h)
      if (previous !== undefined) kernel.cancel(previous)
    },
    cancel: (timer) => {
      const h = handles.get(timerId(timer))
      handles.delete(timerId(timer))
      if (h !== undefined) kernel.cancel(h)
    },
    fired: (timer) => void handles.delete(timerId(timer))
  }
}

const oneTable = (): Host => {
  const kernel = new Kernel<Ev>()
  const timers = new KernelTimers<Ev>(kernel, (timer) => ({ _tag: "Timer", timer }))
  return {
    kernel,
    start: (timer: TimerKey, atMs: number) => timers.start(timer, atMs),
    cancel: (timer: TimerKey) => timers.cancel(timer),
    fired: (timer: TimerKey) => timers.fired(timer)
  }
}

/** Run the script: every popped event performs the next few ops; returns what ran, when, in order. */
const run = (host: Host, script: ReadonlyArray<ReadonlyArray<Op>>): Array<string> => {
  const { kernel } = host
  const ran: Array<string> = []
  let step = 0
  let others = 0
  const act = () => {
    for (const op of script[step++ % script.length]!) {
      if (op._tag === "Start") host.start(keyOf(op.key), kernel.nowMs + op.dtMs)
      else if (op._tag === "Cancel") host.cancel(keyOf(op.key))
      else kernel.schedule(kernel.nowMs + op.dtMs, { _tag: "Other", n: others++ })
    }
  }
  act()
  for (let e = kernel.pop(); e !== undefined && ran.length < 400; e = kernel.pop()) {
    if (e.event._tag === "Timer") host.fired(e.event.timer)
    ran.push(`${e.timeMs}:${e.event._tag === "Timer" ? timerId(e.event.timer) : `other${e.event.n}`}:${e.seq}`)
    if (step < 60) act()
  }
  return ran
}

describe("the timer table on the kernel", () => {
  it("runs timers where one kernel event per timer ran them, with the same sequence numbers", () => {
    fc.assert(
      fc.property(fc.array(fc.array(opArb, { maxLength: 5 }), { minLength: 1, maxLength: 20 }), (script) => {
        const reference = run(perTimerEvents(), script)
        const ran = run(oneTable(), script)
        // the wake-up entry carries the timer's own sequence number, so even `seq` matches
        expect(ran).toEqual(reference)
      }),
      { numRuns: 500 }
    )
  })

  it("moves its wake-up later only when it comes due, not at every cancel of the earliest timer", () => {
    let placed = 0
    const kernel = new (class extends Kernel<Ev> {
      override scheduleAt(timeMs: number, seq: number, event: Ev): Handle<Ev> {
        placed++
        return super.scheduleAt(timeMs, seq, event)
      }
    })()
    const timers = new KernelTimers<Ev>(kernel, (timer) => ({ _tag: "Timer", timer }))
    for (let k = 0; k < 100; k++) timers.start({ _tag: "OfferDeadline", offerId: k + 1 }, 1_000 + k)
    for (let k = 0; k < 99; k++) timers.cancel({ _tag: "OfferDeadline", offerId: k + 1 }) // each the earliest
    expect(placed).toBe(1)
    const e = kernel.pop()
    expect(e).toMatchObject({ timeMs: 1_099, event: { timer: { offerId: 100 } } })
    expect(placed).toBe(2) // placed once more, when the first wake-up came due
    if (e?.event._tag === "Timer") timers.fired(e.event.timer)
    expect(kernel.pop()).toBeUndefined()
  })
})
