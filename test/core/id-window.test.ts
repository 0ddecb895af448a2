// IdWindow behaves as a Map keyed by offer number (members, sizes, iteration in number order)
// under any mix of increasing and out-of-order numbers, deletes and windows outgrowing the ring.
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
      fc.property(fc.array(op, { maxLength: 300 }), (ops) => {
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
})
