// `livechat-sim report`: a summary written by `run --json` renders to the very HTML report the run
// wrote; NaN (written by JSON as null) reads back; a bad file lists its problems and exits 2.
import { mkdtempSync, readFileSync, writeFileSync } from "node:fs"
import { tmpdir } from "node:os"
import { join } from "node:path"
import { describe, expect, it } from "vitest"
import { readSummary } from "../../cli/report.ts"
import { livechatSummary } from "../reports/fixture.ts"
import { cli } from "../support/cli.ts"

const dir = mkdtempSync(join(tmpdir(), "livechat-report-cli-"))

describe("livechat-sim report", () => {
  it("renders a run's summary JSON to the same HTML report the run wrote", () => {
    const json = join(dir, "s.json")
    const first = join(dir, "run.html")
    const again = join(dir, "again.html")
    const run = cli([
      "run",
      "scenarios/erlang-a.yaml",
      "--set",
      "horizon=1h",
      "--set",
      "warmup=10m",
      "--replications",
      "2",
      "--json",
      json,
      "--report",
      first
    ])
    expect(run.code).toBe(0)
    const r = cli(["report", json, "--report", again, "--markdown", join(dir, "s.md")])
    expect(r.code).toBe(0)
    expect(r.stdout).toContain("livechat-sim: erlang-a")
    expect(readFileSync(again, "utf8")).toBe(readFileSync(first, "utf8"))
    expect(readFileSync(join(dir, "s.md"), "utf8")).toContain("# ")
  })

  it("reads NaN back from JSON's null", () => {
    const withNaN = {
      ...livechatSummary,
      overall: {
        ...livechatSummary.overall,
        metrics: {
          ...livechatSummary.overall.metrics,
          asaMs: { ...livechatSummary.overall.metrics.asaMs, mean: Number.NaN }
        }
      }
    }
    const path = join(dir, "nan.json")
    writeFileSync(path, JSON.stringify(withNaN))
    const read = readSummary(path)
    if ("problems" in read) throw new Error(read.problems.join("\n"))
    expect(read.summary.overall.metrics.asaMs.mean).toBeNaN()
    expect(read.summary).toEqual(withNaN)
  })

  it("lists every problem of a file that is not a summary, exit 2", () => {
    const path = join(dir, "bad.json")
    writeFileSync(path, JSON.stringify({ ...livechatSummary, seed: "one", replications: undefined, extra: 1 }))
    const r = cli(["report", path])
    expect(r.code).toBe(2)
    expect(r.stderr).toContain("seed: expected")
    expect(r.stderr).toContain("replications: is required")
    expect(r.stderr).toMatch(/extra: unknown field/)
    expect(cli(["report", join(dir, "missing.json")]).stderr).toContain("missing.json: file not found")
  })
})
