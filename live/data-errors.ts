/**
 * What can be wrong with a data directory, as typed errors the command turns into a message and
 * exit 2 (never a stack trace, and never exit 1, which means an invariant was violated). Each
 * names the file and says what to do. `dataDirError` classifies a raw error from node:fs or
 * node:sqlite met while opening, reading or writing a file of the directory.
 * Invariant: every message starts with the path of the file (or directory) concerned.
 */

export class DataDirError extends Error {
  readonly path: string
  constructor(path: string, message: string) {
    super(`${path}: ${message}`)
    this.path = path
  }
}

/** The log was written under another engine configuration. */
export class ConfigMismatch extends DataDirError {}

/** A row of the log does not decode, or the hash chain is broken (an edited or deleted row). */
export class LogCorrupted extends DataDirError {}

/** The log could not be written while the server ran (disk full, file made read-only...). */
export class LogUnwritable extends DataDirError {}

const codeOf = (e: unknown): string => String((e as { code?: unknown }).code ?? "")
const textOf = (e: unknown): string => (e instanceof Error ? e.message : String(e))

/** An error of the file system or of sqlite (not a bug of the program), or already a DataDirError. */
export const isStorageError = (e: unknown): boolean => {
  const code = codeOf(e)
  return e instanceof DataDirError || code.startsWith("ERR_SQLITE") || /^E[A-Z]+$/.test(code)
}

/** A raw error about `path` as a `DataDirError` with advice; `DataDirError`s pass through. */
export const dataDirError = (path: string, e: unknown, doing: string): DataDirError => {
  if (e instanceof DataDirError) return e
  const code = codeOf(e)
  const text = textOf(e)
  if (
    code === "EACCES" ||
    code === "EPERM" ||
    code === "EROFS" ||
    /readonly|read-only|unable to open database file|access permission denied/i.test(text)
  ) {
    return new DataDirError(
      path,
      `cannot ${doing}: permission denied or read-only (${text.split("\n")[0]}); ` +
        "the server must be able to write its data directory: fix the owner or mode, or start with another --data DIR"
    )
  }
  if (/not a database|malformed|corrupt|disk image/i.test(text)) {
    return new LogCorrupted(
      path,
      `the database is damaged (${text.split("\n")[0]}); ` +
        "restore it from a backup, or move it away to start an empty log (the chats in it are then lost)"
    )
  }
  if (code === "ENOSPC" || /full/i.test(text)) {
    return new LogUnwritable(
      path,
      `cannot ${doing}: the disk is full (${text.split("\n")[0]}); free some space and start again`
    )
  }
  return new DataDirError(
    path,
    `cannot ${doing} (${code === "" ? text.split("\n")[0] : `${code}: ${text.split("\n")[0]}`})`
  )
}
