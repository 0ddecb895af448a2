/**
 * After a run: the server's durable input log (`<data>/livechat.db`, read-only use, safe while the
 * server runs, as `serve --export-trace` does) re-run through the core engine under the engine
 * configuration stored with it, every input and event fed to the invariant auditor
 * (core/audit/auditor.ts). The whole log is audited, earlier sessions on the same data directory
 * included. The auditor keeps the first violation; none means a clean audit.
 */
import { existsSync } from "node:fs"
import { join } from "node:path"
import type { Violation } from "../../core/audit/auditor.ts"
import { Auditor } from "../../core/audit/auditor.ts"
import { buildEngine, discardPorts } from "../../core/engine.ts"
import { InputLog } from "../log.ts"
import { storedEngineConfig } from "../log-engine-config.ts"

export type AuditOutcome =
  | {
      readonly _tag: "Audited"
      readonly inputs: number
      readonly events: number
      readonly violation: Violation | undefined
    }
  | { readonly _tag: "Skipped"; readonly reason: string }

export const auditDataDir = (dataDir: string): AuditOutcome => {
  const path = join(dataDir, "livechat.db")
  if (!existsSync(path))
    return {
      _tag: "Skipped",
      reason: `no input log at ${path} (pass --data, the directory the server was started with)`
    }
  let log: InputLog
  try {
    log = InputLog.open(dataDir, { readOnly: true })
  } catch (e) {
    return { _tag: "Skipped", reason: `cannot open ${path}: ${(e as Error).message}` }
  }
  try {
    const config = storedEngineConfig(log)
    if (config._tag === "Missing") return { _tag: "Skipped", reason: `${path}: no engine configuration stored` }
    if (config._tag === "Undecodable")
      return { _tag: "Skipped", reason: `${path}: the stored engine configuration does not decode` }
    const engine = buildEngine(config.config, discardPorts) // the log holds the timers that fired
    const auditor = new Auditor(config.config)
    let inputs = 0
    let events = 0
    for (const row of log.rows()) {
      auditor.input(row.command, row.t)
      const r = engine.submitSync(row.command, row.t)
      for (const e of r.events) auditor.event(e)
      inputs++
      events += r.events.length
      if (auditor.violation !== undefined) break
    }
    auditor.end()
    return { _tag: "Audited", inputs, events, violation: auditor.violation }
  } catch (e) {
    return { _tag: "Skipped", reason: `${path}: ${(e as Error).message}` }
  } finally {
    log.close()
  }
}
