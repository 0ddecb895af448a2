/**
 * `livechat-sim report SUMMARY.json [--report FILE] [--markdown FILE]`: renders a summary that
 * `run --json` wrote (another machine's, an older run's) as the terminal table, the HTML report and
 * Markdown, without simulating again. The file is read by the one document loader and decoded with
 * the summary Schema: a bad file lists every problem with its path and exits 2. JSON writes NaN
 * (a metric no replication defined) as null; the summary has no other null, so null reads back as NaN.
 */
import * as Console from "effect/Console"
import { Argument, Command, Flag } from "effect/cli"
import * as Effect from "effect/Effect"
import * as Option from "effect/Option"
import * as Result from "effect/Result"
import * as Schema from "effect/Schema"
import { loadDocument } from "../input/document.ts"
import { issueLines } from "../input/issues.ts"
import { renderHtml } from "../reports/html.ts"
import { renderMarkdown } from "../reports/markdown.ts"
import { renderTerminal } from "../reports/terminal.ts"
import { Summary } from "../sim/summary/model.ts"
import { problemsExit } from "./exit.ts"
import { writeOutputs } from "./files.ts"

const nullsToNaN = (v: unknown): unknown => {
  if (v === null) return Number.NaN
  if (Array.isArray(v)) return v.map(nullsToNaN)
  if (typeof v === "object")
    return Object.fromEntries(Object.entries(v as Record<string, unknown>).map(([k, x]) => [k, nullsToNaN(x)]))
  return v
}

const decodeSummary = Schema.decodeUnknownResult(Summary, { errors: "all", onExcessProperty: "error" })

/** The summary in a file (the one document loader, read as JSON), or every problem with it. */
export const readSummary = (
  path: string
): { readonly summary: Summary } | { readonly problems: ReadonlyArray<string> } => {
  const loaded = loadDocument(path, "a summary JSON file", "json")
  if (Result.isFailure(loaded)) return { problems: loaded.failure }
  const r = decodeSummary(nullsToNaN(loaded.success))
  return Result.isSuccess(r) ? { summary: r.success } : { problems: issueLines(r.failure.issue, [], "summary") }
}

export const report = Command.make(
  "report",
  {
    summary: Argument.String("summary").pipe(
      Argument.withDescription("a summary JSON written by run --json (required)")
    ),
    report: Flag.String("report").pipe(
      Flag.withDescription("write the HTML report here (default: reports/out/<scenario>.html)"),
      Flag.optional
    ),
    markdown: Flag.String("markdown").pipe(
      Flag.withDescription("write a Markdown report here (default: none)"),
      Flag.optional
    )
  },
  (flags) =>
    Effect.gen(function* () {
      const read = readSummary(flags.summary)
      if ("problems" in read) return yield* problemsExit(flags.summary, read.problems)
      const s = read.summary
      yield* Console.log(renderTerminal(s))
      yield* writeOutputs(
        { ...flags, json: Option.none() },
        {
          defaultReport: `reports/out/${s.scenario}.html`,
          jsonLabel: "summary JSON",
          html: () => renderHtml(s),
          json: () => s,
          markdown: () => renderMarkdown(s)
        }
      )
    })
).pipe(
  Command.withDescription("Render a summary JSON (from run --json) as the terminal table, HTML and Markdown reports")
)
