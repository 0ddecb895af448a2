/**
 * Abandonment: patience runs from arrival until accept; running out while queued or offered cancels
 * the offer (no RONA) and closes the chat abandoned, counted once. A customer leaving an answered
 * chat ends it. Disconnects: disconnect.test.ts.
 */
import { describe, expect, it } from "@effect/vitest"
import * as Effect from "effect/Effect"
import { byTag, C, engine, one, rejection, tags } from "./harness.ts"

const T = 30_000

const setup = () =>
  engine({
    queues: [{ id: "q" }],
    agents: [
      { id: "a", capacity: 1 },
      { id: "b", capacity: 1 }
    ]
  })

describe("Abandonment", () => {
  it.effect("patience running out while queued closes the chat abandoned (unanswered)", () =>
    Effect.gen(function* () {
      const h = yield* setup()
      const s = yield* h.when(C.start("c1", "q", { patienceMs: 45_000 }), 100)
      expect(s.outputs).toContainEqual({ _tag: "StartTimer", timer: { _tag: "Patience", chatId: "c1" }, atMs: 45_100 })
      expect((yield* h.advanceTo(45_099)).events).toEqual([])
      const r = yield* h.advanceTo(45_100)
      expect(tags(r.events)).toEqual(["ChatClosed"])
      expect(one(r.events, "ChatClosed")).toMatchObject({ chatId: "c1", outcome: "abandoned", answered: false })
      expect(h.waiting("q")).toEqual([])
      expect(h.status("c1")).toBe("Closed")
    })
  )

  it.effect(
    "abandonment during an offer: OfferCancelled(abandoned), no RONA, the slot freed and reused, counted once",
    () =>
      Effect.gen(function* () {
        const h = yield* setup()
        yield* h.ready(0, "a")
        yield* h.given(0, C.start("c1", "q", { patienceMs: 10_000 }))
        yield* h.given(5, C.start("c2", "q"))
        const r = yield* h.advanceTo(10_000)
        expect(tags(r.events)).toEqual(["OfferCancelled", "ChatClosed", "OfferMade"])
        expect(one(r.events, "OfferCancelled")).toMatchObject({ chatId: "c1", agentId: "a", reason: "abandoned" })
        expect(one(r.events, "ChatClosed").outcome).toBe("abandoned")
        expect(r.outputs).toContainEqual({ _tag: "CancelTimer", timer: { _tag: "OfferDeadline", offerId: 1 } })
        expect(h.presence("a")).toBe("Available")
        expect(one(r.events, "OfferMade")).toMatchObject({ chatId: "c2", agentId: "a" })
        // nothing more comes of c1: its offer deadline, a late accept, a leave
        yield* h.advanceTo(T + 1)
        expect(rejection(yield* h.when(C.accept("a", 1), T + 2))).toBe("OFFER_NOT_PENDING")
        expect(rejection(yield* h.when(C.leave("c1"), T + 3))).toBe("UNKNOWN_CHAT")
        expect(h.presence("a")).toBe("Available")
        expect(byTag(h.log, "ChatClosed").filter((e) => e.chatId === "c1")).toHaveLength(1)
      })
  )

  it.effect("the customer leaving while offered is abandonment too (no RONA)", () =>
    Effect.gen(function* () {
      const h = yield* setup()
      yield* h.ready(0, "a")
      yield* h.given(0, C.start("c1", "q"))
      const r = yield* h.when(C.leave("c1"), 50)
      expect(tags(r.events)).toEqual(["OfferCancelled", "ChatClosed"])
      expect(one(r.events, "ChatClosed")).toMatchObject({ outcome: "abandoned", answered: false })
      expect(h.slots("a")).toBe(0)
      expect(h.presence("a")).toBe("Available")
    })
  )

  it.effect("patience keeps running across a RONA return to the queue", () =>
    Effect.gen(function* () {
      const h = yield* setup()
      yield* h.ready(0, "a")
      yield* h.given(0, C.start("c1", "q", { patienceMs: 40_000 }))
      yield* h.advanceTo(T)
      expect(h.presence("a")).toBe("RONA")
      expect(one((yield* h.advanceTo(40_000)).events, "ChatClosed").outcome).toBe("abandoned")
    })
  )

  it.effect("patience stops at accept: the timer is cancelled and no abandonment follows", () =>
    Effect.gen(function* () {
      const h = yield* setup()
      yield* h.ready(0, "a")
      yield* h.given(0, C.start("c1", "q", { patienceMs: 10_000 }))
      const r = yield* h.accept(5_000, "a", "c1")
      expect(r.outputs).toContainEqual({ _tag: "CancelTimer", timer: { _tag: "Patience", chatId: "c1" } })
      expect(h.timerAt("patience:c1")).toBeUndefined()
      // even a host that could not cancel it: the fired timer is ignored
      expect((yield* h.when(C.fire({ _tag: "Patience", chatId: "c1" }), 10_000)).events).toEqual([])
      expect(h.status("c1")).toBe("Active")
      expect(byTag(h.log, "ChatClosed")).toEqual([])
    })
  )

  it.effect("a stale patience timer of an earlier chat with the same id does not abandon the new one", () =>
    Effect.gen(function* () {
      // timers.ts: a fired timer whose subject has moved on is ignored, so a host that cannot cancel stays correct
      const h = yield* setup()
      yield* h.given(0, C.start("c1", "q", { patienceMs: 10_000 }), C.leave("c1")) // closed; its timer would fire at 10 000
      yield* h.given(5_000, C.start("c1", "q", { patienceMs: 60_000 })) // same id, patient until 65 000
      const r = yield* h.when(C.fire({ _tag: "Patience", chatId: "c1" }), 10_000)
      expect(r.events).toEqual([])
      expect(h.status("c1")).toBe("Queued")
    })
  )

  it.effect("the customer leaving an active chat ends it: handlers wrap up, outcome completed", () =>
    Effect.gen(function* () {
      const h = yield* setup()
      yield* h.ready(0, "a")
      yield* h.given(0, C.start("c1", "q"))
      yield* h.accept(5, "a", "c1")
      const r = yield* h.when(C.leave("c1"), 50)
      expect(tags(r.events)).toEqual(["ChatEnded", "WrapUpStarted", "ChatClosed"])
      expect(one(r.events, "ChatEnded").by).toEqual({ _tag: "Customer" })
      expect(one(r.events, "ChatClosed")).toMatchObject({ outcome: "completed", answered: true })
      expect(h.agent("a").wrapUps.has("c1")).toBe(true)
    })
  )
})
