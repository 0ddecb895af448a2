/**
 * `startServer`: composes the live server. Opens the data directory (secret, input log), rebuilds
 * the center from the log, tells the engine every agent that was connected before the restart is
 * now disconnected (grace period), arms the earliest timer, and serves HTTP and WebSocket on one
 * port. Owns the only wall-clock timeout of the engine (one setTimeout for the earliest deadline).
 */
import { readFileSync } from "node:fs"
import { createServer } from "node:http"
import type { AddressInfo } from "node:net"
import { Center } from "./center.ts"
import type { Clock } from "./clock.ts"
import { wallClock } from "./clock.ts"
import type { LiveConfig } from "./config.ts"
import type { LogUnwritable } from "./data-errors.ts"
import { dataDirError, isStorageError } from "./data-errors.ts"
import type { HandlerContext } from "./handlers.ts"
import { makeHttpHandler } from "./http.ts"
import { InputLog } from "./log.ts"
import { ServerMetrics } from "./metrics.ts"
import { windowsOf } from "./paging.ts"
import { loadOrCreateSecret } from "./secret.ts"
import { Registry } from "./sessions.ts"
import { attachWebSockets } from "./ws-server.ts"

export interface ServerOptions {
  readonly config: LiveConfig
  readonly dataDir: string
  /** Overrides config.port (0: a free port). */
  readonly port?: number
  readonly clock?: Clock
  readonly logLine?: (line: string) => void
  /** Replay a log whose hash chain is broken instead of refusing to start (forensics). */
  readonly acceptLogDamage?: boolean
}

export interface RunningServer {
  readonly port: number
  readonly url: string
  readonly center: Center
  readonly warnings: ReadonlyArray<string>
  /** Resolves if the log can no longer be written: the server has stopped serving inputs; close it. */
  readonly failed: Promise<LogUnwritable>
  readonly close: () => Promise<void>
}

const FD_RESERVE = 512

/** The soft open-file limit (Linux /proc), or undefined when it cannot be read. */
export const openFileLimit = (): number | undefined => {
  try {
    const m = /Max open files\s+(\d+|unlimited)/.exec(readFileSync("/proc/self/limits", "utf8"))
    return m === null || m[1] === "unlimited" ? undefined : Number(m[1])
  } catch {
    return undefined
  }
}

