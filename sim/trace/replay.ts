/**
 * Replay: re-runs a trace's recorded inputs through the current engine (a fresh RoutingEngine per
 * replication, from the header's engine configuration; the engine under test is an `EngineLayer`,
 * the built-in one by default, `replay --engine` another) and compares every emitted event with
 * the recorded one, in order. The trace holds the timers that fired as inputs, so the engine's
 * ports are discarded. `ReplayChecker` is the synchronous state machine over lines;
 * `replayTrace` feeds it a file. Verdicts:
 *   Identical  every event matched; the recomputed outcome digest equals the footer's
 *   Diverged   the first line where the engine now behaves differently, with context
 *   Violation  the auditor found a broken invariant while replaying
 *   Invalid    the file is not a usable trace: wrong format version, truncated (no footer, a cut
 *              last line or gzip stream) or corrupted (a line or checkpoint hash that does not match)
 * A mismatch is only called a divergence once the lines up to the next checkpoint hash correctly:
 * an edited event line is corruption, not a changed engine.
 */
import * as Result from "effect/Result"
import * as Schema from "effect/Schema"
import { Auditor } from "../../core/audit/auditor.ts"
import type { EngineLayer } from "../../core/engine.ts"
import { buildEngine, discardPorts, RoutingEngine } from "../../core/engine.ts"
import type { Event } from "../../core/events.ts"
import { Digest } from "../run/digest.ts"
import type { FooterLine as Footer, TraceHeader as Header } from "./format.ts"
import {
  CheckpointLine,
  canonicalJson,
  FooterLine,
  InputLine,
  LineHash,
  ReplicationLine,
  TRACE_FORMAT,
  TraceHeader
} from "./format.ts"
import { TraceReadError, traceLines } from "./reader.ts"

export interface ReplayOptions {
  /** The engine under test (default: the built-in one, `RoutingEngine.layer`). */
  readonly engineFor?: EngineLayer
  /** Run the invariant auditor on every event (default: true). */
  readonly audit?: boolean
}

export interface ContextLine {
  readonly line: number
  readonly text: string
}

export type ReplayVerdict =
  | { readonly _tag: "Identical"; readonly digest: string; readonly header: Header; readonly counts: Footer["counts"] }
  | {
      readonly _tag: "Diverged"
      readonly line: number
      readonly atMs: number
      readonly replication: number
      readonly expected: string
      readonly actual: string
      readonly context: ReadonlyArray<ContextLine>
    }
  | {
      readonly _tag: "Violation"
      readonly line: number
      readonly replication: number
      readonly rule: string
      readonly atMs: number
      readonly message: string
    }
  | {
      readonly _tag: "Invalid"
      readonly kind: "version" | "truncated" | "corrupted" | "unreadable"
      readonly line: number
      readonly message: string
    }

type Divergence = Omit<Extract<ReplayVerdict, { _tag: "Diverged" }>, "_tag" | "context">

const decoder = <S extends Schema.Top & { readonly DecodingServices: never }>(schema: S) => {
  const decode = Schema.decodeUnknownResult(schema)
  return (value: unknown): S["Type"] | string => {
    const r = decode(value)
    return Result.isSuccess(r) ? r.success : r.failure.message.split("\n").join(" ")
  }
}
const decodeHeader = decoder(TraceHeader)
const decodeInput = decoder(InputLine)
const decodeCheckpoint = decoder(CheckpointLine)
const decodeFooter = decoder(FooterLine)
const decodeReplication = decoder(ReplicationLine)

const CONTEXT_LINES = 4

export class ReplayChecker {
  private readonly engineFor: EngineLayer
  private readonly audit: boolean
  private header: Header | undefined
  private engine: RoutingEngine["Service"] | undefined
  private auditor: Auditor | undefined
  private readonly hash = new LineHash()
  private readonly runDigest = new Digest()
  private replicationDigest = new Digest()
  private replication = -1
  private pending: Array<Event> = []
  private readonly context: Array<ContextLine> = []
  private physical = 0
  private counted = 0
  private unparsed: string | undefined
  private divergence: Divergence | undefined
  private footer: Footer | undefined

