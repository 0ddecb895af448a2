// One duration syntax for every input: the parser and its rendering, and the same words for the
// same bad duration in a scenario file, the server config and a CLI flag (in-process and through
// the livechat-sim command, exit 2).
import { writeFileSync } from "node:fs"
import { join } from "node:path"
import * as Result from "effect/Result"
import { describe, expect, it } from "vitest"
import { durationMs, formatDuration, notADuration, parseDuration, readDuration } from "../../input/duration.ts"
import { decodeConfig } from "../../live/config.ts"
import { checkOptions } from "../../live/load/options.ts"
import { tempDir, testConfigFile } from "../live/support.ts"
import { loadYaml, MINIMAL, problems } from "../sim/scenario/support.ts"
import { cli } from "../support/cli.ts"

const WORDS = `"soon" is not a duration (use 250ms, 20s, 5m, 8h)`

describe("the duration syntax", () => {
  it("reads k6-style strings to whole milliseconds and renders them back", () => {
    for (const [text, ms] of [
      ["250ms", 250],
      ["20s", 20_000],
      ["1h30m", 5_400_000],
      ["1.5s", 1_500],
      ["0s", 0],
      ["2m0.5s", 120_500]
    ] as const) {
      expect(parseDuration(text)).toBe(ms)
      expect(durationMs(text)).toBe(ms)
      expect(parseDuration(formatDuration(ms))).toBe(ms)
    }
    for (const bad of ["soon", "", " 20s", "20", "5d", "1h 30m", "-5s", "1e3s"])
      expect(parseDuration(bad)).toBeUndefined()
  })

  it("reads a config value or a flag: a string, or whole milliseconds; the problem names where", () => {
    expect(readDuration("30s", ["limits", "heartbeat"])).toEqual(Result.succeed(30_000))
    expect(readDuration(1_500, ["limits", "heartbeat"])).toEqual(Result.succeed(1_500))
    expect(readDuration("soon", ["limits", "heartbeat"])).toEqual(Result.fail(`limits.heartbeat: ${WORDS}`))
    expect(readDuration("soon", ["--drain"])).toEqual(Result.fail(`--drain: ${WORDS}`))
    expect(readDuration(1.5, ["queues", 0, "maxWait"])).toEqual(
      Result.fail("queues[0].maxWait: expected whole milliseconds >= 0, got 1.5")
    )
    expect(readDuration(true, ["x"])).toEqual(
      Result.fail("x: expected a duration string (use 250ms, 20s, 5m, 8h) or whole milliseconds, got true")
    )
    expect(notADuration("soon")).toBe(WORDS)
  })
})

describe("the same bad duration, the same words, wherever it is written", () => {
  it("in a scenario file, the server config and a load flag (in process)", () => {
    expect(problems(loadYaml(MINIMAL.replace("horizon: 1h", "horizon: soon")))).toEqual([`horizon: ${WORDS}`])
    const config = decodeConfig({
      ...testConfigFile({ heartbeat: "soon" }, { offerTimeout: "soon" }),
      server: { agentTokenTtl: "soon" }
    })
    expect(config._tag === "Invalid" && config.problems).toEqual([
      `routing.offerTimeout: ${WORDS}`,
      `limits.heartbeat: ${WORDS}`,
      `server.agentTokenTtl: ${WORDS}`
    ])
    const flags = checkOptions({
      url: "ws://127.0.0.1:8080",
      duration: "soon",
      drain: "soon",
      reconnectWindow: "soon",
      timeScale: undefined,
      loadScale: undefined,
      seed: undefined,
      maxChats: undefined,
      maxOpenChats: undefined,
      sourceAddresses: undefined,
      allowRemote: false
    })
    expect("problems" in flags && flags.problems).toEqual([
      `--duration: ${WORDS}`,
      `--drain: ${WORDS}`,
      `--reconnect-window: ${WORDS}`
    ])
  })

  it("through the command: run, serve --config, load --duration and staff --at, each exit 2", () => {
    const dir = tempDir()
    const scenario = join(dir, "s.yaml")
    writeFileSync(scenario, MINIMAL.replace("horizon: 1h", "horizon: soon"))
    const config = join(dir, "center.yaml")
    writeFileSync(config, "queues: [{ id: q }]\nagents: [{ id: a1, password: pw-a1 }]\nlimits: { heartbeat: soon }\n")
    const runs = [
      cli(["run", scenario]),
      cli(["serve", "--config", config, "--data", join(dir, "data")]),
      cli(["load", "scenarios/default.yaml", "--duration", "soon"]),
      cli(["staff", "scenarios/default.yaml", "--table", "1..2", "--at", "soon"])
    ]
    for (const r of runs) {
      expect(r.code).toBe(2)
      expect(r.stderr).not.toContain("    at ")
    }
    const [run, serve, load, staff] = runs.map((r) => r.stderr)
    expect(run).toContain(`  horizon: ${WORDS}\n`)
    expect(serve).toContain(`  limits.heartbeat: ${WORDS}\n`)
    expect(load).toContain(`  --duration: ${WORDS}\n`)
    expect(staff).toContain(`  --at: ${WORDS}, or a clock time since the run started, e.g. 4:00\n`)
  })
})
