// The load driver against a real server on 127.0.0.1 (port 0, temp data dir, a config written from
// the scenario): a short run at a high time scale starts and completes chats with no lost and no
// duplicated message and a clean audit of the server's log; through the CLI in a child process a
// failing threshold exits 99 and bad flags exit 2 with a message naming the flag. No timing asserts.
import { execFile } from "node:child_process"
import { writeFileSync } from "node:fs"
import { join } from "node:path"
import { afterAll, beforeAll, describe, expect, it } from "vitest"
import { stringify } from "yaml"
import { planArrivals } from "../../live/load/arrivals.ts"
import { directoryOf, mapAgents } from "../../live/load/directory.ts"
import { runAndAudit } from "../../live/load/driver.ts"
import { checkOptions, targetOf } from "../../live/load/options.ts"
import { parseSegment, shareOf } from "../../live/load/segment.ts"
import { serverConfigFor } from "../../live/load/server-config.ts"
import type { RunningServer } from "../../live/server.ts"
import { loadScenario } from "../../sim/scenario/load.ts"
import type { Scenario } from "../../sim/scenario/model.ts"
import { root } from "../support/cli.ts"
import { startTestServer, tempDir, testConfig } from "./support.ts"

const SETS = ["agents.sales-team.count=2", "agents.support-team.count=3", "agents.billing-team.count=2"]

const scenario = (): Scenario => {
  const loaded = loadScenario(join(root, "scenarios/default.yaml"), SETS)
  if (loaded._tag !== "Loaded") throw new Error(loaded.problems.join("\n"))
  return loaded.scenario
}

const TIME_SCALE = 60
let server: RunningServer
let dataDir: string
let configPath: string

beforeAll(async () => {
  dataDir = tempDir()
  const file = serverConfigFor(scenario(), TIME_SCALE, 100)
  configPath = join(tempDir(), "load-center.yaml")
  writeFileSync(configPath, stringify(file))
  server = await startTestServer(testConfig(file), dataDir)
})
afterAll(async () => {
  await server?.close()
})

/** The CLI in a child process, without blocking this process (the server runs here). */
const cliAsync = (args: ReadonlyArray<string>): Promise<{ code: number; stdout: string; stderr: string }> =>
  new Promise((resolve) => {
    execFile(
      process.execPath,
      [join(root, "cli/main.ts"), ...args],
      { cwd: root, env: { ...process.env, CI: "true" }, timeout: 170_000 },
      (err, stdout, stderr) =>
        resolve({ code: err === null ? 0 : Number((err as { code?: number }).code ?? 1), stdout, stderr })
    )
  })

