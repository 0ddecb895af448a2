/**
 * Duration labels: how a threshold in ms is named in the summary (`serviceLevel."20s"`) and in
 * reports. The largest whole unit wins: 3600000 -> "1h", 60000 -> "1m", 20000 -> "20s",
 * 90000 -> "90s", 250 -> "250ms". The same words as scenario durations, so a label parses back.
 */

const UNITS: ReadonlyArray<readonly [string, number]> = [
  ["h", 3_600_000],
  ["m", 60_000],
  ["s", 1_000]
]

export const durationLabel = (ms: number): string => {
  if (ms === 0) return "0s"
  if (Number.isInteger(ms)) {
    for (const [unit, size] of UNITS) {
      if (ms % size === 0) return `${ms / size}${unit}`
    }
  }
  return `${ms}ms`
}