  constructor(options: ReplayOptions = {}) {
    this.engineFor = options.engineFor ?? RoutingEngine.layer
    this.audit = options.audit ?? true
  }

  /** Feed the next line; a verdict ends the replay early. */
  line(text: string): ReplayVerdict | undefined {
    this.physical++
    if (this.footer !== undefined) return this.invalid("corrupted", "text after the footer")
    if (this.unparsed !== undefined)
      return this.invalid("corrupted", `line ${this.physical - 1} is not JSON (${this.unparsed})`, this.physical - 1)
    let record: { readonly type?: unknown }
    try {
      record = JSON.parse(text) as { readonly type?: unknown }
    } catch (e) {
      this.unparsed = (e as Error).message // a cut last line is truncation, anything later corruption
      return undefined
    }
    if (record.type === "checkpoint") return this.checkpoint(record)
    if (record.type === "footer") return this.onFooter(record)
    this.hash.add(text)
    this.counted++
    if (this.divergence !== undefined) return undefined
    this.context.push({ line: this.physical, text })
    if (this.context.length > CONTEXT_LINES + 1) this.context.shift()
    return this.apply(record, text)
  }

  /** The file ended. */
  end(): ReplayVerdict {
    if (this.unparsed !== undefined) return this.invalid("truncated", `the last line is cut short (${this.unparsed})`)
    if (this.divergence !== undefined) return this.diverged()
    if (this.footer === undefined || this.header === undefined) {
      return this.invalid("truncated", `no footer after ${this.physical} line(s): the trace was cut short`)
    }
    return { _tag: "Identical", digest: this.runDigest.hex(), header: this.header, counts: this.footer.counts }
  }

  private apply(record: { readonly type?: unknown }, text: string): ReplayVerdict | undefined {
    if (this.header === undefined) {
      if (record.type !== "header") return this.invalid("corrupted", "the first line is not a trace header")
      const version = (record as { format?: unknown }).format
      if (version !== TRACE_FORMAT)
        return this.invalid("version", `trace format ${String(version)}, this build reads format ${TRACE_FORMAT}`)
      const header = decodeHeader(record)
      if (typeof header === "string") return this.invalid("corrupted", `bad header: ${header}`)
      this.header = header
      return undefined
    }
    switch (record.type) {
      case "replication":
        return this.startReplication(record)
      case "input":
        return this.input(record)
      case "event":
        return this.event(record, text)
      default:
        return this.invalid("corrupted", `unknown record type ${JSON.stringify(record.type)}`)
    }
  }

  private startReplication(record: unknown): ReplayVerdict | undefined {
    const r = decodeReplication(record)
    if (typeof r === "string") return this.invalid("corrupted", `bad replication line: ${r}`)
    if (this.extraActual()) return undefined
    this.endReplication()
    this.replication = r.index
    this.engine = buildEngine(this.header!.engineConfig, discardPorts, this.engineFor)
    this.auditor = this.audit ? new Auditor(this.header!.engineConfig) : undefined
    return undefined
  }

  private input(record: unknown): ReplayVerdict | undefined {
    const input = decodeInput(record)
    if (typeof input === "string") return this.invalid("corrupted", `bad input: ${input}`)
    if (this.engine === undefined) return this.invalid("corrupted", "an input before any replication line")
    if (this.extraActual()) return undefined
    this.auditor?.input(input.command, input.t)
    this.pending = [...this.engine.submitSync(input.command, input.t).events]
    for (const e of this.pending) this.auditor?.event(e)
    const v = this.auditor?.violation
    if (v !== undefined) {
      return {
        _tag: "Violation",
        line: this.physical,
        replication: this.replication,
        rule: v.rule,
        atMs: v.atMs,
        message: v.message
      }
    }
    return undefined
  }

