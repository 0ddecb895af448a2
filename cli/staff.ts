/**
 * `livechat-sim staff SCENARIO --target "serviceLevel.20s>=0.8" ...`: the fewest agents per group
 * (per interval when arrivals vary) meeting every target at the stated confidence, searched by
 * simulation from the Erlang estimate; prints the staffing table beside the Erlang estimate, writes
 * the HTML (default reports/out/<scenario>-staff.html) and, with --json, `{ staffing: [...] }`.
 * Every input problem is listed at once with exit 2; exit 99 when a period cannot be staffed.
 */
import { Console, Effect } from "effect"
import { Argument, Command, Flag } from "effect/cli"
import { renderStaffHtml, renderStaffMarkdown, renderStaffTerminal } from "../reports/staff-report.ts"
import { loadScenario } from "../sim/scenario/load.ts"
import { samplerFor } from "../sim/compare/sampler.ts"
import { runStaffing } from "../sim/staff/run.ts"
import { parseTargets } from "../sim/staff/targets.ts"
import { CliExit, EXIT } from "./exit.ts"
import { overridesOf, writeOutputs } from "./files.ts"
import { progressBar } from "./progress.ts"
import { workersFlag, workersOrExit } from "./workers.ts"


export const staff = Command.make("staff", {
  scenario: Argument.String("scenario").pipe(Argument.withDescription("scenario file, .yaml or .json (required)")),
  target: Flag.String("target").pipe(
    Flag.withDescription(`a target, e.g. "serviceLevel.20s>=0.8", "asaMs{queue:support}<=30000" (raw units; repeatable; at least one)`),
    Flag.atLeast(0)
  ),
  confidence: Flag.Finite("confidence").pipe(
    Flag.withDescription("the interval's bound must meet each target at this confidence, 0.5 to 0.999 (default: 0.95)"),
    Flag.withDefault(0.95)
  ),
  replications: Flag.Int("replications").pipe(Flag.withDescription("replications per candidate (default: the scenario's)"), Flag.optional),
  seed: Flag.Int("seed").pipe(Flag.withDescription("override the scenario seed (default: the scenario's)"), Flag.optional),
  set: Flag.String("set").pipe(Flag.withDescription("override a scenario field, e.g. horizon=4h (repeatable; default: none)"), Flag.atLeast(0)),
  json: Flag.String("json").pipe(Flag.withDescription("write { staffing: [...] } here (default: none)"), Flag.optional),
  report: Flag.String("report").pipe(Flag.withDescription("write the HTML report here (default: reports/out/<scenario>-staff.html)"), Flag.optional),
  markdown: Flag.String("markdown").pipe(Flag.withDescription("write a Markdown report here (default: none)"), Flag.optional),
  workers: workersFlag,
  noAudit: Flag.Boolean("no-audit").pipe(Flag.withDescription("skip the invariant auditor (default: audit every event)"), Flag.withDefault(false))
}, (flags) =>
  Effect.gen(function*() {
    const sets = overridesOf(flags)
    const loaded = loadScenario(flags.scenario, sets)
    const problems: Array<string> = loaded._tag === "Invalid" ? [...loaded.problems] : []
    if (!(flags.confidence >= 0.5 && flags.confidence <= 0.999)) {
      problems.push(`--confidence ${flags.confidence}: expected a number from 0.5 to 0.999, e.g. 0.95`)
    }
    const parsed = loaded._tag === "Loaded" ? parseTargets(flags.target, loaded.scenario) : undefined
    problems.push(...(parsed?.problems ?? []))
    if (problems.length > 0 || loaded._tag === "Invalid" || parsed === undefined) {
      yield* Console.error(`${flags.scenario}: ${problems.length} problem(s)`)
      for (const p of problems) yield* Console.error(`  ${p}`)
      return yield* new CliExit({ code: EXIT.invalidInput })
    }
    const scenario = loaded.scenario
    const workers = yield* workersOrExit(flags.workers)
    const progress = progressBar(`staffing ${scenario.name}`)
    const sampler = samplerFor(Math.min(workers, scenario.replications))
    const result = yield* Effect.promise(() =>
      runStaffing(scenario, { targets: parsed.targets, confidence: flags.confidence, audit: !flags.noAudit, onPeriod: progress.update, sampler })
        .finally(() => sampler.close())
    )
    progress.finish()
    if (result._tag === "Violation") {
      const v = result.violation
      const counts = result.scenario.agents.map((g) => `${g.id}=${g.count}`).join(", ")
      yield* Console.error(`invariant "${v.rule}" violated while staffing ${counts} (period from ${result.period.startMs} ms), ` +
        `replication ${result.replication} at ${v.atMs} ms (record ${v.index}):`)
      yield* Console.error(`  ${v.message}`)
      yield* Console.error(`seed ${scenario.seed}, replication seed ${result.replicationSeed}`)
      return yield* new CliExit({ code: EXIT.violation })
    }
    const s = result.staffing
    yield* Console.log(renderStaffTerminal(s))
    yield* writeOutputs(flags, {
      defaultReport: `reports/out/${scenario.name}-staff.html`, jsonLabel: "staffing JSON",
      html: () => renderStaffHtml(s), json: () => s, markdown: () => renderStaffMarkdown(s)
    })
    const unmet = s.staffing.filter((r) => !r.met)
    if (unmet.length > 0) {
      for (const r of unmet) yield* Console.error(`not met: ${r.interval} group ${r.group}: no staffing up to the search limit meets every target`)
      return yield* new CliExit({ code: EXIT.threshold })
    }
  })
).pipe(Command.withDescription("Find the fewest agents meeting service targets, by simulation from the Erlang estimate"))
