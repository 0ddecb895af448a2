// `livechat-sim swarm` in a child process: exit 0 with the counter table, 2 on bad flags with a
// clear message and no stack trace; the failure report names the seed, the shrink, the trace and
// the commands that reproduce it (checked on a planted failure, as the CLI has no engine flag).
import { mkdtempSync } from "node:fs"
import { tmpdir } from "node:os"
import { join } from "node:path"
import { describe, expect, it } from "vitest"
import { swarmReportLines } from "../../../cli/swarm.ts"
import type { EngineLayer } from "../../../core/engine.ts"
import { RoutingEngine } from "../../../core/engine.ts"
import { runSwarm } from "../../../sim/swarm/swarm.ts"
import { cli } from "../../support/cli.ts"

describe("livechat-sim swarm", () => {
  it("passes 60 seeds and prints every counter (exit 0)", () => {
    const r = cli(["swarm", "--seeds", "60", "--from", "1"])
    expect(r.code).toBe(0)
    expect(r.stdout).toContain("swarm: seeds 1..60: all 60 passed")
    expect(r.stdout).toMatch(/rona-racing-accept +\d+ +ok/)
    expect(r.stdout).not.toContain("MISSING")
  })

  it("fails when a required counter is never hit (exit 1), and prints the table anyway", () => {
    const r = cli(["swarm", "--seeds", "1", "--from", "3"])
    expect(r.code).toBe(1)
    expect(r.stdout).toContain("coverage (required):")
    expect(r.stderr).toMatch(/required coverage counter\(s\) never hit: /)
  })

  it("refuses bad flags with exit 2 and says why", () => {
    const zero = cli(["swarm", "--seeds", "0"])
    expect(zero.code).toBe(2)
    expect(zero.stderr).toContain("--seeds: expected a whole number of seeds of at least 1, got 0")
    const negative = cli(["swarm", "--seeds", "3", "--from", "-4"])
    expect(negative.code).toBe(2)
    expect(negative.stderr).toContain("--from: expected a seed of 0 or more, got -4")
    const word = cli(["swarm", "--seeds", "many"])
    expect(word.code).toBe(2)
    expect(word.stderr).toContain("--seeds")
    expect(word.stderr).not.toMatch(/\bat .*\.ts:\d+/)
  })

  it("reports a failing seed with its shrunk trace and the commands that reproduce it", () => {
    const extraSlot: EngineLayer = (config) =>
      RoutingEngine.layer({ ...config, agents: config.agents.map((a) => ({ ...a, capacity: a.capacity + 1 })) })
    const out = mkdtempSync(join(tmpdir(), "livechat-swarm-cli-"))
    const report = runSwarm({ seeds: 10, from: 7, outDir: out, engineFor: extraSlot })
    const seed = report.failure!.seed.seed
    const lines = swarmReportLines(report, 7, 10)
    expect(lines.code).toBe(1)
    const err = lines.err.join("\n")
    expect(err).toContain(`swarm: seed ${seed} FAILED`)
    expect(err).toContain(`invariant "capacity" violated`)
    expect(err).toMatch(/shrunk: \d+ -> \d+ external inputs in \d+ re-runs, still failing: invariant "capacity"/)
    expect(err).toContain(`trace: ${join(out, `seed-${seed}.jsonl`)}`)
    expect(err).toContain(`reproduce the seed: npx livechat-sim swarm --seeds 1 --from ${seed}`)
    expect(err).toContain(`replay the trace:   npx livechat-sim replay ${join(out, `seed-${seed}.jsonl`)}`)
    expect(lines.out.join("\n")).toContain("coverage (required):")
  })
})
