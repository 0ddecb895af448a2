/**
 * `run --shard K/N --json part-K.json`: run only the replications r with r mod N = K and write
 * their raw outcomes as a part (sim/shard/), for `livechat-sim merge` to turn the N parts into the
 * summary an unsharded run writes. A shard that meets an invariant violation still writes its part
 * (merge reports it as run would) and exits 1.
 */
import { Console, Effect, Option } from "effect"
import { Flag } from "effect/cli"
import { ENGINE_VERSION } from "../core/version.ts"
import { runOutcomesParallel } from "../sim/parallel/pool.ts"
import type { Scenario } from "../sim/scenario/model.ts"
import { makePart } from "../sim/shard/part.ts"
import { firstViolation, runPartBody } from "../sim/shard/run-part.ts"
import { parseShard, shardIndices, shardLabel } from "../sim/shard/shard.ts"
import { CliExit, EXIT, invalidInput } from "./exit.ts"
import { writeFile } from "./files.ts"
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

/** Problems with the flags of a sharded run, before anything runs. */
export const shardProblems = (flags: ShardFlags, shardText: string): Array<string> => {
  const shard = parseShard(shardText)
  return [
    ...(typeof shard === "string" ? [shard] : []),
    ...(Option.isNone(flags.json)
      ? ["--shard writes a part file for merge: give --json FILE, e.g. --json part-0.json"]
      : []),
    ...(Option.isSome(flags.trace) ? ["--trace cannot be sharded: trace an unsharded run"] : []),
    ...(Option.isSome(flags.replication) ? ["--replication and --shard together: give one"] : [])
  ]
}

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
    const problems = shardProblems(flags, shardText)
    const shard = parseShard(shardText)
    if (problems.length > 0 || typeof shard === "string" || Option.isNone(flags.json)) {
      return yield* invalidInput(problems)
    }
    const path = flags.json.value
    const indices = shardIndices(scenario.replications, shard)
    const workers = yield* workersOrExit(flags.workers)
    const outcomes = yield* Effect.promise(() =>
      runOutcomesParallel(scenario, { workers, audit: !flags.noAudit, indices })
    )
    const body = runPartBody(scenario, !flags.noAudit, outcomes)
    writeFile(
      path,
      `${JSON.stringify(
        makePart("run", scenario, scenario.seed, shard, command(flags, shardText, path), body, ENGINE_VERSION)
      )}\n`
    )
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
