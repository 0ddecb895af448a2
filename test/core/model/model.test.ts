// Model test: random command sequences (valid, invalid, duplicated, late, interleaved with timers)
// never make the engine throw and never break an invariant the auditor checks, under every routing
// policy and both transfer fallbacks, on a host that cancels its timers and on one that cannot
// (every stale timer fires). Each sequence is an Effect program over a fresh engine from its layer.
// A failure reports fast-check's seed and shrunk sequence plus the readable command log of the
// shrunk run. FC_RUNS sets the number of sequences (default 1,000), FC_SEED replays one seed.
import { describe, expect, it } from "@effect/vitest"
import * as Effect from "effect/Effect"
import fc from "fast-check"
import type { EngineConfig } from "../../../core/config.ts"
import type { Action } from "./arbitraries.ts"
import { configArb, sequenceArb } from "./arbitraries.ts"
import { modelRun } from "./driver.ts"

const runs = Number(process.env["FC_RUNS"] ?? 1_000)
const seed = process.env["FC_SEED"] === undefined ? {} : { seed: Number(process.env["FC_SEED"]) }

/** Every (routing policy, transfer fallback) pair the config arbitrary draws. */
const PAIRS = ["longest-available", "least-busy", "round-robin", "skills-best"].flatMap((policy) =>
  ["drop", "requeue"].map((fallback) => `${policy}/${fallback}`)
)

/** One sequence on a fresh engine; fails with the shrunk run's command log at a violation. */
const sequence = (config: EngineConfig, warm: boolean, cancels: boolean, actions: ReadonlyArray<Action>) =>
  Effect.gen(function* () {
    const run = yield* modelRun(config, warm, { cancels })
    for (const action of actions) {
      run.run(action)
      if (run.violation !== undefined) break
    }
    if (run.violation === undefined) run.drain()
    const v = run.violation
    if (v !== undefined) {
      const log = run.log.map((line, i) => `  ${i}: ${line}`).join("\n")
      const host = cancels ? "" : " (host cannot cancel)"
      throw new Error(`invariant "${v.rule}" broken at record ${v.index} (t=${v.atMs} ms)${host}: ${v.message}\n${log}`)
    }
  })

describe("engine model", () => {
  it.effect(`${runs} random command sequences keep every invariant`, () =>
    Effect.sync(() => {
      let executed = 0
      const drawn = new Set<string>()
      fc.assert(
        fc.property(configArb, fc.boolean(), fc.boolean(), sequenceArb, (config, cold, cancels, actions) => {
          executed++
          drawn.add(`${config.policy}/${config.onTransferNotAccepted}`)
          Effect.runSync(sequence(config, !cold, cancels, actions))
        }),
        { numRuns: runs, ...seed }
      )
      expect(executed).toBeGreaterThanOrEqual(runs)
      if (runs >= 200) expect([...drawn].sort()).toEqual([...PAIRS].sort())
    })
  )
})
