/**
 * The WebSocket side: the upgrade gate (path, Origin allowlist, signed token, draining) and, per
 * connection, the hello timeout, the rate limiter, the heartbeat, the cap on unsent output and the
 * decode -> authorize -> handle pipeline. Invariants: a refused upgrade never reaches ws; every
 * frame gets an answer or a documented close; a bad frame never closes the connection by itself;
 * each frame is handled synchronously to completion before the next (one sequential handler);
 * every send and close of a connection goes through the center's commit batch, so none leaves
 * before the inputs applied before it are durable, and they leave in the order they were made;
 * once the server decides to close a connection it reads nothing more from it (a policy close
 * pauses the socket), and terminates it CLOSE_GRACE_MS after its close frame if the peer has not
 * closed; a connection writes at most LOG_BURST log lines, then one per LOG_EVERY_MS.
 */
import type { IncomingMessage, Server } from "node:http"
import type { Duplex } from "node:stream"
import type { RawData, WebSocket } from "ws"
import { WebSocketServer } from "ws"
import { handleAgentFrame } from "./agent-handlers.ts"
import type { Credential } from "./config.ts"
import { handleCustomerFrame } from "./customer-handlers.ts"
import { errorFrame } from "./error-frame.ts"
import type { HandlerContext } from "./handlers.ts"

import { LimiterTable } from "./limiter-table.ts"
import type { Role } from "./protocol.ts"
import { decodeClientFrame } from "./protocol.ts"
import { RateLimiter } from "./rate-limit.ts"
import type { ServerFrame } from "./server-frames.ts"
import type { Conn } from "./sessions.ts"
import { credentialTag, verifyToken } from "./tokens.ts"

export interface WsOptions {
  readonly ctx: HandlerContext
  readonly secret: Buffer
  /** Agents' credentials: an agent token must carry the tag of its agent's current one. */
  readonly credentials: ReadonlyMap<string, Credential>
  readonly allowedOrigins: ReadonlySet<string>
  readonly maxConnections: number
  /** Connections customers may never take (kept for agents). */
  readonly reservedAgentConnections: number
  readonly isDraining: () => boolean
  readonly logLine: (line: string) => void
}

/** A peer that does not answer the close handshake is terminated this long after the close frame. */
export const CLOSE_GRACE_MS = 2_000
const LOG_BURST = 5
const LOG_EVERY_MS = 10_000

const STATUS_TEXT: Readonly<Record<number, string>> = {
  401: "Unauthorized",
  403: "Forbidden",
  404: "Not Found",
  503: "Service Unavailable"
}

const refuse = (socket: Duplex, status: number, code: string, message: string): void => {
  const body = JSON.stringify({ type: "error", code, message })
  socket.end(
    `HTTP/1.1 ${status} ${STATUS_TEXT[status]}\r\nConnection: close\r\nContent-Type: application/json\r\nContent-Length: ${Buffer.byteLength(body)}\r\n\r\n${body}`
  )
  socket.destroy()
}

