/**
 * Queues and routing (chat order, work conservation, maxWait): queue priority, then chat priority,
 * then the front flag, then the oldest enqueue time, then chat id, within a queue and across the
 * queues an agent serves; a freed slot takes the best chat over all queues it serves;
 * maxWait overflows or expires. Agent-selection policies: routing-policies.test.ts.
 */
import { describe, expect, it } from "@effect/vitest"
import * as Effect from "effect/Effect"
import type { Command } from "../../../core/commands.ts"
import type { Harness } from "./harness.ts"
import { byTag, C, engine, one, tags } from "./harness.ts"

/** Serve `a` (capacity 1) to completion repeatedly; returns the chats in the order it was offered them. */
const serveAll = (h: Harness, fromMs: number, count: number) =>
  Effect.gen(function* () {
    const order: Array<string> = []
    let t = fromMs
    for (let i = 0; i < count; i++) {
      const offer = h.offers().find((o) => o.agentId === "a")
      if (offer === undefined) break
      order.push(offer.chatId)
      yield* h.given(t, C.accept("a", offer.id), C.end("a", offer.chatId), C.wrapUp("a", offer.chatId))
      t += 10
    }
    return order
  })

describe("Queues and routing: chat order", () => {
  it.effect(
    "priority then FIFO across two queues: the agent serving both takes the higher-priority queue's oldest first",
    () =>
      Effect.gen(function* () {
        // Given chats waiting in a low-priority queue (older) and a high-priority queue (newer)
        const h = yield* engine({
          queues: [
            { id: "lo", priority: 0 },
            { id: "hi", priority: 5 }
          ],
          agents: [{ id: "a", capacity: 1 }]
        })
        yield* h.given(0, C.start("lo1", "lo"))
        yield* h.given(5, C.start("lo2", "lo"))
        yield* h.given(10, C.start("hi1", "hi"))
        yield* h.given(20, C.start("hi2", "hi"))
        // When the agent goes Available and serves one chat after the other
        yield* h.ready(30, "a")
        // Then it takes hi1, hi2, then lo1, lo2
        expect(yield* serveAll(h, 40, 4)).toEqual(["hi1", "hi2", "lo1", "lo2"])
      })
  )

  it.effect("queue priority beats chat priority across queues", () =>
    Effect.gen(function* () {
      const h = yield* engine({
        queues: [
          { id: "lo", priority: 0 },
          { id: "hi", priority: 1 }
        ],
        agents: [{ id: "a", capacity: 1 }]
      })
      yield* h.given(0, C.start("urgent-lo", "lo", { priority: 9 }))
      yield* h.given(10, C.start("plain-hi", "hi"))
      yield* h.ready(20, "a")
      expect(h.offeredTo("plain-hi")).toBe("a")
    })
  )

  it.effect("across two equal-priority queues: chat priority beats age (a younger higher-priority chat first)", () =>
    Effect.gen(function* () {
      const h = yield* engine({ queues: [{ id: "A" }, { id: "B" }], agents: [{ id: "a", capacity: 1 }] })
      yield* h.given(0, C.start("old-low", "B"))
      yield* h.given(10, C.start("young-high", "A", { priority: 3 }))
      yield* h.ready(20, "a")
      expect(h.offeredTo("young-high")).toBe("a")
      expect(h.waiting("B")).toEqual(["old-low"])
    })
  )

  it.effect("across two equal-priority queues, same chat priority: the oldest enqueue time first", () =>
    Effect.gen(function* () {
      const h = yield* engine({ queues: [{ id: "A" }, { id: "B" }], agents: [{ id: "a", capacity: 1 }] })
      yield* h.given(0, C.start("b-old", "B"))
      yield* h.given(10, C.start("a-young", "A"))
      yield* h.ready(20, "a")
      expect(yield* serveAll(h, 30, 2)).toEqual(["b-old", "a-young"])
    })
  )

  it.effect("same priority and enqueue time in two queues: the lower chat id first, whatever the arrival order", () =>
    Effect.gen(function* () {
      const h = yield* engine({ queues: [{ id: "A" }, { id: "B" }], agents: [{ id: "a", capacity: 1 }] })
      yield* h.given(0, C.start("c2", "A"), C.start("c1", "B"))
      yield* h.ready(10, "a")
      expect(yield* serveAll(h, 20, 2)).toEqual(["c1", "c2"])
    })
  )

  it.effect("same priority and enqueue time within one queue: the lower chat id first", () =>
    Effect.gen(function* () {
      const h = yield* engine({ queues: [{ id: "q" }], agents: [{ id: "a", capacity: 1 }] })
      yield* h.given(0, C.start("c2", "q"), C.start("c1", "q"), C.start("c10", "q"))
      expect(h.waiting("q")).toEqual(["c1", "c10", "c2"])
      yield* h.ready(10, "a")
      expect(yield* serveAll(h, 20, 3)).toEqual(["c1", "c10", "c2"])
    })
  )

  it.effect("within a queue: chat priority first, then the oldest enqueue time", () =>
    Effect.gen(function* () {
      const h = yield* engine({ queues: [{ id: "q" }], agents: [{ id: "a", capacity: 1 }] })
      yield* h.given(0, C.start("c1", "q"))
      yield* h.given(10, C.start("c2", "q", { priority: 2 }))
      yield* h.given(20, C.start("c3", "q", { priority: 2 }))
      yield* h.given(30, C.start("c4", "q"))
      expect(h.waiting("q")).toEqual(["c2", "c3", "c1", "c4"])
      yield* h.ready(40, "a")
      expect(yield* serveAll(h, 50, 4)).toEqual(["c2", "c3", "c1", "c4"])
    })
  )
})

