/**
 * The durable input log: `<data>/livechat.db` (node:sqlite, WAL, synchronous=FULL). One row per
 * accepted engine input in the order it was applied: its engine time, the command, the actor, the
 * actor's idempotency key and the ack that answered it. Invariants: rows are append-only; `commit`
 * writes a batch of rows in one transaction (all or none, one fsync) and returns only once it is
 * durable (so acks may follow); `count` counts committed rows only; no row carries a constraint
 * one input could violate (an (actor, ref) pair is looked up, `findAck`, before its input is
 * applied, never enforced by the database), so a failed commit means the log cannot be written;
 * the engine configuration the log was built with is kept in `meta` so a restart replays under
 * the same rules.
 */
import { mkdirSync } from "node:fs"
import { join } from "node:path"
import { DatabaseSync } from "node:sqlite"
import type { StatementSync } from "node:sqlite"
import { Result, Schema } from "effect"
import { Command } from "../core/commands.ts"
import { LogCorrupted } from "./data-errors.ts"

export interface LogRow {
  readonly seq: number
  readonly t: number
  readonly command: Command
  readonly actor: string
  readonly ref: string | undefined
  readonly ack: string | undefined
}

export interface NewRow {
  readonly t: number
  readonly command: Command
  readonly actor: string
  readonly ref?: string | undefined
  readonly ack?: string | undefined
}

const decodeCommand = Schema.decodeUnknownResult(Command)

export { LogCorrupted }

export class InputLog {
  readonly path: string
  private readonly db: DatabaseSync
  private readonly insert: StatementSync
  private readonly byRef: StatementSync
  private rowCount: number

  private constructor(path: string) {
    this.path = path
    this.db = new DatabaseSync(path)
    this.db.exec("PRAGMA journal_mode=WAL; PRAGMA synchronous=FULL;")
    this.db.exec(`
      CREATE TABLE IF NOT EXISTS meta (key TEXT PRIMARY KEY, value TEXT NOT NULL);
      CREATE TABLE IF NOT EXISTS inputs (
        seq INTEGER PRIMARY KEY, t INTEGER NOT NULL, command TEXT NOT NULL,
        actor TEXT NOT NULL, ref TEXT, ack TEXT);
      DROP INDEX IF EXISTS inputs_actor_ref;
      CREATE INDEX IF NOT EXISTS inputs_by_ref ON inputs(actor, ref) WHERE ref IS NOT NULL;`)
    this.insert = this.db.prepare("INSERT INTO inputs (t, command, actor, ref, ack) VALUES (?, ?, ?, ?, ?)")
    this.byRef = this.db.prepare("SELECT ack FROM inputs WHERE actor = ? AND ref = ? AND ref IS NOT NULL ORDER BY seq LIMIT 1")
    this.rowCount = Number((this.db.prepare("SELECT COUNT(*) AS n FROM inputs").get() as { n: number }).n)
  }

  static open(dataDir: string): InputLog {
    mkdirSync(dataDir, { recursive: true })
    return new InputLog(join(dataDir, "livechat.db"))
  }

  get count(): number {
    return this.rowCount
  }

  meta(key: string): string | undefined {
    const row = this.db.prepare("SELECT value FROM meta WHERE key = ?").get(key) as { value: string } | undefined
    return row?.value
  }

  setMeta(key: string, value: string): void {
    this.db.prepare("INSERT INTO meta (key, value) VALUES (?, ?) ON CONFLICT(key) DO UPDATE SET value = excluded.value").run(key, value)
  }

  /** The ack stored with the first committed input of `actor` that carried `ref`, if any. */
  findAck(actor: string, ref: string): string | undefined {
    const row = this.byRef.get(actor, ref) as { ack: string | null } | undefined
    return row?.ack ?? undefined
  }

  /** Commit rows in order in one transaction (durable when this returns; none written if it throws). */
  commit(rows: ReadonlyArray<NewRow>): void {
    if (rows.length === 0) return
    this.db.exec("BEGIN IMMEDIATE")
    try {
      for (const row of rows) this.insert.run(row.t, JSON.stringify(row.command), row.actor, row.ref ?? null, row.ack ?? null)
      this.db.exec("COMMIT")
    } catch (e) {
      if (this.db.isTransaction) this.db.exec("ROLLBACK")
      throw e
    }
    this.rowCount += rows.length
  }

  /** Every row in order; a row that does not decode is corruption (the log is never edited). */
  *rows(): Generator<LogRow> {
    for (const raw of this.db.prepare("SELECT seq, t, command, actor, ref, ack FROM inputs ORDER BY seq").iterate()) {
      const r = raw as { seq: number; t: number; command: string; actor: string; ref: string | null; ack: string | null }
      let parsed: unknown
      try {
        parsed = JSON.parse(r.command)
      } catch {
        throw new LogCorrupted(this.path, `input ${r.seq} is not JSON`)
      }
      const command = decodeCommand(parsed)
      if (Result.isFailure(command)) throw new LogCorrupted(this.path, `input ${r.seq} is not an engine command (${command.failure.message.split("\n")[0]})`)
      yield { seq: Number(r.seq), t: Number(r.t), command: command.success, actor: r.actor, ref: r.ref ?? undefined, ack: r.ack ?? undefined }
    }
  }

  close(): void {
    this.db.close()
  }
}
