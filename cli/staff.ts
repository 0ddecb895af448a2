/**
 * `livechat-sim staff SCENARIO --target "serviceLevel.20s>=0.8" ...`: the agents that must be on
 * duty per interval and staffing group to meet every target (searched by simulating the whole day,
 * whatever the scenario's shifts and breaks), paid staff with shrinkage, and the scenario's own
 * roster against it; terminal table, HTML (default reports/out/<scenario>-staff.html), JSON and
 * CSV. `--table A..B` shows the Erlang-calculator view instead. Every input problem is listed at
 * once with exit 2; exit 99 when an interval cannot be staffed up to the search limit.
 */
import * as Console from "effect/Console"
import { Argument, Command, Flag } from "effect/cli"
import * as Effect from "effect/Effect"
import * as Option from "effect/Option"
import * as Result from "effect/Result"
import { readDuration } from "../input/duration.ts"
import { renderStaffHtml, renderTableHtml } from "../reports/staff-html.ts"
import {
  renderStaffCsv,
  renderStaffMarkdown,
  renderStaffTerminal,
  renderTableTerminal
} from "../reports/staff-report.ts"
import { samplerFor } from "../sim/compare/sampler.ts"
import { loadScenario } from "../sim/scenario/load.ts"
import type { Scenario } from "../sim/scenario/model.ts"
import { tableCounts } from "../sim/shard/table-part.ts"
import { runStaffing } from "../sim/staff/run.ts"
import type { StaffTable } from "../sim/staff/table.ts"
import { staffTable } from "../sim/staff/table.ts"
import type { Target } from "../sim/staff/targets.ts"
import { parseTargets } from "../sim/staff/targets.ts"
import { CliExit, EXIT, problemsExit } from "./exit.ts"
import type { OutputFlags } from "./files.ts"
import { overridesOf, writeFile, writeOutputs } from "./files.ts"
import { progressBar } from "./progress.ts"
import { shardOrExit, writePart } from "./shard.ts"
import { workersFlag, workersOrExit } from "./workers.ts"

interface Prepared {
  readonly scenario: Scenario
  readonly warnings: ReadonlyArray<string>
  readonly targets: ReadonlyArray<Target>
  readonly table: { readonly from: number; readonly to: number; readonly atMs?: number } | undefined
}

/** "40..60" -> [40, 60]. */
const parseRange = (text: string): readonly [number, number] | string => {
  const m = /^\s*(\d+)\s*\.\.\s*(\d+)\s*$/.exec(text)
  if (m === null) return `--table ${JSON.stringify(text)}: expected a range of agents, e.g. 40..60`
  const [from, to] = [Number(m[1]), Number(m[2])]
  if (from < 1 || to < from || to - from > 200)
    return `--table ${text}: expected 1 <= from <= to, at most 200 rows, e.g. 40..60`
  return [from, to]
}

/** "4:00" or a duration ("4h", read by input/duration.ts) since the run started. */
const parseAt = (text: string): number | string => {
  const clock = /^\s*(\d+):([0-5]\d)\s*$/.exec(text)
  if (clock !== null) return (Number(clock[1]) * 60 + Number(clock[2])) * 60_000
  const ms = readDuration(text.trim(), ["--at"])
  return Result.isSuccess(ms) ? ms.success : `${ms.failure}, or a clock time since the run started, e.g. 4:00`
}