  private event(record: unknown, text: string): ReplayVerdict | undefined {
    const recorded = record as { event?: unknown; t?: unknown }
    const actual = this.pending.shift()
    const atMs = typeof recorded.t === "number" ? recorded.t : Number.NaN
    if (actual === undefined) {
      this.divergence = {
        line: this.physical,
        atMs,
        replication: this.replication,
        expected: text,
        actual: "(nothing: the engine emitted no further event for this input)"
      }
      return undefined
    }
    if (canonicalJson(actual) !== canonicalJson(recorded.event)) {
      this.divergence = {
        line: this.physical,
        atMs,
        replication: this.replication,
        expected: text,
        actual: JSON.stringify({ type: "event", t: actual.atMs, event: actual })
      }
      return undefined
    }
    this.replicationDigest.add(actual)
    return undefined
  }

  /** The engine emitted an event the trace does not have: a divergence at this line. */
  private extraActual(): boolean {
    const extra = this.pending[0]
    if (extra === undefined) return false
    this.divergence = {
      line: this.physical,
      atMs: extra.atMs,
      replication: this.replication,
      expected: "(nothing: the trace has no further event for the input before)",
      actual: JSON.stringify({ type: "event", t: extra.atMs, event: extra })
    }
    return true
  }

  private checkpoint(record: unknown): ReplayVerdict | undefined {
    const c = decodeCheckpoint(record)
    if (typeof c === "string") return this.invalid("corrupted", `bad checkpoint: ${c}`)
    if (c.lines !== this.counted || c.hash !== this.hash.hex())
      return this.altered(`checkpoint after line ${c.lines}`, c.hash)
    return this.divergence === undefined ? undefined : this.diverged()
  }

  private onFooter(record: unknown): ReplayVerdict | undefined {
    const f = decodeFooter(record)
    if (typeof f === "string") return this.invalid("corrupted", `bad footer: ${f}`)
    if (f.lines !== this.counted || f.hash !== this.hash.hex()) return this.altered("footer", f.hash)
    if (this.divergence !== undefined) return this.diverged()
    if (this.extraActual()) return this.diverged()
    this.endReplication()
    this.footer = f
    if (f.digest !== this.runDigest.hex()) {
      return this.invalid("corrupted", `outcome digest ${this.runDigest.hex()} does not match the footer's ${f.digest}`)
    }
    return undefined
  }

  /** The lines before a checkpoint or the footer fail their hash: the file was edited or damaged. */
  private altered(where: string, recorded: string): ReplayVerdict {
    const near =
      this.divergence === undefined
        ? ""
        : `; the first line that differs from what the engine does is line ${this.divergence.line}`
    return this.invalid(
      "corrupted",
      `the lines before the ${where} do not match its hash (${this.hash.hex()}, recorded ${recorded})${near}`
    )
  }

  private endReplication(): void {
    if (this.replication < 0) return
    this.auditor?.end()
    this.runDigest.combine(this.replicationDigest)
    this.replicationDigest = new Digest()
  }

  private diverged(): ReplayVerdict {
    const d = this.divergence!
    return { _tag: "Diverged", ...d, context: this.context.filter((c) => c.line <= d.line) }
  }

  private invalid(kind: "version" | "truncated" | "corrupted", message: string, line = this.physical): ReplayVerdict {
    return { _tag: "Invalid", kind, line, message }
  }
}

/** Replay a trace file (plain or gzip). */
export const replayTrace = async (path: string, options: ReplayOptions = {}): Promise<ReplayVerdict> => {
  const checker = new ReplayChecker(options)
  try {
    for await (const text of traceLines(path)) {
      const verdict = checker.line(text)
      if (verdict !== undefined) return verdict
    }
  } catch (e) {
    if (e instanceof TraceReadError) return { _tag: "Invalid", kind: e.kind, line: 0, message: e.message }
    throw e
  }
  return checker.end()
}
