// `run --trace` and `livechat-sim replay` end to end in child processes: exit 0 with the run's digest,
// 1 naming the divergent line with expected, actual and context, 2 for a truncated file; no stack trace.
import { execFileSync } from "node:child_process"
import { mkdtempSync, readFileSync, writeFileSync } from "node:fs"
import { tmpdir } from "node:os"
import { join } from "node:path"
import { describe, expect, it } from "vitest"
import { cli } from "../support/cli.ts"
import { rehash } from "../sim/trace/rehash.ts"

const dir = mkdtempSync(join(tmpdir(), "livechat-replay-cli-"))


describe("run --trace, then replay", () => {
  const trace = join(dir, "run.jsonl.gz")
  const json = join(dir, "summary.json")
  const run = cli(["run", "scenarios/rona-storm.yaml", "--set", "horizon=30m", "--set", "warmup=0s", "--replications", "2",
    "--trace", trace, "--json", json, "--report", join(dir, "r.html")])

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
