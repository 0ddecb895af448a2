// The heap under the kernel and the timer table: pops in (atMs, seq) order, and takes any entry out
// by its item, wherever it sits, leaving the rest in order.
import fc from "fast-check"
import { describe, expect, it } from "vitest"
import { TimeHeap } from "../../core/time-heap.ts"

interface Live {
  readonly atMs: number
  readonly seq: number
  readonly item: number
}

const earliest = (live: ReadonlyArray<Live>): Live | undefined =>
  [...live].sort((a, b) => a.atMs - b.atMs || a.seq - b.seq)[0]

/** The heap holds exactly the live items, each parent (atMs, seq)-before its children. */
const expectHeapOrder = (heap: TimeHeap, live: ReadonlyArray<Live>): void => {
  const byItem = new Map(live.map((e) => [e.item, e]))
  const order = heap.itemsInHeap().map((item) => byItem.get(item)!)
  expect(order.map((e) => e.item).sort((a, b) => a - b)).toEqual(live.map((e) => e.item).sort((a, b) => a - b))
  for (let i = 1; i < order.length; i++) {
    const parent = order[(i - 1) >> 1]!
    const child = order[i]!
    expect(parent.atMs < child.atMs || (parent.atMs === child.atMs && parent.seq < child.seq)).toBe(true)
  }
}

describe("time heap", () => {
  it("removes any item and keeps popping the rest in (atMs, seq) order", () => {
    // pushes outweigh the rest, so the heap grows deep enough for a removal's filler to move up
    const op = fc.oneof(
      { arbitrary: fc.record({ k: fc.constant("push" as const), atMs: fc.integer({ min: 0, max: 50 }) }), weight: 5 },
      { arbitrary: fc.record({ k: fc.constant("pop" as const) }), weight: 1 },
      { arbitrary: fc.record({ k: fc.constant("remove" as const), pick: fc.nat() }), weight: 2 }
    )
    fc.assert(
      fc.property(fc.array(op, { minLength: 100, maxLength: 400 }), (ops) => {
        const heap = new TimeHeap()
        const live: Array<Live> = []
        const freeItems: Array<number> = []
        let nextItem = 0
        let seq = 0
        for (const o of ops) {
          if (o.k === "push") {
            // items are reused once free, as the owners' slot pools do
            const item = freeItems.pop() ?? nextItem++
            const entry = { atMs: o.atMs, seq: seq++, item }
            heap.push(entry.atMs, entry.seq, item)
            live.push(entry)
          } else if (o.k === "pop") {
            const first = earliest(live)
            if (first === undefined) continue
            expect([heap.topAtMs, heap.topSeq, heap.topItem]).toEqual([first.atMs, first.seq, first.item])
            heap.pop()
            live.splice(live.indexOf(first), 1)
            freeItems.push(first.item)
          } else {
            if (live.length === 0) continue
            const gone = live.splice(o.pick % live.length, 1)[0]!
            heap.remove(gone.item)
            freeItems.push(gone.item)
          }
          expect(heap.size).toBe(live.length)
          expectHeapOrder(heap, live)
        }
        for (let first = earliest(live); first !== undefined; first = earliest(live)) {
          expect(heap.topItem).toBe(first.item)
          heap.pop()
          live.splice(live.indexOf(first), 1)
        }
        expect(heap.size).toBe(0)
      })
    )
  })

  it("grows past its first capacity, for entries and for large item numbers alike", () => {
    const heap = new TimeHeap()
    for (let i = 0; i < 200; i++) heap.push(200 - i, i, 1000 + i)
    heap.remove(1000 + 150) // atMs 50
    const out: Array<number> = []
    while (heap.size > 0) {
      out.push(heap.topAtMs)
      heap.pop()
    }
    expect(out).toEqual(Array.from({ length: 200 }, (_, i) => i + 1).filter((t) => t !== 50))
  })
})
