/**
 * Durations, one syntax for every input (scenario files, the server config, CLI flags): one or
 * more `<number><unit>` parts with units `ms`, `s`, `m`, `h`, summed (k6 style): `250ms`, `20s`,
 * `5m`, `8h`, `1h30m`, `1.5s`. Owns the pattern (also emitted into the editor JSON Schema), the
 * parser to integer milliseconds, the one message for a bad duration, the Schema checks built on
 * them, the compact rendering used in messages, and the "h:mm" clock of an instant in a run. Pure.
 */
import * as Result from "effect/Result"
import * as Schema from "effect/Schema"
import { issueLines } from "./issues.ts"

/** Anchored pattern for a whole duration string (also emitted into the JSON Schema). */
const DURATION_PATTERN = "^(?:\\d+(?:\\.\\d+)?(?:ms|s|m|h))+$"

export const DURATION_HINT = "use 250ms, 20s, 5m, 8h"

const whole = new RegExp(DURATION_PATTERN)
const part = /(\d+(?:\.\d+)?)(ms|s|m|h)/g

const UNIT_MS: Readonly<Record<string, number>> = { ms: 1, s: 1_000, m: 60_000, h: 3_600_000 }

/** Integer milliseconds (rounded), or undefined when `text` is not a duration string. */
export const parseDuration = (text: string): number | undefined => {
  if (!whole.test(text)) return undefined
  let total = 0
  for (const m of text.matchAll(part)) total += Number(m[1]) * (UNIT_MS[m[2] ?? ""] ?? 0)
  const ms = Math.round(total)
  return Number.isSafeInteger(ms) ? ms : undefined
}

/** Milliseconds of a string a Schema already accepted (0 if, against expectations, it does not parse). */
export const durationMs = (text: string): number => parseDuration(text) ?? 0

/** The one message for a string that is not a duration, wherever it was written. */
export const notADuration = (text: string): string => `"${text}" is not a duration (${DURATION_HINT})`

/** The Schema check of a duration string (its JSON Schema: the pattern). */
export const isDuration = Schema.makeFilter((s: string) => parseDuration(s) !== undefined || notADuration(s), {
  toJsonSchema: () => ({ pattern: DURATION_PATTERN })
})

const POSITIVE_DURATION_PATTERN = `^(?!(?:0+(?:\\.0+)?(?:ms|s|m|h))+$)${DURATION_PATTERN.slice(1)}`

/** The Schema check of a duration string longer than zero. */
export const isPositiveDuration = Schema.makeFilter(
  (s: string) => {
    const ms = parseDuration(s)
    if (ms === undefined) return notADuration(s)
    return ms > 0 || `expected a duration longer than 0s, got "${s}"`
  },
  { toJsonSchema: () => ({ pattern: POSITIVE_DURATION_PATTERN }) }
)

/** A duration string: `250ms`, `20s`, `5m`, `8h`, `1h30m`. */
const Duration = Schema.String.annotate({ message: `expected a duration string (${DURATION_HINT})` }).check(isDuration)

/**
 * A duration in the server config: a duration string, or a whole number of milliseconds. The
 * config's Schema takes its shape only (`DurationShape`), so a bad duration is reported with the
 * config's cross-field problems, all at once; `readDuration` then reads it with this Schema.
 */
const WHOLE_MS = { message: "expected whole milliseconds >= 0" }
const WholeMs = Schema.Int.annotate(WHOLE_MS).check(Schema.isGreaterThanOrEqualTo(0, WHOLE_MS))
const EITHER = { expected: `a duration string (${DURATION_HINT}) or whole milliseconds` }
const DurationOrMs = Schema.Union([WholeMs, Duration]).annotate(EITHER)
export const DurationShape = Schema.Union([WholeMs, Schema.String]).annotate(EITHER)

const decode = Schema.decodeUnknownResult(DurationOrMs, { reportInput: true })

/**
 * Milliseconds of a config value or a CLI flag, or the problem line the one formatter writes for
 * it: `limits.heartbeat: "soon" is not a duration (...)`, `--duration: "soon" is not a duration (...)`.
 */
export const readDuration = (value: unknown, at: ReadonlyArray<PropertyKey>): Result.Result<number, string> => {
  const r = decode(value)
  if (Result.isFailure(r)) return Result.fail(issueLines(r.failure.issue, at).join("; "))
  return Result.succeed(typeof r.success === "number" ? r.success : durationMs(r.success))
}

/** A duration as the scenario writes it, for messages and reports: 5400000 -> "1h30m", 250 -> "250ms". */
export const formatDuration = (ms: number): string => {
  if (!Number.isFinite(ms)) return String(ms)
  if (ms < 0) return `-${formatDuration(-ms)}`
  if (ms === 0) return "0s"
  let rest = Math.round(ms)
  let out = ""
  for (const [unit, size] of [
    ["h", 3_600_000],
    ["m", 60_000],
    ["s", 1_000]
  ] as const) {
    if (rest >= size) {
      out += `${Math.floor(rest / size)}${unit}`
      rest %= size
    }
  }
  return rest > 0 ? `${out}${rest}ms` : out
}

/** Simulated clock time of an instant, "h:mm" from the start of the run. */
export const formatClock = (ms: number): string => {
  const minutes = Math.round(ms / 60_000)
  return `${Math.floor(minutes / 60)}:${String(minutes % 60).padStart(2, "0")}`
}
