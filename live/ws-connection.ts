/**
 * One accepted WebSocket connection: its `Conn` (rate limiter, hello state, log budget), how it
 * sends and closes, its hello timeout and what its end tells the engine; and `turnAway`, the close
 * of a just-upgraded socket the caps refuse.
 * Invariants: every send and close goes through the center's commit batch, so none leaves before
 * the inputs applied before it are durable, and they leave in the order they were made; a send
 * that would take the unsent output past maxBufferedBytes terminates the connection (a slow
 * reader); once the server decides to close a connection it reads nothing more from it (a policy
 * close, 4008, pauses the socket) and terminates it CLOSE_GRACE_MS after its close frame if the
 * peer has not closed; an agent's last working connection closing is an AgentDisconnect input.
 */
import type { Duplex } from "node:stream"
import type { RawData, WebSocket } from "ws"
import type { HandlerContext } from "./handlers.ts"
import { RateLimiter } from "./rate-limit.ts"
import type { ServerFrame } from "./server-frames.ts"
import type { Conn } from "./sessions.ts"
import { actorOf } from "./submission.ts"
import { logAbout, newLogBudget } from "./ws-conn-log.ts"
import type { WriteCorker } from "./ws-cork.ts"
import type { Admission } from "./ws-gate.ts"

/** A peer that does not answer the close handshake is terminated this long after the close frame. */
export const CLOSE_GRACE_MS = 2_000

export interface ConnectionDeps {
  readonly ctx: HandlerContext
  readonly corker: WriteCorker
  readonly logLine: (line: string) => void
  readonly onFrame: (conn: Conn, data: RawData, isBinary: boolean) => void
}

type Admitted = Extract<Admission, { _tag: "Admitted" }>

/** The connection's pending terminate after its close frame, cleared when the peer closes. */
interface CloseTimer {
  timer: ReturnType<typeof setTimeout> | undefined
}

/**
 * Register an upgraded connection and listen to it. `socket` is the raw Duplex the upgrade
 * handed to ws (corked around a callback's sends).
 */
export const openConnection = (d: ConnectionDeps, id: number, ws: WebSocket, socket: Duplex, a: Admitted): void => {
  const { metrics, registry, limits } = d.ctx
  metrics.inc("livechat_connections_total", { role: a.role })
  const closing: CloseTimer = { timer: undefined }
  const conn = newConn(d, id, ws, socket, a, closing)
  registry.open(conn)
  const helloTimer = setTimeout(() => {
    if (!conn.helloDone) conn.close(4008, "no hello")
  }, limits.helloTimeoutMs)
  ws.on("pong", () => {
    conn.alive = true
  })
  ws.on("error", () => {})
  ws.on("close", () => {
    clearTimeout(helloTimer)
    if (closing.timer !== undefined) clearTimeout(closing.timer)
    onClosed(d, conn)
  })
  ws.on("message", (data: RawData, isBinary: boolean) => d.onFrame(conn, data, isBinary))
}

const newConn = (d: ConnectionDeps, id: number, ws: WebSocket, socket: Duplex, a: Admitted, closing: CloseTimer) => {
  const { center, limits } = d.ctx
  const nowMs = center.nowMs()
  const conn: Conn = {
    id,
    role: a.role,
    subject: a.claims.sub,
    principal: a.principal,
    tokenIatMs: a.claims.iatMs,
    tokenExpMs: a.claims.expMs,
    limiter: new RateLimiter(limits.rateBurst, limits.ratePerSec, limits.floodBurst, nowMs),
    helloDone: false,
    observer: false,
    alive: true,
    closing: false,
    logBudget: newLogBudget(nowMs),
    logSuppressed: false,
    // every send and close waits for the commit of the inputs applied before it (group commit)
    send: (frame: ServerFrame) => center.batch.emit(() => write(d, conn, ws, socket, frame)),
    close: (code: number, reason: string) => close(d, conn, ws, closing, code, reason),
    wire: ws
  }
  return conn
}

/** Send one frame now (after its commit): counted, corked with the callback's others, or a slow reader's end. */
const write = (d: ConnectionDeps, conn: Conn, ws: WebSocket, socket: Duplex, frame: ServerFrame): void => {
  const { metrics, limits, center } = d.ctx
  if (ws.readyState !== ws.OPEN) return
  const text = JSON.stringify(frame)
  if (ws.bufferedAmount + Buffer.byteLength(text) > limits.maxBufferedBytes) {
    metrics.inc("livechat_closes_total", { reason: "slow-reader" })
    const line = `${conn.role} ${conn.subject}: terminated, a slow reader (${ws.bufferedAmount} bytes unsent)`
    logAbout(conn, line, center.nowMs(), d.logLine)
    return ws.terminate()
  }
  metrics.inc("livechat_frames_out_total", { role: conn.role })
  if (frame.type === "error") metrics.inc("livechat_error_frames_total", { code: frame.code })
  d.corker.cork(socket)
  ws.send(text)
}

const close = (d: ConnectionDeps, conn: Conn, ws: WebSocket, closing: CloseTimer, code: number, reason: string) => {
  if (conn.closing) return
  // from now on nothing this peer sends is read or answered; a policy close stops reading at once
  conn.closing = true
  if (code === 4008) ws.pause()
  d.ctx.center.batch.emit(() => {
    d.ctx.metrics.inc("livechat_closes_total", { reason: String(code) })
    ws.close(code, reason)
    closing.timer = setTimeout(() => ws.terminate(), CLOSE_GRACE_MS)
    closing.timer.unref()
  })
}

/** The socket closed: forget it; an agent's last working connection gone is a disconnect. */
const onClosed = (d: ConnectionDeps, conn: Conn): void => {
  const { registry, center } = d.ctx
  const last = registry.remove(conn)
  const agent = conn.role === "agent" && last ? center.state.agents.get(conn.subject) : undefined
  if (agent !== undefined && agent.presence._tag !== "LoggedOut" && agent.connected) {
    center.submit({ _tag: "AgentDisconnect", agentId: conn.subject }, actorOf("agent", conn.subject))
  }
}

/** Close a just-upgraded socket at once, terminated if the peer ignores the close. */
export const turnAway = (ctx: HandlerContext, ws: WebSocket, code: number, reason: string, metric: string): void => {
  ctx.metrics.inc("livechat_connections_refused_total", { reason: metric })
  ws.close(code, reason)
  setTimeout(() => ws.terminate(), CLOSE_GRACE_MS).unref()
}
