/**
 * Exit codes as a failure the Effect runtime turns into the process exit code, without logging a
 * stack trace (the command has already printed what went wrong): 1 invariant violated or replay
 * diverged, 2 invalid input, 99 a threshold failed; and the teardown that maps them. A command
 * that is meant to run until a signal (serve) marks its drained stop as clean: SIGINT/SIGTERM then
 * exit 0; any other command interrupted by a signal exits 130 (cut short). `invalidInput` and
 * `problemsExit` are the one way a command reports invalid input: its lines on stderr, in order, then 2.
 */
import * as Cause from "effect/Cause"
import * as Console from "effect/Console"
import * as Data from "effect/Data"
import * as Effect from "effect/Effect"
import * as Exit from "effect/Exit"
import * as Runtime from "effect/Runtime"

export const EXIT = { violation: 1, invalidInput: 2, threshold: 99 } as const

export class CliExit extends Data.TaggedError("CliExit")<{ readonly code: number }> {
  override readonly [Runtime.errorReported] = false
  override get [Runtime.errorExitCode](): number {
    return this.code
  }
}

/** Print each line to stderr, in order, then exit 2 (invalid input). */
export const invalidInput = (lines: ReadonlyArray<string>): Effect.Effect<never, CliExit> =>
  Effect.gen(function* () {
    for (const line of lines) yield* Console.error(line)
    return yield* new CliExit({ code: EXIT.invalidInput })
  })

/** `where: N problem(s)` and each problem indented by two spaces on stderr, then exit 2. */
export const problemsExit = (where: string, problems: ReadonlyArray<string>): Effect.Effect<never, CliExit> =>
  invalidInput([`${where}: ${problems.length} problem(s)`, ...problems.map((p) => `  ${p}`)])

let cleanStop = false

/** The command stopped as it should after a signal (drained, nothing lost): exit 0, not 130. */
export const markCleanStop = (): void => {
  cleanStop = true
}

/** Runtime.defaultTeardown, except that a signal that ended a cleanly stopped command exits 0. */
export const teardown: Runtime.Teardown = (exit, onExit) => {
  if (Exit.isFailure(exit) && Cause.hasInterruptsOnly(exit.cause) && cleanStop) return onExit(0)
  return Runtime.defaultTeardown(exit, onExit)
}
