/**
 * What `run` (and `merge`, for a sharded run) does with a result: on an invariant violation the
 * report with the command that reproduces it (exit 1); otherwise the summary table, the warnings,
 * the JSON, HTML and Markdown outputs, and exit 99 when a threshold failed.
 */

import * as Console from "effect/Console"
import * as Effect from "effect/Effect"
import type * as Option from "effect/Option"
import { renderHtml } from "../reports/html.ts"
import { renderMarkdown } from "../reports/markdown.ts"
import { renderTerminal } from "../reports/terminal.ts"
import type { RunResult } from "../sim/run/assemble.ts"
import type { Scenario } from "../sim/scenario/model.ts"
import { overloaded } from "../sim/summary/model.ts"
import { CliExit, EXIT } from "./exit.ts"
import { writeOutputs } from "./files.ts"

const reproduce = (path: string, scenario: Scenario, sets: ReadonlyArray<string>, replication: number) =>
  [
    "npx livechat-sim run",
    path,
    `--seed ${scenario.seed}`,
    ...sets.map((s) => `--set ${s}`),
    `--replication ${replication}`
  ].join(" ")

/** What a run that broke an invariant prints: the rule, where, why, the seeds and the command that reruns it. */
export const violationReport = (
  path: string,
  scenario: Scenario,
  sets: ReadonlyArray<string>,
  result: Extract<RunResult, { _tag: "Violation" }>
): ReadonlyArray<string> => {
  const v = result.violation
  return [
    `invariant "${v.rule}" violated in replication ${result.replication} at ${v.atMs} ms (record ${v.index}):`,
    `  ${v.message}`,
    `seed ${scenario.seed}, replication seed ${result.replicationSeed}; reproduce with:`,
    `  ${reproduce(path, scenario, sets, result.replication)}`
  ]
}

export interface RunOutputs {
  readonly report: Option.Option<string>
  readonly json: Option.Option<string>
  readonly markdown: Option.Option<string>
  readonly verbose: boolean
}

export const reportRunResult = (
  path: string,
  scenario: Scenario,
  sets: ReadonlyArray<string>,
  flags: RunOutputs,
  result: RunResult
) =>
  Effect.gen(function* () {
    if (result._tag === "Violation") {
      for (const line of violationReport(path, scenario, sets, result)) yield* Console.error(line)
      return yield* new CliExit({ code: EXIT.violation })
    }
    const { summary } = result
    yield* Console.log(renderTerminal(summary, { verbose: flags.verbose }))
    const over = overloaded(summary.offeredLoad)
    if (over.length > 0)
      yield* Console.error(
        `warning: offered load exceeds the slots on duty in ${over.length} interval(s); see the header`
      )
    if (result.stuckChats > 0) {
      yield* Console.error(`warning: ${result.stuckChats} chat(s) were still open when the drain limit was reached`)
    }
    yield* writeOutputs(flags, {
      defaultReport: `reports/out/${scenario.name}.html`,
      jsonLabel: "summary JSON",
      html: () => renderHtml(summary),
      json: () => summary,
      markdown: () => renderMarkdown(summary)
    })
    for (const t of summary.thresholds.filter((t) => t.ok === null)) {
      yield* Console.error(`threshold not judged: ${t.metric} ${t.expression} (the run does not define its value)`)
    }
    const failed = summary.thresholds.filter((t) => t.ok === false)
    if (failed.length > 0) {
      for (const t of failed)
        yield* Console.error(`threshold failed: ${t.metric} ${t.expression} (value ${t.value ?? "n/a"})`)
      return yield* new CliExit({ code: EXIT.threshold })
    }
  })
