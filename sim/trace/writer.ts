/**
 * Writes a trace (format.ts) as the run goes, with synchronous writes in chunks of about 1 MB, so
 * memory does not grow with the run and the simulator's loop stays synchronous. A path ending in
 * `.gz` is gzip-compressed: each chunk is one gzip member (a multi-member file, which gunzip and
 * the reader decompress as one stream). Owns the running line hash, checkpoints and the event
 * digests that replay recomputes.
 */
import { closeSync, mkdirSync, openSync, writeSync } from "node:fs"
import { dirname } from "node:path"
import { gzipSync } from "node:zlib"
import type { Command } from "../../core/commands.ts"
import type { Event } from "../../core/events.ts"
import { Digest } from "../run/digest.ts"
import type { TraceHeader } from "./format.ts"
import { CHECKPOINT_LINES, LineHash } from "./format.ts"

const CHUNK_CHARS = 1 << 20

export class TraceWriter {
  private readonly fd: number
  private readonly gzip: boolean
  private readonly hash = new LineHash()
  private readonly runDigest = new Digest()
  private replicationDigest = new Digest()
  private chunk: Array<string> = []
  private chunkChars = 0
  private lines = 0
  private inputs = 0
  private events = 0
  private replications = 0

  constructor(path: string) {
    mkdirSync(dirname(path), { recursive: true })
    this.fd = openSync(path, "w")
    this.gzip = path.endsWith(".gz")
  }

  header(h: TraceHeader): void {
    this.line(JSON.stringify(h))
  }

  /** A replication begins; the previous one (if any) is folded into the run digest. */
  replication(index: number, seed: number): void {
    this.endReplication()
    this.replications++
    this.line(JSON.stringify({ type: "replication", index, seed }))
  }

  /** One engine input and the events it produced. */
  record(command: Command, atMs: number, events: ReadonlyArray<Event>): void {
    this.inputs++
    this.line(JSON.stringify({ type: "input", t: atMs, command }))
    for (const event of events) {
      this.events++
      this.replicationDigest.add(event)
      this.line(JSON.stringify({ type: "event", t: event.atMs, event }))
    }
  }

  /** The footer, then flush and close. Returns the outcome digest (the run summary's digest). */
  finish(reproduce: string): string {
    this.endReplication()
    const digest = this.runDigest.hex()
    const counts = { replications: this.replications, inputs: this.inputs, events: this.events }
    this.write(
      `${JSON.stringify({ type: "footer", lines: this.lines, hash: this.hash.hex(), digest, counts, reproduce })}\n`
    )
    this.flush()
    closeSync(this.fd)
    return digest
  }

  private endReplication(): void {
    if (this.replications === 0) return
    this.runDigest.combine(this.replicationDigest)
    this.replicationDigest = new Digest()
  }

  private line(text: string): void {
    this.hash.add(text)
    this.lines++
    this.write(`${text}\n`)
    if (this.lines % CHECKPOINT_LINES === 0) {
      const checkpoint = {
        type: "checkpoint",
        lines: this.lines,
        hash: this.hash.hex(),
        digest: this.replicationDigest.hex()
      }
      this.write(`${JSON.stringify(checkpoint)}\n`)
    }
  }

  private write(text: string): void {
    this.chunk.push(text)
    this.chunkChars += text.length
    if (this.chunkChars >= CHUNK_CHARS) this.flush()
  }

  private flush(): void {
    if (this.chunk.length === 0) return
    const text = this.chunk.join("")
    if (this.gzip) writeSync(this.fd, gzipSync(text))
    else writeSync(this.fd, text)
    this.chunk = []
    this.chunkChars = 0
  }
}
