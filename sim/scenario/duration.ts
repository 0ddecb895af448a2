/**
 * Duration strings of scenario files (k6 style): one or more `<number><unit>` parts with units
 * `ms`, `s`, `m`, `h`, summed: `250ms`, `20s`, `5m`, `8h`, `1h30m`, `1.5s`. Owns the pattern the
 * Schema and the editor JSON Schema use, and the conversion to integer milliseconds.
 */

/** Anchored pattern for a whole duration string (also emitted into the JSON Schema). */
export const DURATION_PATTERN = "^(?:\\d+(?:\\.\\d+)?(?:ms|s|m|h))+$"

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

/** Milliseconds of a string the Schema already accepted (0 if, against expectations, it does not parse). */
export const durationMs = (text: string): number => parseDuration(text) ?? 0

/** A compact duration string for messages: 5400000 -> "1h30m", 250 -> "250ms". */
export const formatDuration = (ms: number): string => {
  if (!Number.isFinite(ms)) return String(ms)
  if (ms === 0) return "0s"
  let rest = Math.round(ms)
  let out = ""
  for (const [unit, size] of [["h", 3_600_000], ["m", 60_000], ["s", 1_000]] as const) {
    if (rest >= size) {
      out += `${Math.floor(rest / size)}${unit}`
      rest %= size
    }
  }
  return rest > 0 ? `${out}${rest}ms` : out
}
