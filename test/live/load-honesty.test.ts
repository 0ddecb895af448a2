// The load driver reports what happened when the server goes away: every chat it attempted ends in
// exactly one category (completed, abandoned, other outcome, refused, unfinished, lost connection)
// and the counts add up; customers and agents reconnect and resume when the server comes back; a
// run where it did not come back exits 99 (the default thresholds on lost connections) instead of
// 0; an agent that is already Available is the state the driver wanted, not an error.

import type { ChildProcess } from "node:child_process"
import { spawn } from "node:child_process"
import { readFileSync, writeFileSync } from "node:fs"
import { join } from "node:path"
import { afterAll, describe, expect, it } from "vitest"
import { stringify } from "yaml"
import { planArrivals } from "../../live/load/arrivals.ts"
import { directoryOf, mapAgents } from "../../live/load/directory.ts"
import { runAndAudit } from "../../live/load/driver.ts"
import { checkOptions, targetOf } from "../../live/load/options.ts"
import { CHAT_ENDS, ChatLedger, END_COUNTERS } from "../../live/load/outcomes.ts"
import { loadPassword, serverConfigFor } from "../../live/load/server-config.ts"
import { loadScenario } from "../../sim/scenario/load.ts"
import type { Scenario } from "../../sim/scenario/model.ts"
import { root } from "../support/cli.ts"
import { ackOf, Client, kill9, post, startTestServer, tempDir, testConfig, type } from "./support.ts"

const SETS = ["agents.sales-team.count=2", "agents.support-team.count=3", "agents.billing-team.count=2"]
const TIME_SCALE = 60

const scenario = (): Scenario => {
  const loaded = loadScenario(join(root, "scenarios/default.yaml"), SETS)
  if (loaded._tag !== "Loaded") throw new Error(loaded.problems.join("\n"))
  return loaded.scenario
}

const children: Array<ChildProcess> = []
afterAll(async () => {
  for (const c of children) await kill9(c)
})

/** `serve` as a child on `port` (0: any); resolves with its URL once it listens. */
const serveOn = (
  configPath: string,
  dataDir: string,
  port: number
): Promise<{ child: ChildProcess; base: string; port: number }> =>
  new Promise((resolve, reject) => {
    const child = spawn(
      process.execPath,
      [join(root, "cli/main.ts"), "serve", "--port", String(port), "--config", configPath, "--data", dataDir],
      {
        cwd: root,
        stdio: ["ignore", "pipe", "pipe"],
        env: { ...process.env, CI: "true" }
      }
    )
    children.push(child)
    let out = ""
    const timer = setTimeout(() => reject(new Error(`server did not start: ${out}`)), 30_000)
    child.stdout!.on("data", (d: Buffer) => {
      out += d.toString()
      const m = /listening on (http:\/\/127\.0\.0\.1:(\d+))/.exec(out)
      if (m !== null) {
        clearTimeout(timer)
        resolve({ child, base: m[1]!, port: Number(m[2]) })
      }
    })
    child.stderr!.on("data", (d: Buffer) => {
      out += d.toString()
    })
    child.on("exit", (code) => {
      clearTimeout(timer)
      reject(new Error(`server exited ${code}: ${out}`))
    })
  })

/** `load` as a child; `onLine` sees its progress lines. */
const loadChild = (
  args: ReadonlyArray<string>,
  onLine: (line: string) => void
): Promise<{ code: number | null; stdout: string; stderr: string }> =>
  new Promise((resolve) => {
    const child = spawn(process.execPath, [join(root, "cli/main.ts"), "load", ...args], {
      cwd: root,
      stdio: ["ignore", "pipe", "pipe"],
      env: { ...process.env, CI: "true" }
    })
    children.push(child)
    let stdout = ""
    let stderr = ""
    child.stdout.on("data", (d: Buffer) => {
      stdout += d.toString()
    })
    child.stderr.on("data", (d: Buffer) => {
      stderr += d.toString()
      for (const l of d.toString().split("\n")) if (l !== "") onLine(l)
    })
    child.on("exit", (code) => resolve({ code, stdout, stderr }))
  })

const setup = () => {
  const dir = tempDir()
  const configPath = join(dir, "center.yaml")
  writeFileSync(configPath, stringify(serverConfigFor(scenario(), TIME_SCALE, 100)))
  return { dir, configPath, dataDir: join(dir, "data"), json: join(dir, "summary.json") }
}

const loadArgs = (s: ReturnType<typeof setup>, url: string): Array<string> => [
  "scenarios/default.yaml",
  "--url",
  url,
  "--duration",
  "8s",
  "--drain",
  "10s",
  "--time-scale",
  String(TIME_SCALE),
  "--reconnect-window",
  "4s",
  "--server-config",
  s.configPath,
  ...SETS.flatMap((x) => ["--set", x]),
  "--data",
  s.dataDir,
  "--json",
  s.json,
  "--report",
  join(s.dir, "r.html")
]

