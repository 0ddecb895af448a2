// Golden summaries: every bundled scenario, run with its own settings and no overrides (enterprise
// with a shorter horizon, named in its file), must give exactly the summary committed under
// test/golden/: the same digest and the same numbers. A refactor or a speed-up moves none of them;
// a change that does must say why in its commit. `UPDATE_GOLDEN=1 npm test` rewrites them (review
// the diff before committing).
import { existsSync, readdirSync, readFileSync, writeFileSync } from "node:fs"
import { basename, join } from "node:path"
import { describe, expect, it } from "vitest"
import { evaluateThresholds } from "../reports/thresholds.ts"
import { runScenarioParallel } from "../sim/parallel/pool.ts"
import { loadScenario } from "../sim/scenario/load.ts"
import { root } from "./support/cli.ts"

const update = process.env["UPDATE_GOLDEN"] === "1"

/** Overrides a bundled scenario runs with here (only to keep the suite short), named in its golden file. */
const OVERRIDES: Readonly<Record<string, ReadonlyArray<string>>> = {
  enterprise: ["horizon=1h", "warmup=10m"]
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
    for (const k of keys) differences((a as Record<string, unknown>)[k], (b as Record<string, unknown>)[k], `${path}.${k}`, limit, out)
    return out
  }
  if (a !== b) out.push(`${path || "(root)"}: golden ${JSON.stringify(a)}, now ${JSON.stringify(b)}`)
  return out
}

const scenarios = readdirSync(join(root, "scenarios")).filter((f) => f.endsWith(".yaml")).sort()

describe("golden summaries", () => {
  it("covers every bundled scenario", () => {
    expect(scenarios.length).toBeGreaterThanOrEqual(7)
  })

  it.each(scenarios)("%s gives its committed summary", async (file) => {
    const name = basename(file, ".yaml")
    const overrides = OVERRIDES[name] ?? []
    const loaded = loadScenario(join(root, "scenarios", file), overrides)
    if (loaded._tag !== "Loaded") throw new Error(loaded.problems.join("\n"))
    const scenario = loaded.scenario
    const result = await runScenarioParallel(scenario, {
      workers: 2,
      audit: true,
      thresholds: (summary) => evaluateThresholds({ ...summary, thresholds: [] }, scenario.thresholds)
    })
    if (result._tag !== "Done") throw new Error(`invariant ${result.violation.rule}: ${result.violation.message}`)
    const summary = JSON.parse(JSON.stringify(result.summary)) as unknown
    const path = join(root, "test", "golden", `${name}.json`)
    const command = ["npx livechat-sim run", `scenarios/${file}`, ...overrides.map((o) => `--set ${o}`), "--json FILE"].join(" ")
    if (update || !existsSync(path)) {
      const golden: Golden = { command, overrides, summary }
      writeFileSync(path, `${JSON.stringify(golden, null, 2)}\n`)
      if (!update) throw new Error(`${path} was missing and has been written: review and commit it`)
      return
    }
    const golden = JSON.parse(readFileSync(path, "utf8")) as Golden
    expect(golden.overrides).toEqual(overrides)
    expect(differences(golden.summary, summary), `${name}: ${command} no longer gives test/golden/${name}.json`).toEqual([])
  }, 300_000)
})
