// The kernel orders events by (time, scheduling order), skips cancelled ones and never runs an
// event before the clock; a heap under random load pops in exactly sorted order.
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
    for (let e = k.pop(); e !== undefined; e = k.pop()) order.push(`${k.nowMs}:${e}`)
    expect(order).toEqual(["5:a", "7:c", "10:b1", "10:b2"])
    expect(k.nowMs).toBe(10)
  })

  it("skips cancelled events and clamps events scheduled in the past to now", () => {
    const k = new Kernel<string>()
    const x = k.takeSeq()
    const slot = k.scheduleAt(3, x, "x")
    k.schedule(4, "y")
    k.cancel(slot, x)
    expect(k.pop()).toBe("y")
    k.schedule(1, "late")
    expect(k.pop()).toBe("late")
    expect(k.nowMs).toBe(4)
    expect(k.pop()).toBeUndefined()
  })

  it("places an entry at a sequence number taken earlier exactly where it would have run", () => {
    const k = new Kernel<string>()
    k.schedule(5, "a")
    const seq = k.takeSeq() // taken between a and b: runs between them at the same instant
    k.schedule(5, "b")
    k.scheduleAt(5, seq, "reserved")
    expect(k.pop()).toBe("a")
    k.schedule(5, "now") // the current instant: after every entry of lower sequence number
    const order: Array<string> = []
    for (let e = k.pop(); e !== undefined; e = k.pop()) order.push(`${e}@${k.seq}`)
    expect(order).toEqual(["reserved@1", "b@2", "now@3"])
  })

  it("ignores a second cancel, a cancel of an event already run and a stale handle to a reused slot", () => {
    const k = new Kernel<string>()
    const at = (timeMs: number, event: string) => {
      const seq = k.takeSeq()
      return { slot: k.scheduleAt(timeMs, seq, event), seq }
    }
    const x = at(3, "x")
    const y = at(4, "y")
    k.schedule(5, "z")
    k.cancel(x.slot, x.seq)
    k.cancel(x.slot, x.seq)
    expect(k.size).toBe(2)
    expect(k.pop()).toBe("y")
    k.cancel(y.slot, y.seq)
    expect(k.size).toBe(1)
    const w = at(6, "w") // reuses a slot freed above
    expect([x.slot, y.slot]).toContain(w.slot)
    k.cancel(x.slot, x.seq)
    k.cancel(y.slot, y.seq)
    expect(k.size).toBe(2)
    expect(k.peekTimeMs()).toBe(5)
    expect(k.pop()).toBe("z")
    expect(k.pop()).toBe("w")
    expect(k.size).toBe(0)
  })

  it("pops any schedule in sorted (time, seq) order", () => {
    fc.assert(
      fc.property(fc.array(fc.integer({ min: 0, max: 50 }), { maxLength: 300 }), (times) => {
        const k = new Kernel<number>()
        times.forEach((t, i) => {
          k.schedule(t, i)
        })
        const out: Array<[number, number]> = []
        for (let e = k.pop(); e !== undefined; e = k.pop()) out.push([k.nowMs, e])
        const expected = times.map((t, i) => [t, i] as [number, number]).sort((a, b) => a[0] - b[0] || a[1] - b[1])
        expect(out).toEqual(expected)
      })
    )
  })

  it("matches a sorted-list model under interleaved schedule (past, now, later), cancel and pop", () => {
    const op = fc.oneof(
      fc.record({ k: fc.constant("schedule" as const), dt: fc.integer({ min: -3, max: 6 }), at: fc.boolean() }),
      fc.record({ k: fc.constant("cancel" as const), i: fc.nat() }),
      fc.record({ k: fc.constant("pop" as const) })
    )
    fc.assert(
      fc.property(fc.array(op, { maxLength: 300 }), (ops) => {
        const k = new Kernel<number>()
        const model: Array<{ t: number; seq: number; live: boolean }> = []
        /** Per entry: its (slot, seq) when placed with scheduleAt (cancellable), else undefined. */
        const handles: Array<{ slot: number; seq: number } | undefined> = []
        const live = () => model.filter((m) => m.live).sort((a, b) => a.t - b.t || a.seq - b.seq)
        for (const o of ops) {
          if (o.k === "schedule") {
            const seq = handles.length
            const t = Math.max(k.nowMs, k.nowMs + o.dt)
            if (o.at) {
              expect(k.takeSeq()).toBe(seq)
              handles.push({ slot: k.scheduleAt(t, seq, seq), seq })
            } else {
              k.schedule(k.nowMs + o.dt, seq)
              handles.push(undefined)
            }
            model.push({ t, seq, live: true })
          } else if (o.k === "cancel") {
            if (handles.length === 0) continue
            const j = o.i % handles.length
            const h = handles[j]
            if (h === undefined) continue
            k.cancel(h.slot, h.seq)
            model[j]!.live = false
          } else {
            const next = live()[0]
            expect(k.peekTimeMs()).toBe(next?.t)
            const e = k.pop()
            expect(e).toBe(next?.seq)
            if (next !== undefined) {
              next.live = false
              expect([k.nowMs, k.seq]).toEqual([next.t, next.seq])
            }
          }
          expect(k.size).toBe(live().length)
        }
      })
    )
  })
})