const prepare = (flags: {
  readonly scenario: string
  readonly sets: ReadonlyArray<string>
  readonly target: ReadonlyArray<string>
  readonly confidence: number
  readonly shrinkage: number
  readonly table: Option.Option<string>
  readonly at: Option.Option<string>
}): Prepared | ReadonlyArray<string> => {
  const loaded = loadScenario(flags.scenario, flags.sets)
  const problems: Array<string> = loaded._tag === "Invalid" ? [...loaded.problems] : []
  if (!(flags.confidence >= 0.5 && flags.confidence <= 0.999)) {
    problems.push(`--confidence ${flags.confidence}: expected a number from 0.5 to 0.999, e.g. 0.95`)
  }
  if (!(flags.shrinkage >= 0 && flags.shrinkage < 1))
    problems.push(`--shrinkage ${flags.shrinkage}: expected a share from 0 to under 1, e.g. 0.3`)
  const range = Option.map(flags.table, parseRange)
  const at = Option.map(flags.at, parseAt)
  for (const p of [Option.getOrUndefined(range), Option.getOrUndefined(at)]) if (typeof p === "string") problems.push(p)
  if (Option.isSome(flags.at) && Option.isNone(flags.table)) problems.push("--at: only with --table")
  const parsed =
    loaded._tag === "Loaded" && (flags.target.length > 0 || Option.isNone(flags.table))
      ? parseTargets(flags.target, loaded.scenario)
      : { targets: [], problems: [] }
  problems.push(...parsed.problems)
  if (loaded._tag === "Loaded" && loaded.scenario.replications < 2) {
    problems.push(
      `replications: ${loaded.scenario.replications}; staffing judges targets by a confidence interval, which needs at least 2 (use --replications)`
    )
  }
  if (problems.length > 0 || loaded._tag === "Invalid") return problems
  const r = Option.getOrUndefined(range)
  const a = Option.getOrUndefined(at)
  const table = Array.isArray(r) ? { from: r[0]!, to: r[1]!, ...(typeof a === "number" ? { atMs: a } : {}) } : undefined
  return { scenario: loaded.scenario, warnings: loaded.warnings, targets: parsed.targets, table }
}

/** Print the Erlang-calculator view and write its reports. */
export const reportTable = (flags: OutputFlags, name: string, t: StaffTable) =>
  Effect.gen(function* () {
    yield* Console.log(renderTableTerminal(t))
    return yield* writeOutputs(flags, {
      defaultReport: `reports/out/${name}-table.html`,
      jsonLabel: "table JSON",
      html: () => renderTableHtml(t),
      json: () => t
    })
  })

