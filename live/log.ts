/**
 * The durable input log: `<data>/livechat.db` (node:sqlite, WAL, synchronous=FULL). One row per
 * accepted engine input in the order it was applied: its engine time, the command, the actor, the
 * actor's idempotency key, the ack that answered it, and a hash chaining it to the row before.
 * Invariants: rows are append-only with seq 1, 2, 3...; `commit` writes a batch of rows in one
 * transaction (all or none, one fsync) and returns only once it is durable (so acks may follow);
 * `count` counts committed rows only; no row carries a constraint one input could violate (an
 * (actor, ref) pair is looked up, `findAck`, before its input is applied, never enforced by the
 * database), so a failed commit means the log cannot be written; each row's hash is
 * sha256(previous hash, the row's fields) and `meta.head` holds the last seq and hash (same
 * transaction), so `rows` finds an edited, inserted or deleted row (the tail included) and names
 * the first bad one; the engine configuration the log was built with is kept in `meta` so a
 * restart replays under the same rules. Beside the inputs, `closed_chats` keeps each closed chat's
 * transcript (derived data, written in the transaction of the input that closed it, so the server
 * need not keep history in memory), and `revocations` the time before which each subject's session
 * tokens are void (written durably before the logout that caused it is answered). Every error met
 * opening or reading the file is a typed `DataDirError` naming it. The chain's arithmetic is
 * live/log-chain.ts, the tables and the migration live/log-schema.ts.
 */
import { mkdirSync } from "node:fs"
import { join } from "node:path"
import type { StatementSync } from "node:sqlite"
import { DatabaseSync } from "node:sqlite"
import * as Result from "effect/Result"
import * as Schema from "effect/Schema"
import { Command } from "../core/commands.ts"
import { dataDirError, LogCorrupted } from "./data-errors.ts"
import type { RawRow } from "./log-chain.ts"
import { ChainWalk, GENESIS, headOf, rowHash } from "./log-chain.ts"
import { inputColumnsOf, prepareForWriting, readMeta, tablesOf, writeMeta } from "./log-schema.ts"
import type { ChatRecord } from "./transcripts.ts"

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
  /** Chats this input closed: their transcripts are stored in the same transaction. */
  readonly closed?: ReadonlyArray<ChatRecord> | undefined
}

export interface OpenOptions {
  /** Read only (audit, export): no schema change, no write; safe while a server writes the file. */
  readonly readOnly?: boolean
  /** Replay a log whose hash chain is broken (forensics): the damage is reported by `damage`. */
  readonly acceptDamage?: boolean
}

const decodeCommand = Schema.decodeUnknownResult(Command)

export { LogCorrupted }

export class InputLog {
  readonly path: string
  private readonly db: DatabaseSync
  private readonly insert: StatementSync | undefined
  private readonly byRef: StatementSync
  private readonly anyRef: StatementSync
  private readonly setHead: StatementSync | undefined
  private readonly putClosed: StatementSync | undefined
  private readonly getClosed: StatementSync | undefined
  private readonly hasClosedStmt: StatementSync | undefined
  private readonly acceptDamage: boolean
  /** Whether rows carry hashes (false only for a log of an older format opened read-only). */
  private readonly chained: boolean
  private rowCount: number
  private lastSeq: number
  private lastHash: string
  /** Hash-chain damage found by `rows` (only with acceptDamage; otherwise it throws). */
  readonly damage: Array<string> = []

