/**
 * `livechat-sim run SCENARIO`: load and check the scenario (every problem listed, exit 2), run the
 * replications with the auditor on every event (unless --no-audit), print the summary table, write
 * the JSON summary and the HTML (and Markdown) report, and exit 1 on an invariant violation with
 * the command that reproduces it, or 99 when a threshold fails.
 */
import * as Console from "effect/Console"
import { Argument, Command, Flag } from "effect/cli"
import * as Effect from "effect/Effect"
import * as Option from "effect/Option"
import { evaluateThresholds, parseThresholds } from "../reports/thresholds.ts"
import { runScenarioParallel } from "../sim/parallel/pool.ts"
import { loadScenario } from "../sim/scenario/load.ts"
import { knownNamesOf } from "../sim/summary/selector.ts"
import { recordTrace } from "../sim/trace/record.ts"
import { problemsExit } from "./exit.ts"
import { overridesOf } from "./files.ts"
import { progressBar } from "./progress.ts"
import { reportRunResult } from "./run-report.ts"
import { runShard, shardFlag } from "./shard-run.ts"
import { workersFlag, workersOrExit } from "./workers.ts"

/** The scenario, or exit 2 listing every problem; with `thresholds`, its thresholds are checked too. */
export const loadOrExit = (
  path: string,
  sets: ReadonlyArray<string>,
  options: { readonly thresholds?: boolean } = {}
) =>
  Effect.gen(function* () {
    const loaded = loadScenario(path, sets)
    const checked =
      loaded._tag === "Loaded" && options.thresholds === true
        ? parseThresholds(loaded.scenario.thresholds, { known: knownNamesOf(loaded.scenario) })
        : { parsed: [] }
    if (loaded._tag === "Loaded" && "parsed" in checked) {
      for (const w of loaded.warnings) yield* Console.error(`${path}: warning: ${w}`)
      return loaded.scenario
    }
    const problems = loaded._tag === "Invalid" ? loaded.problems : "problems" in checked ? checked.problems : []
    return yield* problemsExit(path, problems)
  })

/** The command line that reruns this run exactly, trace included. */
const rerunCommand = (
  flags: {
    readonly scenario: string
    readonly set: ReadonlyArray<string>
    readonly seed: Option.Option<number>
    readonly replications: Option.Option<number>
    readonly replication: Option.Option<number>
  },
  tracePath: string
): string =>
  [
    "npx livechat-sim run",
    flags.scenario,
    ...Option.toArray(flags.seed).map((s) => `--seed ${s}`),
    ...Option.toArray(flags.replications).map((r) => `--replications ${r}`),
    ...flags.set.map((s) => `--set ${s}`),
    ...Option.toArray(flags.replication).map((r) => `--replication ${r}`),
    `--trace ${tracePath}`
  ].join(" ")

export const run = Command.make(
  "run",
  {
    scenario: Argument.String("scenario").pipe(
      Argument.withDescription("scenario file, .yaml or .json (default: scenarios/default.yaml)"),
      Argument.withDefault("scenarios/default.yaml")
    ),
    seed: Flag.Int("seed").pipe(
      Flag.withDescription("override the scenario seed (default: the scenario's)"),
      Flag.optional
    ),
    replications: Flag.Int("replications").pipe(
      Flag.withDescription("override the number of replications (default: the scenario's)"),
      Flag.optional
    ),
    replication: Flag.Int("replication").pipe(
      Flag.withDescription("run only this replication (0-based), as printed by a failed run (default: all)"),
      Flag.optional
    ),
    json: Flag.String("json").pipe(Flag.withDescription("write the summary JSON here (default: none)"), Flag.optional),
    report: Flag.String("report").pipe(
      Flag.withDescription("write the HTML report here (default: reports/out/<scenario>.html)"),
      Flag.optional
    ),
    markdown: Flag.String("markdown").pipe(
      Flag.withDescription("write a Markdown report here (default: none)"),
      Flag.optional
    ),
    set: Flag.String("set").pipe(
      Flag.withDescription("override a scenario field, e.g. agents.tier1.count=90 (repeatable; default: none)"),
      Flag.atLeast(0)
    ),
    trace: Flag.String("trace").pipe(
      Flag.withDescription(
        "write the JSON Lines trace here, gzip-compressed when it ends in .gz, for livechat-sim replay (default: none)"
      ),
      Flag.optional
    ),
    workers: workersFlag,
    shard: shardFlag,
    verbose: Flag.Boolean("verbose").pipe(
      Flag.withDescription("list every reason Erlang C / A do not apply (default: one line)"),
      Flag.withDefault(false)
    ),
    noAudit: Flag.Boolean("no-audit").pipe(
      Flag.withDescription("skip the invariant auditor, for benchmarks (default: audit every event)"),
      Flag.withDefault(false)
    )
  },
  (flags) =>
    Effect.gen(function* () {
      const sets = overridesOf(flags)
      const scenario = yield* loadOrExit(flags.scenario, sets, { thresholds: true })
      if (Option.isSome(flags.shard)) return yield* runShard(flags, scenario, flags.shard.value)
      const progress = progressBar(`${scenario.name}`)
      const only = Option.getOrUndefined(flags.replication)
      const trace = Option.map(flags.trace, (path) =>
        recordTrace(path, scenario, only === undefined ? scenario.replications : 1, rerunCommand(flags, path))
      )
      let finished = 0
      const workers = yield* workersOrExit(flags.workers)
      const result = yield* Effect.promise(() =>
        runScenarioParallel(scenario, {
          workers,
          ...Option.match(trace, { onNone: () => ({}), onSome: (t) => ({ trace: t.option }) }),
          audit: !flags.noAudit,
          ...Option.match(flags.replication, { onNone: () => ({}), onSome: (only) => ({ only }) }),
          // serial runs also report progress within a replication; threads report per replication
          onReplication: (done, total) => {
            finished = done
            progress.update(done, total)
          },
          onProgress: (fraction) =>
            progress.update(finished + fraction, only === undefined ? scenario.replications : 1),
          thresholds: (summary) => evaluateThresholds({ ...summary, thresholds: [] }, scenario.thresholds)
        })
      )
      progress.finish()
      if (Option.isSome(trace)) {
        const digest = trace.value.finish()
        yield* Console.log(`trace: ${Option.getOrThrow(flags.trace)} (digest ${digest})`)
      }
      yield* reportRunResult(flags.scenario, scenario, flags.set, flags, result)
    })
).pipe(Command.withDescription("Simulate a scenario: summary table, JSON and HTML report"))
