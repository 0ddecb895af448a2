// Execution segments for several load generators: k6's syntax parsed (fractions, decimals,
// percentages, a sequence the segment must belong to), and any cut of [0, 1] splits a plan's items
// disjointly and completely, each segment close to its share and spread over the whole plan.
import { describe, expect, it } from "vitest"
import type { Segment } from "../../live/load/segment.ts"
import { inSegment, parseSegment, WHOLE } from "../../live/load/segment.ts"

const seg = (text: string, sequence?: string): Segment => {
  const s = parseSegment(text, sequence)
  if (typeof s === "string") throw new Error(s)
  return s
}

describe("execution segments", () => {
  it("reads k6's forms", () => {
    expect(seg("1/4:2/4")).toMatchObject({ from: 0.25, to: 0.5 })
    expect(seg("0.25:0.5")).toMatchObject({ from: 0.25, to: 0.5 })
    expect(seg("25%:50%")).toMatchObject({ from: 0.25, to: 0.5 })
    expect(seg("1/3")).toMatchObject({ from: 0, to: 1 / 3 })
    expect(seg("1/4:2/4", "0,1/4,2/4,3/4,1")).toMatchObject({ from: 0.25, to: 0.5 })
  })

  it("refuses what is not a segment, naming the flag", () => {
    expect(parseSegment("2/4:1/4", undefined)).toMatch(
      /--execution-segment "2\/4:1\/4": expected a:b with 0 <= a < b <= 1/
    )
    expect(parseSegment("0:5/4", undefined)).toMatch(/expected a:b/)
    expect(parseSegment("1/4:2/4", "0,1/3,2/3,1")).toMatch(/not two consecutive points of --execution-segment-sequence/)
    expect(parseSegment("0:1", "0,1/2,1/4,1")).toMatch(
      /--execution-segment-sequence "0,1\/2,1\/4,1": expected increasing fractions/
    )
  })

  it.each([["0,1/4,2/4,3/4,1"], ["0,0.1,0.35,0.8,1"], ["0,1/3,2/3,1"]])(
    "cuts %s split 10,000 items exactly once each, near their shares",
    (sequence) => {
      const cuts = sequence.split(",")
      const segments = cuts.slice(0, -1).map((c, i) => seg(`${c}:${cuts[i + 1]}`, sequence))
      const n = 10_000
      const owners = Array.from({ length: n }, (_, i) => segments.filter((s) => inSegment(s, i)).length)
      expect(owners.every((k) => k === 1)).toBe(true)
      for (const s of segments) {
        const mine = Array.from({ length: n }, (_, i) => i).filter((i) => inSegment(s, i))
        expect(Math.abs(mine.length - (s.to - s.from) * n)).toBeLessThan(3)
        // spread over the plan: as many in its first half as in its second, give or take a few
        expect(Math.abs(mine.filter((i) => i < n / 2).length - mine.length / 2)).toBeLessThan(4)
      }
      expect(Array.from({ length: 100 }, (_, i) => inSegment(WHOLE, i)).every(Boolean)).toBe(true)
    }
  )
})
