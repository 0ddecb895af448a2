// The server config file through the one loader and the one formatter: YAML and JSON, syntax errors
// as file:line:column, unreadable and unsupported files named, every Schema problem with its path
// and a "did you mean" hint, and every cross-field problem at once.
import { mkdirSync, writeFileSync } from "node:fs"
import { join } from "node:path"
import { describe, expect, it } from "vitest"
import type { Loaded } from "../../live/config.ts"
import { loadConfig } from "../../live/config.ts"
import { cli } from "../support/cli.ts"
import { tempDir } from "./support.ts"

const problemsOf = (r: Loaded): ReadonlyArray<string> => {
  if (r._tag === "Loaded") expect.fail("expected problems, the config loaded")
  return r.problems
}

const file = (name: string, text: string): string => {
  const path = join(tempDir(), name)
  writeFileSync(path, text)
  return path
}

const GOOD = "queues: [{ id: support }]\nagents: [{ id: a1, password: pw-a1, queues: [support] }]\n"

describe("serve --config: the config file", () => {
  it("reads YAML and JSON alike; durations as strings or whole milliseconds", () => {
    const yaml = loadConfig(file("center.yaml", `${GOOD}limits: { heartbeat: 20s, helloTimeout: 5000 }\n`))
    const json = loadConfig(
      file(
        "center.json",
        JSON.stringify({
          queues: [{ id: "support" }],
          agents: [{ id: "a1", password: "pw-a1", queues: ["support"] }],
          limits: { heartbeat: "20s", helloTimeout: 5000 }
        })
      )
    )
    for (const r of [yaml, json]) {
      if (r._tag === "Invalid") expect.fail(r.problems.join("\n"))
      expect(r.config.limits.heartbeatMs).toBe(20_000)
      expect(r.config.limits.helloTimeoutMs).toBe(5_000)
    }
  })

  it("names syntax errors by file, line and column, in both formats", () => {
    const yaml = file("center.yaml", "queues: [\n")
    expect(problemsOf(loadConfig(yaml))).toEqual([expect.stringMatching(new RegExp(`^${yaml}:2:1: `))])
    const json = file("center.json", `{\n  "queues": tru\n}`)
    expect(problemsOf(loadConfig(json))).toEqual([
      `${json}:2:13: expected a value (a "quoted" string, a number, true, false, null, an object or a list), got "tru"`
    ])
    const twice = file("twice.yaml", `${GOOD}queues: []\n`)
    expect(problemsOf(loadConfig(twice))).toEqual([`${twice}:3:1: Map keys must be unique`])
  })

  it("names a missing, unreadable or unsupported file", () => {
    const dir = tempDir()
    expect(problemsOf(loadConfig(join(dir, "nope.yaml")))).toEqual([`${join(dir, "nope.yaml")}: file not found`])
    mkdirSync(join(dir, "d.yaml"))
    expect(problemsOf(loadConfig(join(dir, "d.yaml")))).toEqual([
      `${join(dir, "d.yaml")}: is a directory, not a server config file`
    ])
    expect(problemsOf(loadConfig(join(dir, "center.toml")))).toEqual([
      `${join(dir, "center.toml")}: unsupported file type (use .json, .yaml or .yml)`
    ])
  })

  it("lists every Schema problem with its path, in the scenario's words", () => {
    const path = file(
      "center.yaml",
      "queues: [{ id: support, priority: high }]\nagents: [{ id: a1, capacity: 2.5 }]\nroutng: {}\nlimits: { maxConnections: 0, heartbeat: [] }\n"
    )
    expect([...problemsOf(loadConfig(path))].sort()).toEqual([
      "agents[0].capacity: expected an integer, got 2.5",
      "limits.heartbeat: expected a duration string (use 250ms, 20s, 5m, 8h) or whole milliseconds, got []",
      "limits.maxConnections: expected a value greater than 0, got 0",
      'queues[0].priority: expected a number, got "high"',
      'routng: unknown field (did you mean "routing"?)'
    ])
    expect(problemsOf(loadConfig(file("empty.yaml", "")))).toEqual([
      "config: expected a mapping (key: value), got null"
    ])
  })

  it("lists every cross-field problem at once, every bad duration among them", () => {
    const path = file(
      "center.yaml",
      [
        "server: { agentTokenTtl: forever, customerTokenTtl: 1d, serviceLevelWindow: 1h }",
        "routing: { offerTimeout: 0s, autoWrapUp: later }",
        "queues: [{ id: support, maxWait: 2 minutes }]",
        "agents: [{ id: a1, queues: [sales] }]",
        "limits: { heartbeat: soon, loginLock: 30s }",
        ""
      ].join("\n")
    )
    expect([...problemsOf(loadConfig(path))].sort()).toEqual([
      `agents[0].queues[0]: unknown queue "sales"`,
      `agents[0]: needs a password or passwordHash`,
      `limits.heartbeat: "soon" is not a duration (use 250ms, 20s, 5m, 8h)`,
      `queues[0].maxWait: "2 minutes" is not a duration (use 250ms, 20s, 5m, 8h)`,
      `routing.autoWrapUp: "later" is not a duration (use 250ms, 20s, 5m, 8h)`,
      `routing.offerTimeout: must be more than 0`,
      `server.agentTokenTtl: "forever" is not a duration (use 250ms, 20s, 5m, 8h)`,
      `server.customerTokenTtl: "1d" is not a duration (use 250ms, 20s, 5m, 8h)`
    ])
  })

  it("load --server-config reads it with the same loader and words, exit 2", () => {
    const path = file("center.yaml", "queues: [{ id: support }]\nagents: [{ id: a1 }]\nroutng: {}\n")
    const r = cli(["load", "scenarios/default.yaml", "--server-config", path])
    expect(r.code).toBe(2)
    expect(r.stderr).toContain(`--server-config ${path}: 1 problem(s)`)
    expect(r.stderr).toContain(`  routng: unknown field (did you mean "routing"?)\n`)
    expect(r.stderr).not.toContain("    at ")
  })
})
