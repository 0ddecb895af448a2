// Honest rounding: decimals follow the CI half-width, units follow the metric name, and the
// fixtures used by every report test are valid summaries.
import * as Schema from "effect/Schema"
import { describe, expect, it } from "vitest"
import { formatDuration } from "../../input/duration.ts"
import { decimalsFor, formatCount, formatEstimate, formatInterval, formatPoint, unitOf } from "../../reports/format.ts"
import { Summary } from "../../sim/summary/model.ts"
import { ci, erlangSummary, livechatSummary } from "./fixture.ts"

describe("format", () => {
  it("keeps one significant digit of the half-width, two when it starts with 1 or 2", () => {
    expect([0.0123, 0.045, 0.29, 3.4, 23, 47, 0].map(decimalsFor)).toEqual([3, 2, 2, 0, 0, -1, Number.NaN])
  })

  it("rounds the mean to the place its interval supports", () => {
    expect(formatEstimate(ci(0.823456, 0.0058), "percent").text).toBe("82.3% ±1.2")
    expect(formatEstimate(ci(0.823456, 0.00058), "percent").text).toBe("82.35% ±0.12")
    expect(formatEstimate(ci(14_230, 569), "seconds").text).toBe("14.2 s ±1.2")
    expect(formatEstimate(ci(123_456, 25_000), "seconds").text).toBe("120 s ±50")
    expect(formatEstimate(ci(3.4217, 0.171), "chats").text).toBe("3.4 ±0.4")
  })

  it("says n/a when there is no interval, and shows agreement as ±0", () => {
    expect(formatEstimate(ci(0.5, 0, 1), "percent").text).toBe("50.0% ±n/a")
    expect(formatEstimate(ci(0.000142, 0, 1), "percent").text).toBe("0.0142% ±n/a")
    expect(formatEstimate(ci(0, 0), "percent").text).toBe("0% ±0")
    expect(formatEstimate(ci(0.5, 0), "percent").text).toBe("50% ±0")
    expect(formatEstimate(ci(0.123, 0), "percent").text).toBe("12.3% ±0.0")
    expect(formatInterval(ci(0.5, 0, 1), "percent")).toBe("n/a")
    expect(formatEstimate(ci(0, 0, 0), "seconds").value).toBe("n/a")
  })

  it("names units from metric names and formats counts, durations and points", () => {
    expect(
      ["asaMs", "waitMs{queue:a}", "meanQueueLength", "serviceLevel.20s", "agentOccupancy", "timeToAbandonMs"].map(
        unitOf
      )
    ).toEqual(["seconds", "seconds", "chats", "percent", "percent", "seconds"])
    expect(formatPoint(0, "seconds")).toBe("0 s")
    expect(formatCount(6_412_880)).toBe("6,412,880")
    expect(formatDuration(5_400_000)).toBe("1h30m")
    expect(formatPoint(61_500, "seconds")).toBe("61.5 s")
    expect(formatPoint(142_000, "seconds")).toBe("142 s")
  })

  it("builds fixtures the Summary schema accepts", () => {
    for (const summary of [livechatSummary, erlangSummary]) {
      expect(Schema.decodeUnknownSync(Summary)(JSON.parse(JSON.stringify(summary)))).toEqual(summary)
    }
  })
})
