// `livechat-sim staff` end to end in a child process: the done-when line of issue #4 (on the
// Erlang A scenario it returns the Erlang A minimum or one more agent), the JSON shape and the
// HTML report, per-interval staffing when arrivals vary (each interval agrees with Erlang A for
// its rate within one agent), and exit 2 for bad targets and flags, without a stack trace.
import { mkdtempSync, readFileSync, writeFileSync } from "node:fs"
import { tmpdir } from "node:os"
import { join } from "node:path"
import { describe, expect, it } from "vitest"
import { cli } from "../support/cli.ts"
import { minServers, serviceLevelAtLeast } from "../../sim/theory/erlang.ts"

const dir = mkdtempSync(join(tmpdir(), "livechat-sim-staff-"))


const erlangAMin = (arrivalsPerHour: number, handleMs: number, patienceMs: number): number =>
  minServers({ model: "erlang-a", arrivalsPerHour, handleMs, patienceMs, meets: serviceLevelAtLeast(0.8, 20_000) })!

// one queue, Erlang A in each hour: 240/h, then 360/h (a step between the report intervals)
const ramp = `
name: staff-ramp
seed: 5
horizon: 3h
warmup: 1h
interval: 1h
replications: 8
queues: [{ id: support }]
arrivals:
  - queue: support
    executor: ramping-arrival-rate
    startRate: 240
    timeUnit: 1h
    stages: [{ duration: 2h, target: 240 }, { duration: 1ms, target: 360 }, { duration: 1h, target: 360 }]
customers: { patience: { dist: exponential, mean: 180s } }
agents:
  - { id: a, count: 10, queues: [support], capacity: 1, handleTime: { dist: exponential, mean: 240s } }
`

describe("livechat-sim staff", () => {
  it("on the Erlang A scenario returns the Erlang A minimum or one more agent; JSON and HTML written", () => {
    const expected = erlangAMin(570, 300_000, 120_000) // scenarios/erlang-a.yaml: 9.5/min, 300 s, 120 s
    const [json, html] = [join(dir, "s.json"), join(dir, "s.html")]
    const r = cli(["staff", "scenarios/erlang-a.yaml", "--target", "serviceLevel.20s>=0.8", "--json", json, "--report", html])
    expect(r.code, r.stderr).toBe(0)
    const { staffing } = JSON.parse(readFileSync(json, "utf8"))
    expect(staffing).toHaveLength(1)
    const row = staffing[0]
    expect(row).toMatchObject({ group: "agents", interval: "1:00-8:00", erlangEstimate: expected, met: true })
    expect([expected, expected + 1]).toContain(row.agents)
    expect(row.metrics["serviceLevel.20s"].ci[0]).toBeGreaterThanOrEqual(0.8)
    expect(r.stdout).toMatch(new RegExp(`1:00-8:00\\s+agents\\s+${row.agents}\\s+${expected}\\s+570`))
    const page = readFileSync(html, "utf8")
    expect(page).toContain(`data-chart="staff-agents"`)
    expect(page).not.toMatch(/<script/i)
  })

  it("staffs each interval of varying arrivals as a stationary period, each within one agent of Erlang A", () => {
    const path = join(dir, "ramp.yaml")
    writeFileSync(path, ramp)
    const json = join(dir, "ramp.json")
    const r = cli(["staff", path, "--target", "serviceLevel.20s>=0.8", "--no-audit", "--json", json, "--report", join(dir, "ramp.html")])
    expect(r.code, r.stderr).toBe(0)
    const { staffing, perInterval } = JSON.parse(readFileSync(json, "utf8"))
    expect(perInterval).toBe(true)
    expect(staffing.map((s: { interval: string }) => s.interval)).toEqual(["1:00-2:00", "2:00-3:00"])
    const mins = [erlangAMin(240, 240_000, 180_000), erlangAMin(360, 240_000, 180_000)]
    staffing.forEach((s: { agents: number; erlangEstimate: number }, i: number) => {
      expect(s.erlangEstimate).toBe(mins[i])
      expect([mins[i], mins[i]! + 1]).toContain(s.agents)
    })
  })

  it("exits 2 listing every bad target and flag, naming each, with no stack trace", () => {
    const r = cli(["staff", "scenarios/erlang-a.yaml", "--target", "serviceLevel.20s<=0.8", "--target", "ronaRate<=0.1",
      "--target", "serviceLevel.30s>=0.8", "--target", "asaMs<=fast", "--target", "asaMs{queue:nope}<=20000", "--confidence", "2",
      "--target", "serviceLevel.20s>=80", "--target", "abandonRate<=5", "--target", "sla>=0.8"])
    expect(r.code).toBe(2)
    expect(r.stderr).toMatch(/--target "serviceLevel\.20s<=0\.8": serviceLevel\.20s grows with staff; use >= or >/)
    expect(r.stderr).toMatch(/--target "ronaRate<=0\.1": ronaRate does not move steadily with staff/)
    expect(r.stderr).toMatch(/--target "serviceLevel\.30s>=0\.8": unknown service-level threshold "30s"; the run has 20s, 1m/)
    expect(r.stderr).toMatch(/--target "asaMs<=fast": bad number "fast"/)
    expect(r.stderr).toMatch(/unknown queue "nope"; known queues: support/)
    expect(r.stderr).toMatch(/--confidence 2: expected a number from 0\.5 to 0\.999/)
    expect(r.stderr).toContain(`--target "serviceLevel.20s>=80": serviceLevel is a ratio in [0, 1]; did you mean 0.8?`)
    expect(r.stderr).toContain(`--target "abandonRate<=5": abandonRate is a ratio in [0, 1]; did you mean 0.05?`)
    expect(r.stderr).toMatch(/--target "sla>=0\.8": unknown metric "sla"; known metrics: probWait, abandonRate, .*agentOccupancy/)
    expect(r.stderr).not.toMatch(/\bat .*\.ts:\d+/)
    const none = cli(["staff", "scenarios/erlang-a.yaml"])
    expect(none.code).toBe(2)
    expect(none.stderr).toMatch(/no --target given/)
  })
})
