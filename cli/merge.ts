/**
 * `livechat-sim merge PART... [--json FILE] [--report FILE] [--markdown FILE]`: combine the parts
 * that sharded commands wrote (`run --shard`, `compare --shard`, `swarm --shard`, `staff --table
 * --shard`) into exactly what the unsharded command would have written and printed, exit codes
 * included. Parts from different scenarios, seeds, engine versions or shard counts, duplicated or
 * missing shards, and edited or damaged files are refused with exit 2, naming them.
 */

import * as Console from "effect/Console"
import { Argument, Command, Flag } from "effect/cli"
import * as Effect from "effect/Effect"
import type * as Option from "effect/Option"
import { ENGINE_VERSION } from "../core/version.ts"
import { evaluateThresholds } from "../reports/thresholds.ts"
import { parseConditions } from "../sim/compare/conditions.ts"
import { compareSamples } from "../sim/compare/run.ts"
import { assemble } from "../sim/run/assemble.ts"
import { mergeCompareParts } from "../sim/shard/compare-part.ts"
import type { LoadedPart } from "../sim/shard/part.ts"
import { checkParts, readPart, scenarioOf } from "../sim/shard/part.ts"
import { mergeRunParts } from "../sim/shard/run-part.ts"
import { mergeSwarmParts } from "../sim/shard/swarm-part.ts"
import { mergeTableParts } from "../sim/shard/table-part.ts"
import { reportComparison } from "./compare.ts"
import { CliExit, problemsExit } from "./exit.ts"
import { reportRunResult } from "./run-report.ts"
import { reportTable } from "./staff.ts"
import { mergedSwarmLines } from "./swarm.ts"

const refuse = (problems: ReadonlyArray<string>) => problemsExit("merge", problems)

const mergeRun = (parts: ReadonlyArray<LoadedPart>, flags: MergeFlags) =>
  Effect.gen(function* () {
    const merged = mergeRunParts(parts)
    if ("problems" in merged) return yield* refuse(merged.problems)
    const first = parts[0]!.part
    const scenario = scenarioOf(first)
    const result = assemble(scenario, merged.outcomes, {
      audit: merged.audit,
      thresholds: (summary) => evaluateThresholds({ ...summary, thresholds: [] }, scenario.thresholds)
    })
    const path = /^npx livechat-sim run (\S+)/.exec(first.command)?.[1] ?? scenario.name
    yield* Console.log(`merged ${parts.length} parts of ${scenario.name} (${merged.outcomes.length} replications)`)
    return yield* reportRunResult(path, scenario, [], flags, result)
  })

const mergeCompare = (parts: ReadonlyArray<LoadedPart>, flags: MergeFlags) =>
  Effect.gen(function* () {
    const merged = mergeCompareParts(parts)
    if ("problems" in merged) return yield* refuse(merged.problems)
    const baseline = scenarioOf(parts[0]!.part)
    const conditions = parseConditions([...merged.conditions, ...flags.failIf], baseline)
    if ("problems" in conditions) return yield* refuse(conditions.problems)
    const c = compareSamples(baseline, merged.variants, merged.samples, conditions.conditions, merged.audit)
    yield* Console.log(`merged ${parts.length} parts of the comparison (${merged.samples[0]!.length} replications)`)
    return yield* reportComparison(flags, baseline, merged.variants, merged.sets, c)
  })

const mergeSwarm = (parts: ReadonlyArray<LoadedPart>) =>
  Effect.gen(function* () {
    const merged = mergeSwarmParts(parts)
    if ("problems" in merged) return yield* refuse(merged.problems)
    const lines = mergedSwarmLines(merged)
    for (const line of lines.out) yield* Console.log(line)
    for (const line of lines.err) yield* Console.error(line)
    if (lines.code !== 0) return yield* new CliExit({ code: lines.code })
  })

interface MergeFlags {
  readonly parts: ReadonlyArray<string>
  readonly json: Option.Option<string>
  readonly report: Option.Option<string>
  readonly markdown: Option.Option<string>
  readonly verbose: boolean
  readonly failIf: ReadonlyArray<string>
}

export const merge = Command.make(
  "merge",
  {
    parts: Argument.String("part").pipe(
      Argument.withDescription("the part files the shards wrote, in any order (required: all N of them)"),
      Argument.variadic({ min: 1 })
    ),
    json: Flag.String("json").pipe(
      Flag.withDescription("write the merged JSON here, as the unsharded command would (default: none)"),
      Flag.optional
    ),
    report: Flag.String("report").pipe(
      Flag.withDescription("write the HTML report here (default: the unsharded command's)"),
      Flag.optional
    ),
    markdown: Flag.String("markdown").pipe(
      Flag.withDescription("write a Markdown report here (default: none)"),
      Flag.optional
    ),
    verbose: Flag.Boolean("verbose").pipe(
      Flag.withDescription("as the unsharded command's --verbose (default: off)"),
      Flag.withDefault(false)
    ),
    failIf: Flag.String("fail-if").pipe(
      Flag.withDescription(
        `comparisons: a further --fail-if condition beside the shards' own, e.g. "serviceLevel.20s decreases" (repeatable; default: none)`
      ),
      Flag.atLeast(0)
    )
  },
  (flags) =>
    Effect.gen(function* () {
      const read = flags.parts.map(readPart)
      const unreadable = read.filter((r): r is string => typeof r === "string")
      if (unreadable.length > 0) return yield* refuse(unreadable)
      const parts = read as Array<LoadedPart>
      const problems = checkParts(parts, ENGINE_VERSION)
      if (problems.length > 0) return yield* refuse(problems)
      switch (parts[0]!.part.livechatSimPart) {
        case "run":
          return yield* mergeRun(parts, flags)
        case "compare":
          return yield* mergeCompare(parts, flags)
        case "swarm":
          return yield* mergeSwarm(parts)
        case "staff-table": {
          const table = mergeTableParts(parts)
          if ("problems" in table) return yield* refuse(table.problems)
          return yield* reportTable(flags, table.scenario, table)
        }
      }
    })
).pipe(
  Command.withDescription(
    "Merge the parts of a sharded run, comparison, swarm or staffing table into the unsharded result"
  )
)