  private constructor(path: string, o: OpenOptions) {
    this.path = path
    this.acceptDamage = o.acceptDamage ?? false
    const writable = o.readOnly !== true
    this.db = new DatabaseSync(path, writable ? {} : { readOnly: true })
    if (writable) prepareForWriting(this.db)
    this.chained = inputColumnsOf(this.db).includes("hash")
    this.byRef = this.db.prepare(
      "SELECT ack FROM inputs WHERE actor = ? AND ref = ? AND ref IS NOT NULL ORDER BY seq LIMIT 1"
    )
    this.anyRef = this.db.prepare("SELECT 1 AS x FROM inputs WHERE actor = ? AND ref IS NOT NULL LIMIT 1")
    this.insert = writable
      ? this.db.prepare("INSERT INTO inputs (seq, t, command, actor, ref, ack, hash) VALUES (?, ?, ?, ?, ?, ?, ?)")
      : undefined
    this.setHead = writable
      ? this.db.prepare(
          "INSERT INTO meta (key, value) VALUES ('head', ?) ON CONFLICT(key) DO UPDATE SET value = excluded.value"
        )
      : undefined
    this.putClosed = writable
      ? this.db.prepare("INSERT OR REPLACE INTO closed_chats (chat_id, record) VALUES (?, ?)")
      : undefined
    this.getClosed = tablesOf(this.db).includes("closed_chats")
      ? this.db.prepare("SELECT record FROM closed_chats WHERE chat_id = ?")
      : undefined
    this.hasClosedStmt =
      this.getClosed === undefined ? undefined : this.db.prepare("SELECT 1 AS x FROM closed_chats WHERE chat_id = ?")
    this.rowCount = Number((this.db.prepare("SELECT COUNT(*) AS n FROM inputs").get() as { n: number }).n)
    const last = this.db
      .prepare(`SELECT seq${this.chained ? ", hash" : ""} FROM inputs ORDER BY seq DESC LIMIT 1`)
      .get() as { seq: number; hash?: string | null } | undefined
    this.lastSeq = Number(last?.seq ?? 0)
    this.lastHash = last?.hash ?? GENESIS
  }

  /** Open (creating it if needed) `<dataDir>/livechat.db`; every failure is a DataDirError naming the file. */
  static open(dataDir: string, o: OpenOptions = {}): InputLog {
    const path = join(dataDir, "livechat.db")
    try {
      if (o.readOnly !== true) mkdirSync(dataDir, { recursive: true })
    } catch (e) {
      throw dataDirError(dataDir, e, "create the data directory")
    }
    try {
      return new InputLog(path, o)
    } catch (e) {
      throw dataDirError(path, e, "open the input log")
    }
  }

  get count(): number {
    return this.rowCount
  }

  meta(key: string): string | undefined {
    return readMeta(this.db, key)
  }

  setMeta(key: string, value: string): void {
    writeMeta(this.db, key, value)
  }

  /** The ack stored with the first committed input of `actor` that carried `ref`, if any. */
  findAck(actor: string, ref: string): string | undefined {
    const row = this.byRef.get(actor, ref) as { ack: string | null } | undefined
    return row?.ack ?? undefined
  }

  /** Whether any committed input of `actor` carried a ref. */
  hasRefs(actor: string): boolean {
    return this.anyRef.get(actor) !== undefined
  }

  /** Commit rows in order in one transaction (durable when this returns; none written if it throws). */
  commit(rows: ReadonlyArray<NewRow>): void {
    if (rows.length === 0) return
    if (this.insert === undefined || this.setHead === undefined) throw new Error(`${this.path} is open read-only`)
    let seq = this.lastSeq
    let hash = this.lastHash
    this.db.exec("BEGIN IMMEDIATE")
    try {
      for (const row of rows) {
        const command = JSON.stringify(row.command)
        seq++
        hash = rowHash(hash, seq, row.t, command, row.actor, row.ref ?? null, row.ack ?? null)
        this.insert.run(seq, row.t, command, row.actor, row.ref ?? null, row.ack ?? null, hash)
        for (const c of row.closed ?? []) this.putClosed!.run(c.chatId, JSON.stringify(c))
      }
      this.setHead.run(headOf(seq, hash))
      this.db.exec("COMMIT")
    } catch (e) {
      if (this.db.isTransaction) this.db.exec("ROLLBACK")
      throw e
    }
    this.rowCount += rows.length
    this.lastSeq = seq
    this.lastHash = hash
  }

