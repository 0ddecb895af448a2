/**
 * The input log's sqlite schema: the tables (`meta`, `inputs`, `closed_chats`, `revocations`),
 * the index that finds an (actor, ref) pair, the pragmas (WAL, synchronous=FULL), and the one-time
 * migration of a log of the format before hash chains. Invariants: no table carries a constraint
 * one input could violate (an (actor, ref) pair is looked up, never enforced), so a failed commit
 * means the file cannot be written; opening for writing writes at once, so a read-only file or
 * directory is found at start, not at the first input; the migration chains existing rows once,
 * in one transaction, and never touches a log that already has a head (rows without a hash there
 * are damage, for the chain walk to find).
 */
import type { DatabaseSync } from "node:sqlite"
import type { RawRow } from "./log-chain.ts"
import { GENESIS, headOf, rowHash } from "./log-chain.ts"

const UPSERT_META = "INSERT INTO meta (key, value) VALUES (?, ?) ON CONFLICT(key) DO UPDATE SET value = excluded.value"

/** Create what is missing, migrate, and write (the format marker). */
export const prepareForWriting = (db: DatabaseSync): void => {
  db.exec("PRAGMA journal_mode=WAL; PRAGMA synchronous=FULL;")
  db.exec(`
    CREATE TABLE IF NOT EXISTS meta (key TEXT PRIMARY KEY, value TEXT NOT NULL);
    CREATE TABLE IF NOT EXISTS inputs (
      seq INTEGER PRIMARY KEY, t INTEGER NOT NULL, command TEXT NOT NULL,
      actor TEXT NOT NULL, ref TEXT, ack TEXT, hash TEXT);
    CREATE TABLE IF NOT EXISTS closed_chats (chat_id TEXT PRIMARY KEY, record TEXT NOT NULL);
    CREATE TABLE IF NOT EXISTS revocations (subject TEXT PRIMARY KEY, before_ms INTEGER NOT NULL);
    DROP INDEX IF EXISTS inputs_actor_ref;
    CREATE INDEX IF NOT EXISTS inputs_by_ref ON inputs(actor, ref) WHERE ref IS NOT NULL;`)
  migrate(db)
  // a real write now, so a read-only file or directory is found at start, not at the first input
  db.prepare(UPSERT_META).run("format", "2")
}

export const tablesOf = (db: DatabaseSync): ReadonlyArray<string> =>
  (db.prepare("SELECT name FROM sqlite_master WHERE type = 'table'").all() as Array<{ name: string }>).map(
    (t) => t.name
  )

export const inputColumnsOf = (db: DatabaseSync): ReadonlyArray<string> =>
  (db.prepare("PRAGMA table_info(inputs)").all() as Array<{ name: string }>).map((c) => c.name)

export const readMeta = (db: DatabaseSync, key: string): string | undefined => {
  const row = db.prepare("SELECT value FROM meta WHERE key = ?").get(key) as { value: string } | undefined
  return row?.value
}

export const writeMeta = (db: DatabaseSync, key: string, value: string): void => {
  db.prepare(UPSERT_META).run(key, value)
}

/** A log of the format before hash chains: add the column and chain the rows it has (once). */
const migrate = (db: DatabaseSync): void => {
  if (!inputColumnsOf(db).includes("hash")) db.exec("ALTER TABLE inputs ADD COLUMN hash TEXT")
  const unchained = db.prepare("SELECT COUNT(*) AS n FROM inputs WHERE hash IS NULL").get() as { n: number }
  if (Number(unchained.n) === 0) return
  if (readMeta(db, "head") !== undefined) return // rows without a hash in a chained log: damage, found by rows()
  const update = db.prepare("UPDATE inputs SET hash = ? WHERE seq = ?")
  db.exec("BEGIN IMMEDIATE")
  let prev = GENESIS
  let seq = 0
  for (const raw of db.prepare("SELECT seq, t, command, actor, ref, ack FROM inputs ORDER BY seq").iterate()) {
    const r = raw as unknown as RawRow
    prev = rowHash(prev, Number(r.seq), Number(r.t), r.command, r.actor, r.ref, r.ack)
    seq = Number(r.seq)
    update.run(prev, seq)
  }
  writeMeta(db, "head", headOf(seq, prev))
  db.exec("COMMIT")
}
