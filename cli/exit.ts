/**
 * The exit codes (README) as a failure the Effect runtime turns into the process exit code,
 * without logging a stack trace (the command has already printed what went wrong):
 * 1 invariant violated or replay diverged, 2 invalid input, 99 a threshold failed.
 */
import { Data, Runtime } from "effect"

export const EXIT = { violation: 1, invalidInput: 2, threshold: 99 } as const

export class CliExit extends Data.TaggedError("CliExit")<{ readonly code: number }> {
  override readonly [Runtime.errorReported] = false
  override get [Runtime.errorExitCode](): number {
    return this.code
  }
}