export const staff = Command.make(
  "staff",
  {
    scenario: Argument.String("scenario").pipe(Argument.withDescription("scenario file, .yaml or .json (required)")),
    target: Flag.String("target").pipe(
      Flag.withDescription(
        `a target, e.g. "serviceLevel.20s>=0.8", "serviceLevel{queue:vip}>=0.9" (the queue's own threshold), ` +
          `"abandonRate<=0.05", "agentOccupancy<=0.85" (raw units; repeatable; at least one unless --table)`
      ),
      Flag.atLeast(0)
    ),
    confidence: Flag.Finite("confidence").pipe(
      Flag.withDescription(
        "the interval's bound must meet each target at this confidence, 0.5 to 0.999 (default: 0.95)"
      ),
      Flag.withDefault(0.95)
    ),
    shrinkage: Flag.Finite("shrinkage").pipe(
      Flag.withDescription(
        "share of paid time off duty for groups that set none, 0 to under 1: paid = on duty / (1 - shrinkage) (default: 0)"
      ),
      Flag.withDefault(0)
    ),
    table: Flag.String("table").pipe(
      Flag.withDescription(
        "instead of a search, simulate each number of agents in a range, e.g. 40..60 (default: search)"
      ),
      Flag.optional
    ),
    at: Flag.String("at").pipe(
      Flag.withDescription("with --table: the interval whose rates to hold, e.g. 4:00 (default: the busiest interval)"),
      Flag.optional
    ),
    replications: Flag.Int("replications").pipe(
      Flag.withDescription("replications per candidate (default: the scenario's)"),
      Flag.optional
    ),
    seed: Flag.Int("seed").pipe(
      Flag.withDescription("override the scenario seed (default: the scenario's)"),
      Flag.optional
    ),
    set: Flag.String("set").pipe(
      Flag.withDescription("override a scenario field, e.g. horizon=4h (repeatable; default: none)"),
      Flag.atLeast(0)
    ),
    json: Flag.String("json").pipe(Flag.withDescription("write the staffing JSON here (default: none)"), Flag.optional),
    csv: Flag.String("csv").pipe(
      Flag.withDescription("write the interval table as CSV here, for a spreadsheet (default: none)"),
      Flag.optional
    ),
    report: Flag.String("report").pipe(
      Flag.withDescription("write the HTML report here (default: reports/out/<scenario>-staff.html)"),
      Flag.optional
    ),
    markdown: Flag.String("markdown").pipe(
      Flag.withDescription("write a Markdown report here (default: none)"),
      Flag.optional
    ),
    verbose: Flag.Boolean("verbose").pipe(
      Flag.withDescription("list every candidate simulated (default: off)"),
      Flag.withDefault(false)
    ),
    shard: Flag.String("shard").pipe(
      Flag.withDescription(
        "with --table: simulate only shard K of N of the agent counts ((n - A) mod N = K, K from 0) and " +
          "write a part for `merge` to --json (default: the whole table)"
      ),
      Flag.optional
    ),
    workers: workersFlag,
    noAudit: Flag.Boolean("no-audit").pipe(
      Flag.withDescription("skip the invariant auditor, also in verification (default: audit the verification)"),
      Flag.withDefault(false)
    )
  },
  (flags) =>
    Effect.gen(function* () {
      const prepared = prepare({ ...flags, sets: overridesOf(flags) })
      if (!("scenario" in prepared)) return yield* problemsExit(flags.scenario, prepared)
      const { scenario, targets, table } = prepared
      for (const w of prepared.warnings) yield* Console.error(`${flags.scenario}: warning: ${w}`)
      const workers = yield* workersOrExit(flags.workers)
      const sampler = samplerFor(Math.min(workers, scenario.replications))
      if (table !== undefined) {
        const target = Option.isSome(flags.shard) ? yield* shardOrExit(flags.shard.value, flags.json) : undefined
        const only = target === undefined ? undefined : tableCounts(table.from, table.to, target.shard)
        const progress = progressBar(`${scenario.name}: agents ${table.from}..${table.to}`)
        const t = yield* Effect.promise(() =>
          staffTable(scenario, {
            ...table,
            targets,
            confidence: flags.confidence,
            audit: !flags.noAudit,
            sampler,
            ...(only === undefined ? {} : { only })
          }).finally(() => sampler.close())
        )
        progress.finish()
        if ("violation" in t) {
          yield* Console.error(`invariant violated: ${t.violation}`)
          return yield* new CliExit({ code: EXIT.violation })
        }
        if (Option.isSome(flags.shard) && target !== undefined) {
          const command = `npx livechat-sim staff ${flags.scenario} --table ${table.from}..${table.to} --shard ${flags.shard.value} --json ${target.json}`
          const body = { from: table.from, to: table.to, table: t }
          writePart(target.json, "staff-table", scenario, scenario.seed, target.shard, command, body)
          return yield* Console.log(
            `shard ${flags.shard.value}: ${only?.length ?? 0} agent count(s) written to ${target.json}`
          )
        }
        return yield* reportTable(flags, scenario.name, t)
      }
      const progress = progressBar(`staffing ${scenario.name}`)
      const result = yield* Effect.promise(() =>
        runStaffing(scenario, {
          targets,
          confidence: flags.confidence,
          audit: !flags.noAudit,
          shrinkage: flags.shrinkage,
          verbose: flags.verbose,
          sampler,
          onProgress: (phase, iteration, simulations) =>
            progress.status(`${phase}, iteration ${iteration}, ${simulations} days simulated`)
        }).finally(() => sampler.close())
      )
      progress.finish()
      if (result._tag === "Violation") {
        const v = result.violation
        yield* Console.error(
          `invariant "${v.rule}" violated while staffing, replication ${result.replication} at ${v.atMs} ms (record ${v.index}):`
        )
        yield* Console.error(`  ${v.message}`)
        yield* Console.error(`seed ${scenario.seed}, replication seed ${result.replicationSeed}`)
        return yield* new CliExit({ code: EXIT.violation })
      }
      const s = result.staffing
      yield* Console.log(renderStaffTerminal(s))
      yield* writeOutputs(flags, {
        defaultReport: `reports/out/${scenario.name}-staff.html`,
        jsonLabel: "staffing JSON",
        html: () => renderStaffHtml(s),
        json: () => s,
        markdown: () => renderStaffMarkdown(s)
      })
      if (Option.isSome(flags.csv)) {
        writeFile(flags.csv.value, renderStaffCsv(s))
        yield* Console.log(`staffing CSV: ${flags.csv.value}`)
      }
      const unmet = s.periods.filter((p) => !p.met)
      if (unmet.length > 0) {
        for (const p of unmet)
          yield* Console.error(`not met: ${p.interval}: no staffing up to the search limit meets every target`)
        return yield* new CliExit({ code: EXIT.threshold })
      }
    })
).pipe(
  Command.withDescription(
    "Agents required on duty per interval and group to meet targets, by simulating the day; the roster against it"
  )
)
