// The A/B arithmetic of bench/compare.ts: warm-up rounds are dropped, the ratio is of the totals
// (chats over CPU seconds), the median of the per-round ratios resists one slow round.
import { describe, expect, it } from "vitest"
import { compareRounds } from "../../bench/compare-rounds.ts"

const round = (hereCpu: number, otherCpu: number) => ({
  here: { chats: 1_000, cpuSeconds: hereCpu },
  other: { chats: 1_000, cpuSeconds: otherCpu }
})

describe("compare rounds", () => {
  it("drops the warm-up rounds and compares the totals and the median round", () => {
    // warm-up: wildly off, must not count; then here is 2x faster twice and 4x slower once
    const c = compareRounds([round(100, 1), round(100, 1), round(1, 2), round(1, 2), round(8, 2)], 2)
    expect(c.measuredRounds).toBe(3)
    expect(c.hereChatsPerCpuSec).toBe(300)
    expect(c.otherChatsPerCpuSec).toBe(500)
    expect(c.ratio).toBeCloseTo(0.6, 12)
    expect(c.medianRoundRatio).toBeCloseTo(2, 12)
  })

  it("takes the mean of the middle two for an even number of rounds", () => {
    expect(compareRounds([round(1, 1), round(1, 2), round(1, 4), round(2, 1)], 0).medianRoundRatio).toBeCloseTo(1.5, 12)
  })

  it("refuses when no round is left to measure", () => {
    expect(() => compareRounds([round(1, 1)], 2)).toThrow("no round left to measure after 2 warm-up round(s)")
  })
})
