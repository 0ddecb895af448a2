/**
 * Chat lifecycle: Queued -> Offered -> Active -> WrapUp(per agent) -> Closed,
 * one outcome per chat, inbound and proactive chats.
 */
import { describe, expect, it } from "@effect/vitest"
import * as Effect from "effect/Effect"
import { byTag, C, engine, one, rejection, snapshot, tags } from "./harness.ts"

const setup = () => engine({ queues: [{ id: "q" }, { id: "r" }], agents: [{ id: "a", capacity: 1 }] })

describe("Chat lifecycle", () => {
  it.effect("an inbound chat arrives and is queued as segment 1 with its arrival as enqueue time", () =>
    Effect.gen(function* () {
      const h = yield* setup()
      // When a customer starts a chat with nobody Available
      const r = yield* h.when(C.start("c1", "q", { customerName: "Ada" }), 100)
      // Then it arrives and is queued
      expect(tags(r.events)).toEqual(["ChatArrived", "ChatQueued"])
      expect(one(r.events, "ChatArrived")).toMatchObject({
        chatId: "c1",
        queueId: "q",
        customerName: "Ada",
        proactive: false,
        priority: 0
      })
      expect(one(r.events, "ChatQueued")).toMatchObject({
        segment: 1,
        reason: "arrival",
        enqueuedAtMs: 100,
        front: false
      })
      expect(h.status("c1")).toBe("Queued")
      expect(h.waiting("q")).toEqual(["c1"])
    })
  )

  it.effect("walks Queued -> Offered -> Active -> wrap-up -> Closed(completed)", () =>
    Effect.gen(function* () {
      const h = yield* setup()
      yield* h.given(0, C.start("c1", "q"))
      expect(h.status("c1")).toBe("Queued")
      yield* h.ready(10, "a")
      expect(h.status("c1")).toBe("Offered")
      yield* h.accept(20, "a", "c1")
      expect(h.status("c1")).toBe("Active")
      expect(h.chat("c1")?.owner).toBe("a")
      // When the agent ends it
      const r = yield* h.when(C.end("a", "c1"), 30)
      // Then the conversation ends, the agent wraps up, the chat closes completed and answered
      expect(tags(r.events)).toEqual(["ChatEnded", "WrapUpStarted", "ChatClosed"])
      expect(one(r.events, "ChatClosed")).toMatchObject({ outcome: "completed", answered: true })
      expect(h.status("c1")).toBe("Closed")
      expect(h.agent("a").wrapUps.has("c1")).toBe(true)
      // And the closed chat takes no more commands
      expect(rejection(yield* h.when(C.say("c1", "hello?"), 40))).toBe("UNKNOWN_CHAT")
    })
  )

  it.effect("every chat closes with exactly one outcome", () =>
    Effect.gen(function* () {
      const h = yield* engine({ queues: [{ id: "q", maxWaitMs: 1000 }], agents: [{ id: "a" }] })
      yield* h.given(0, C.start("expires", "q"), C.start("abandons", "q", { patienceMs: 500 }))
      yield* h.advanceTo(5000)
      yield* h.ready(5000, "a")
      yield* h.given(5000, C.start("done", "q"))
      yield* h.accept(5010, "a", "done")
      yield* h.given(5020, C.leave("done"))
      const closed = byTag(h.log, "ChatClosed").map((e) => [e.chatId, e.outcome])
      expect(closed).toEqual([
        ["abandons", "abandoned"],
        ["expires", "expired"],
        ["done", "completed"]
      ])
    })
  )

  it.effect("a proactive chat (invitation accepted) carries proactive: true in its event and state", () =>
    Effect.gen(function* () {
      const h = yield* setup()
      const r = yield* h.when(C.start("p1", "q", { proactive: true }), 0)
      expect(one(r.events, "ChatArrived").proactive).toBe(true)
      expect(h.chat("p1")?.proactive).toBe(true)
      yield* h.ready(10, "a")
      yield* h.accept(20, "a", "p1")
      expect(h.chat("p1")?.proactive).toBe(true)
    })
  )

  it.effect("an already open chat id is refused (DUPLICATE_CHAT), an unknown queue too (UNKNOWN_QUEUE)", () =>
    Effect.gen(function* () {
      const h = yield* setup()
      yield* h.given(0, C.start("c1", "q"))
      const before = snapshot(h.state)
      expect(rejection(yield* h.when(C.start("c1", "r"), 10))).toBe("DUPLICATE_CHAT")
      expect(rejection(yield* h.when(C.start("c2", "nowhere"), 10))).toBe("UNKNOWN_QUEUE")
      expect(snapshot(h.state)).toEqual(before)
    })
  )

  it.effect("a customer has at most one open chat (CUSTOMER_HAS_OPEN_CHAT); after it closes, a new one is fine", () =>
    Effect.gen(function* () {
      const h = yield* setup()
      yield* h.given(0, C.start("c1", "q", { customerId: "cust-7" }))
      expect(rejection(yield* h.when(C.start("c2", "q", { customerId: "cust-7" }), 10))).toBe("CUSTOMER_HAS_OPEN_CHAT")
      yield* h.given(20, C.leave("c1"))
      expect(tags((yield* h.when(C.start("c2", "q", { customerId: "cust-7" }), 30)).events)).toEqual([
        "ChatArrived",
        "ChatQueued"
      ])
    })
  )

  it.effect("chat priority is carried from StartChat", () =>
    Effect.gen(function* () {
      const h = yield* setup()
      expect(one((yield* h.when(C.start("c1", "q", { priority: 3 }), 0)).events, "ChatArrived").priority).toBe(3)
      expect(h.chat("c1")?.priority).toBe(3)
    })
  )
})
