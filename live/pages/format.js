// @ts-check
/**
 * How the live pages write times, as pure functions: durations ("0:07", "12:30", "1:02:03"),
 * clock times and dates in the browser's locale.
 */

/**
 * "0:07", "12:30", "1:02:03".
 * @param {number} ms
 */
export const fmtDuration = (ms) => {
  const s = Math.max(0, Math.floor(ms / 1000))
  const hh = Math.floor(s / 3600)
  const mm = Math.floor((s % 3600) / 60)
  const ss = String(s % 60).padStart(2, "0")
  return hh > 0 ? `${hh}:${String(mm).padStart(2, "0")}:${ss}` : `${mm}:${ss}`
}

/** @param {number} ms */
export const fmtClock = (ms) =>
  new Date(ms).toLocaleTimeString([], { hour: "2-digit", minute: "2-digit", second: "2-digit" })
/** @param {number} ms */
export const fmtDate = (ms) =>
  new Date(ms).toLocaleString([], {
    year: "numeric",
    month: "short",
    day: "numeric",
    hour: "2-digit",
    minute: "2-digit"
  })
