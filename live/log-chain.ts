/**
 * The input log's hash chain, as pure functions: each row's hash is sha256 of the previous row's
 * hash (GENESIS before the first) and the row's fields, and `meta.head` holds the last seq and
 * hash. `ChainWalk` checks the rows read back in seq order and then the head, and names the first
 * thing wrong: missing rows (deleted, the tail included), an edited row, a head that does not
 * match the last row. Invariant: the walk only reports (a damage message); what to do with
 * damage (refuse, or replay it for forensics) is the log's decision.
 */
import { hash } from "node:crypto"

export const GENESIS = "0".repeat(64)

/** A row as stored (sqlite columns). */
export interface RawRow {
  seq: number
  t: number
  command: string
  actor: string
  ref: string | null
  ack: string | null
  hash: string | null
}

export const rowHash = (
  prev: string,
  seq: number,
  t: number,
  command: string,
  actor: string,
  ref: string | null,
  ack: string | null
): string =>
  // one-shot: about half the time of a Hash object per row (the same digest)
  hash("sha256", `${prev}\n${seq}\n${t}\n${command}\n${actor}\n${ref ?? "\u0000"}\n${ack ?? "\u0000"}`, "hex")

/** The `meta.head` value after the row of `seq` with `hash`. */
export const headOf = (seq: number, lastHash: string): string => `${seq} ${lastHash}`

/** Checks rows read in seq order against the chain (a log without hashes: only counts them). */
export class ChainWalk {
  private readonly chained: boolean
  private prev = GENESIS
  private expected = 1

  constructor(chained: boolean) {
    this.chained = chained
  }

  /** The next row: what is wrong before or with it, if anything. */
  row(r: RawRow): string | undefined {
    const seq = Number(r.seq)
    const expected = this.expected
    this.expected = seq + 1
    if (!this.chained) return undefined
    const prev = this.prev
    this.prev = r.hash ?? prev
    if (seq !== expected) return `input ${expected}${seq > expected + 1 ? `-${seq - 1}` : ""} missing (deleted rows)`
    if (r.hash !== rowHash(prev, seq, Number(r.t), r.command, r.actor, r.ref, r.ack))
      return `input ${seq} does not match its hash (an edited row)`
    return undefined
  }

  /** After the last row: whether `head` (meta.head, if any) names it. */
  end(head: string | undefined): string | undefined {
    if (!this.chained || head === undefined) return undefined
    const expected = this.expected
    const [headSeq, headHash] = head.split(" ")
    if (Number(headSeq) === expected - 1 && headHash === this.prev) return undefined
    return Number(headSeq) >= expected
      ? `input ${expected}${Number(headSeq) > expected ? `-${headSeq}` : ""} missing (deleted at the end of the log)`
      : `the log's head (input ${headSeq}) does not match its last row`
  }
}
