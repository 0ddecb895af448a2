// SmallSet and SmallMap behave as Set and Map (members, order, sizes) under any sequence of
// changes, including a set growing past its array limit into a hash set and shrinking again.
import fc from "fast-check"
import { describe, expect, it } from "vitest"
import { SmallMap, SmallSet } from "../../core/small-set.ts"

const op = fc.oneof(
  fc.record({ k: fc.constant("add" as const), x: fc.integer({ min: 0, max: 40 }) }),
  fc.record({ k: fc.constant("delete" as const), x: fc.integer({ min: 0, max: 40 }) }),
  fc.record({ k: fc.constant("clear" as const) })
)

describe("SmallSet and SmallMap", () => {
  it("a SmallSet matches a Set", () => {
    fc.assert(
      fc.property(fc.array(op, { maxLength: 200 }), (ops) => {
        const small = new SmallSet<number>()
        const model = new Set<number>()
        for (const o of ops) {
          if (o.k === "add") {
            small.add(o.x)
            model.add(o.x)
          } else if (o.k === "delete") expect(small.delete(o.x)).toBe(model.delete(o.x))
          else {
            small.clear()
            model.clear()
          }
          expect(small.size).toBe(model.size)
          expect([...small]).toEqual([...model])
          for (let x = 0; x <= 40; x += 7) expect(small.has(x)).toBe(model.has(x))
        }
      })
    )
  })

  it("a SmallMap matches a Map", () => {
    fc.assert(
      fc.property(fc.array(op, { maxLength: 200 }), (ops) => {
        const small = new SmallMap<number, number>()
        const model = new Map<number, number>()
        ops.forEach((o, i) => {
          if (o.k === "add") {
            small.set(o.x, i)
            model.set(o.x, i)
          } else if (o.k === "delete") expect(small.delete(o.x)).toBe(model.delete(o.x))
          expect(small.size).toBe(model.size)
          expect([...small]).toEqual([...model])
          expect([...small.keys()]).toEqual([...model.keys()])
          expect(small.get(o.k === "clear" ? 0 : o.x)).toBe(model.get(o.k === "clear" ? 0 : o.x))
        })
      })
    )
  })
})
