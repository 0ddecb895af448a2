/**
 * Durations in config files: a whole number of milliseconds, or a string of one or more
 * `<number><unit>` parts with units ms, s, m, h (`250ms`, `30s`, `1h30m`). Pure.
 */
const UNIT_MS: Readonly<Record<string, number>> = { ms: 1, s: 1_000, m: 60_000, h: 3_600_000 }
const PART = /(\d+(?:\.\d+)?)(ms|s|m|h)/gy

/** Milliseconds, or a message saying what is wrong. */
export const parseDurationMs = (value: number | string): number | string => {
  if (typeof value === "number") return Number.isInteger(value) && value >= 0 ? value : `expected whole milliseconds >= 0, got ${value}`
  const text = value.trim()
  let total = 0
  let at = 0
  PART.lastIndex = 0
  for (let m = PART.exec(text); m !== null; m = PART.exec(text)) {
    total += Number(m[1]) * UNIT_MS[m[2]!]!
    at = PART.lastIndex
  }
  if (text === "" || at !== text.length) return `expected a duration such as 250ms, 30s, 5m or 1h30m, got "${value}"`
  return Math.round(total)
}
