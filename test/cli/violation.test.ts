// What a run that breaks an invariant prints (exit 1): the rule, record and time, the explanation,
// both seeds, and a command that reruns exactly that replication with the same overrides. The
// engine has no known violation to trigger, so the report is built from a synthetic one and its
// command is then run for real: it must reproduce the named replication's digest.
import { execFileSync } from "node:child_process"
import { mkdtempSync, readFileSync } from "node:fs"
import { tmpdir } from "node:os"
import { join, resolve } from "node:path"
import { describe, expect, it } from "vitest"
import { violationReport } from "../../cli/run-report.ts"
import { runScenario } from "../../sim/run/assemble.ts"
import { replicationSeed } from "../../sim/run/replications.ts"
import { loadScenario } from "../../sim/scenario/load.ts"

const root = resolve(import.meta.dirname, "../..")
const path = "scenarios/erlang-a.yaml"
const sets = ["horizon=1h", "warmup=0s", "agents.agents.count=48"]

describe("a violated invariant", () => {
  const loaded = loadScenario(join(root, path), [...sets, "seed=9"])
  if (loaded._tag !== "Loaded") throw new Error(loaded.problems.join("\n"))
  const scenario = loaded.scenario
  const lines = violationReport(path, scenario, sets, {
    _tag: "Violation",
    replication: 2,
    replicationSeed: replicationSeed(scenario.seed, 2),
    violation: {
      index: 41,
      atMs: 125_000,
      rule: "capacity",
      message: `agent "a1" would hold 2 slots but capacity is 1`
    }
  })

  it("names the rule, record, time, explanation and both seeds", () => {
    expect(lines[0]).toBe(`invariant "capacity" violated in replication 2 at 125000 ms (record 41):`)
    expect(lines[1]).toContain(`agent "a1" would hold 2 slots`)
    expect(lines[2]).toBe(`seed 9, replication seed ${replicationSeed(9, 2)}; reproduce with:`)
  })

  it("prints a command that reruns that very replication", () => {
    const command = lines[3]!.trim()
    expect(command).toBe(
      `npx livechat-sim run ${path} --seed 9 ${sets.map((s) => `--set ${s}`).join(" ")} --replication 2`
    )
    const json = join(mkdtempSync(join(tmpdir(), "livechat-violation-")), "out.json")
    const args = command.replace("npx livechat-sim run ", "").split(" ")
    execFileSync(
      process.execPath,
      [join(root, "cli/main.ts"), "run", ...args, "--json", json, "--report", `${json}.html`],
      {
        cwd: root,
        stdio: "ignore",
        env: { ...process.env, CI: "true" }
      }
    )
    const rerun = JSON.parse(readFileSync(json, "utf8")) as { digest: string; replications: number }
    const direct = runScenario(scenario, { audit: true, only: 2 })
    if (direct._tag !== "Done") throw new Error("unexpected violation")
    expect(rerun.replications).toBe(1)
    expect(rerun.digest).toBe(direct.summary.digest)
  })
})