describe("Queues and routing: work conservation", () => {
  it.effect("a freed slot immediately takes the oldest waiting chat, in the same step", () =>
    Effect.gen(function* () {
      const h = yield* engine({ queues: [{ id: "q" }], agents: [{ id: "a", capacity: 1 }] })
      yield* h.ready(0, "a")
      yield* h.given(0, C.start("c1", "q"))
      yield* h.accept(5, "a", "c1")
      yield* h.given(10, C.start("c2", "q"), C.start("c3", "q"))
      yield* h.given(20, C.end("a", "c1"))
      // When the wrap-up is submitted
      const r = yield* h.when(C.wrapUp("a", "c1"), 30)
      // Then the slot goes to c2 (the oldest) in the same step
      expect(tags(r.events)).toEqual(["WrapUpSubmitted", "OfferMade"])
      expect(one(r.events, "OfferMade")).toMatchObject({ chatId: "c2", agentId: "a" })
      expect(h.waiting("q")).toEqual(["c3"])
    })
  )

  it.effect("a freed slot skips a chat the agent is barred from and takes the oldest eligible one", () =>
    Effect.gen(function* () {
      const h = yield* engine({ queues: [{ id: "q" }], agents: [{ id: "a", capacity: 1 }] })
      yield* h.ready(0, "a")
      yield* h.given(0, C.start("c1", "q"))
      yield* h.given(5, C.decline("a", h.offerId("a", "c1")), C.available("a"))
      yield* h.given(10, C.start("c2", "q"))
      yield* h.accept(15, "a", "c2")
      yield* h.given(20, C.start("c3", "q"), C.end("a", "c2"))
      expect(h.waiting("q")).toEqual(["c1", "c3"])
      const r = yield* h.when(C.wrapUp("a", "c2"), 30)
      expect(one(r.events, "OfferMade")).toMatchObject({ chatId: "c3", agentId: "a" })
      expect(h.waiting("q")).toEqual(["c1"])
    })
  )

  it.effect("no eligible chat and free eligible slot coexist after any command of a busy run", () =>
    Effect.gen(function* () {
      const h = yield* engine({
        queues: [{ id: "q1", priority: 1 }, { id: "q2" }],
        agents: [
          { id: "a", capacity: 2 },
          { id: "b", capacity: 1, queues: ["q2"] },
          { id: "c", capacity: 3, queues: ["q1"] }
        ]
      })
      const script: Array<[number, Command]> = [
        [0, C.login("a")],
        [0, C.login("b")],
        [0, C.login("c")],
        [1, C.start("x1", "q1")],
        [2, C.start("x2", "q2")],
        [3, C.start("x3", "q2")],
        [4, C.available("b")],
        [5, C.available("a")],
        [6, C.start("x4", "q1")],
        [7, C.start("x5", "q1")],
        [8, C.available("c")],
        [9, C.start("x6", "q2")],
        [10, C.idle("a", "Break")],
        [11, C.start("x7", "q1")]
      ]
      for (const [t, cmd] of script) {
        yield* h.given(t, cmd)
        expect(h.problems(), `after ${cmd._tag} at ${t}`).toEqual([])
      }
      for (const o of [...h.offers()]) {
        yield* h.given(20, C.decline(o.agentId, o.id))
        expect(h.problems()).toEqual([])
      }
    })
  )
})

