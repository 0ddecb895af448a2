// The workload and the measurements against numbers known in advance, on the defects a planner
// would hire against: Poisson arrival counts at very high and very low rates, occupancy when
// traffic is light (integrals closed at the horizon), P(wait) and ASA when agents take time to
// accept, and disconnect outages that each have their own length.
import { describe, expect, it } from "vitest"
import type { Event } from "../../core/events.ts"
import { runScenario } from "../../sim/run/assemble.ts"
import { runReplication } from "../../sim/run/replication.ts"
import { erlangScenario } from "../../sim/scenario/erlang-style.ts"
import type { Scenario } from "../../sim/scenario/model.ts"
import { PoissonProcess } from "../../sim/workload/arrivals.ts"
import { Draws, Sequence } from "../../sim/workload/draws.ts"
import { STREAMS } from "../../sim/workload/streams.ts"

const HOUR = 3_600_000

/** Events of one Poisson stream of `perHour` over `horizonMs`, summed over `reps` seeds. */
const poissonCount = (perHour: number, horizonMs: number, reps: number): number => {
  let n = 0
  for (let r = 0; r < reps; r++) {
    const seq = new Sequence(new Draws(1000 + r), STREAMS.arrivals, 0)
    const p = new PoissonProcess(
      seq,
      [{ startMs: 0, endMs: horizonMs, fromPerHour: perHour, toPerHour: perHour }],
      horizonMs
    )
    for (let t = p.next(); t !== undefined; t = p.next()) n++
  }
  return n
}

describe("workload fidelity", () => {
  it.each([
    ["100 chats/s for 1,000 s, 5 replications", 360_000, 1_000_000, 5],
    ["1 chat/h for 100,000 h", 1, 100_000 * HOUR, 1]
  ])("%s: the arrival count is Poisson (within 3.3 sd of its mean)", (_, perHour, horizonMs, reps) => {
    const expected = (perHour * horizonMs * reps) / HOUR
    const n = poissonCount(perHour, horizonMs, reps)
    expect(Math.abs(n - expected), `${n} arrivals, expected ${expected}`).toBeLessThan(3.3 * Math.sqrt(expected))
  })

  it("occupancy at light traffic counts the idle time up to the horizon (1 agent, 2 chats/h, fixed 6 min)", () => {
    const base = erlangScenario({
      agents: 1,
      load: 0.2,
      handleMs: 360_000,
      horizonMs: 5 * HOUR,
      replications: 400,
      seed: 3
    })
    const s: Scenario = {
      ...base,
      agents: base.agents.map((g) => ({ ...g, handleTime: { _tag: "fixed", value: 360_000 } }))
    }
    const r = runScenario(s, { audit: false })
    if (r._tag !== "Done") throw new Error(r.violation.message)
    // busy time in [0, H] = work arrived - work left at H: 0.2 - (M/D/1 mean workload 0.0125 h) / 5 h = 0.1975
    const u = r.summary.overall.metrics.slotUtilization
    expect(u.ci99![0]).toBeLessThan(0.1975)
    expect(u.ci99![1]).toBeGreaterThan(0.1975)
    expect(r.summary.overall.metrics.agentOccupancy.mean).toBeCloseTo(u.mean!, 12)
  })

  it("an accept delay is not waiting in line: P(wait) near 0, ASA = queue wait + accept delay", () => {
    const base = erlangScenario({
      agents: 20,
      load: 0.2,
      handleMs: 60_000,
      horizonMs: 4 * HOUR,
      replications: 3,
      seed: 5
    })
    const s: Scenario = {
      ...base,
      agents: base.agents.map((g) => ({ ...g, acceptDelay: { _tag: "fixed", value: 5_000 } }))
    }
    const r = runScenario(s, { audit: true })
    if (r._tag !== "Done") throw new Error(r.violation.message)
    const m = r.summary.overall.metrics
    expect(m.probWait.mean).toBeLessThan(0.01)
    expect(m.acceptDelayMs.mean).toBe(5_000)
    expect(m.queueWaitMs.mean).toBeLessThan(100)
    expect(m.asaMs.mean).toBeCloseTo(m.queueWaitMs.mean! + m.acceptDelayMs.mean!, 6)
    expect(m.serviceLevel["20s"]!.mean).toBeGreaterThan(0.99)
  })

  it("each disconnect outage of an agent draws its own length, so some outlast the grace period and some do not", () => {
    const base = erlangScenario({ agents: 2, load: 0.3, handleMs: 60_000, horizonMs: 8 * HOUR, seed: 9 })
    const s: Scenario = {
      ...base,
      faults: { disconnects: { perAgentPerHour: 2, duration: { _tag: "exponential", mean: 20_000 } } }
    }
    const down = new Map<string, number>()
    const outages = new Map<string, Array<number>>()
    let withinGrace = 0
    let pastGrace = 0
    const observe = (_: unknown, __: number, events: ReadonlyArray<Event>) => {
      for (const e of events) {
        if (e._tag === "AgentDisconnected") down.set(e.agentId, e.atMs)
        if (e._tag === "AgentLoggedOut" && e.cause === "disconnect") pastGrace++
        // the link is back: a reconnect within the grace period, or a new login after it
        if ((e._tag === "AgentReconnected" || e._tag === "AgentLoggedIn") && down.has(e.agentId)) {
          if (e._tag === "AgentReconnected") withinGrace++
          outages.set(e.agentId, [...(outages.get(e.agentId) ?? []), e.atMs - down.get(e.agentId)!])
          down.delete(e.agentId)
        }
      }
    }
    const r = runReplication(s, { seed: 9, audit: true, observe })
    expect(r.violation).toBeUndefined()
    expect([...outages.keys()].sort()).toEqual(["tier1-1", "tier1-2"])
    for (const [agent, lengths] of outages) {
      expect(lengths.length, agent).toBeGreaterThan(3)
      expect(new Set(lengths).size, `${agent}: ${lengths.join(", ")}`).toBeGreaterThan(lengths.length / 2)
    }
    expect(withinGrace).toBeGreaterThan(0)
    expect(pastGrace).toBeGreaterThan(0)
  })
})
