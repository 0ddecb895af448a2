// The input log's hash chain as stored: a row's hash is sha256 (hex) of the previous hash and the
// row's fields, one per line, a missing ref or ack written as NUL. Logs written by earlier versions
// must keep verifying, so the encoding is checked against an independent computation of it.
import { createHash } from "node:crypto"
import { describe, expect, it } from "vitest"
import { ChainWalk, GENESIS, rowHash } from "../../live/log-chain.ts"

const sha256 = (text: string): string => createHash("sha256").update(text).digest("hex")

describe("input log hash chain", () => {
  it("hashes the previous hash and the row's fields, one per line, NUL for a missing ref or ack", () => {
    const command = JSON.stringify({ _tag: "CustomerMessage", chatId: "c1", text: "héllo ✓" })
    expect(rowHash(GENESIS, 1, 1_700_000_000_000, command, "customer:c1", "r-1", '{"ok":true}')).toBe(
      sha256(`${GENESIS}\n1\n1700000000000\n${command}\ncustomer:c1\nr-1\n{"ok":true}`)
    )
    expect(rowHash("ab".repeat(32), 2, 5, "{}", "timer", null, null)).toBe(
      sha256(`${"ab".repeat(32)}\n2\n5\n{}\ntimer\n\u0000\n\u0000`)
    )
  })

  it("a walk accepts rows chained this way and names the first edited one", () => {
    const rows = [1, 2, 3].map((seq) => ({
      seq,
      t: seq * 10,
      command: `{"n":${seq}}`,
      actor: "a",
      ref: null,
      ack: null
    }))
    let prev = GENESIS
    const stored = rows.map((r) => {
      prev = rowHash(prev, r.seq, r.t, r.command, r.actor, r.ref, r.ack)
      return { ...r, hash: prev }
    })
    const clean = new ChainWalk(true)
    expect(stored.map((r) => clean.row(r))).toEqual([undefined, undefined, undefined])
    const walk = new ChainWalk(true)
    const edited = stored.map((r) => (r.seq === 2 ? { ...r, command: '{"n":20}' } : r))
    expect(edited.map((r) => walk.row(r))).toEqual([
      undefined,
      "input 2 does not match its hash (an edited row)",
      undefined
    ])
  })
})
