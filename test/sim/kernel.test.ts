// The kernel orders events by (time, scheduling order), skips cancelled ones, hands deferred ones
// back to their owner and never runs an event before the clock; a heap under random load pops in
// exactly sorted order.
import fc from "fast-check"
import { describe, expect, it } from "vitest"
import { Kernel } from "../../sim/run/kernel.ts"

describe("kernel", () => {
  it("runs same-instant events first-in first-out, earlier times first", () => {
    const k = new Kernel<string>()
    k.schedule(10, "b1")
    k.schedule(5, "a")
    k.schedule(10, "b2")
    k.schedule(7, "c")
    const order: Array<string> = []
    for (let e = k.pop(); e !== undefined; e = k.pop()) order.push(`${e.timeMs}:${e.event}`)
    expect(order).toEqual(["5:a", "7:c", "10:b1", "10:b2"])
    expect(k.nowMs).toBe(10)
  })

  it("skips cancelled events and clamps events scheduled in the past to now", () => {
    const k = new Kernel<string>()
    const x = k.schedule(3, "x")
    k.schedule(4, "y")
    k.cancel(x)
    expect(k.pop()?.event).toBe("y")
    k.schedule(1, "late")
    expect(k.pop()).toMatchObject({ timeMs: 4, event: "late" })
    expect(k.pop()).toBeUndefined()
  })

  it("places an entry at a sequence number taken earlier exactly where it would have run", () => {
    const k = new Kernel<string>()
    k.schedule(5, "a")
    const seq = k.takeSeq() // taken between a and b: runs between them at the same instant
    k.schedule(5, "b")
    k.scheduleAt(5, seq, "reserved")
    expect(k.pop()?.event).toBe("a")
    k.schedule(5, "now") // the current instant: after every entry of lower sequence number
    const order: Array<string> = []
    for (let e = k.pop(); e !== undefined; e = k.pop()) order.push(`${e.event}@${e.seq}`)
    expect(order).toEqual(["reserved@1", "b@2", "now@3"])
  })

  it("ignores a second cancel and a cancel of an event already run, and counts only live events", () => {
    const k = new Kernel<string>()
    const x = k.schedule(3, "x")
    const y = k.schedule(4, "y")
    k.schedule(5, "z")
    k.cancel(x)
    k.cancel(x)
    expect(k.size).toBe(2)
    expect(k.pop()?.event).toBe("y")
    k.cancel(y)
    expect(k.size).toBe(1)
    expect(k.peekTimeMs()).toBe(5)
    expect(k.pop()?.event).toBe("z")
    expect(k.size).toBe(0)
  })

  it("drops a deferred entry at the front and lets its owner place what runs instead", () => {
    const k = new Kernel<string>()
    const reached: Array<string> = []
    k.deferrals = {
      deferredReached: (entry) => {
        reached.push(`${entry.event}@${k.nowMs}`)
        k.schedule(entry.timeMs + 10, "moved") // the owner's choice: later than where it was
      }
    }
    const x = k.schedule(3, "x")
    const y = k.schedule(4, "y")
    const z = k.schedule(6, "z")
    k.schedule(5, "w")
    k.defer(x)
    k.defer(y)
    k.resume(y) // y runs as it was
    k.defer(z)
    k.cancel(z) // a deferred entry may still be cancelled: its owner hears nothing
    expect(k.size).toBe(3) // x (deferred), y and w
    expect(k.peekTimeMs()).toBe(4) // x dropped on the way, its replacement placed at 13
    expect(reached).toEqual(["x@0"])
    const order: Array<string> = []
    for (let e = k.pop(); e !== undefined; e = k.pop()) order.push(`${e.event}@${e.timeMs}`)
    expect(order).toEqual(["y@4", "w@5", "moved@13"])
    expect(reached).toEqual(["x@0"])
    expect(k.queued(x)).toBe(false)
  })

  it("pops any schedule in sorted (time, seq) order", () => {
    fc.assert(
      fc.property(fc.array(fc.integer({ min: 0, max: 50 }), { maxLength: 300 }), (times) => {
        const k = new Kernel<number>()
        times.forEach((t, i) => {
          k.schedule(t, i)
        })
        const out: Array<[number, number]> = []
        for (let e = k.pop(); e !== undefined; e = k.pop()) out.push([e.timeMs, e.event])
        const expected = times.map((t, i) => [t, i] as [number, number]).sort((a, b) => a[0] - b[0] || a[1] - b[1])
        expect(out).toEqual(expected)
      })
    )
  })

  it("matches a sorted-list model under interleaved schedule (past, now, later), cancel and pop", () => {
    const op = fc.oneof(
      fc.record({ k: fc.constant("schedule" as const), dt: fc.integer({ min: -3, max: 6 }) }),
      fc.record({ k: fc.constant("cancel" as const), i: fc.nat() }),
      fc.record({ k: fc.constant("pop" as const) })
    )
    fc.assert(
      fc.property(fc.array(op, { maxLength: 300 }), (ops) => {
        const k = new Kernel<number>()
        const model: Array<{ t: number; seq: number; live: boolean }> = []
        const handles: Array<ReturnType<Kernel<number>["schedule"]>> = []
        const live = () => model.filter((m) => m.live).sort((a, b) => a.t - b.t || a.seq - b.seq)
        for (const o of ops) {
          if (o.k === "schedule") {
            const seq = handles.length
            handles.push(k.schedule(k.nowMs + o.dt, seq))
            model.push({ t: Math.max(k.nowMs, k.nowMs + o.dt), seq, live: true })
          } else if (o.k === "cancel") {
            if (handles.length === 0) continue
            const j = o.i % handles.length
            k.cancel(handles[j]!)
            model[j]!.live = false
          } else {
            const next = live()[0]
            expect(k.peekTimeMs()).toBe(next?.t)
            const e = k.pop()
            expect(e?.event).toBe(next?.seq)
            if (next !== undefined) next.live = false
          }
          expect(k.size).toBe(live().length)
        }
      })
    )
  })
})
