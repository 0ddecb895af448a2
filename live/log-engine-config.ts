/**
 * The engine configuration an input log was written under, kept in the log's `meta` (canonical
 * JSON): a new log records the configuration it is opened with; an existing one must be opened
 * with the same. Invariant: a log is only ever replayed under the rules it was written with (a
 * different configuration is a ConfigMismatch naming the file, never a silent replay). The one
 * reader of the stored configuration for replays (export, load audit, tests) is storedEngineConfig.
 */
import * as Result from "effect/Result"
import * as Schema from "effect/Schema"
import { EngineConfig } from "../core/config.ts"
import { canonicalJson } from "../sim/trace/format.ts"
import { ConfigMismatch } from "./data-errors.ts"

const ENGINE_CONFIG_KEY = "engineConfig"

const decodeConfig = Schema.decodeUnknownResult(EngineConfig)

/** What a log holds as its engine configuration: decoded, absent, or not decodable (first line). */
export type StoredEngineConfig =
  | { readonly _tag: "Stored"; readonly config: EngineConfig }
  | { readonly _tag: "Missing" }
  | { readonly _tag: "Undecodable"; readonly reason: string }

export interface ConfigMeta {
  readonly path: string
  readonly meta: (key: string) => string | undefined
  readonly setMeta: (key: string, value: string) => void
}

/** Record `config` in a new log, or check an existing log was written under it. */
export const bindEngineConfig = (log: ConfigMeta, config: EngineConfig): void => {
  const stored = log.meta(ENGINE_CONFIG_KEY)
  const mine = canonicalJson(config)
  if (stored === undefined) return log.setMeta(ENGINE_CONFIG_KEY, mine)
  if (stored !== mine) {
    throw new ConfigMismatch(
      log.path,
      "was written under another engine configuration (queues, agents, routing, reasons, codes or templates differ); start with the config it was made with, or use another --data directory"
    )
  }
}

/** The configuration `log` was written under, to replay it with (malformed JSON throws). */
export const storedEngineConfig = (log: Pick<ConfigMeta, "meta">): StoredEngineConfig => {
  const stored = log.meta(ENGINE_CONFIG_KEY)
  if (stored === undefined) return { _tag: "Missing" }
  const config = decodeConfig(JSON.parse(stored))
  if (Result.isFailure(config)) return { _tag: "Undecodable", reason: config.failure.message.split("\n")[0]! }
  return { _tag: "Stored", config: config.success }
}