export const startServer = async (o: ServerOptions): Promise<RunningServer> => {
  const { config } = o
  const logLine = o.logLine ?? (() => {})
  const secret = loadOrCreateSecret(o.dataDir)
  const log = InputLog.open(o.dataDir, { acceptDamage: o.acceptLogDamage ?? false })
  let center: Center
  let warnings: ReadonlyArray<string>
  try {
    center = new Center(
      config.engine,
      log,
      o.clock ?? wallClock(),
      windowsOf(config.limits),
      config.serviceLevelWindowMs
    )
    const refused = center.recover()
    warnings = [...log.damage.map((d) => `${log.path}: ${d}; replayed as it is (--accept-log-damage)`), ...refused]
  } catch (e) {
    log.close()
    throw isStorageError(e) ? dataDirError(log.path, e, "replay the input log") : e
  }
  const metrics = new ServerMetrics()
  const registry = new Registry()
  let draining = false
  let timeout: ReturnType<typeof setTimeout> | undefined
  const arm = (atMs: number | undefined): void => {
    if (timeout !== undefined) clearTimeout(timeout)
    timeout = undefined
    if (atMs === undefined) return
    const delay = Math.min(2 ** 31 - 1, Math.max(0, atMs - center.nowMs()))
    timeout = setTimeout(() => {
      timeout = undefined
      center.tick()
    }, delay)
  }
  let reportFailure: (e: LogUnwritable) => void = () => {}
  const failed = new Promise<LogUnwritable>((resolve) => {
    reportFailure = resolve
  })
  center.attach({
    deliver: (party, frame) => registry.deliver(party, frame),
    observe: (e) => metrics.observeEvent(e),
    arm,
    fatal: (e) => {
      draining = true
      logLine(e.message)
      reportFailure(e)
    }
  })
  // nobody is connected after a (re)start: agents that were get their grace period now
  for (const a of center.state.agentsById) {
    if (a.presence._tag !== "LoggedOut" && a.connected)
      center.submit({ _tag: "AgentDisconnect", agentId: a.id }, "system")
  }
  center.tick()

  const supervisors = new Set([...config.credentials.values()].filter((c) => c.supervisor).map((c) => c.agentId))
  const ctx: HandlerContext = { center, registry, limits: config.limits, metrics, supervisors }
  metrics.gauge("livechat_connections_open", "Open WebSocket connections", ["role"], () => [
    [{ role: "agent" }, registry.count("agent")],
    [{ role: "customer" }, registry.count("customer")]
  ])
  metrics.gauge("livechat_chats_open", "Open chats", [], () => [[{}, center.state.chats.size]])
  metrics.gauge("livechat_agents_available", "Agents Available", [], () => [
    [{}, center.state.agentsById.filter((a) => a.presence._tag === "Available").length]
  ])
  metrics.gauge("livechat_inputs_logged", "Inputs in the durable log", [], () => [[{}, log.count]])
  // the two service-level ratios per queue over the rolling window (NaN while undetermined)
  metrics.gauge(
    "livechat_service_level",
    "Answered within the queue's threshold over arrivals counted (arrived at least the threshold ago, or settled), rolling window",
    ["queue"],
    () => center.service.rows(center.nowMs()).map((r) => [{ queue: r.queueId }, r.serviceLevel ?? Number.NaN])
  )
  metrics.gauge(
    "livechat_answered_within_of_settled",
    "Answered within the queue's threshold over chats answered or abandoned (not the service level), rolling window",
    ["queue"],
    () =>
      center.service.rows(center.nowMs()).map((r) => [{ queue: r.queueId }, r.answeredWithinOfSettled ?? Number.NaN])
  )

  const startedAtMs = center.nowMs()
  const fdLimit = openFileLimit()
  const maxConnections = Math.max(
    1,
    Math.min(config.limits.maxConnections, fdLimit === undefined ? Infinity : fdLimit - FD_RESERVE)
  )
  const http = createServer({ requestTimeout: 30_000, headersTimeout: 10_000 })
  let allowed = new Set<string>()
  http.on(
    "request",
    makeHttpHandler({
      ctx,
      config,
      secret,
      allowedOrigins: { has: (x: string) => allowed.has(x) } as ReadonlySet<string>,
      startedAtMs,
      isDraining: () => draining
    })
  )
  const reservedAgentConnections = Math.min(
    config.limits.reservedAgentConnections ??
      Math.min(Math.floor(maxConnections / 2), config.engine.agents.length * config.limits.maxConnectionsPerAgent),
    maxConnections - 1
  )
  const ws = attachWebSockets(http, {
    ctx,
    secret,
    credentials: config.credentials,
    maxConnections,
    reservedAgentConnections,
    logLine,
    isDraining: () => draining,
    allowedOrigins: { has: (x: string) => allowed.has(x) } as ReadonlySet<string>
  })
  await new Promise<void>((resolve, reject) => {
    http.once("error", reject)
    http.listen(o.port ?? config.port, config.host, () => resolve())
  })
  const port = (http.address() as AddressInfo).port
  allowed = new Set(config.allowedOrigins ?? [`http://127.0.0.1:${port}`, `http://localhost:${port}`])
  return {
    port,
    url: `http://${config.host}:${port}`,
    center,
    warnings,
    failed,
    close: async () => {
      draining = true
      center.stop()
      if (timeout !== undefined) clearTimeout(timeout)
      ws.close()
      http.closeAllConnections()
      await new Promise<void>((resolve) => http.close(() => resolve()))
      log.close()
    }
  }
}
