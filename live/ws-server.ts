/**
 * The WebSocket side, composed: ws in noServer mode behind the node:http server's `upgrade` event.
 * An upgrade passes the gate (live/ws-gate.ts) or is refused before ws sees it; once upgraded,
 * the connection caps may still turn it away; an admitted connection (live/ws-connection.ts) feeds
 * its frames to the shared intake (live/ws-intake.ts), and the heartbeat (live/ws-heartbeat.ts)
 * watches them all. Invariants: ws's private fields are never touched: the raw socket a
 * connection's sends are corked on is the Duplex of the `upgrade` event, the one ws writes to;
 * `close` stops the heartbeat, sends every open connection 1001 and closes the ws server.
 */
import type { IncomingMessage, Server } from "node:http"
import type { Duplex } from "node:stream"
import { WebSocketServer } from "ws"
import type { HandlerContext } from "./handlers.ts"
import type { ConnectionDeps } from "./ws-connection.ts"
import { openConnection, turnAway } from "./ws-connection.ts"
import { WriteCorker } from "./ws-cork.ts"
import type { CapacityOptions, GateOptions } from "./ws-gate.ts"
import { admit, capacityRefusal, refuseUpgrade } from "./ws-gate.ts"
import { startHeartbeat } from "./ws-heartbeat.ts"
import { frameIntake } from "./ws-intake.ts"

export interface WsOptions extends GateOptions, CapacityOptions {
  readonly ctx: HandlerContext
  readonly logLine: (line: string) => void
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
  const deps: ConnectionDeps = {
    ctx,
    corker: new WriteCorker(),
    logLine: o.logLine,
    onFrame: frameIntake(ctx, o.logLine)
  }
  let nextId = 1

  server.on("upgrade", (req: IncomingMessage, socket: Duplex, head: Buffer) => {
    socket.on("error", () => socket.destroy())
    const a = admit(req, o, center.revocations, center.nowMs())
    if (a._tag === "Refused") {
      metrics.inc("livechat_connections_refused_total", { reason: a.reason })
      return refuseUpgrade(socket, a)
    }
    wss.handleUpgrade(req, socket, head, (ws) => {
      // customers stop short of the connections reserved for agents; one principal holds at most its cap
      const refusal = capacityRefusal(registry, limits, o, a.role, a.principal)
      if (refusal !== undefined) return turnAway(ctx, ws, refusal.code, refusal.reason, refusal.metric)
      openConnection(deps, nextId++, ws, socket, a)
    })
  })

  const stopHeartbeat = startHeartbeat(registry, metrics, limits.heartbeatMs)

  return {
    close: () => {
      stopHeartbeat()
      for (const conn of registry.all) conn.wire.close(1001, "server shutting down")
      wss.close()
    }
  }
}
