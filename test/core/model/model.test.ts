// Model test: random command sequences (valid, invalid, duplicated, late, interleaved with timers)
// never make the engine throw and never break an invariant the auditor checks. A failure reports
// fast-check's seed and shrunk sequence plus the readable command log of the shrunk run.
// FC_RUNS sets the number of sequences (default 1,000), FC_SEED replays one seed.
import fc from "fast-check"
import { describe, expect, it } from "vitest"
import { configArb, sequenceArb } from "./arbitraries.ts"
import { ModelRun } from "./driver.ts"

const runs = Number(process.env["FC_RUNS"] ?? 1_000)
const seed = process.env["FC_SEED"] === undefined ? {} : { seed: Number(process.env["FC_SEED"]) }

describe("engine model", () => {
  it(`${runs} random command sequences keep every invariant`, () => {
    let executed = 0
    fc.assert(
      fc.property(configArb, fc.boolean(), sequenceArb, (config, cold, actions) => {
        executed++
        const run = new ModelRun(config, !cold)
        for (const action of actions) {
          run.run(action)
          if (run.violation !== undefined) break
        }
        if (run.violation === undefined) run.drain()
        const v = run.violation
        if (v !== undefined) {
          const log = run.log.map((line, i) => `  ${i}: ${line}`).join("\n")
          throw new Error(`invariant "${v.rule}" broken at record ${v.index} (t=${v.atMs} ms): ${v.message}\n${log}`)
        }
      }),
      { numRuns: runs, ...seed }
    )
    expect(executed).toBeGreaterThanOrEqual(runs)
  })
})
