/**
 * Reads a trace file as a stream of text lines, gunzipping when the file starts with the gzip magic
 * bytes (whatever its name). Memory stays flat in the file size. Read failures (a missing file, a
 * gzip stream cut short) end the stream with a `TraceReadError` naming the file.
 */
import { closeSync, createReadStream, openSync, readSync } from "node:fs"
import { createInterface } from "node:readline"
import type { Readable } from "node:stream"
import { createGunzip } from "node:zlib"

export class TraceReadError extends Error {
  readonly kind: "unreadable" | "truncated"
  constructor(kind: "unreadable" | "truncated", message: string) {
    super(message)
    this.kind = kind
  }
}

const isGzip = (path: string): boolean => {
  const fd = openSync(path, "r")
  try {
    const head = Buffer.alloc(2)
    return readSync(fd, head, 0, 2, 0) === 2 && head[0] === 0x1f && head[1] === 0x8b
  } finally {
    closeSync(fd)
  }
}

/** The lines of a trace file, without their newlines. */
export async function* traceLines(path: string): AsyncGenerator<string> {
  let gzip: boolean
  try {
    gzip = isGzip(path)
  } catch (e) {
    throw new TraceReadError("unreadable", `${path}: cannot read (${(e as NodeJS.ErrnoException).code ?? String(e)})`)
  }
  const file = createReadStream(path)
  const source: Readable = gzip ? file.pipe(createGunzip()) : file
  try {
    for await (const line of createInterface({ input: source, crlfDelay: Infinity })) yield line
  } catch (e) {
    const err = e as NodeJS.ErrnoException
    throw gzip
      ? new TraceReadError("truncated", `${path}: the gzip stream is cut short or damaged (${err.message})`)
      : new TraceReadError("unreadable", `${path}: read failed (${err.code ?? err.message})`)
  }
}
