// The CI swarm: 500 seeds through the real engine pass, and every required coverage counter is
// hit (the run's time is printed, not asserted). A seed is deterministic: same counters, same
// inputs, twice. Re-running a seed's own inputs reproduces it event for event.
import { describe, expect, it } from "vitest"
import type { Command } from "../../../core/commands.ts"
import { configProblems } from "../../../core/config.ts"
import { RoutingEngine } from "../../../core/engine.ts"
import type { Event } from "../../../core/events.ts"
import { drawCenter } from "../../../sim/swarm/center.ts"
import { Chaos } from "../../../sim/swarm/chaos.ts"
import { Coverage, REQUIRED_COUNTERS } from "../../../sim/swarm/coverage.ts"
import { drain } from "../../../sim/swarm/drain.ts"
import { Harness } from "../../../sim/swarm/harness.ts"
import { rerun } from "../../../sim/swarm/rerun.ts"
import { DEFAULT_CENTER, runSeed } from "../../../sim/swarm/seed-run.ts"
import { describeFailure, runSwarm } from "../../../sim/swarm/swarm.ts"

const SEEDS = 500

describe(`the swarm over ${SEEDS} seeds`, () => {
  const started = process.hrtime.bigint()
  const report = runSwarm({ seeds: SEEDS, from: 1, outDir: "reports/out/swarm" })
  const seconds = Number(process.hrtime.bigint() - started) / 1e9
  console.log(
    `swarm: ${SEEDS} seeds, ${report.inputs} inputs in ${seconds.toFixed(1)} s\n${report.coverage.table().join("\n")}`
  )

  it("passes every seed: no violation, no exception, every drain finishes", () => {
    const f = report.failure
    expect(f === undefined ? [] : [`seed ${f.seed.seed}`, ...describeFailure(f.failure)]).toEqual([])
    expect(report.seedsRun).toBe(SEEDS)
  })

  it("hits every required coverage counter", () => {
    expect(report.coverage.missing()).toEqual([])
    for (const id of REQUIRED_COUNTERS) expect(report.coverage.counts.get(id)).toBeGreaterThan(0)
  })
})

describe("one seed", () => {
  it("draws a consistent center with 1-3 queues and 2-10 agents of capacity 1-4", () => {
    for (let seed = 1; seed <= 200; seed++) {
      const c = drawCenter(seed, DEFAULT_CENTER).config
      expect(configProblems(c)).toEqual([])
      expect(c.queues.length).toBeGreaterThanOrEqual(1)
      expect(c.queues.length).toBeLessThanOrEqual(3)
      expect(c.agents.length).toBeGreaterThanOrEqual(2)
      expect(c.agents.length).toBeLessThanOrEqual(10)
      for (const a of c.agents) expect(a.capacity).toBeGreaterThanOrEqual(1)
      for (const a of c.agents) expect(a.capacity).toBeLessThanOrEqual(4)
      for (const q of c.queues) expect(c.agents.some((a) => a.queues.includes(q.id))).toBe(true)
    }
  })

  it("is deterministic: the same counters and inputs twice", () => {
    const run = () => {
      const coverage = new Coverage()
      const r = runSeed(42, coverage)
      return { counts: [...coverage.counts], inputs: r.inputs, count: r.inputCount, endMs: r.endMs }
    }
    const a = run()
    expect(a.count).toBeGreaterThan(100)
    expect(run()).toEqual(a)
  })

  it("re-running its own inputs through a fresh engine reproduces it event for event", () => {
    for (const seed of [3, 17, 99]) {
      const center = drawCenter(seed, DEFAULT_CENTER)
      const log = (into: Array<string>) => ({
        after: (c: Command, atMs: number, events: ReadonlyArray<Event>) =>
          void into.push(`${atMs} ${JSON.stringify(c)} ${JSON.stringify(events)}`)
      })
      const original: Array<string> = []
      const h = new Harness(center.config, RoutingEngine.layer)
      h.observe(log(original))
      new Chaos(h, center).run()
      const inputs = h.external.slice()
      drain(h, center.safetyMs)
      const again: Array<string> = []
      rerun({ config: center.config, safetyMs: center.safetyMs }, RoutingEngine.layer, inputs, { observer: log(again) })
      expect(again.length).toBe(original.length)
      expect(again).toEqual(original)
    }
  })
})
