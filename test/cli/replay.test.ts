// `run --trace` and `livechat-sim replay` end to end in child processes: exit 0 with the run's digest,
// 1 naming the divergent line with expected, actual and context, 2 for a truncated file; no stack trace.
import { execFileSync } from "node:child_process"
import { mkdtempSync, readFileSync, writeFileSync } from "node:fs"
import { tmpdir } from "node:os"
import { join } from "node:path"
import { describe, expect, it } from "vitest"
import { rehash } from "../sim/trace/rehash.ts"
import { cli } from "../support/cli.ts"

const dir = mkdtempSync(join(tmpdir(), "livechat-replay-cli-"))

describe("run --trace, then replay", () => {
  const trace = join(dir, "run.jsonl.gz")
  const json = join(dir, "summary.json")
  const run = cli([
    "run",
    "scenarios/rona-storm.yaml",
    "--set",
    "horizon=30m",
    "--set",
    "warmup=0s",
    "--replications",
    "2",
    "--trace",
    trace,
    "--json",
    json,
    "--report",
    join(dir, "r.html")
  ])

  it("replays identically and prints the run's digest (exit 0)", () => {
    expect(run.code).toBe(0)
    const digest = (JSON.parse(readFileSync(json, "utf8")) as { digest: string }).digest
    expect(run.stdout).toContain(`trace: ${trace} (digest ${digest})`)
    const r = cli(["replay", trace])
    expect(r.code).toBe(0)
    expect(r.stdout).toContain(`digest ${digest}`)
  })

  it("names the first divergent line with expected, actual and context (exit 1)", () => {
    const lines = execFileSync("gunzip", ["-c", trace], { encoding: "utf8", maxBuffer: 1 << 28 }).split("\n")
    const target = lines.findIndex((l) => l.includes(`"_tag":"OfferExpired"`))
    const edited = rehash(lines.map((l, i) => (i === target ? l.replace(`"OfferExpired"`, `"OfferDeclined"`) : l)))
    const path = join(dir, "diverged.jsonl")
    writeFileSync(path, edited.join("\n"))
    const r = cli(["replay", path])
    expect(r.code).toBe(1)
    expect(r.stderr).toContain(`replay diverged at line ${target + 1}`)
    expect(r.stderr).toMatch(/expected: .*OfferDeclined/)
    expect(r.stderr).toMatch(/actual: {3}.*OfferExpired/)
    expect(r.stderr).toContain(`> ${String(target + 1).padStart(7)}`)
    expect(r.stderr).not.toMatch(/\bat .*\.ts:\d+/)
  })

  describe("--engine MODULE", () => {
    const fixture = (name: string) => join("test/cli/fixtures", name)

    it("reproduces the trace through a module that re-exports the built-in engine (exit 0)", () => {
      const digest = (JSON.parse(readFileSync(json, "utf8")) as { digest: string }).digest
      const r = cli(["replay", trace, "--engine", fixture("engine-standard.ts")])
      expect(r.code).toBe(0)
      expect(r.stdout).toContain(`digest ${digest}`)
    })

    it("reports the first divergence of a module that changes behaviour (exit 1)", () => {
      const lines = execFileSync("gunzip", ["-c", trace], { encoding: "utf8", maxBuffer: 1 << 28 }).split("\n")
      const firstOffer = lines.findIndex((l) => l.includes(`"_tag":"OfferMade"`)) + 1
      const r = cli(["replay", trace, "--no-audit", "--engine", fixture("engine-slow-offers.ts")])
      expect(r.code).toBe(1)
      expect(r.stderr).toContain(`replay diverged at line ${firstOffer}`)
      expect(r.stderr).toMatch(/expected: .*"OfferMade".*"deadlineMs"/)
      expect(r.stderr).toMatch(/actual: {3}.*"OfferMade".*"deadlineMs"/)
      expect(r.stderr).not.toMatch(/\bat .*\.ts:\d+/)
      // with the auditor on, the changed deadline breaks the recorded configuration's rule
      const audited = cli(["replay", trace, "--engine", fixture("engine-slow-offers.ts")])
      expect(audited.code).toBe(1)
      expect(audited.stderr).toContain(`invariant "offer-closure" violated`)
    })

    it("refuses a missing module and a module without the default export, one line each (exit 2)", () => {
      const missing = cli(["replay", trace, "--engine", fixture("no-such-engine.ts")])
      expect(missing.code).toBe(2)
      expect(missing.stderr.trim()).toBe(`--engine ${fixture("no-such-engine.ts")}: no such file`)
      const named = cli(["replay", trace, "--engine", fixture("engine-named-only.ts")])
      expect(named.code).toBe(2)
      expect(named.stderr).toContain(`--engine ${fixture("engine-named-only.ts")}: the module has no default export`)
      expect(named.stderr.trim().split("\n")).toHaveLength(1)
      for (const r of [missing, named]) expect(r.stderr).not.toMatch(/\bat .*\.ts:\d+/)
    })

    it("says in --help that the default is the built-in engine", () => {
      const help = cli(["replay", "--help"])
      expect(help.code).toBe(0)
      expect(help.stdout).toMatch(/--engine .*\(default: the built-in engine/)
    })
  })

  it("rejects a truncated trace with a clear message (exit 2)", () => {
    const text = execFileSync("gunzip", ["-c", trace], { encoding: "utf8", maxBuffer: 1 << 28 })
    const path = join(dir, "cut.jsonl")
    writeFileSync(path, text.slice(0, text.length - 50))
    const r = cli(["replay", path])
    expect(r.code).toBe(2)
    expect(r.stderr).toContain("not a usable trace (truncated")
    expect(r.stderr).not.toMatch(/\bat .*\.ts:\d+/)
  })
})
