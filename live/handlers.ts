/**
 * What every frame handler shares: the `HandlerContext` (the center, the open connections, the
 * limits, the metrics, who is a supervisor) and the ways a handler answers the sender: `run`
 * submits an engine command and answers `ack` (once the input is durable: the send goes through
 * the commit batch) or the engine's refusal as `error`; `forbidden` refuses what is not the
 * sender's; `ackRef` is the bare ack of a frame that changed nothing in the engine; `pong`.
 * The role handlers are live/agent-handlers.ts and live/customer-handlers.ts.
 * Invariant: the actor of every command is the connection's token subject, never a frame field.
 */
import type { Command } from "../core/commands.ts"
import type { Center } from "./center.ts"
import type { Limits } from "./config.ts"
import { errorFrame } from "./error-frame.ts"
import type { ServerMetrics } from "./metrics.ts"
import type { ErrorCode } from "./protocol.ts"
import type { ServerFrame } from "./server-frames.ts"
import type { Conn, Registry } from "./sessions.ts"
import { actorOf } from "./submission.ts"

export interface HandlerContext {
  readonly center: Center
  readonly registry: Registry
  readonly limits: Limits
  readonly metrics: ServerMetrics
  readonly supervisors: ReadonlySet<string>
}

/** Submit and answer the sender; true when the input was applied (or was a duplicate). */
export const run = (ctx: HandlerContext, conn: Conn, command: Command, ref: string | undefined): boolean => {
  const r = ctx.center.submit(command, actorOf(conn.role, conn.subject), ref)
  switch (r._tag) {
    case "Applied":
    case "Duplicate":
      conn.send(r.ack)
      return true
    case "Rejected":
      conn.send(errorFrame(r.code as ErrorCode, r.message, { ref }))
      return false
    case "NoEffect":
      conn.send(ackRef(ref))
      return true
  }
}

/** The answer to `ping`: the server's time, for the client's clock skew. */
export const pong = (ctx: HandlerContext, ref: string | undefined): ServerFrame => ({
  type: "pong",
  ...(ref === undefined ? {} : { ref }),
  serverTimeMs: ctx.center.nowMs()
})

/** The ack of a frame that needed no engine input. */
export const ackRef = (ref: string | undefined): ServerFrame =>
  ref === undefined ? { type: "ack" } : { type: "ack", ref }

export const forbidden = (conn: Conn, what: string, ref: string | undefined, path: ReadonlyArray<string>): void =>
  conn.send(errorFrame("FORBIDDEN", `${what} is not yours`, { ref, path }))
