// `livechat-sim run` end to end in a child process: exit codes (2 for a bad
// scenario or flag, listing every problem without a stack trace; 99 for a failed threshold; 0 with
// the summary JSON and HTML report written) and the summary JSON's documented fields.
import { mkdtempSync, readFileSync, writeFileSync } from "node:fs"
import { tmpdir } from "node:os"
import { join } from "node:path"
import { describe, expect, it } from "vitest"
import { cli } from "../support/cli.ts"

const dir = mkdtempSync(join(tmpdir(), "livechat-sim-cli-"))

const scenario = (name: string, text: string): string => {
  const path = join(dir, name)
  writeFileSync(path, text)
  return path
}

const small = `
name: cli-small
seed: 3
horizon: 2h
warmup: 15m
replications: 3
queues: [{ id: support }]
arrivals: [{ queue: support, executor: constant-arrival-rate, rate: 40, timeUnit: 1h }]
customers: { patience: { dist: exponential, mean: 120s } }
agents:
  - { id: tier1, count: 4, queues: [support], capacity: 1, handleTime: { dist: exponential, mean: 300s } }
`

describe("livechat-sim run", () => {
  it("writes the summary JSON with every documented field and the HTML report; exit 0", () => {
    const json = join(dir, "out.json")
    const html = join(dir, "out.html")
    const r = cli(["run", scenario("ok.yaml", small), "--json", json, "--report", html])
    expect(r.code, r.stderr).toBe(0)
    expect(r.stdout).toContain("cli-small")
    const s = JSON.parse(readFileSync(json, "utf8"))
    for (const key of ["scenario", "seed", "replications", "engineVersion", "digest", "overall", "queues"])
      expect(s).toHaveProperty(key)
    const m = s.queues.support.metrics
    for (const key of [
      "probWait",
      "abandonRate",
      "expiredRate",
      "asaMs",
      "queueWaitMs",
      "acceptDelayMs",
      "slotUtilization",
      "agentOccupancy",
      "ronaRate",
      "transferRate",
      "droppedRate",
      "ahtMs",
      "meanQueueLength"
    ]) {
      expect(m[key]).toMatchObject({ n: 3 })
      expect(m[key].ci95).toHaveLength(2)
      expect(m[key].ci99).toHaveLength(2)
    }
    expect(Object.keys(m.serviceLevel)).toEqual(["20s", "1m"])
    expect(m.waitMs).toHaveProperty("p95")
    expect(m.timeToAbandonMs).toHaveProperty("p95")
    for (const key of ["arrived", "answered", "abandoned", "expired"]) expect(s.queues.support).toHaveProperty(key)
    expect(s.theory.applicable).toBe(true)
    expect(readFileSync(html, "utf8")).toContain("<svg")
  })

  it("lists every problem of a bad scenario with its path and exits 2, no stack trace", () => {
    const bad = scenario(
      "bad.yaml",
      `
name: broken
horizon: 8 hours
queues: [{ id: support }]
arrivals: [{ queue: sales, executor: constant-arrival-rate, rate: -1 }]
agents:
  - { id: a, count: 2, queues: [billing], capacity: 12, handleTime: { dist: exponential, mean: 300s } }
`
    )
    const r = cli(["run", bad])
    expect(r.code).toBe(2)
    expect(r.stderr).toMatch(/horizon/)
    expect(r.stderr).toMatch(/arrivals\[0\]/)
    expect(r.stderr).toMatch(/agents\[0\]/)
    expect(r.stderr).not.toMatch(/\bat .*\.ts:\d+/)
  })

  it("exits 2 for a missing file and for an unknown flag", () => {
    expect(cli(["run", join(dir, "nope.yaml")]).code).toBe(2)
    expect(cli(["run", scenario("ok2.yaml", small), "--bogus"]).code).toBe(2)
  })

  it("exits 99 when a threshold fails, naming it", () => {
    const r = cli(
      ["run", scenario("ok3.yaml", small), "--set", "replications=2", "--report", join(dir, "t.html")].concat([
        "--set",
        `thresholds={"abandonRate":["rate<0"]}`
      ])
    )
    expect(r.code).toBe(99)
    expect(r.stderr).toContain("abandonRate")
  })

  it("checks the scenario's thresholds before running: a percentage for a ratio or an unknown metric exits 2", () => {
    const r = cli([
      "run",
      scenario("thr.yaml", small),
      "--set",
      `thresholds={"serviceLevel.20s":["avg>=80"],"sla":["avg>0"],"serviceLevel":["avg>0.5"],"serviceLevel{queue:support}":["avg>=0.5"]}`
    ])
    expect(r.code).toBe(2)
    expect(r.stderr).toContain(
      `thresholds["serviceLevel.20s"][0]: serviceLevel is a ratio in [0, 1]; did you mean 0.8?`
    )
    expect(r.stderr).toMatch(/thresholds\["sla"\]: unknown metric "sla"; known metrics: /)
    expect(r.stderr).toMatch(/thresholds\["serviceLevel"\]: serviceLevel needs a threshold/)
    expect(r.stderr).toContain("3 problem(s)") // the queue's own threshold is fine
  })

  it("does not judge a threshold on an interval with one replication: not passed, not failed, said so", () => {
    const r = cli([
      "run",
      scenario("one.yaml", small),
      "--replications",
      "1",
      "--report",
      join(dir, "one.html"),
      "--set",
      `thresholds={"asaMs":["ci95.hi<1000000", "avg<1000000"]}`
    ])
    expect(r.code, r.stderr).toBe(0)
    expect(r.stdout).toMatch(/not judged\s+asaMs\s+ci95\.hi<1000000\s+n\/a/)
    expect(r.stdout).toMatch(/PASS\s+asaMs\s+avg<1000000/)
    expect(r.stderr).toContain("threshold not judged: asaMs ci95.hi<1000000")
    expect(r.stdout).toContain("totals over 1 replication;")
  })

  it("warns when a rate without timeUnit counts per second and gives implausible chats per agent, and when load exceeds the slots", () => {
    const r = cli([
      "run",
      scenario("persec.yaml", small.replace("rate: 40, timeUnit: 1h", "rate: 2")),
      "--set",
      "horizon=20m",
      "--set",
      "warmup=0s",
      "--replications",
      "2",
      "--report",
      join(dir, "persec.html"),
      "--no-audit"
    ])
    expect(r.code, r.stderr).toBe(0)
    expect(r.stderr).toContain(
      "warning: arrivals[0]: no timeUnit, so the rate counts per second (as in k6): up to 7,200 chats/h, " +
        "1,800 per agent per hour; did you mean timeUnit: 1h or 1m?"
    )
    expect(r.stdout).toMatch(/offered load: mean 600.0 Erlangs against 4 slots on duty/)
    expect(r.stdout).toMatch(/warning: offered load exceeds the slots on duty in 1 interval/)
    const ok = cli([
      "run",
      scenario("ok6.yaml", small),
      "--replications",
      "2",
      "--report",
      join(dir, "ok6.html"),
      "--no-audit"
    ])
    expect(ok.stderr).not.toContain("warning")
  })

  it("applies --seed and --set overrides: another seed, another digest", () => {
    const a = join(dir, "a.json")
    const b = join(dir, "b.json")
    expect(cli(["run", scenario("ok4.yaml", small), "--json", a, "--report", join(dir, "a.html")]).code).toBe(0)
    expect(
      cli([
        "run",
        scenario("ok5.yaml", small),
        "--seed",
        "4",
        "--set",
        "agents.tier1.count=6",
        "--json",
        b,
        "--report",
        join(dir, "b.html")
      ]).code
    ).toBe(0)
    const [sa, sb] = [a, b].map((p) => JSON.parse(readFileSync(p, "utf8")))
    expect(sb.seed).toBe(4)
    expect(sb.digest).not.toBe(sa.digest)
    expect(sb.agentGroups[0].agents).toBe(6)
  })
})
