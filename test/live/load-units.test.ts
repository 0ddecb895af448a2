// The load driver's pure parts: the open-model arrival plan (rate x time scale x load scale, the
// profile laid over the duration, bounded), loopback-only targets, option and threshold problems
// named by flag, agent-group mapping onto the demo center, and the generated server config.
import { join } from "node:path"
import { describe, expect, it } from "vitest"
import { decodeConfig } from "../../live/config.ts"
import { planArrivals } from "../../live/load/arrivals.ts"
import { demoDirectory, mapAgents, slotRatio } from "../../live/load/directory.ts"
import { checkOptions, targetOf } from "../../live/load/options.ts"
import { scaledCounts, serverConfigFor } from "../../live/load/server-config.ts"
import { COUNTERS } from "../../live/load/summary.ts"
import { evaluateLoadThresholds, parseLoadThresholds } from "../../live/load/thresholds.ts"
import { loadScenario } from "../../sim/scenario/load.ts"
import type { Scenario } from "../../sim/scenario/model.ts"
import { root } from "../support/cli.ts"

const scenario = (name = "default"): Scenario => {
  const r = loadScenario(join(root, `scenarios/${name}.yaml`))
  if (r._tag !== "Loaded") throw new Error(r.problems.join("\n"))
  return r.scenario
}

const raw = {
  url: "ws://127.0.0.1:8080",
  duration: "60s",
  timeScale: undefined,
  loadScale: undefined,
  drain: undefined,
  seed: undefined,
  maxChats: undefined,
  maxOpenChats: undefined,
  sourceAddresses: undefined,
  allowRemote: false
}

describe("arrival plan", () => {
  it("scales the scenario's rate by time and load scale, deterministically, within the duration", () => {
    const s = scenario()
    const o = { durationMs: 600_000, timeScale: 60, loadScale: 0.1, seed: 7, maxChats: 1_000_000 }
    const a = planArrivals(s, o)
    // about 750 chats/h + 24 proactive/h scenario time -> x60 x0.1 = ~1.3/s
    expect(a.meanPerSec).toBeGreaterThan(1)
    expect(a.meanPerSec).toBeLessThan(1.6)
    expect(a.arrivals.length / 600).toBeGreaterThan(a.meanPerSec * 0.85)
    expect(a.arrivals.length / 600).toBeLessThan(a.meanPerSec * 1.15)
    expect(
      a.arrivals.every((x, i) => x.atMs >= 0 && x.atMs < 600_000 && (i === 0 || a.arrivals[i - 1]!.atMs <= x.atMs))
    ).toBe(true)
    expect(a.arrivals.some((x) => x.proactive)).toBe(true)
    expect(planArrivals(s, o)).toEqual(a)
    const capped = planArrivals(s, { ...o, maxChats: 10 })
    expect(capped.arrivals.length).toBe(10)
    expect(capped.dropped).toBe(a.arrivals.length - 10)
  })
})

describe("options", () => {
  it("refuses non-loopback targets unless allowed, and names every bad flag", () => {
    expect(targetOf("ws://127.0.0.1:8080", false)).toEqual({ http: "http://127.0.0.1:8080", ws: "ws://127.0.0.1:8080" })
    expect(targetOf("ws://example.com:8080", false)).toMatch(/not a loopback address/)
    expect(typeof targetOf("ws://example.com:8080", true)).toBe("object")
    const r = checkOptions({ ...raw, url: "ftp://x", duration: "forever", timeScale: 0, maxChats: 1.5 })
    expect("problems" in r && r.problems.join("\n")).toMatch(
      /--url[\s\S]*--duration[\s\S]*--time-scale[\s\S]*--max-chats/
    )
    expect("options" in checkOptions(raw)).toBe(true)
  })

  it("parses k6-style thresholds and evaluates them", () => {
    const bad = parseLoadThresholds(
      ["latency<3", "messageLatencyMs:p(99)", "lostMessages:p(99)<1", "foo:count==0"],
      COUNTERS
    )
    expect("problems" in bad && bad.problems.length).toBe(4)
    const good = parseLoadThresholds(
      ["messageLatencyMs:p(99)<500", "lostMessages:count==0", "chatsStarted:value>0"],
      COUNTERS
    )
    if (!("parsed" in good)) throw new Error(good.problems.join("\n"))
    const trend = { count: 3, min: 1, avg: 2, p50: 2, p90: 3, p95: 3, p99: 600, max: 700, at: () => 600 }
    const results = evaluateLoadThresholds(good.parsed, {
      trend: () => trend,
      counter: (n) => (n === "chatsStarted" ? 5 : 0)
    })
    expect(results.map((r) => r.ok)).toEqual([false, true, true])
  })
})

describe("agents", () => {
  it("maps the scenario's groups onto the demo center by queue overlap, keeping every group if it can", () => {
    const played = mapAgents(scenario(), demoDirectory())
    if (typeof played === "string") throw new Error(played)
    expect(played.map((a) => a.id)).toEqual(["alice", "bob", "carol", "dave", "erin"])
    expect(new Set(played.map((a) => a.group.id)).size).toBe(3)
    expect(slotRatio(scenario(), played)).toBeCloseTo(15 / 195, 5)
  })

  it("writes a server config serve accepts, with groups scaled down and timers divided by the time scale", () => {
    const s = scenario()
    expect(scaledCounts(s, 14)).toEqual([4, 7, 3])
    const file = serverConfigFor(s, 60, 14)
    expect(file.agents.length).toBe(14)
    expect(file.routing?.offerTimeout).toBe(1_000)
    const loaded = decodeConfig(JSON.parse(JSON.stringify(file)))
    expect(loaded._tag).toBe("Loaded")
  })
})
