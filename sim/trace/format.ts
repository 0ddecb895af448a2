/**
 * sim/trace/: trace files. Their format (this module), writing, reading, and replaying a trace
 * against an engine.
 *
 * The trace file format (docs/simulating.md, "Traces and replay"): JSON Lines, one record per line.
 *
 *   header       format version, engine version, seed, replications, the resolved scenario and
 *                its hash, the engine configuration replay rebuilds the engine from, the command
 *   replication  a replication begins: its index and seed (the engine starts from a fresh state)
 *   input        one engine input (command) at virtual time `t`
 *   event        one event the engine emitted for the input before it, in order
 *   checkpoint   every CHECKPOINT_LINES lines: the running hash of every line before it and the
 *                running event digest, so corruption is found near where it happened
 *   footer       the line count and final line hash, the outcome digest (the run summary's digest),
 *                counts, and the command that reproduces the run
 *
 * The line hash covers the exact text of every line before the record that carries it; a
 * checkpoint or footer that does not match means the file was altered (exit 2), which is told
 * apart from an engine that now behaves differently (replay diverged, exit 1).
 */
import * as Schema from "effect/Schema"
import { Command } from "../../core/commands.ts"
import { EngineConfig } from "../../core/config.ts"

export const TRACE_FORMAT = 1
export const CHECKPOINT_LINES = 10_000

export const TraceHeader = Schema.Struct({
  type: Schema.tag("header"),
  format: Schema.Number,
  engineVersion: Schema.String,
  seed: Schema.Number,
  replications: Schema.Int,
  scenarioName: Schema.String,
  scenarioHash: Schema.String,
  scenario: Schema.Unknown,
  engineConfig: EngineConfig,
  command: Schema.String
})
export type TraceHeader = typeof TraceHeader.Type

export const ReplicationLine = Schema.Struct({
  type: Schema.tag("replication"),
  index: Schema.Int,
  seed: Schema.Number
})
export const InputLine = Schema.Struct({ type: Schema.tag("input"), t: Schema.Number, command: Command })
export type InputLine = typeof InputLine.Type
export const CheckpointLine = Schema.Struct({
  type: Schema.tag("checkpoint"),
  lines: Schema.Int,
  hash: Schema.String,
  digest: Schema.String
})
export const FooterLine = Schema.Struct({
  type: Schema.tag("footer"),
  lines: Schema.Int,
  hash: Schema.String,
  digest: Schema.String,
  counts: Schema.Struct({ replications: Schema.Int, inputs: Schema.Int, events: Schema.Int }),
  reproduce: Schema.String
})
export type FooterLine = typeof FooterLine.Type

/** A 64-bit running hash (two FNV-1a lanes) over the exact text of trace lines. */
export class LineHash {
  private a = 0x811c9dc5
  private b = 0x9747b28c

  add(line: string): void {
    let a = this.a
    let b = this.b
    for (let i = 0; i < line.length; i++) {
      const c = line.charCodeAt(i)
      a = Math.imul(a ^ c, 0x01000193)
      b = Math.imul(b ^ c, 0x5bd1e995) ^ (a >>> 15)
    }
    this.a = Math.imul(a ^ 10, 0x01000193) // the newline
    this.b = b
  }

  hex(): string {
    return (this.a >>> 0).toString(16).padStart(8, "0") + (this.b >>> 0).toString(16).padStart(8, "0")
  }
}

/** JSON with object keys sorted, so two equal records compare equal whatever their key order. */
export const canonicalJson = (value: unknown): string =>
  JSON.stringify(value, (_key, v: unknown) =>
    v !== null && typeof v === "object" && !Array.isArray(v)
      ? Object.fromEntries(
          Object.entries(v as Record<string, unknown>).sort(([a], [b]) => (a < b ? -1 : a > b ? 1 : 0))
        )
      : v
  )

/** The resolved scenario as JSON: `Infinity` (a shift with no end) is written as the string "Infinity". */
export const scenarioJson = (scenario: unknown): string =>
  canonicalJson(JSON.parse(JSON.stringify(scenario, (_k, v: unknown) => (v === Infinity ? "Infinity" : v))))

/** The hash that names a resolved scenario in the header. */
export const scenarioHash = (scenario: unknown): string => {
  const h = new LineHash()
  h.add(scenarioJson(scenario))
  return h.hex()
}
