/**
 * `livechat-sim swarm --seeds N [--from S] [--out DIR]`: seeds S .. S+N-1, each a random small
 * center driven through a chaos safety phase and a behaving drain, audited on every input. Prints
 * the coverage counters either way. Exit 1 on the first failing seed (an invariant violation, an
 * exception, or a drain that could not finish), with the seed, the shrunk trace written under DIR
 * and the commands that reproduce it; exit 1 too when a required counter was never hit; exit 2 on
 * bad flags.
 */
import * as Console from "effect/Console"
import { Command, Flag } from "effect/cli"
import * as Effect from "effect/Effect"
import * as Option from "effect/Option"
import type { MergedSwarm } from "../sim/shard/swarm-part.ts"
import { seedBlock, swarmPartBody } from "../sim/shard/swarm-part.ts"
import { runSwarmParallel } from "../sim/swarm/parallel.ts"
import type { SwarmReport } from "../sim/swarm/swarm.ts"
import { describeFailure, summarizeFailure } from "../sim/swarm/swarm.ts"
import { CliExit, EXIT, invalidInput } from "./exit.ts"
import type { ShardTarget } from "./shard.ts"
import { checkShard, writePart } from "./shard.ts"
import { workersFlag, workersOrExit } from "./workers.ts"

export const flagProblems = (flags: {
  readonly seeds: number
  readonly from: number
  readonly out: string
}): Array<string> => [
  ...(Number.isInteger(flags.seeds) && flags.seeds >= 1
    ? []
    : [`--seeds: expected a whole number of seeds of at least 1, got ${flags.seeds}`]),
  ...(Number.isInteger(flags.from) && flags.from >= 0
    ? []
    : [`--from: expected a seed of 0 or more, got ${flags.from}`]),
  ...(flags.out.trim() === "" ? ["--out: expected a directory"] : [])
]

const hours = (ms: number): string => `${(ms / 3_600_000).toFixed(1)} h`

/** What the swarm prints for a report, and the exit code. */
export const swarmReportLines = (
  r: SwarmReport,
  from: number,
  seeds: number
): { readonly code: number; readonly out: ReadonlyArray<string>; readonly err: ReadonlyArray<string> } => {
  const range = `seeds ${from}..${from + seeds - 1}`
  const table = r.coverage.table()
  if (r.failure !== undefined) {
    const f = r.failure
    const seed = f.seed.seed
    const s = f.shrink
    const shrunk = s.reproduced
      ? `shrunk: ${f.seed.inputs.length} -> ${s.inputs.length} external inputs in ${s.runs} re-runs, still failing: ${summarizeFailure(s.failure)}`
      : `not shrunk: re-running the inputs did not fail the same way (${summarizeFailure(s.failure)}); the trace holds every input`
    const replayNote =
      f.failure._tag === "Stuck"
        ? ["  (replay re-checks events and invariants; the trace ends with the chats still open, as listed above)"]
        : []
    return {
      code: EXIT.violation,
      out: table,
      err: [
        `swarm: seed ${seed} FAILED (${r.seedsRun} of ${range} run)`,
        ...describeFailure(f.failure),
        shrunk,
        `trace: ${f.trace.path} (${f.trace.inputs} inputs with timers and drain, digest ${f.trace.digest})`,
        `reproduce the seed: ${f.reproduce}`,
        `replay the trace:   npx livechat-sim replay ${f.trace.path}`,
        ...replayNote
      ]
    }
  }
  return passedLines(r, from, seeds)
}

/** A swarm where no seed failed: the summary, the counters, and exit 1 if a required counter stayed at zero. */
const passedLines = (r: Omit<SwarmReport, "failure">, from: number, seeds: number) => {
  const range = `seeds ${from}..${from + seeds - 1}`
  const table = r.coverage.table()
  const missing = r.coverage.missing()
  const summary = `swarm: ${range}: all ${r.seedsRun} passed (${r.inputs} inputs, ${hours(r.virtualMs)} virtual)`
  if (missing.length === 0) return { code: 0, out: [summary, ...table], err: [] }
  return {
    code: EXIT.violation,
    out: [summary, ...table],
    err: [
      `swarm: ${missing.length} required coverage counter(s) never hit: ${missing.join(", ")} (run more seeds, or the chaos driver no longer reaches them)`
    ]
  }
}

