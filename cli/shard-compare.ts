/**
 * `compare --shard K/N --json part-K.json`: the replications r with r mod N = K of the baseline
 * and every variant, written as their paired samples for `merge` (sim/shard/compare-part.ts). A
 * shard that meets an invariant violation reports it as compare does and writes no part.
 */
import * as Console from "effect/Console"
import * as Effect from "effect/Effect"
import type * as Option from "effect/Option"
import type { Condition } from "../sim/compare/conditions.ts"
import type { Variant } from "../sim/compare/run.ts"
import { sampleRuns } from "../sim/compare/run.ts"
import { samplerFor } from "../sim/compare/sampler.ts"
import type { Scenario } from "../sim/scenario/model.ts"
import { comparePartBody } from "../sim/shard/compare-part.ts"
import { shardIndices, shardLabel } from "../sim/shard/shard.ts"
import { comparisonViolationLines } from "./compare-violation.ts"
import { CliExit, EXIT } from "./exit.ts"
import { shardOrExit, writePart } from "./shard.ts"
import { workersOrExit } from "./workers.ts"

interface Flags {
  readonly scenario: string
  readonly set: ReadonlyArray<string>
  readonly variant: ReadonlyArray<string>
  readonly failIf: ReadonlyArray<string>
  readonly json: Option.Option<string>
  readonly workers: Option.Option<number>
  readonly noAudit: boolean
}

export const compareShard = (
  flags: Flags,
  shardText: string,
  sets: ReadonlyArray<string>,
  prepared: {
    readonly baseline: Scenario
    readonly variants: ReadonlyArray<Variant>
    readonly conditions: ReadonlyArray<Condition>
  }
) =>
  Effect.gen(function* () {
    const { shard, json: path } = yield* shardOrExit(shardText, flags.json, true)
    const { baseline, variants } = prepared
    const indices = shardIndices(baseline.replications, shard)
    const workers = yield* workersOrExit(flags.workers)
    const sampler = samplerFor(Math.min(workers, Math.max(1, indices.length * (variants.length + 1))))
    const sampled = yield* Effect.promise(() =>
      sampleRuns(baseline, variants, { audit: !flags.noAudit, conditions: [], sampler }, indices).finally(() =>
        sampler.close()
      )
    )
    if (sampled._tag === "Violation") {
      for (const line of comparisonViolationLines(flags.scenario, flags.set, variants, sampled))
        yield* Console.error(line)
      return yield* new CliExit({ code: EXIT.violation })
    }
    const command = [
      "npx livechat-sim compare",
      flags.scenario,
      ...sets.map((s) => `--set ${s}`),
      ...flags.variant.map((v) => `--variant ${v}`),
      ...flags.failIf.map((f) => `--fail-if "${f}"`),
      `--shard ${shardText}`,
      `--json ${path}`
    ].join(" ")
    const body = comparePartBody(baseline, variants, sets, flags.failIf, !flags.noAudit, indices, sampled.samples)
    writePart(path, "compare", baseline, baseline.seed, shard, command, body)
    yield* Console.log(
      `shard ${shardLabel(shard)} of the comparison: replication(s) ${indices.join(", ") || "none"} written to ${path}`
    )
    yield* Console.log(
      `merge the ${shard.count} parts with: npx livechat-sim merge <the ${shard.count} part files> --json comparison.json`
    )
  })