  /** A closed chat's stored transcript, if any. */
  closedChat(chatId: string): ChatRecord | undefined {
    const row = this.getClosed?.get(chatId) as { record: string } | undefined
    return row === undefined ? undefined : (JSON.parse(row.record) as ChatRecord)
  }

  /** Void every token of `subject` issued at or before `beforeMs` (durable when this returns). */
  revoke(subject: string, beforeMs: number): void {
    this.db
      .prepare(
        "INSERT INTO revocations (subject, before_ms) VALUES (?, ?) ON CONFLICT(subject) DO UPDATE SET before_ms = MAX(before_ms, excluded.before_ms)"
      )
      .run(subject, beforeMs)
  }

  /** Every revocation: subject -> tokens issued at or before this time are void. */
  revocations(): ReadonlyMap<string, number> {
    if (!tablesOf(this.db).includes("revocations")) return new Map()
    const rows = this.db.prepare("SELECT subject, before_ms FROM revocations").all() as Array<{
      subject: string
      before_ms: number
    }>
    return new Map(rows.map((r) => [r.subject, Number(r.before_ms)]))
  }

  /** Whether a closed chat's transcript is stored. */
  hasClosed(chatId: string): boolean {
    return this.hasClosedStmt?.get(chatId) !== undefined
  }

  /** Store closed transcripts the table lacks (a log of an older format, rebuilt by the replay). */
  storeClosed(records: ReadonlyArray<ChatRecord>): void {
    if (records.length === 0 || this.putClosed === undefined) return
    this.db.exec("BEGIN IMMEDIATE")
    try {
      for (const c of records) this.putClosed.run(c.chatId, JSON.stringify(c))
      this.db.exec("COMMIT")
    } catch (e) {
      if (this.db.isTransaction) this.db.exec("ROLLBACK")
      throw e
    }
  }

  private damaged(message: string): void {
    if (!this.acceptDamage) {
      throw new LogCorrupted(
        this.path,
        `${message}. The log was altered after it was written; restore it from a backup, ` +
          "or start with --accept-log-damage to replay it as it is (forensics)"
      )
    }
    this.damage.push(message)
  }

  /**
   * Every row in order, checked against the hash chain; a row that does not decode is corruption.
   * With acceptDamage a bad row is reported in `damage` and replayed if it decodes, skipped if not.
   */
  *rows(): Generator<LogRow> {
    const walk = new ChainWalk(this.chained)
    try {
      for (const raw of this.db
        .prepare(`SELECT seq, t, command, actor, ref, ack${this.chained ? ", hash" : ""} FROM inputs ORDER BY seq`)
        .iterate()) {
        const r = raw as unknown as RawRow
        const damage = walk.row(r)
        if (damage !== undefined) this.damaged(damage)
        const row = decodeRow(r)
        if (typeof row === "string") this.damaged(row)
        else yield row
      }
      const damage = walk.end(this.chained ? this.meta("head") : undefined)
      if (damage !== undefined) this.damaged(damage)
    } catch (e) {
      throw dataDirError(this.path, e, "read the input log")
    }
  }

  close(): void {
    this.db.close()
  }
}

/** A stored row as a LogRow, or what is wrong with it (not JSON, not an engine command). */
const decodeRow = (r: RawRow): LogRow | string => {
  const seq = Number(r.seq)
  let parsed: unknown
  try {
    parsed = JSON.parse(r.command)
  } catch {
    return `input ${seq} is not JSON`
  }
  const command = decodeCommand(parsed)
  if (Result.isFailure(command))
    return `input ${seq} is not an engine command (${command.failure.message.split("\n")[0]})`
  return {
    seq,
    t: Number(r.t),
    command: command.success,
    actor: r.actor,
    ref: r.ref ?? undefined,
    ack: r.ack ?? undefined
  }
}
