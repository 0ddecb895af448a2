/**
 * Per-connection frame intake: for every frame a connection sends, the checks before any handling
 * (token still valid and not revoked, the connection's rate limit and flood detection, the bucket
 * all connections of one principal share, text not binary), then decode -> hello gate -> the
 * role's handler.
 * Invariants: every frame gets an answer or a documented close; a bad frame never closes the
 * connection by itself (only a persistent flood, 4008, or an expired or revoked token, 4001);
 * nothing is read from a connection the server is closing; each frame is handled synchronously to
 * completion before the next (one sequential handler, no await); a handler's throw is answered
 * INTERNAL and logged, the frame not applied; hello comes first, and only once.
 */
import type { RawData } from "ws"
import { handleAgentFrame } from "./agent-handlers.ts"
import { handleCustomerFrame } from "./customer-handlers.ts"
import { errorFrame } from "./error-frame.ts"
import type { HandlerContext } from "./handlers.ts"
import { LimiterTable } from "./limiter-table.ts"
import { decodeClientFrame } from "./protocol.ts"
import type { Conn } from "./sessions.ts"
import { logAbout } from "./ws-conn-log.ts"

/** Principals whose shared frame buckets are kept (least recently used evicted). */
const PRINCIPALS_KEPT = 100_000

export type FrameIntake = (conn: Conn, data: RawData, isBinary: boolean) => void

/** The intake of every connection of one server (they share the per-principal buckets). */
export const frameIntake = (ctx: HandlerContext, logLine: (line: string) => void): FrameIntake => {
  const { limits, center } = ctx
  const principalLimits = new LimiterTable(limits.principalRateBurst, limits.principalRatePerSec, PRINCIPALS_KEPT)
  const log = (conn: Conn, line: string): void => logAbout(conn, line, center.nowMs(), logLine)

  /** True when the frame may be handled; otherwise it was answered (or the connection closed). */
  const admitted = (conn: Conn, nowMs: number): boolean => {
    if (nowMs >= conn.tokenExpMs) return closed(conn, "token expired")
    if (center.revocations.isRevoked(conn.principal, conn.tokenIatMs)) return closed(conn, "token revoked")
    const verdict = conn.limiter.take(nowMs)
    if (verdict === "flood") return flood(conn)
    if (verdict === "limited") {
      const message = `too many frames on this connection: ${limits.rateBurst} per burst, ${limits.ratePerSec} per second`
      return limited(conn, message, conn.limiter.retryAfterMs())
    }
    // the bucket every connection of this agent or customer shares
    const shared = principalLimits.take(conn.principal, nowMs)
    if (shared === undefined) return true
    if (conn.limiter.strike(nowMs) === "flood") return flood(conn)
    const message = `too many frames from this ${conn.role}: ${limits.principalRateBurst} per burst, ${limits.principalRatePerSec} per second over all its connections`
    return limited(conn, message, shared)
  }

  const closed = (conn: Conn, reason: string): false => {
    conn.close(4001, reason)
    return false
  }

  const limited = (conn: Conn, message: string, retryAfterMs: number): false => {
    conn.send(errorFrame("RATE_LIMITED", message, { retryAfterMs }))
    return false
  }

  const flood = (conn: Conn): false => {
    log(conn, `${conn.role} ${conn.subject}: closed 4008, a persistent flood`)
    conn.close(4008, "rate limit: persistent flood")
    return false
  }

  /** Decode as the connection's role, pass the hello gate, handle. */
  const handle = (conn: Conn, text: string): void => {
    if (conn.role === "agent") {
      const d = decodeClientFrame("agent", text)
      if (d._tag === "Error") return conn.send(errorFrame(d.error.code, d.error.message, d.error))
      if (helloGate(conn, d.frame.type, "ref" in d.frame ? d.frame.ref : undefined))
        handleAgentFrame(ctx, conn, d.frame)
    } else {
      const d = decodeClientFrame("customer", text)
      if (d._tag === "Error") return conn.send(errorFrame(d.error.code, d.error.message, d.error))
      if (helloGate(conn, d.frame.type, "ref" in d.frame ? d.frame.ref : undefined))
        handleCustomerFrame(ctx, conn, d.frame)
    }
  }

  return (conn, data, isBinary) => {
    if (conn.closing) return
    ctx.metrics.inc("livechat_frames_in_total", { role: conn.role })
    if (!admitted(conn, center.nowMs())) return
    if (isBinary) return conn.send(errorFrame("BINARY_FRAME", "only JSON text frames are spoken"))
    const text = textOf(data)
    try {
      handle(conn, text)
    } catch (e) {
      log(conn, `${conn.role} ${conn.subject}: internal error: ${(e as Error).stack ?? String(e)}`)
      conn.send(errorFrame("INTERNAL", "internal error; the frame was not applied"))
    }
  }
}

const textOf = (data: RawData): string => {
  if (Array.isArray(data)) return Buffer.concat(data).toString("utf8")
  return Buffer.isBuffer(data) ? data.toString("utf8") : Buffer.from(data).toString("utf8")
}

/** Hello first, and only once: true when the frame may go on to its handler. */
const helloGate = (conn: Conn, type: string, ref: string | undefined): boolean => {
  if (type === "hello" && conn.helloDone) {
    conn.send(errorFrame("ALREADY_HELLO", "hello was already sent", { ref }))
    return false
  }
  if (type !== "hello" && type !== "ping" && !conn.helloDone) {
    conn.send(errorFrame("HELLO_REQUIRED", "send hello first", { ref }))
    return false
  }
  return true
}