describe("load driver against a live server", () => {
  it("starts and completes chats with no lost or duplicated message and a clean audit", async () => {
    const s = scenario()
    const checked = checkOptions({
      url: server.url.replace("http", "ws"),
      duration: "8s",
      timeScale: TIME_SCALE,
      loadScale: 1,
      drain: "30s",
      seed: 3,
      maxChats: undefined,
      maxOpenChats: undefined,
      sourceAddresses: undefined,
      allowRemote: false
    })
    if (!("options" in checked)) throw new Error(checked.problems.join("\n"))
    const played = mapAgents(s, directoryOf(serverConfigFor(s, TIME_SCALE, 100)))
    if (typeof played === "string") throw new Error(played)
    expect(played.map((a) => a.group.id)).toEqual(
      expect.arrayContaining(["sales-team", "support-team", "billing-team"])
    )
    const o = checked.options
    const plan = planArrivals(s, {
      durationMs: o.durationMs,
      timeScale: o.timeScale,
      loadScale: 1,
      seed: o.seed,
      maxChats: o.maxChats
    })
    const run = await runAndAudit({
      target: targetOf(o.url, false) as { http: string; ws: string },
      scenario: s,
      options: o,
      played,
      plan,
      dataDir
    })
    const c = run.metrics.counts
    expect(c.chatsStarted).toBeGreaterThan(0)
    expect(run.metrics.chats.ended.completed).toBeGreaterThan(0)
    expect(run.unaccounted).toBe(0)
    expect(c.messagesSent).toBeGreaterThan(0)
    expect(run.metrics.lostMessages()).toBe(0)
    expect(c.duplicatedMessages).toBe(0)
    expect(run.metrics.trends.messageLatencyMs.summary().count).toBeGreaterThan(0)
    expect(run.metrics.trends.timeToOfferMs.summary().count).toBeGreaterThan(0)
    expect(run.audit._tag).toBe("Audited")
    if (run.audit._tag === "Audited") {
      expect(run.audit.violation).toBeUndefined()
      expect(run.audit.inputs).toBeGreaterThan(0)
    }
  }, 150_000)

  it("two load generators on execution segments 0:1/2 and 1/2:1 share one plan: every planned chat once, nothing lost", async () => {
    const s = scenario()
    const checked = checkOptions({
      url: server.url.replace("http", "ws"),
      duration: "6s",
      timeScale: TIME_SCALE,
      loadScale: 1,
      drain: "30s",
      seed: 5,
      maxChats: undefined,
      maxOpenChats: undefined,
      sourceAddresses: undefined,
      allowRemote: false
    })
    if (!("options" in checked)) throw new Error(checked.problems.join("\n"))
    const o = checked.options
    const played = mapAgents(s, directoryOf(serverConfigFor(s, TIME_SCALE, 100)))
    if (typeof played === "string") throw new Error(played)
    const whole = planArrivals(s, {
      durationMs: o.durationMs,
      timeScale: o.timeScale,
      loadScale: 1,
      seed: o.seed,
      maxChats: o.maxChats
    })
    const halves = ["0:1/2", "1/2:1"].map((text) => {
      const segment = parseSegment(text, "0,1/2,1")
      if (typeof segment === "string") throw new Error(segment)
      return shareOf(segment, whole, played)
    })
    expect(halves.map((h) => h.plan.arrivals.length).reduce((a, b) => a + b)).toBe(whole.arrivals.length)
    expect(new Set(halves.flatMap((h) => h.agentIndices)).size).toBe(played.length)
    const runs = await Promise.all(
      halves.map((h) =>
        runAndAudit({
          target: targetOf(o.url, false) as { http: string; ws: string },
          scenario: s,
          options: o,
          played: h.agentIndices.map((i) => played[i]!),
          everyone: played,
          plan: h.plan,
          dataDir: undefined
        })
      )
    )
    const started = runs.map((r) => r.metrics.counts.chatsStarted)
    expect(started.reduce((a, b) => a + b)).toBe(whole.arrivals.length)
    for (const r of runs) {
      expect(r.unaccounted).toBe(0)
      expect(r.metrics.lostMessages()).toBe(0)
      expect(r.metrics.counts.duplicatedMessages).toBe(0)
      // each generator's customers talk to the other's agents too, and draw their side themselves
      expect(r.metrics.counts.messagesCrossed).toBeGreaterThan(0)
      expect(r.metrics.counts.messagesSent).toBeGreaterThan(r.metrics.counts.messagesCrossed)
    }
  }, 150_000)

  it("a failing threshold exits 99; the summary JSON has the counters and percentiles", async () => {
    const json = join(tempDir(), "summary.json")
    const r = await cliAsync([
      "load",
      "scenarios/default.yaml",
      "--url",
      server.url.replace("http", "ws"),
      "--duration",
      "3s",
      "--drain",
      "20s",
      "--time-scale",
      "60",
      "--server-config",
      configPath,
      "--set",
      SETS[0]!,
      "--set",
      SETS[1]!,
      "--set",
      SETS[2]!,
      "--data",
      dataDir,
      "--threshold",
      "chatsStarted:count<0",
      "--json",
      json,
      "--report",
      join(tempDir(), "r.html")
    ])
    expect(r.stderr).toContain("threshold failed: chatsStarted:count<0")
    expect(r.code).toBe(99)
    const summary = JSON.parse((await import("node:fs")).readFileSync(json, "utf8"))
    for (const k of [
      "chatsStarted",
      "chatsCompleted",
      "messagesSent",
      "lostMessages",
      "duplicatedMessages",
      "auditViolations"
    ])
      expect(summary).toHaveProperty(k)
    for (const p of ["p50", "p90", "p95", "p99", "max"]) expect(summary.messageLatencyMs).toHaveProperty(p)
    expect(summary.auditViolations).toBe(0)
  }, 180_000)

  it("bad flags exit 2 with a message naming the flag", async () => {
    const remote = await cliAsync(["load", "--url", "ws://10.1.2.3:8080", "--duration", "5s"])
    expect(remote.code).toBe(2)
    expect(remote.stderr).toContain("--url: 10.1.2.3 is not a loopback address")
    const bad = await cliAsync([
      "load",
      "--duration",
      "soon",
      "--threshold",
      "nope",
      "--time-scale",
      "-1",
      "--execution-segment",
      "2/4:1/4"
    ])
    expect(bad.code).toBe(2)
    expect(bad.stderr).toContain(`--execution-segment "2/4:1/4": expected a:b with 0 <= a < b <= 1`)
    expect(bad.stderr).toContain("--duration:")
    expect(bad.stderr).toContain(`--threshold "nope"`)
    expect(bad.stderr).toContain("--time-scale:")
    expect(bad.stderr).not.toMatch(/\n\s+at /)
    const down = await cliAsync(["load", "--url", "ws://127.0.0.1:1", "--duration", "2s"])
    expect(down.code).toBe(2)
    expect(down.stderr).toContain("cannot reach the server")
    // the scenario is positional, like every command's; --scenario is an alias
    const missing = await cliAsync(["load", "scenarios/no-such.yaml", "--url", "ws://127.0.0.1:1"])
    expect(missing.code).toBe(2)
    expect(missing.stderr).toContain("scenarios/no-such.yaml")
    const alias = await cliAsync(["load", "--scenario", "scenarios/no-such.yaml", "--url", "ws://127.0.0.1:1"])
    expect(alias.code).toBe(2)
    expect(alias.stderr).toContain("scenarios/no-such.yaml")
    const both = await cliAsync(["load", "scenarios/default.yaml", "--scenario", "scenarios/erlang-a.yaml"])
    expect(both.code).toBe(2)
    expect(both.stderr).toContain("two scenarios")
  }, 120_000)
})
