// IdWindow behaves as a Map keyed by offer number (members, sizes, iteration in number order)
// under any mix of increasing and out-of-order numbers, deletes and windows outgrowing the ring,
// and when a few records outlive thousands of others (the window spans every number since theirs).
import fc from "fast-check"
import { describe, expect, it } from "vitest"
import { IdWindow } from "../../core/id-window.ts"

const op = fc.oneof(
  fc.record({ k: fc.constant("next" as const), gap: fc.integer({ min: 1, max: 40 }) }),
  fc.record({ k: fc.constant("at" as const), id: fc.integer({ min: 1, max: 400 }) }),
  fc.record({ k: fc.constant("delete" as const), i: fc.nat() })
)

describe("IdWindow", () => {
  it("matches a Map whose keys are iterated in ascending order", () => {
    fc.assert(
      fc.property(fc.array(op, { minLength: 50, maxLength: 300 }), (ops) => {
        const w = new IdWindow<string>()
        const model = new Map<number, string>()
        let next = 1
        ops.forEach((o, n) => {
          if (o.k === "next") {
            next += o.gap
            w.set(next, `v${n}`)
            model.set(next, `v${n}`)
          } else if (o.k === "at") {
            w.set(o.id, `v${n}`)
            model.set(o.id, `v${n}`)
          } else {
            const keys = [...model.keys()]
            const id = keys.length === 0 ? o.i : keys[o.i % keys.length]!
            expect(w.delete(id)).toBe(model.delete(id))
          }
          const sorted = [...model.entries()].sort((a, b) => a[0] - b[0])
          expect(w.size).toBe(model.size)
          expect([...w]).toEqual(sorted)
          expect([...w.values()]).toEqual(sorted.map(([, v]) => v))
          for (const id of [1, next, next + 1, 200]) expect(w.get(id)).toBe(model.get(id))
        })
      })
    )
  })

  it("matches a Map when most records close soon and a few stay open long, with late numbers", () => {
    // each new number closes after `life` more numbers; some never close until the end; some are set below
    const arrival = fc.record({
      life: fc.oneof(
        { arbitrary: fc.integer({ min: 0, max: 30 }), weight: 20 },
        { arbitrary: fc.constant(-1), weight: 1 }
      ),
      gap: fc.integer({ min: 1, max: 3 }),
      late: fc.option(fc.integer({ min: 1, max: 400 }), { freq: 30 })
    })
    fc.assert(
      fc.property(fc.array(arrival, { minLength: 200, maxLength: 1500 }), (arrivals) => {
        const w = new IdWindow<number>()
        const model = new Map<number, number>()
        const closeAt = new Map<number, Array<number>>()
        let next = 0
        arrivals.forEach((a, n) => {
          next += a.gap
          w.set(next, n)
          model.set(next, n)
          if (a.life >= 0) closeAt.set(n + a.life, [...(closeAt.get(n + a.life) ?? []), next])
          if (a.late !== null && a.late !== undefined) {
            const id = Math.max(0, next - a.late)
            w.set(id, -n)
            model.set(id, -n)
          }
          for (const id of closeAt.get(n) ?? []) expect(w.delete(id)).toBe(model.delete(id))
          expect(w.size).toBe(model.size)
          for (const id of [next, next - 7, next - 100, next - 1000]) expect(w.get(id)).toBe(model.get(id))
        })
        expect([...w]).toEqual([...model.entries()].sort((x, y) => x[0] - y[0]))
        for (const id of [...model.keys()]) expect(w.delete(id)).toBe(true)
        expect(w.size).toBe(0)
        expect([...w]).toEqual([])
      })
    )
  })
})
