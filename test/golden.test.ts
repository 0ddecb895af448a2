// Golden summaries: every bundled scenario, run with its own settings and no overrides (enterprise
// with a shorter horizon, named in its file), must give exactly the summary committed under
// test/golden/: the same digest and the same numbers. A refactor or a speed-up moves none of them;
// a change that does must say why in its commit. `UPDATE_GOLDEN=1 npm test` rewrites them (review
// the diff before committing).
import { existsSync, mkdtempSync, readdirSync, readFileSync, writeFileSync } from "node:fs"
import { tmpdir } from "node:os"
import { basename, join } from "node:path"
import { describe, expect, it } from "vitest"
import { evaluateThresholds } from "../reports/thresholds.ts"
import { runScenarioParallel } from "../sim/parallel/pool.ts"
import { loadScenario } from "../sim/scenario/load.ts"
import { cli, root } from "./support/cli.ts"

const update = process.env["UPDATE_GOLDEN"] === "1"

/**
 * How a bundled scenario runs here when its own settings would make the suite long, named in its
 * golden file's command: enterprise (3,390 agents, a million chats a day) for 30 minutes, auditor off.
 */
const SHORTENED: Readonly<Record<string, { readonly overrides: ReadonlyArray<string>; readonly audit: boolean }>> = {
  enterprise: { overrides: ["horizon=30m", "warmup=5m"], audit: false }
}

interface Golden {
  readonly command: string
  readonly overrides: ReadonlyArray<string>
  readonly summary: unknown
}

/** Paths where two JSON values differ, at most `limit` of them. */
const differences = (a: unknown, b: unknown, path = "", limit = 12, out: Array<string> = []): Array<string> => {
  if (out.length >= limit) return out
  if (typeof a === "object" && a !== null && typeof b === "object" && b !== null) {
    const keys = new Set([...Object.keys(a), ...Object.keys(b)])
    for (const k of keys)
      differences((a as Record<string, unknown>)[k], (b as Record<string, unknown>)[k], `${path}.${k}`, limit, out)
    return out
  }
  if (a !== b) out.push(`${path || "(root)"}: golden ${JSON.stringify(a)}, now ${JSON.stringify(b)}`)
  return out
}

const scenarios = readdirSync(join(root, "scenarios"))
  .filter((f) => f.endsWith(".yaml"))
  .sort()

describe("golden summaries", () => {
  it("covers every bundled scenario", () => {
    expect(scenarios.length).toBeGreaterThanOrEqual(7)
  })

  it.each(scenarios)(
    "%s gives its committed summary",
    async (file) => {
      const name = basename(file, ".yaml")
      const { overrides, audit } = SHORTENED[name] ?? { overrides: [], audit: true }
      const loaded = loadScenario(join(root, "scenarios", file), overrides)
      if (loaded._tag !== "Loaded") throw new Error(loaded.problems.join("\n"))
      const scenario = loaded.scenario
      const result = await runScenarioParallel(scenario, {
        workers: 2,
        audit,
        thresholds: (summary) => evaluateThresholds({ ...summary, thresholds: [] }, scenario.thresholds)
      })
      if (result._tag !== "Done") throw new Error(`invariant ${result.violation.rule}: ${result.violation.message}`)
      const summary = JSON.parse(JSON.stringify(result.summary)) as unknown
      const path = join(root, "test", "golden", `${name}.json`)
      const command = [
        "npx livechat-sim run",
        `scenarios/${file}`,
        ...overrides.map((o) => `--set ${o}`),
        ...(audit ? [] : ["--no-audit"]),
        "--json FILE"
      ].join(" ")
      if (update || !existsSync(path)) {
        const golden: Golden = { command, overrides, summary }
        writeFileSync(path, `${JSON.stringify(golden, null, 2)}\n`)
        if (!update) throw new Error(`${path} was missing and has been written: review and commit it`)
        return
      }
      const golden = JSON.parse(readFileSync(path, "utf8")) as Golden
      expect(golden.overrides).toEqual(overrides)
      expect(
        differences(golden.summary, summary),
        `${name}: ${command} no longer gives test/golden/${name}.json`
      ).toEqual([])
    },
    300_000
  )

  it("is what the command itself writes: run --json on rona-storm gives its golden summary", () => {
    const dir = mkdtempSync(join(tmpdir(), "livechat-sim-golden-"))
    const json = join(dir, "rona-storm.json")
    const r = cli(["run", "scenarios/rona-storm.yaml", "--json", json, "--report", join(dir, "r.html")])
    expect(r.code, r.stderr).toBe(0)
    const golden = JSON.parse(readFileSync(join(root, "test", "golden", "rona-storm.json"), "utf8")) as Golden
    expect(differences(golden.summary, JSON.parse(readFileSync(json, "utf8")))).toEqual([])
  }, 120_000)
})
