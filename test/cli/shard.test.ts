// Past one machine: a run sharded 4 ways and merged gives a summary byte-identical (digest
// included) to the unsharded run; so do a comparison, a swarm and a staffing table; tampered,
// missing, duplicated and mixed parts exit 2 naming what is wrong; and the GNU parallel recipe of
// docs/scale-out.md runs here with 4 local processes.
import { execFileSync, spawnSync } from "node:child_process"
import { existsSync, mkdtempSync, readFileSync, writeFileSync } from "node:fs"
import { tmpdir } from "node:os"
import { join } from "node:path"
import { describe, expect, it } from "vitest"
import { cli, root } from "../support/cli.ts"

const dir = mkdtempSync(join(tmpdir(), "livechat-sim-shard-"))
const scenario = "scenarios/rona-storm.yaml"
const short = ["--set", "horizon=1h30m", "--set", "warmup=15m"]
const part = (k: number) => join(dir, `part-${k}.json`)

describe("sharded runs", () => {
  it("4 shards merged give the unsharded summary, byte for byte", () => {
    for (let k = 0; k < 4; k++) {
      const r = cli(["run", scenario, ...short, "--shard", `${k}/4`, "--json", part(k)])
      expect(r.code, r.stderr).toBe(0)
      expect(r.stdout).toContain(`shard ${k}/4 of rona-storm`)
    }
    const merged = cli([
      "merge",
      part(3),
      part(1),
      part(0),
      part(2),
      "--json",
      join(dir, "merged.json"),
      "--report",
      join(dir, "m.html")
    ])
    expect(merged.code, merged.stderr).toBe(0)
    const full = cli(["run", scenario, ...short, "--json", join(dir, "full.json"), "--report", join(dir, "f.html")])
    expect(full.code, full.stderr).toBe(0)
    expect(readFileSync(join(dir, "merged.json"), "utf8")).toBe(readFileSync(join(dir, "full.json"), "utf8"))
    // the terminal summary too, but for the merge's first line
    const paths = (out: string) => out.replace(/(HTML report|summary JSON): \S+/g, "$1")
    expect(paths(merged.stdout.split("\n").slice(1).join("\n"))).toBe(paths(full.stdout))
  }, 120_000)

  it("refuses tampered, missing, duplicated and mixed parts with exit 2, naming them", () => {
    for (let k = 0; k < 2; k++)
      expect(cli(["run", scenario, ...short, "--shard", `${k}/4`, "--json", part(k)]).code).toBe(0)
    const tampered = join(dir, "tampered.json")
    writeFileSync(
      tampered,
      readFileSync(part(0), "utf8").replace(/"arrived":(\d+)/, (_, n) => `"arrived":${Number(n) + 1}`)
    )
    const other = join(dir, "other-seed.json")
    expect(cli(["run", scenario, ...short, "--seed", "99", "--shard", "2/4", "--json", other]).code).toBe(0)
    const cases: ReadonlyArray<readonly [ReadonlyArray<string>, RegExp]> = [
      [[tampered, part(1)], /tampered\.json: its checksum does not match its content/],
      [[part(0), part(1)], /missing shard\(s\) 2\/4, 3\/4 of 4/],
      [[part(0), part(0), part(1)], /shard 0\/4 given twice/],
      [[part(0), part(1), other], /parts differ in scenario|parts differ in seed/],
      [[join(dir, "nope.json")], /nope\.json: file not found/],
      [[join(root, "package.json")], /package\.json: not a livechat-sim part/]
    ]
    for (const [files, message] of cases) {
      const r = cli(["merge", ...files])
      expect(r.code, files.join(" ")).toBe(2)
      expect(r.stderr).toMatch(message)
      expect(r.stderr).not.toMatch(/\bat .*\.ts:\d+/)
    }
  }, 120_000)

  it("a comparison, a swarm and a staffing table merge to what the unsharded command writes", () => {
    const same = (
      label: string,
      sharded: ReadonlyArray<ReadonlyArray<string>>,
      full: ReadonlyArray<string>,
      out: string
    ) => {
      const parts = sharded.map((args, k) => {
        const p = join(dir, `${label}-${k}.json`)
        const r = cli([...args, "--json", p])
        expect(r.code, `${label} shard ${k}: ${r.stderr}`).toBe(0)
        return p
      })
      const merged = cli([
        "merge",
        ...parts.reverse(),
        "--json",
        join(dir, `${label}-merged.${out}`),
        "--report",
        join(dir, `${label}-m.html`)
      ])
      const unsharded = cli([
        ...full,
        "--json",
        join(dir, `${label}-full.${out}`),
        "--report",
        join(dir, `${label}-f.html`)
      ])
      expect(merged.code, merged.stderr).toBe(unsharded.code)
      expect(readFileSync(join(dir, `${label}-merged.${out}`), "utf8")).toBe(
        readFileSync(join(dir, `${label}-full.${out}`), "utf8")
      )
      return { merged, unsharded }
    }
    const cmp = [
      "compare",
      "scenarios/rona-storm.yaml",
      "--variant",
      "lb:routing.policy=least-busy",
      "--replications",
      "3",
      ...short
    ]
    same(
      "compare",
      [0, 1, 2].map((k) => [...cmp, "--shard", `${k}/3`]),
      cmp,
      "json"
    )
    const table = [
      "staff",
      "scenarios/erlang-a.yaml",
      "--table",
      "46..52",
      "--target",
      "serviceLevel.20s>=0.8",
      "--replications",
      "3",
      "--set",
      "horizon=3h",
      "--confidence",
      "0.5"
    ]
    const t = same(
      "table",
      [0, 1].map((k) => [...table, "--shard", `${k}/2`]),
      table,
      "json"
    )
    expect(t.merged.stdout).toMatch(/answer: 50 agents on duty/)
    // a swarm prints its report: the merged one is the unsharded one, line for line
    const parts = [0, 1, 2].map((k) => {
      const p = join(dir, `swarm-${k}.json`)
      expect(cli(["swarm", "--seeds", "12", "--from", "3", "--shard", `${k}/3`, "--json", p]).code).toBe(0)
      return p
    })
    const merged = cli(["merge", ...parts])
    const full = cli(["swarm", "--seeds", "12", "--from", "3"])
    expect([merged.code, merged.stdout, merged.stderr]).toEqual([full.code, full.stdout, full.stderr])
  }, 180_000)

  it("refuses a bad --shard, and --shard without --json", () => {
    expect(cli(["run", scenario, "--shard", "4/4", "--json", part(9)]).stderr).toMatch(
      /--shard "4\/4": expected K\/N with 0 <= K < N/
    )
    expect(cli(["run", scenario, "--shard", "0/4"]).stderr).toMatch(/give --json FILE/)
  })

  it("the GNU parallel recipe runs 4 shards as 4 processes and merges them", () => {
    const parallel = spawnSync("parallel", ["--version"], { encoding: "utf8" })
    if (parallel.status !== 0) {
      if (process.env["CI"] === "true") throw new Error("GNU parallel is not installed (.ci/run installs it)")
      console.warn("shard test: GNU parallel not found, recipe not run (apt-get install -y parallel)")
      return
    }
    const doc = readFileSync(join(root, "docs/scale-out.md"), "utf8")
    const recipe = /```sh gnu-parallel\n([\s\S]*?)```/.exec(doc)?.[1]
    expect(recipe, "docs/scale-out.md has the GNU parallel recipe").toBeDefined()
    const work = mkdtempSync(join(tmpdir(), "livechat-sim-parallel-"))
    // the bundled scenario, shortened to keep the test quick
    writeFileSync(
      join(work, "scenario.yaml"),
      readFileSync(join(root, scenario), "utf8")
        .replace(/^horizon: .*$/m, "horizon: 1h")
        .replace(/^warmup: .*$/m, "warmup: 10m")
    )
    const script = recipe!
      .replaceAll("scenarios/default.yaml", join(work, "scenario.yaml"))
      .replaceAll("npx livechat-sim", `${process.execPath} ${join(root, "cli/main.ts")}`)
    execFileSync("/bin/bash", ["-euo", "pipefail", "-c", script], {
      cwd: work,
      env: { ...process.env, CI: "true", N: "4" },
      stdio: "pipe"
    })
    expect(existsSync(join(work, "summary.json"))).toBe(true)
    const full = cli([
      "run",
      join(work, "scenario.yaml"),
      "--json",
      join(work, "full.json"),
      "--report",
      join(work, "f.html")
    ])
    expect(full.code).toBe(0)
    expect(JSON.parse(readFileSync(join(work, "summary.json"), "utf8")).digest).toBe(
      JSON.parse(readFileSync(join(work, "full.json"), "utf8")).digest
    )
  }, 180_000)
})
