/**
 * Agents: capacity (default 5, range 1-10) and what uses a slot: a pending
 * offer, an accepted chat (owner or conference participant) and a chat in wrap-up.
 */
import { describe, expect, it } from "@effect/vitest"
import * as Effect from "effect/Effect"
import { DEFAULTS } from "../../../core/config.ts"
import { byTag, C, engine } from "./harness.ts"

describe("Agents: capacity and slots", () => {
  it.effect("the default capacity is 5: five simultaneous offers, the sixth chat waits", () =>
    Effect.gen(function* () {
      // Given an Available agent with no capacity configured
      const h = yield* engine({ queues: [{ id: "q" }], agents: [{ id: "a" }] })
      expect(DEFAULTS.capacity).toBe(5)
      yield* h.ready(0, "a")
      // When six chats arrive
      for (let i = 1; i <= 6; i++) yield* h.given(i, C.start(`c${i}`, "q"))
      // Then five are offered to it and the sixth waits
      expect(byTag(h.log, "OfferMade").map((e) => e.chatId)).toEqual(["c1", "c2", "c3", "c4", "c5"])
      expect(h.slots("a")).toBe(5)
      expect(h.waiting("q")).toEqual(["c6"])
      expect(h.problems()).toEqual([])
    })
  )

  it.effect("capacity 3 with several offers pending: three simultaneous offers, the fourth chat waits", () =>
    Effect.gen(function* () {
      // Given four chats already waiting and an agent with capacity 3
      const h = yield* engine({ queues: [{ id: "q" }], agents: [{ id: "a", capacity: 3 }] })
      for (let i = 1; i <= 4; i++) yield* h.given(i, C.start(`c${i}`, "q"))
      yield* h.given(10, C.login("a"))
      // When it goes Available
      const r = yield* h.when(C.available("a"), 20)
      // Then the three oldest are offered at once, all pending, and the fourth waits
      expect(byTag(r.events, "OfferMade").map((e) => e.chatId)).toEqual(["c1", "c2", "c3"])
      expect(h.agent("a").offers.size).toBe(3)
      expect(h.slots("a")).toBe(3)
      expect(h.waiting("q")).toEqual(["c4"])
      // And a further arrival is not offered either
      yield* h.given(30, C.start("c5", "q"))
      expect(h.waiting("q")).toEqual(["c4", "c5"])
      expect(h.problems()).toEqual([])
    })
  )

  it.effect(
    "declining one of three pending offers frees its slot; the agent is Idle so the chats wait, declined one first",
    () =>
      Effect.gen(function* () {
        const h = yield* engine({ queues: [{ id: "q" }], agents: [{ id: "a", capacity: 3 }] })
        for (let i = 1; i <= 4; i++) yield* h.given(i, C.start(`c${i}`, "q"))
        yield* h.ready(10, "a")
        // When a declines c2
        yield* h.given(20, C.decline("a", h.offerId("a", "c2")))
        // Then a holds two offers (two slots) and is Idle(Declined); c2 and c4 wait, c2 first
        expect(h.slots("a")).toBe(2)
        expect(h.presence("a")).toBe("Idle(Declined)")
        expect(h.waiting("q")).toEqual(["c2", "c4"])
      })
  )

  it.effect("a slot is used by an offer, kept by the accepted chat and by its wrap-up, freed on submit", () =>
    Effect.gen(function* () {
      // Given an agent with capacity 1 and two chats
      const h = yield* engine({ queues: [{ id: "q" }], agents: [{ id: "a", capacity: 1 }] })
      yield* h.ready(0, "a")
      yield* h.given(10, C.start("c1", "q"), C.start("c2", "q"))
      // Then: offer uses the slot
      expect(h.slots("a")).toBe(1)
      expect(h.waiting("q")).toEqual(["c2"])
      // accepted chat keeps it
      yield* h.accept(20, "a", "c1")
      expect(h.slots("a")).toBe(1)
      expect(h.waiting("q")).toEqual(["c2"])
      // wrap-up keeps it
      yield* h.given(30, C.end("a", "c1"))
      expect(h.slots("a")).toBe(1)
      expect(h.agent("a").wrapUps.has("c1")).toBe(true)
      expect(h.waiting("q")).toEqual(["c2"])
      // submit frees it and c2 is offered at once
      const r = yield* h.when(C.wrapUp("a", "c1"), 40)
      expect(byTag(r.events, "OfferMade").map((e) => [e.chatId, e.agentId])).toEqual([["c2", "a"]])
      expect(h.slots("a")).toBe(1)
      expect(h.problems()).toEqual([])
    })
  )

  it.effect("a conference participation uses a slot of the participant", () =>
    Effect.gen(function* () {
      // Given b (capacity 1) joins a's chat as a conference participant
      const h = yield* engine({ queues: [{ id: "q" }], agents: [{ id: "a" }, { id: "b", capacity: 1, queues: [] }] })
      yield* h.ready(0, "a", "b")
      yield* h.given(10, C.start("c1", "q"))
      yield* h.accept(20, "a", "c1")
      yield* h.given(30, C.conference("a", "c1", "b"))
      expect(h.slots("b")).toBe(1)
      yield* h.accept(40, "b", "c1")
      // Then b's only slot is used: it cannot be a target of another conference
      expect(h.slots("b")).toBe(1)
      expect(h.agent("b").chats.has("c1")).toBe(true)
      yield* h.given(50, C.start("c2", "q"))
      yield* h.accept(60, "a", "c2")
      const r = yield* h.when(C.conference("a", "c2", "b"), 70)
      expect(byTag(r.events, "CommandRejected").map((e) => e.code)).toEqual(["TARGET_UNAVAILABLE"])
    })
  )
})
