/**
 * `livechat-sim replay FILE [--engine MODULE]`: re-runs a trace's inputs through the current engine
 * (or the one MODULE's default export gives, cli/engine-module.ts) and checks every event. Exit 0
 * with the digest when identical; 1 naming the first divergent line (index, virtual time, expected
 * and actual, a few lines of context) or a broken invariant; 2 for a file that is not a usable
 * trace (wrong format version, truncated, corrupted, unreadable) or an unusable --engine module.
 */
import * as Console from "effect/Console"
import { Argument, Command, Flag } from "effect/cli"
import * as Effect from "effect/Effect"
import * as Option from "effect/Option"
import { ENGINE_VERSION } from "../core/version.ts"
import type { ReplayVerdict } from "../sim/trace/replay.ts"
import { replayTrace } from "../sim/trace/replay.ts"
import { EngineModuleError, loadEngineModule } from "./engine-module.ts"
import { CliExit, EXIT, invalidInput } from "./exit.ts"

const MAX_SHOWN = 400
const clip = (text: string): string =>
  text.length > MAX_SHOWN ? `${text.slice(0, MAX_SHOWN)}... (${text.length} chars)` : text

/** What replay prints for a verdict, and the exit code. */
export const verdictReport = (
  path: string,
  v: ReplayVerdict
): { readonly code: number; readonly out: ReadonlyArray<string>; readonly err: ReadonlyArray<string> } => {
  switch (v._tag) {
    case "Identical": {
      const note =
        v.header.engineVersion === ENGINE_VERSION
          ? []
          : [`note: recorded with engine ${v.header.engineVersion}, replayed with ${ENGINE_VERSION}`]
      return {
        code: 0,
        out: [
          ...note,
          `replay identical: ${v.counts.inputs} inputs, ${v.counts.events} events, ${v.counts.replications} replication(s) of "${v.header.scenarioName}"`,
          `digest ${v.digest}`
        ],
        err: []
      }
    }
    case "Diverged":
      return {
        code: EXIT.violation,
        out: [],
        err: [
          `${path}: replay diverged at line ${v.line} (replication ${v.replication}, virtual time ${v.atMs} ms)`,
          `  expected: ${clip(v.expected)}`,
          `  actual:   ${clip(v.actual)}`,
          "context:",
          ...v.context.map((c) => `  ${c.line === v.line ? ">" : " "} ${String(c.line).padStart(7)}  ${clip(c.text)}`)
        ]
      }
    case "Violation":
      return {
        code: EXIT.violation,
        out: [],
        err: [
          `${path}: invariant "${v.rule}" violated while replaying line ${v.line} (replication ${v.replication}, virtual time ${v.atMs} ms):`,
          `  ${v.message}`
        ]
      }
    case "Invalid":
      return {
        code: EXIT.invalidInput,
        out: [],
        err: [`${path}: not a usable trace (${v.kind}${v.line > 0 ? `, line ${v.line}` : ""}): ${v.message}`]
      }
  }
}

export const replay = Command.make(
  "replay",
  {
    file: Argument.String("file").pipe(
      Argument.withDescription("trace file written by run --trace, .jsonl or .jsonl.gz (required)")
    ),
    noAudit: Flag.Boolean("no-audit").pipe(
      Flag.withDescription("compare events only, without the invariant auditor (default: audit every event)"),
      Flag.withDefault(false)
    ),
    engine: Flag.String("engine").pipe(
      Flag.withDescription(
        "replay through the engine this module's default export gives, a layer factory (config) => Layer<RoutingEngine> (default: the built-in engine, RoutingEngine.layer)"
      ),
      Flag.optional
    )
  },
  ({ file, noAudit, engine }) =>
    Effect.gen(function* () {
      const verdict = yield* Effect.promise(async () => {
        try {
          const engineFor = Option.isSome(engine) ? await loadEngineModule(engine.value) : undefined
          return await replayTrace(file, engineFor === undefined ? { audit: !noAudit } : { audit: !noAudit, engineFor })
        } catch (e) {
          if (e instanceof EngineModuleError) return e // an unusable --engine module: invalid input
          throw e
        }
      })
      if (verdict instanceof EngineModuleError) return yield* invalidInput([verdict.message])
      const report = verdictReport(file, verdict)
      for (const line of report.out) yield* Console.log(line)
      for (const line of report.err) yield* Console.error(line)
      if (report.code !== 0) return yield* new CliExit({ code: report.code })
    })
).pipe(Command.withDescription("Replay a trace through the current engine and check every event"))