/** What the merged parts of a sharded swarm print: the lines one swarm over the whole range prints. */
export const mergedSwarmLines = (
  m: MergedSwarm
): { readonly code: number; readonly out: ReadonlyArray<string>; readonly err: ReadonlyArray<string> } => {
  if (m.failure === undefined) return passedLines(m.report, m.from, m.seeds)
  const range = `seeds ${m.from}..${m.from + m.seeds - 1}`
  return {
    code: EXIT.violation,
    out: m.report.coverage.table(),
    err: [`swarm: seed ${m.failure.seed} FAILED (${m.report.seedsRun} of ${range} run)`, ...m.failure.lines]
  }
}

const writeShardPart = (
  flags: { readonly seeds: number; readonly from: number; readonly out: string },
  shardText: string,
  { shard, json: path }: ShardTarget,
  report: SwarmReport
) => {
  const block = seedBlock(flags.from, flags.seeds, shard)
  const lines = swarmReportLines(report, block.from, block.count)
  const body = swarmPartBody(
    flags.from,
    flags.seeds,
    block,
    report,
    report.failure === undefined ? [] : lines.err.slice(1)
  )
  const command = `npx livechat-sim swarm --seeds ${flags.seeds} --from ${flags.from} --out ${flags.out} --shard ${shardText} --json ${path}`
  writePart(path, "swarm", undefined, flags.from, shard, command, body)
  return { block, lines }
}

export const swarm = Command.make(
  "swarm",
  {
    seeds: Flag.Int("seeds").pipe(Flag.withDescription("how many seeds to run (default: 100)"), Flag.withDefault(100)),
    from: Flag.Int("from").pipe(Flag.withDescription("the first seed (default: 1)"), Flag.withDefault(1)),
    out: Flag.String("out").pipe(
      Flag.withDescription("where a failing seed's shrunk trace is written (default: reports/out/swarm)"),
      Flag.withDefault("reports/out/swarm")
    ),
    workers: workersFlag,
    shard: Flag.String("shard").pipe(
      Flag.withDescription(
        "run only shard K of N: the K-th of N contiguous blocks of the seed range (K from 0), and write a part for " +
          "`merge` to --json (default: the whole range)"
      ),
      Flag.optional
    ),
    json: Flag.String("json").pipe(
      Flag.withDescription("with --shard: where the part is written (default: none)"),
      Flag.optional
    )
  },
  (flags) =>
    Effect.gen(function* () {
      const checked = Option.getOrUndefined(Option.map(flags.shard, (text) => checkShard(text, flags.json)))
      const problems = [
        ...flagProblems(flags),
        ...(checked !== undefined && "problems" in checked ? checked.problems : [])
      ]
      if (problems.length > 0) return yield* invalidInput(problems)
      const target = checked !== undefined && "target" in checked ? checked.target : undefined
      const workers = yield* workersOrExit(flags.workers)
      const block =
        target === undefined
          ? { from: flags.from, count: flags.seeds }
          : seedBlock(flags.from, flags.seeds, target.shard)
      const report = yield* Effect.promise(() =>
        runSwarmParallel({ seeds: block.count, from: block.from, outDir: flags.out, workers })
      )
      if (Option.isSome(flags.shard) && target !== undefined) {
        const written = writeShardPart(flags, flags.shard.value, target, report)
        yield* Console.log(
          `shard ${flags.shard.value}: seeds ${written.block.from}..${written.block.from + written.block.count - 1} written to ${target.json}`
        )
        for (const line of written.lines.err) yield* Console.error(line)
        if (report.failure !== undefined) return yield* new CliExit({ code: EXIT.violation })
        return
      }
      const lines = swarmReportLines(report, flags.from, flags.seeds)
      for (const line of lines.out) yield* Console.log(line)
      for (const line of lines.err) yield* Console.error(line)
      if (lines.code !== 0) return yield* new CliExit({ code: lines.code })
    })
).pipe(
  Command.withDescription(
    "Chaos-test the engine over many random centers: safety phase, drain, coverage counters, shrunk failing traces"
  )
)
