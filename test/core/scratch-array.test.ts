// Emptying a reused scratch array leaves that same array empty, ready to be refilled in order.
import { describe, expect, it } from "vitest"
import { emptyKeepingStorage } from "../../core/scratch-array.ts"

describe("emptyKeepingStorage", () => {
  it("empties the array in place, and a refill starts from index 0", () => {
    const xs = [1, 2, 3]
    const same = xs
    emptyKeepingStorage(xs)
    expect(xs).toBe(same)
    expect(xs).toEqual([])
    xs.push(7)
    expect(xs).toEqual([7])
  })
})