export const attachWebSockets = (server: Server, o: WsOptions): { readonly close: () => void } => {
  const { ctx } = o
  const { limits, metrics, registry, center } = ctx
  const wss = new WebSocketServer({
    noServer: true,
    maxPayload: limits.maxPayloadBytes,
    perMessageDeflate: false,
    clientTracking: false
  })
  let nextId = 1
  const principalLimits = new LimiterTable(limits.principalRateBurst, limits.principalRatePerSec, 100_000)
  const sockets = new Map<number, WebSocket>()

  // the frames one callback (a commit's drain above all) sends to a socket leave in one write:
  // cork it at its first send and uncork every corked socket once the callback is done (ws has no
  // cork of its own, so this reaches its underlying net.Socket; without one it does nothing)
  const corked: Array<Duplex> = []
  const uncorkAll = (): void => {
    for (const s of corked) s.uncork()
    corked.length = 0
  }
  const cork = (ws: WebSocket): void => {
    const socket = (ws as unknown as { _socket?: Duplex })._socket
    if (socket === undefined || typeof socket.cork !== "function" || socket.writableCorked > 0) return
    socket.cork()
    if (corked.push(socket) === 1) queueMicrotask(uncorkAll)
  }

  const refused = (socket: Duplex, status: number, code: string, reason: string, message: string): void => {
    metrics.inc("livechat_connections_refused_total", { reason })
    refuse(socket, status, code, message)
  }

  server.on("upgrade", (req: IncomingMessage, socket: Duplex, head: Buffer) => {
    socket.on("error", () => socket.destroy())
    const url = new URL(req.url ?? "/", "http://localhost")
    const role: Role | undefined =
      url.pathname === "/ws/agent" ? "agent" : url.pathname === "/ws/customer" ? "customer" : undefined
    if (role === undefined) return refused(socket, 404, "NOT_FOUND", "path", "no WebSocket endpoint here")
    const origin = req.headers.origin
    if (origin !== undefined && !o.allowedOrigins.has(origin))
      return refused(socket, 403, "FORBIDDEN", "origin", "origin not allowed")
    if (o.isDraining()) return refused(socket, 503, "UNAVAILABLE", "draining", "the server is shutting down")
    const v = verifyToken(
      o.secret,
      url.searchParams.get("token") ?? undefined,
      role === "agent" ? "a" : "c",
      center.nowMs()
    )
    if (v._tag === "Invalid")
      return refused(socket, 401, "UNAUTHORIZED", `token-${v.reason}`, "missing, invalid or expired token")
    const claims = v.claims
    const principal = role === "agent" ? `agent:${claims.sub}` : `customer:${claims.cus ?? claims.sub}`
    if (center.revocations.isRevoked(principal, claims.iatMs))
      return refused(socket, 401, "UNAUTHORIZED", "token-revoked", "this token was revoked (logged out); log in again")
    if (role === "agent") {
      const cred = o.credentials.get(claims.sub)
      if (cred === undefined || claims.cred !== credentialTag(o.secret, cred.fingerprint)) {
        return refused(
          socket,
          401,
          "UNAUTHORIZED",
          "token-credential",
          "this token was issued under another password; log in again"
        )
      }
    }
    wss.handleUpgrade(req, socket, head, (ws) => {
      // customers stop short of the connections reserved for agents; one principal holds at most its cap
      const full =
        registry.all.size >= o.maxConnections ||
        (role === "customer" && registry.count("customer") >= o.maxConnections - o.reservedAgentConnections)
      if (full) return turnAway(ws, 4013, "server full", "full")
      const cap = role === "agent" ? limits.maxConnectionsPerAgent : limits.maxConnectionsPerCustomer
      if (registry.countOf(principal) >= cap)
        return turnAway(ws, 4029, `too many connections for this ${role} (at most ${cap})`, "principal-cap")
      open(ws, role, claims.sub, principal, claims.iatMs, claims.expMs)
    })
  })

  /** Close a just-upgraded socket at once, terminated if the peer ignores the close. */
  const turnAway = (ws: WebSocket, code: number, reason: string, metric: string): void => {
    metrics.inc("livechat_connections_refused_total", { reason: metric })
    ws.close(code, reason)
    setTimeout(() => ws.terminate(), CLOSE_GRACE_MS).unref()
  }

  const open = (
    ws: WebSocket,
    role: Role,
    subject: string,
    principal: string,
    tokenIatMs: number,
    tokenExpMs: number
  ): void => {
    metrics.inc("livechat_connections_total", { role })
    const nowMs = center.nowMs()
    let closeTimer: ReturnType<typeof setTimeout> | undefined
    const conn: Conn = {
      id: nextId++,
      role,
      subject,
      principal,
      tokenIatMs,
      tokenExpMs,
      limiter: new RateLimiter(limits.rateBurst, limits.ratePerSec, limits.floodBurst, nowMs),
      helloDone: false,
      observer: false,
      alive: true,
      closing: false,
      logBudget: new RateLimiter(LOG_BURST, 1_000 / LOG_EVERY_MS, Number.MAX_SAFE_INTEGER, nowMs),
      logSuppressed: false,
      // every send and close waits for the commit of the inputs applied before it (group commit)
      send: (frame: ServerFrame) =>
        center.batch.emit(() => {
          if (ws.readyState !== ws.OPEN) return
          const text = JSON.stringify(frame)
          if (ws.bufferedAmount + Buffer.byteLength(text) > limits.maxBufferedBytes) {
            metrics.inc("livechat_closes_total", { reason: "slow-reader" })
            log(conn, `${role} ${subject}: terminated, a slow reader (${ws.bufferedAmount} bytes unsent)`)
            return ws.terminate()
          }
          metrics.inc("livechat_frames_out_total", { role })
          if (frame.type === "error") metrics.inc("livechat_error_frames_total", { code: frame.code })
          cork(ws)
          ws.send(text)
        }),
      close: (code: number, reason: string) => {
        if (conn.closing) return
        // from now on nothing this peer sends is read or answered; a policy close stops reading at once
        conn.closing = true
        if (code === 4008) ws.pause()
        center.batch.emit(() => {
          metrics.inc("livechat_closes_total", { reason: String(code) })
          ws.close(code, reason)
          closeTimer = setTimeout(() => ws.terminate(), CLOSE_GRACE_MS)
          closeTimer.unref()
        })
      }
    }
    registry.open(conn)
    sockets.set(conn.id, ws)
    const helloTimer = setTimeout(() => {
      if (!conn.helloDone) conn.close(4008, "no hello")
    }, limits.helloTimeoutMs)
    ws.on("pong", () => {
      conn.alive = true
    })
    ws.on("error", () => {})
    ws.on("close", () => {
      clearTimeout(helloTimer)
      if (closeTimer !== undefined) clearTimeout(closeTimer)
      sockets.delete(conn.id)
      const last = registry.remove(conn)
      const agent = role === "agent" && last ? center.state.agents.get(subject) : undefined
      if (agent !== undefined && agent.presence._tag !== "LoggedOut" && agent.connected) {
        center.submit({ _tag: "AgentDisconnect", agentId: subject }, `agent:${subject}`)
      }
    })
    ws.on("message", (data: RawData, isBinary: boolean) => onFrame(conn, data, isBinary))
  }

  /** A log line about a connection, within its budget (a note when lines start being dropped). */
  const log = (conn: Conn, line: string): void => {
    if (conn.logBudget.take(center.nowMs()) === "ok") {
      conn.logSuppressed = false
      return o.logLine(line)
    }
    if (conn.logSuppressed) return
    conn.logSuppressed = true
    o.logLine(`${conn.role} ${conn.subject}: further log lines of this connection suppressed for a while`)
  }

  const onFrame = (conn: Conn, data: RawData, isBinary: boolean): void => {
    if (conn.closing) return
    metrics.inc("livechat_frames_in_total", { role: conn.role })
    const nowMs = center.nowMs()
    if (nowMs >= conn.tokenExpMs) return conn.close(4001, "token expired")
    if (center.revocations.isRevoked(conn.principal, conn.tokenIatMs)) return conn.close(4001, "token revoked")
    const verdict = conn.limiter.take(nowMs)
    if (verdict === "flood") {
      log(conn, `${conn.role} ${conn.subject}: closed 4008, a persistent flood`)
      return conn.close(4008, "rate limit: persistent flood")
    }
    if (verdict === "limited") {
      const message = `too many frames on this connection: ${limits.rateBurst} per burst, ${limits.ratePerSec} per second`
      return conn.send(errorFrame("RATE_LIMITED", message, { retryAfterMs: conn.limiter.retryAfterMs() }))
    }
    // the bucket every connection of this agent or customer shares
    const shared = principalLimits.take(conn.principal, nowMs)
    if (shared !== undefined) {
      if (conn.limiter.strike(nowMs) === "flood") {
        log(conn, `${conn.role} ${conn.subject}: closed 4008, a persistent flood`)
        return conn.close(4008, "rate limit: persistent flood")
      }
      const message = `too many frames from this ${conn.role}: ${limits.principalRateBurst} per burst, ${limits.principalRatePerSec} per second over all its connections`
      return conn.send(errorFrame("RATE_LIMITED", message, { retryAfterMs: shared }))
    }
    if (isBinary) return conn.send(errorFrame("BINARY_FRAME", "only JSON text frames are spoken"))
    const text = Array.isArray(data)
      ? Buffer.concat(data).toString("utf8")
      : Buffer.from(data as ArrayBuffer).toString("utf8")
    try {
      if (conn.role === "agent") {
        const d = decodeClientFrame("agent", text)
        if (d._tag === "Error") return conn.send(errorFrame(d.error.code, d.error.message, d.error))
        if (!gate(conn, d.frame.type, "ref" in d.frame ? d.frame.ref : undefined)) return
        handleAgentFrame(ctx, conn, d.frame)
      } else {
        const d = decodeClientFrame("customer", text)
        if (d._tag === "Error") return conn.send(errorFrame(d.error.code, d.error.message, d.error))
        if (!gate(conn, d.frame.type, "ref" in d.frame ? d.frame.ref : undefined)) return
        handleCustomerFrame(ctx, conn, d.frame)
      }
    } catch (e) {
      log(conn, `${conn.role} ${conn.subject}: internal error: ${(e as Error).stack ?? String(e)}`)
      conn.send(errorFrame("INTERNAL", "internal error; the frame was not applied"))
    }
  }

  /** Hello first, and only once. */
  const gate = (conn: Conn, type: string, ref: string | undefined): boolean => {
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

  const heartbeat = setInterval(() => {
    for (const conn of registry.all) {
      const ws = sockets.get(conn.id)
      if (ws === undefined) continue
      if (!conn.alive) {
        metrics.inc("livechat_closes_total", { reason: "heartbeat" })
        ws.terminate()
        continue
      }
      conn.alive = false
      ws.ping()
    }
  }, limits.heartbeatMs)

  return {
    close: () => {
      clearInterval(heartbeat)
      for (const ws of sockets.values()) ws.close(1001, "server shutting down")
      wss.close()
    }
  }
}
