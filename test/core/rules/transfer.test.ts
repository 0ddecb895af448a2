/**
 * Transfer: only after accept and with no conference open; the target is an
 * Available agent with a free slot or a queue the agent may use; the source leaves at once and wraps
 * up; an agent target that does not accept (timeout -> RONA, or decline) drops the chat (default) or
 * requeues it to the source queue, oldest first.
 */
import { describe, expect, it } from "@effect/vitest"
import * as Effect from "effect/Effect"
import type { EngineConfigInput } from "../../../core/config.ts"
import { byTag, C, engine, one, rejection, snapshot, tags } from "./harness.ts"

const T = 30_000

/** a owns c1 (arrived 0, accepted 10); b (capacity 1) is Available from 20. */
const owned = (extra: Partial<Pick<EngineConfigInput, "onTransferNotAccepted">> = {}) =>
  Effect.gen(function* () {
    const h = yield* engine({
      ...extra,
      queues: [{ id: "q" }, { id: "q2" }],
      agents: [
        { id: "a", capacity: 1, queues: ["q"] },
        { id: "b", capacity: 1, queues: ["q"] },
        { id: "c", capacity: 1, queues: ["q"] },
        { id: "s", capacity: 1, queues: ["q2"] }
      ]
    })
    yield* h.ready(0, "a")
    yield* h.given(0, C.login("c"), C.login("s"), C.start("c1", "q"))
    yield* h.accept(10, "a", "c1")
    yield* h.ready(20, "b")
    return h
  })

