/**
 * The heartbeat: every heartbeatMs each open connection is pinged; one that has not answered the
 * previous ping (its pong sets `alive`) is terminated and counted as a heartbeat close.
 * Invariant: a dead peer is gone within two heartbeat periods; a live one is never terminated by it.
 */
import type { ServerMetrics } from "./metrics.ts"
import type { Registry } from "./sessions.ts"

/** Start the heartbeat over the registry's connections; returns its stop. */
export const startHeartbeat = (registry: Registry, metrics: ServerMetrics, heartbeatMs: number): (() => void) => {
  const beat = setInterval(() => {
    for (const conn of registry.all) {
      if (!conn.alive) {
        metrics.inc("livechat_closes_total", { reason: "heartbeat" })
        conn.wire.terminate()
        continue
      }
      conn.alive = false
      conn.wire.ping()
    }
  }, heartbeatMs)
  return () => clearInterval(beat)
}
