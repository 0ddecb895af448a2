// The one timer table: earliest (atMs, start order) first, a restart replaces the pending timer of
// its key, a cancelled timer is never seen again, the host hears each change of the earliest timer
// once, and a table that cannot cancel fires every start.
import fc from "fast-check"
import { describe, expect, it } from "vitest"
import type { PendingTimer } from "../../core/timer-table.ts"
import { CountingHost, TimerTable } from "../../core/timer-table.ts"
import type { TimerKey } from "../../core/timers.ts"
import { timerId } from "../../core/timers.ts"

const offer = (offerId: number): TimerKey => ({ _tag: "OfferDeadline", offerId })
const patience = (chatId: string): TimerKey => ({ _tag: "Patience", chatId })
const grace = (agentId: string): TimerKey => ({ _tag: "DisconnectGrace", agentId })

const drain = (t: TimerTable, nowMs = Number.MAX_SAFE_INTEGER): Array<string> => {
  const out: Array<string> = []
  for (let due = t.popDue(nowMs); due !== undefined; due = t.popDue(nowMs))
    out.push(`${due.atMs}:${timerId(due.timer)}`)
  return out
}

describe("timer table", () => {
  it("pops due timers by time, then start order; not before they are due", () => {
    const t = new TimerTable()
    t.start(patience("c1"), 50)
    t.start(offer(1), 30)
    t.start(grace("a"), 50)
    t.start(offer(2), 10)
    expect(t.size).toBe(4)
    expect(t.popDue(9)).toBeUndefined()
    expect(t.popDue(10, false)).toBeUndefined()
    expect(drain(t, 30)).toEqual(["10:offer:2", "30:offer:1"])
    expect(t.peek()?.atMs).toBe(50)
    expect(drain(t)).toEqual(["50:patience:c1", "50:grace:a"])
    expect(t.size).toBe(0)
  })

  it("replaces a restarted timer and never returns a cancelled one", () => {
    const t = new TimerTable()
    t.start(offer(1), 10)
    t.start(patience("c1"), 20)
    t.start(offer(1), 40) // restart: the one at 10 is gone
    t.cancel(patience("c1"))
    t.cancel(grace("nobody")) // not pending: nothing happens
    expect(t.size).toBe(1)
    expect(drain(t)).toEqual(["40:offer:1"])
  })

  it("lists pending timers in the order their keys became pending, a restart keeping its place", () => {
    const t = new TimerTable()
    t.start(grace("a"), 90)
    t.start(offer(7), 10)
    t.start(patience("c1"), 5)
    t.start(grace("a"), 1) // restart keeps the key's place
    t.cancel(offer(7))
    t.start(offer(7), 3) // pending again: now last
    expect(t.pending().map((p) => `${p.atMs}:${timerId(p.timer)}`)).toEqual(["1:grace:a", "5:patience:c1", "3:offer:7"])
  })

  it("tells the host each time the earliest pending timer changes, and only then", () => {
    const told: Array<string> = []
    const t = new TimerTable({
      host: new CountingHost((e: PendingTimer | undefined) =>
        told.push(e === undefined ? "none" : `${e.atMs}:${timerId(e.timer)}`)
      )
    })
    t.start(offer(1), 30) // earliest
    t.start(offer(2), 40) // not earliest: nothing
    t.start(offer(3), 20) // earliest
    t.cancel(offer(2)) // not earliest: nothing
    t.cancel(offer(3)) // back to 30
    t.start(offer(1), 50) // the earliest restarted later: 50 is now earliest
    expect(t.popDue(50)?.atMs).toBe(50)
    expect(told).toEqual(["30:offer:1", "20:offer:3", "30:offer:1", "50:offer:1", "none"])
  })

  it("takes start order from the host's counter when it passes one", () => {
    let seq = 100
    const t = new TimerTable({ host: { nextSeq: () => (seq += 3), onEarliest: () => {} } })
    t.start(offer(1), 5)
    t.start(offer(2), 5)
    expect(t.pending().map((p) => p.seq)).toEqual([103, 106])
  })

  it("without cancels, imitates a host that cannot cancel: every start fires, restarts included", () => {
    const t = new TimerTable({ cancels: false })
    t.start(offer(1), 10)
    t.start(offer(1), 20)
    t.cancel(offer(1))
    expect(t.size).toBe(2)
    expect(drain(t)).toEqual(["10:offer:1", "20:offer:1"])
  })

  it("matches a model of pending timers under any starts, restarts, cancels and pops", () => {
    const keys = [offer(1), offer(2), patience("c1"), patience("c2"), grace("a")]
    const op = fc.oneof(
      fc.record({ k: fc.constant("start" as const), key: fc.nat(4), dt: fc.integer({ min: 0, max: 9 }) }),
      fc.record({ k: fc.constant("cancel" as const), key: fc.nat(4) }),
      fc.record({ k: fc.constant("pop" as const), dt: fc.integer({ min: 0, max: 4 }) })
    )
    fc.assert(
      fc.property(fc.array(op, { minLength: 50, maxLength: 300 }), (ops) => {
        const t = new TimerTable()
        const model = new Map<string, { atMs: number; seq: number }>()
        let nowMs = 0
        let seq = 0
        const first = () =>
          [...model.entries()].sort(([, a], [, b]) => a.atMs - b.atMs || a.seq - b.seq)[0] as
            | [string, { atMs: number; seq: number }]
            | undefined
        for (const o of ops) {
          if (o.k === "start") {
            const key = keys[o.key]!
            t.start(key, nowMs + o.dt)
            model.set(timerId(key), { atMs: nowMs + o.dt, seq: seq++ })
          } else if (o.k === "cancel") {
            const key = keys[o.key]!
            t.cancel(key)
            model.delete(timerId(key))
          } else {
            nowMs += o.dt
            const due = first()
            const popped = t.popDue(nowMs)
            if (due === undefined || due[1].atMs > nowMs) expect(popped).toBeUndefined()
            else {
              expect(popped && [timerId(popped.timer), popped.atMs]).toEqual([due[0], due[1].atMs])
              model.delete(due[0])
            }
          }
          expect(t.size).toBe(model.size)
          expect(t.peek()?.atMs).toBe(first()?.[1].atMs)
        }
      })
    )
  })
})
