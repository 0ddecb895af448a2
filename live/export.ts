/**
 * The durable log as a trace (sim/trace format): the header carries the engine configuration the
 * log was written under, one replication, then every logged input re-run through the core engine
 * (RoutingEngine; the log holds the timers that fired, so its ports are discarded) with the events
 * it produces, and the footer. `livechat-sim replay` then reproduces the live
 * session event for event (and audits it). Read-only on the log: safe while the server runs.
 */
import { buildEngine, discardPorts } from "../core/engine.ts"
import { ENGINE_VERSION } from "../core/version.ts"
import { scenarioHash, TRACE_FORMAT } from "../sim/trace/format.ts"
import { TraceWriter } from "../sim/trace/writer.ts"
import type { InputLog } from "./log.ts"
import { storedEngineConfig } from "./log-engine-config.ts"

export interface Exported {
  readonly inputs: number
  readonly events: number
  readonly digest: string
}

/** Write `log` to `path` (`.gz`: gzip); the footer's reproduce line is `command`. */
export const exportTrace = (log: InputLog, path: string, command: string): Exported | string => {
  const config = storedEngineConfig(log)
  if (config._tag === "Missing") return `${log.path}: no engine configuration stored (an empty data directory?)`
  if (config._tag === "Undecodable")
    return `${log.path}: the stored engine configuration does not decode (${config.reason})`
  const scenario = { live: true, log: log.path }
  const writer = new TraceWriter(path)
  writer.header({
    type: "header",
    format: TRACE_FORMAT,
    engineVersion: ENGINE_VERSION,
    seed: 0,
    replications: 1,
    scenarioName: "live",
    scenarioHash: scenarioHash(scenario),
    scenario,
    engineConfig: config.config,
    command
  })
  writer.replication(0, 0)
  const engine = buildEngine(config.config, discardPorts)
  let inputs = 0
  let events = 0
  for (const row of log.rows()) {
    const r = engine.submitSync(row.command, row.t)
    writer.record(row.command, row.t, r.events)
    inputs++
    events += r.events.length
  }
  return { inputs, events, digest: writer.finish(`npx livechat-sim replay ${path}`) }
}