describe("Transfer", () => {
  it.effect("is refused before accept (NOT_ACCEPTED_YET), to an agent or a queue, and changes nothing", () =>
    Effect.gen(function* () {
      const h = yield* owned()
      yield* h.given(30, C.start("c2", "q"))
      expect(h.offeredTo("c2")).toBe("b")
      const before = snapshot(h.state)
      expect(rejection(yield* h.when(C.transferTo("b", "c2", "c"), 40))).toBe("NOT_ACCEPTED_YET")
      expect(rejection(yield* h.when(C.transferToQueue("b", "c2", "q2"), 40))).toBe("NOT_ACCEPTED_YET")
      expect(snapshot(h.state)).toEqual(before)
    })
  )

  it.effect("to an agent: the source leaves at once and wraps up; the target gets a transfer offer", () =>
    Effect.gen(function* () {
      const h = yield* owned()
      const r = yield* h.when(C.transferTo("a", "c1", "b"), 30)
      expect(tags(r.events)).toEqual(["TransferRequested", "WrapUpStarted", "OfferMade"])
      expect(one(r.events, "TransferRequested")).toMatchObject({
        fromAgentId: "a",
        target: { _tag: "ToAgent", agentId: "b" }
      })
      expect(one(r.events, "OfferMade")).toMatchObject({
        kind: "transfer",
        agentId: "b",
        fromAgentId: "a",
        deadlineMs: 30 + T
      })
      expect(h.chat("c1")?.owner).toBeUndefined()
      expect(h.agent("a").chats.has("c1")).toBe(false)
      expect(h.agent("a").wrapUps.has("c1")).toBe(true)
      expect(h.slots("a")).toBe(1)
    })
  )

  it.effect("to an agent, accepted: the target owns the chat; the source's slot is held until its wrap-up", () =>
    Effect.gen(function* () {
      const h = yield* owned()
      yield* h.given(30, C.transferTo("a", "c1", "b"), C.start("c2", "q"))
      const r = yield* h.accept(40, "b", "c1")
      expect(one(r.events, "OfferAccepted")).toMatchObject({ kind: "transfer", agentId: "b" })
      expect(h.chat("c1")).toMatchObject({ owner: "b", status: "Active" })
      expect(tags((yield* h.when(C.write("b", "c1", "I am taking over"), 50)).events)).toEqual(["MessageSent"])
      // the source's slot is still held: c2 waits
      expect(h.slots("a")).toBe(1)
      expect(h.waiting("q")).toEqual(["c2"])
      const w = yield* h.when(C.wrapUp("a", "c1"), 60)
      expect(h.slots("a")).toBe(1)
      expect(one(w.events, "OfferMade")).toMatchObject({ chatId: "c2", agentId: "a" })
    })
  )

  it.effect("to an agent, timed out, drop (default): the target goes RONA and the chat closes dropped", () =>
    Effect.gen(function* () {
      const h = yield* owned()
      yield* h.given(30, C.transferTo("a", "c1", "b"))
      const r = yield* h.advanceTo(30 + T)
      expect(tags(r.events)).toEqual(["OfferExpired", "PresenceChanged", "ChatClosed"])
      expect(h.presence("b")).toBe("RONA")
      expect(one(r.events, "ChatClosed")).toMatchObject({ chatId: "c1", outcome: "dropped", answered: true })
      expect(h.status("c1")).toBe("Closed")
      expect(h.slots("b")).toBe(0)
      expect(h.agent("a").wrapUps.has("c1")).toBe(true)
    })
  )

  it.effect("to an agent, timed out, drop: a late accept of the dropped transfer is told OFFER_EXPIRED", () =>
    Effect.gen(function* () {
      const h = yield* owned()
      yield* h.given(30, C.transferTo("a", "c1", "b"))
      const offerId = h.offerId("b", "c1")
      yield* h.advanceTo(30 + T)
      expect(h.status("c1")).toBe("Closed")
      const before = snapshot(h.state)
      expect(rejection(yield* h.when(C.accept("b", offerId), 30 + T + 100))).toBe("OFFER_EXPIRED")
      expect(snapshot(h.state)).toEqual(before)
    })
  )

  it.effect("to an agent, declined, drop: the target is Idle(Declined) and the chat closes dropped", () =>
    Effect.gen(function* () {
      const h = yield* owned()
      yield* h.given(30, C.transferTo("a", "c1", "b"))
      const r = yield* h.when(C.decline("b", h.offerId("b", "c1")), 40)
      expect(tags(r.events)).toEqual(["OfferDeclined", "PresenceChanged", "ChatClosed"])
      expect(h.presence("b")).toBe("Idle(Declined)")
      expect(one(r.events, "ChatClosed").outcome).toBe("dropped")
    })
  )

  it.effect("to an agent, timed out, requeue: back in the source queue, oldest first, the target barred", () =>
    Effect.gen(function* () {
      const h = yield* owned({ onTransferNotAccepted: "requeue" })
      yield* h.given(30, C.transferTo("a", "c1", "b"))
      yield* h.given(40, C.start("c2", "q"))
      const r = yield* h.advanceTo(30 + T)
      expect(one(r.events, "ChatQueued")).toMatchObject({
        chatId: "c1",
        queueId: "q",
        segment: 2,
        reason: "transfer-not-accepted",
        enqueuedAtMs: 0,
        excludedAgentIds: ["b"]
      })
      expect(byTag(r.events, "ChatClosed")).toEqual([])
      expect(h.presence("b")).toBe("RONA")
      expect(h.waiting("q")).toEqual(["c1", "c2"])
      // b, back to Available, is not offered c1 again but c2; c takes c1
      expect(one((yield* h.when(C.available("b"), 30 + T + 10)).events, "OfferMade").chatId).toBe("c2")
      expect(one((yield* h.when(C.available("c"), 30 + T + 20)).events, "OfferMade").chatId).toBe("c1")
    })
  )

  it.effect("to an agent, declined, requeue: back in the source queue and offered to someone else", () =>
    Effect.gen(function* () {
      const h = yield* owned({ onTransferNotAccepted: "requeue" })
      yield* h.given(25, C.available("c"))
      yield* h.given(30, C.transferTo("a", "c1", "b"))
      const r = yield* h.when(C.decline("b", h.offerId("b", "c1")), 40)
      expect(tags(r.events)).toEqual(["OfferDeclined", "PresenceChanged", "ChatQueued", "OfferMade"])
      expect(one(r.events, "OfferMade")).toMatchObject({ chatId: "c1", agentId: "c", kind: "route" })
    })
  )

  it.effect("to a queue: a new queue segment in the target queue, offered to an agent of that queue", () =>
    Effect.gen(function* () {
      const h = yield* owned()
      yield* h.given(25, C.available("s"))
      const r = yield* h.when(C.transferToQueue("a", "c1", "q2"), 30)
      expect(tags(r.events)).toEqual(["TransferRequested", "WrapUpStarted", "ChatQueued", "OfferMade"])
      expect(one(r.events, "TransferRequested").target).toEqual({ _tag: "ToQueue", queueId: "q2" })
      expect(one(r.events, "ChatQueued")).toMatchObject({
        queueId: "q2",
        segment: 2,
        reason: "transfer",
        enqueuedAtMs: 30
      })
      expect(one(r.events, "OfferMade")).toMatchObject({ chatId: "c1", agentId: "s", queueId: "q2" })
      expect(h.agent("a").wrapUps.has("c1")).toBe(true)
    })
  )

  it.effect("to a queue the source also serves: the source (in wrap-up) is not offered the chat back", () =>
    Effect.gen(function* () {
      const h = yield* owned()
      yield* h.given(25, C.idle("b", "Break"))
      yield* h.given(30, C.transferToQueue("a", "c1", "q"))
      expect(h.waiting("q")).toEqual(["c1"])
      expect(h.slots("a")).toBe(1)
    })
  )

  it.effect(
    "a target that is Idle, full, logged out or the requester is refused (TARGET_UNAVAILABLE); unknown: UNKNOWN_AGENT",
    () =>
      Effect.gen(function* () {
        const h = yield* owned()
        yield* h.given(25, C.start("c2", "q"), C.logout("s")) // b is now full (offer of c2); s logged out
        const before = snapshot(h.state)
        expect(rejection(yield* h.when(C.transferTo("a", "c1", "b"), 30))).toBe("TARGET_UNAVAILABLE") // full
        expect(rejection(yield* h.when(C.transferTo("a", "c1", "c"), 30))).toBe("TARGET_UNAVAILABLE") // Idle(NotReady)
        expect(rejection(yield* h.when(C.transferTo("a", "c1", "s"), 30))).toBe("TARGET_UNAVAILABLE") // logged out
        expect(rejection(yield* h.when(C.transferTo("a", "c1", "a"), 30))).toBe("TARGET_UNAVAILABLE") // self
        expect(rejection(yield* h.when(C.transferTo("a", "c1", "zed"), 30))).toBe("UNKNOWN_AGENT")
        expect(snapshot(h.state)).toEqual(before)
        expect(h.chat("c1")).toMatchObject({ owner: "a", status: "Active" })
      })
  )

  it.effect("to a queue the agent may not use (QUEUE_NOT_ALLOWED) or that does not exist (UNKNOWN_QUEUE)", () =>
    Effect.gen(function* () {
      const h = yield* engine({ queues: [{ id: "q" }, { id: "vip" }], agents: [{ id: "a", transferQueues: ["q"] }] })
      yield* h.ready(0, "a")
      yield* h.given(0, C.start("c1", "q"))
      yield* h.accept(1, "a", "c1")
      expect(rejection(yield* h.when(C.transferToQueue("a", "c1", "vip"), 10))).toBe("QUEUE_NOT_ALLOWED")
      expect(rejection(yield* h.when(C.transferToQueue("a", "c1", "nowhere"), 10))).toBe("UNKNOWN_QUEUE")
      expect(h.chat("c1")?.owner).toBe("a")
    })
  )

  it.effect("is refused while a conference is requested or open (CONFERENCE_OPEN)", () =>
    Effect.gen(function* () {
      const h = yield* owned()
      yield* h.given(25, C.available("c"))
      yield* h.given(30, C.conference("a", "c1", "b"))
      expect(rejection(yield* h.when(C.transferTo("a", "c1", "c"), 40))).toBe("CONFERENCE_OPEN")
      expect(rejection(yield* h.when(C.transferToQueue("a", "c1", "q2"), 40))).toBe("CONFERENCE_OPEN")
      yield* h.accept(50, "b", "c1")
      const before = snapshot(h.state)
      expect(rejection(yield* h.when(C.transferTo("a", "c1", "c"), 60))).toBe("CONFERENCE_OPEN")
      expect(rejection(yield* h.when(C.transferToQueue("a", "c1", "q2"), 60))).toBe("CONFERENCE_OPEN")
      expect(snapshot(h.state)).toEqual(before)
    })
  )
})
