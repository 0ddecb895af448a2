/**
 * `run --shard K/N --json part-K.json`: run only the replications r with r mod N = K and write
 * their raw outcomes as a part (sim/shard/), for `livechat-sim merge` to turn the N parts into the
 * summary an unsharded run writes. A shard that meets an invariant violation still writes its part
 * (merge reports it as run would) and exits 1.
 */
import * as Console from "effect/Console"
import { Flag } from "effect/cli"
import * as Effect from "effect/Effect"
import * as Option from "effect/Option"
import { runOutcomesParallel } from "../sim/parallel/pool.ts"
import type { Scenario } from "../sim/scenario/model.ts"
import { firstViolation, runPartBody } from "../sim/shard/run-part.ts"
import { shardIndices, shardLabel } from "../sim/shard/shard.ts"
import { CliExit, EXIT, invalidInput } from "./exit.ts"
import { checkShard, writePart } from "./shard.ts"
import { workersOrExit } from "./workers.ts"

export const shardFlag = Flag.String("shard").pipe(
  Flag.withDescription(
    "run only shard K of N (replications r with r mod N = K, K from 0) and write a part for `merge` " +
      "to --json (default: the whole run)"
  ),
  Flag.optional
)

export interface ShardFlags {
  readonly scenario: string
  readonly set: ReadonlyArray<string>
  readonly seed: Option.Option<number>
  readonly replications: Option.Option<number>
  readonly json: Option.Option<string>
  readonly trace: Option.Option<string>
  readonly replication: Option.Option<number>
  readonly workers: Option.Option<number>
  readonly noAudit: boolean
}

/** Flags a sharded run cannot take, after the shard's own problems. */
const unshardable = (flags: ShardFlags): Array<string> => [
  ...(Option.isSome(flags.trace) ? ["--trace cannot be sharded: trace an unsharded run"] : []),
  ...(Option.isSome(flags.replication) ? ["--replication and --shard together: give one"] : [])
]

const command = (flags: ShardFlags, shardText: string, path: string): string =>
  [
    "npx livechat-sim run",
    flags.scenario,
    ...Option.toArray(flags.seed).map((s) => `--seed ${s}`),
    ...Option.toArray(flags.replications).map((r) => `--replications ${r}`),
    ...flags.set.map((s) => `--set ${s}`),
    ...(flags.noAudit ? ["--no-audit"] : []),
    `--shard ${shardText}`,
    `--json ${path}`
  ].join(" ")

export const runShard = (flags: ShardFlags, scenario: Scenario, shardText: string) =>
  Effect.gen(function* () {
    const checked = checkShard(shardText, flags.json, true)
    const problems = [...("problems" in checked ? checked.problems : []), ...unshardable(flags)]
    if (problems.length > 0 || "problems" in checked) return yield* invalidInput(problems)
    const { shard, json: path } = checked.target
    const indices = shardIndices(scenario.replications, shard)
    const workers = yield* workersOrExit(flags.workers)
    const outcomes = yield* Effect.promise(() =>
      runOutcomesParallel(scenario, { workers, audit: !flags.noAudit, indices })
    )
    const body = runPartBody(scenario, !flags.noAudit, outcomes)
    writePart(path, "run", scenario, scenario.seed, shard, command(flags, shardText, path), body)
    yield* Console.log(
      `shard ${shardLabel(shard)} of ${scenario.name}: replication(s) ${indices.join(", ") || "none"} written to ${path}`
    )
    yield* Console.log(
      `merge the ${shard.count} parts with: npx livechat-sim merge <the ${shard.count} part files> --json summary.json`
    )
    const violation = firstViolation(outcomes)
    if (violation !== undefined) {
      yield* Console.error(
        `invariant "${violation.rule}" violated in this shard: ${violation.message} (merge reports it with the command that reproduces it)`
      )
      return yield* new CliExit({ code: EXIT.violation })
    }
  })