/** The summary's categories add up to the chats attempted. */
const expectAddsUp = (summary: Record<string, number>): void => {
  const sum = CHAT_ENDS.reduce((n, e) => n + summary[END_COUNTERS[e]]!, 0)
  expect(summary["chatsAttempted"]).toBeGreaterThan(0)
  expect(sum, JSON.stringify(Object.fromEntries(CHAT_ENDS.map((e) => [e, summary[END_COUNTERS[e]]])))).toBe(
    summary["chatsAttempted"]
  )
}

const sleep = (ms: number): Promise<void> => new Promise((r) => setTimeout(r, ms))

describe("load driver honesty", () => {
  it("the ledger: one category per chat, and what is missing shows", () => {
    const l = new ChatLedger()
    for (let i = 0; i < 6; i++) l.attempt()
    for (const e of CHAT_ENDS) l.end(e)
    expect(l.unaccounted()).toBe(0)
    l.attempt()
    expect(l.unaccounted()).toBe(1)
  })

  it("an agent already Available is the state the driver wanted", async () => {
    const s = scenario()
    const file = serverConfigFor(s, TIME_SCALE, 100)
    const dataDir = tempDir()
    const server = await startTestServer(testConfig(file), dataDir)
    try {
      const played = mapAgents(s, directoryOf(file))
      if (typeof played === "string") throw new Error(played)
      const first = played[0]!
      const login = await post(server.url, "/api/agent/login", { agentId: first.id, password: loadPassword(first.id) })
      const desk = await Client.open(server.url, "agent", login.body.token)
      desk.send({ type: "hello" })
      await desk.next(type("welcome"))
      desk.send({ type: "setPresence", presence: "Available", ref: "av" })
      expect((await desk.next(ackOf("av"))).type).toBe("ack")
      const checked = checkOptions({
        url: server.url.replace("http", "ws"),
        duration: "2s",
        timeScale: TIME_SCALE,
        loadScale: 1,
        drain: "5s",
        seed: 5,
        maxChats: undefined,
        maxOpenChats: undefined,
        sourceAddresses: undefined,
        allowRemote: false
      })
      if (!("options" in checked)) throw new Error(checked.problems.join("\n"))
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
      expect(run.unaccounted).toBe(0)
      expect(run.metrics.chats.attempted).toBeGreaterThan(0)
      desk.close()
    } finally {
      await server.close()
    }
  }, 90_000)

  it("kill -9 mid-run, no restart: every chat in one category, lost connections counted, exit 99", async () => {
    const s = setup()
    const server = await serveOn(s.configPath, s.dataDir, 0)
    let killed = false
    const r = await loadChild(loadArgs(s, server.base.replace("http", "ws")), (line) => {
      if (!killed && /logged in and Available/.test(line)) {
        killed = true
        void sleep(3_000).then(() => kill9(server.child))
      }
    })
    expect(killed).toBe(true)
    const summary = JSON.parse(readFileSync(s.json, "utf8")) as Record<string, number>
    expectAddsUp(summary)
    expect(summary["chatsLostConnection"]! + summary["agentsLostConnection"]!).toBeGreaterThan(0)
    expect(r.stderr).toMatch(/threshold failed: (chats|agents)LostConnection/)
    expect(r.code).toBe(99)
  }, 120_000)

  it("SIGTERM mid-run: the counts still add up, and the run fails", async () => {
    const s = setup()
    const server = await serveOn(s.configPath, s.dataDir, 0)
    let stopped = false
    const r = await loadChild(loadArgs(s, server.base.replace("http", "ws")), (line) => {
      if (!stopped && /logged in and Available/.test(line)) {
        stopped = true
        void sleep(3_000).then(() => server.child.kill("SIGTERM"))
      }
    })
    const summary = JSON.parse(readFileSync(s.json, "utf8")) as Record<string, number>
    expectAddsUp(summary)
    expect(r.code).toBe(99)
  }, 120_000)

  it("kill -9 and a restart on the same port: agents and customers reconnect and resume; nothing lost; exit 0", async () => {
    const s = setup()
    const first = await serveOn(s.configPath, s.dataDir, 0)
    let restarted = false
    const r = await loadChild(loadArgs(s, first.base.replace("http", "ws")), (line) => {
      if (!restarted && /logged in and Available/.test(line)) {
        restarted = true
        void sleep(3_000).then(async () => {
          await kill9(first.child)
          await sleep(500)
          await serveOn(s.configPath, s.dataDir, first.port)
        })
      }
    })
    const summary = JSON.parse(readFileSync(s.json, "utf8")) as Record<string, number>
    expectAddsUp(summary)
    expect(summary["reconnects"]).toBeGreaterThan(0)
    expect(summary["chatsLostConnection"]).toBe(0)
    expect(summary["lostMessages"]).toBe(0)
    expect(r.code, r.stderr.slice(-2_000)).toBe(0)
  }, 120_000)
})
