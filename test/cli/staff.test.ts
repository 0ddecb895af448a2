// `livechat-sim staff` end to end in a child process: on the stationary Erlang A scenario the
// requirement is the Erlang A minimum or one more agent; on the bundled intraday-peak day every
// interval gets a requirement per staffing group with the roster and its gap, paid staff with
// shrinkage, the CSV and the HTML charts; --table gives the Erlang-calculator view; bad targets
// and flags exit 2, naming each, without a stack trace.
import { mkdtempSync, readFileSync } from "node:fs"
import { tmpdir } from "node:os"
import { join } from "node:path"
import { describe, expect, it } from "vitest"
import { minServers, serviceLevelAtLeast } from "../../sim/theory/erlang.ts"
import { cli } from "../support/cli.ts"

const dir = mkdtempSync(join(tmpdir(), "livechat-sim-staff-"))

const erlangAMin = (arrivalsPerHour: number, handleMs: number, patienceMs: number): number =>
  minServers({ model: "erlang-a", arrivalsPerHour, handleMs, patienceMs, meets: serviceLevelAtLeast(0.8, 20_000) })!

describe("livechat-sim staff", () => {
  it("on the Erlang A scenario returns the Erlang A minimum or one more agent; JSON and HTML written", () => {
    const expected = erlangAMin(570, 300_000, 120_000) // scenarios/erlang-a.yaml: 9.5/min, 300 s, 120 s
    const [json, html] = [join(dir, "s.json"), join(dir, "s.html")]
    const r = cli([
      "staff",
      "scenarios/erlang-a.yaml",
      "--target",
      "serviceLevel.20s>=0.8",
      "--json",
      json,
      "--report",
      html
    ])
    expect(r.code, r.stderr).toBe(0)
    const { staffing, periods } = JSON.parse(readFileSync(json, "utf8"))
    expect(staffing).toHaveLength(1) // constant arrivals: one staffing for the counted span
    const row = staffing[0]
    expect(row).toMatchObject({
      group: "agents",
      interval: "1:00-8:00",
      startMs: 3_600_000,
      endMs: 28_800_000,
      erlangEstimate: expected
    })
    expect([expected, expected + 1]).toContain(row.agents)
    expect(periods[0].achieved["serviceLevel.20s"].ci[0]).toBeGreaterThanOrEqual(0.8)
    expect(r.stdout).toMatch(new RegExp(`1:00-8:00\\s+570\\s+47\\.5\\s+${row.agents}\\s+${expected}\\s`))
    const page = readFileSync(html, "utf8")
    for (const chart of ["requirement-roster", "requirement-groups", "achieved"])
      expect(page).toContain(`data-chart="${chart}"`)
    expect(page).not.toMatch(/<script/i)
  })

  it("staffs the intraday-peak day per interval and staffing group, with the roster, its gap, paid staff and a CSV", () => {
    const [json, csv] = [join(dir, "day.json"), join(dir, "day.csv")]
    const r = cli([
      "staff",
      "scenarios/intraday-peak.yaml",
      "--target",
      "serviceLevel.20s>=0.8",
      "--target",
      "abandonRate<=0.05",
      "--shrinkage",
      "0.3",
      "--json",
      json,
      "--csv",
      csv,
      "--report",
      join(dir, "day.html"),
      "--no-audit"
    ])
    expect(r.code, r.stderr).toBe(0)
    const s = JSON.parse(readFileSync(json, "utf8"))
    // early, mid and late differ only by shift: one staffing group; peak-cover serves support only
    expect(s.groups.map((g: { id: string }) => g.id)).toEqual(["early+mid+late", "peak-cover"])
    expect(s.periods).toHaveLength(20)
    expect(s.staffing).toHaveLength(40)
    for (const row of s.staffing) {
      expect(Object.keys(row).sort()).toEqual([
        "agents",
        "endMs",
        "erlangEstimate",
        "gap",
        "group",
        "interval",
        "paid",
        "roster",
        "startMs"
      ])
      expect(row.paid).toBeCloseTo(row.agents / 0.7, 9)
      expect(row.gap).toBeCloseTo(row.roster - row.agents, 9)
    }
    // the roster is the scenario's: 16 early agents on duty at 8:00 (0:00), 10 peak-cover from 10:30 to 14:30
    const first = s.staffing.filter((x: { startMs: number }) => x.startMs === 0)
    expect(first.map((x: { roster: number }) => x.roster)).toEqual([16, 0])
    expect(
      s.staffing.find(
        (x: { group: string; startMs: number }) => x.group === "peak-cover" && x.startMs === 3 * 3_600_000
      ).roster
    ).toBe(10)
    expect(s.periods.every((p: { met: boolean }) => p.met)).toBe(true)
    expect(r.stdout).toMatch(/Requirement per interval/)
    expect(r.stdout).toMatch(/Roster check/)
    const lines = readFileSync(csv, "utf8").trim().split("\n")
    expect(lines).toHaveLength(21)
    expect(lines[0]).toMatch(
      /^interval,startMs,endMs,offeredPerHour,offeredErlangs,met,required:early\+mid\+late,paid:early\+mid\+late,roster:/
    )
  }, 120_000)

  it("--table shows agents against service level, simulated beside Erlang A", () => {
    const json = join(dir, "table.json")
    const r = cli([
      "staff",
      "scenarios/erlang-a.yaml",
      "--table",
      "46..50",
      "--target",
      "serviceLevel.20s>=0.8",
      "--replications",
      "4",
      "--json",
      json,
      "--report",
      join(dir, "table.html")
    ])
    expect(r.code, r.stderr).toBe(0)
    const t = JSON.parse(readFileSync(json, "utf8"))
    expect(t.model).toBe("erlang-a")
    expect(t.rows.map((x: { agents: number }) => x.agents)).toEqual([46, 47, 48, 49, 50])
    const sl = t.rows.map((x: { simulated: Record<string, { mean: number }> }) => x.simulated["serviceLevel.20s"]!.mean)
    const erlang = t.rows.map((x: { erlang: Record<string, number> }) => x.erlang["serviceLevel.20s"]!)
    for (let i = 1; i < 5; i++) expect(erlang[i]).toBeGreaterThan(erlang[i - 1])
    sl.forEach((v: number, i: number) => {
      expect(Math.abs(v - erlang[i])).toBeLessThan(0.05)
    })
    expect(r.stdout).toMatch(/Agents on duty against service/)
    expect(readFileSync(join(dir, "table.html"), "utf8")).toContain(`data-chart="agents-curve"`)
  })

  it("exits 2 listing every bad target and flag, naming each, with no stack trace", () => {
    const r = cli([
      "staff",
      "scenarios/erlang-a.yaml",
      "--target",
      "serviceLevel.20s<=0.8",
      "--target",
      "ronaRate<=0.1",
      "--target",
      "serviceLevel.30s>=0.8",
      "--target",
      "asaMs<=fast",
      "--target",
      "asaMs{queue:nope}<=20000",
      "--confidence",
      "2",
      "--target",
      "serviceLevel.20s>=80",
      "--target",
      "abandonRate<=5",
      "--target",
      "sla>=0.8"
    ])
    expect(r.code).toBe(2)
    expect(r.stderr).toMatch(/--target "serviceLevel\.20s<=0\.8": serviceLevel\.20s grows with staff; use >= or >/)
    expect(r.stderr).toMatch(/--target "ronaRate<=0\.1": ronaRate does not move steadily with staff/)
    expect(r.stderr).toMatch(
      /--target "serviceLevel\.30s>=0\.8": unknown service-level threshold "30s"; the run has 20s, 1m/
    )
    expect(r.stderr).toMatch(/--target "asaMs<=fast": bad number "fast"/)
    expect(r.stderr).toMatch(/unknown queue "nope"; known queues: support/)
    expect(r.stderr).toMatch(/--confidence 2: expected a number from 0\.5 to 0\.999/)
    expect(r.stderr).toContain(`--target "serviceLevel.20s>=80": serviceLevel is a ratio in [0, 1]; did you mean 0.8?`)
    expect(r.stderr).toContain(`--target "abandonRate<=5": abandonRate is a ratio in [0, 1]; did you mean 0.05?`)
    expect(r.stderr).toMatch(
      /--target "sla>=0\.8": unknown metric "sla"; known metrics: probWait, abandonRate, .*agentOccupancy/
    )
    expect(r.stderr).not.toMatch(/\bat .*\.ts:\d+/)
    const none = cli(["staff", "scenarios/erlang-a.yaml"])
    expect(none.code).toBe(2)
    expect(none.stderr).toMatch(/no --target given/)
  })
})
