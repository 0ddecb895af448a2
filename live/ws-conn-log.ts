/**
 * Log lines about one connection, within a budget: at most LOG_BURST lines, then one per
 * LOG_EVERY_MS; the first line dropped is replaced by one note that further lines are suppressed.
 * Invariant: a peer cannot flood the server's log, whatever it sends.
 */
import { RateLimiter } from "./rate-limit.ts"
import type { Conn } from "./sessions.ts"

const LOG_BURST = 5
const LOG_EVERY_MS = 10_000

/** A fresh log budget for a connection opened at `nowMs`. */
export const newLogBudget = (nowMs: number): RateLimiter =>
  new RateLimiter(LOG_BURST, 1_000 / LOG_EVERY_MS, Number.MAX_SAFE_INTEGER, nowMs)

/** Write `line` about `conn` if its budget allows (a note when lines start being dropped). */
export const logAbout = (conn: Conn, line: string, nowMs: number, logLine: (line: string) => void): void => {
  if (conn.logBudget.take(nowMs) === "ok") {
    conn.logSuppressed = false
    return logLine(line)
  }
  if (conn.logSuppressed) return
  conn.logSuppressed = true
  logLine(`${conn.role} ${conn.subject}: further log lines of this connection suppressed for a while`)
}