describe("Queues and routing: maxWait", () => {
  it.effect("maxWait with overflowTo moves the chat to the other queue as a new segment", () =>
    Effect.gen(function* () {
      const h = yield* engine({
        queues: [{ id: "q", maxWaitMs: 60_000, overflowTo: "spill" }, { id: "spill" }],
        agents: [{ id: "s", queues: ["spill"] }]
      })
      yield* h.given(0, C.start("c1", "q"), C.login("s"))
      expect((yield* h.advanceTo(59_999)).events).toEqual([])
      const r = yield* h.advanceTo(60_000)
      expect(one(r.events, "ChatQueued")).toMatchObject({
        chatId: "c1",
        queueId: "spill",
        segment: 2,
        reason: "overflow"
      })
      expect(h.waiting("q")).toEqual([])
      expect(h.waiting("spill")).toEqual(["c1"])
      expect(h.chat("c1")?.queueId).toBe("spill")
      // and an agent serving only the overflow queue gets it
      expect(one((yield* h.when(C.available("s"), 60_010)).events, "OfferMade")).toMatchObject({
        chatId: "c1",
        agentId: "s"
      })
    })
  )

  it.effect("maxWait without overflowTo closes the chat as expired (unanswered)", () =>
    Effect.gen(function* () {
      const h = yield* engine({ queues: [{ id: "q", maxWaitMs: 60_000 }], agents: [{ id: "a" }] })
      yield* h.given(0, C.start("c1", "q"))
      const r = yield* h.advanceTo(60_000)
      expect(tags(r.events)).toEqual(["ChatClosed"])
      expect(one(r.events, "ChatClosed")).toMatchObject({ chatId: "c1", outcome: "expired", answered: false })
      expect(h.status("c1")).toBe("Closed")
      expect(h.waiting("q")).toEqual([])
    })
  )

  it.effect("maxWait passing during an offer takes effect when the offer comes back unanswered", () =>
    Effect.gen(function* () {
      const h = yield* engine({ queues: [{ id: "q", maxWaitMs: 10_000 }], agents: [{ id: "a" }] })
      yield* h.ready(0, "a")
      yield* h.given(0, C.start("c1", "q"))
      expect((yield* h.advanceTo(10_000)).events).toEqual([])
      expect(h.status("c1")).toBe("Offered")
      const r = yield* h.advanceTo(30_000)
      expect(tags(r.events)).toEqual(["OfferExpired", "PresenceChanged", "ChatClosed"])
      expect(one(r.events, "ChatClosed").outcome).toBe("expired")
    })
  )

  it.effect("maxWait stops at accept", () =>
    Effect.gen(function* () {
      const h = yield* engine({ queues: [{ id: "q", maxWaitMs: 10_000 }], agents: [{ id: "a" }] })
      yield* h.ready(0, "a")
      yield* h.given(0, C.start("c1", "q"))
      yield* h.accept(5_000, "a", "c1")
      expect((yield* h.advanceTo(20_000)).events).toEqual([])
      expect(h.status("c1")).toBe("Active")
    })
  )
})

describe("Queues and routing: proactive chats", () => {
  it.effect("a proactive chat is routed like an inbound one and carries proactive: true", () =>
    Effect.gen(function* () {
      const h = yield* engine({ queues: [{ id: "q" }], agents: [{ id: "a" }] })
      yield* h.ready(0, "a")
      const r = yield* h.when(C.start("p1", "q", { proactive: true }), 10)
      expect(one(r.events, "ChatArrived").proactive).toBe(true)
      expect(one(r.events, "OfferMade")).toMatchObject({ chatId: "p1", agentId: "a" })
      expect(h.chat("p1")?.proactive).toBe(true)
      expect(byTag((yield* h.when(C.start("i1", "q"), 20)).events, "ChatArrived")[0]?.proactive).toBe(false)
    })
  )
})
