// Who is on duty when: all-at-once breaks take the whole group off together, staggered ones spread
// the group over the window (the first at its start, the last ending at its end), the roster per
// interval counts agents on duty (logged in, not on break), and a staffing duty vector takes agents
// on and off duty per interval, each finishing its chats before logging out. Checked on the roster
// functions and on audited simulations.
import { describe, expect, it } from "vitest"
import type { Event } from "../../core/events.ts"
import { runReplication } from "../../sim/run/replication.ts"
import { loadScenarioText } from "../../sim/scenario/load.ts"
import type { Scenario } from "../../sim/scenario/model.ts"
import { agentSchedule, rosterOf } from "../../sim/workload/roster.ts"

const HOUR = 3_600_000
const MIN = 60_000

const scenario = (breaks: string, extra = ""): Scenario => {
  const l = loadScenarioText(
    `
name: breaks
horizon: 4h
interval: 30m
replications: 1
queues: [{ id: q }]
arrivals: [{ queue: q, executor: constant-arrival-rate, rate: 30, timeUnit: 1h }]
agents:
  - { id: team, count: 5, capacity: 2, handleTime: { dist: exponential, mean: 4m }, shift: { start: 0s, end: 4h }, breaks: ${breaks} ${extra} }
`,
    "yaml"
  )
  if (l._tag !== "Loaded") throw new Error(l.problems.join("\n"))
  return l.scenario
}

describe("breaks and the roster", () => {
  it("an all-at-once break takes the whole group off together: no one on duty in that half hour", () => {
    const s = scenario("[{ start: 1h, duration: 30m, code: Lunch }]")
    const g = s.agents[0]!
    expect(new Set([0, 1, 2, 3, 4].map((n) => agentSchedule(s, g, n).breaks[0]!.startMs))).toEqual(new Set([HOUR]))
    expect(rosterOf(s)[0]).toEqual([5, 5, 0, 5, 5, 5, 5, 5])
  })

  it("a staggered break spreads the group evenly over its window", () => {
    const s = scenario("[{ window: [1h, 3h], duration: 30m, code: Lunch }]")
    const g = s.agents[0]!
    const starts = [0, 1, 2, 3, 4].map((n) => agentSchedule(s, g, n).breaks[0]!.startMs)
    // 5 agents over [1h, 2h30m] (the last break ends at 3h): every 22.5 minutes
    expect(starts).toEqual([60, 82.5, 105, 127.5, 150].map((m) => m * MIN))
    expect(agentSchedule(s, g, 4).breaks[0]!.endMs).toBe(3 * HOUR)
    const roster = rosterOf(s)[0]!
    expect(roster.slice(0, 2)).toEqual([5, 5])
    expect(roster.slice(6)).toEqual([5, 5])
    // 2.5 agent-hours of break spread over 1h-3h: 4 on duty on average there, never 0
    expect(roster.slice(2, 6).reduce((a, b) => a + b, 0) / 4).toBeCloseTo(5 - 2.5 / 2, 9)
    expect(Math.min(...roster)).toBeGreaterThanOrEqual(3)
  })

  it("each agent takes a staggered break at its own time in the simulation (audited)", () => {
    const s = scenario("[{ window: [1h, 3h], duration: 30m, code: Lunch }]")
    const lunches = new Map<string, number>()
    const r = runReplication(s, {
      seed: 3,
      audit: true,
      observe: (_, __, events: ReadonlyArray<Event>) => {
        for (const e of events) {
          if (e._tag === "PresenceChanged" && e.presence._tag === "Idle" && e.presence.code === "Lunch")
            lunches.set(e.agentId, e.atMs)
        }
      }
    })
    expect(r.violation).toBeUndefined()
    expect([...lunches.values()].sort((a, b) => a - b)).toEqual(
      [60, 82.5, 105, 127.5, 150].map((m) => Math.round(m * MIN))
    )
  })

  it("refuses a break with both start and window, and a window shorter than the break", () => {
    const bad = loadScenarioText(
      `
name: bad
horizon: 4h
queues: [{ id: q }]
agents:
  - id: team
    count: 2
    handleTime: { dist: fixed, value: 1m }
    breaks: [{ start: 1h, window: [1h, 2h], duration: 15m }, { window: [3h, 3h10m], duration: 15m }]
`,
      "yaml"
    )
    expect(bad._tag).toBe("Invalid")
    if (bad._tag !== "Invalid") return
    expect(bad.problems).toContain(
      "agents[0].breaks[0]: give start (all agents at once) or window: [start, end] (staggered), not both"
    )
    expect(bad.problems).toContain("agents[0].breaks[1].window: is 10m long, shorter than the break's duration (15m)")
  })

  it("a duty vector takes agents on and off duty per interval; leaving agents finish their chats (audited)", () => {
    const base = scenario("[]")
    const duty = [2, 5, 5, 1, 1, 3, 3, 2]
    const s: Scenario = { ...base, agents: [{ ...base.agents[0]!, count: 5, duty }] }
    expect(rosterOf(s)[0]).toEqual(duty)
    // team-3 (n = 2): on in intervals 1-2 and 5-6; the last interval's staffing also covers the drain
    expect(agentSchedule(s, s.agents[0]!, 2).shifts).toEqual([
      { startMs: 0.5 * HOUR, endMs: 1.5 * HOUR },
      { startMs: 2.5 * HOUR, endMs: 3.5 * HOUR }
    ])
    expect(agentSchedule(s, s.agents[0]!, 0).shifts).toEqual([{ startMs: 0, endMs: Infinity }])
    const loggedIn = new Map<string, number>()
    let idleWithWork = 0
    const r = runReplication(s, {
      seed: 4,
      audit: true,
      observe: (_, __, events: ReadonlyArray<Event>) => {
        for (const e of events) {
          if (e._tag === "AgentLoggedIn") loggedIn.set(e.agentId, (loggedIn.get(e.agentId) ?? 0) + 1)
          if (e._tag === "PresenceChanged" && e.presence._tag === "Idle" && e.presence.code === "EndOfShift")
            idleWithWork++
        }
      }
    })
    expect(r.violation).toBeUndefined()
    expect(r.stuckChats).toBe(0)
    expect(loggedIn.get("team-1")).toBe(1)
    expect(loggedIn.get("team-3")).toBe(2) // two spans on duty: two logins
    expect(loggedIn.get("team-5")).toBe(1)
    expect(idleWithWork).toBeGreaterThan(0) // some left while still holding a chat, and finished it first
  })
})
