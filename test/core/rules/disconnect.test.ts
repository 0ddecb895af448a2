/**
 * Disconnects: a disconnected agent keeps its chats for a grace period (default 30 s) and may not
 * act; its pending offers are cancelled at the disconnect; when the grace period ends its chats are
 * requeued at the front of their queue, its wrap-ups submitted and its session ends (logout).
 */
import { describe, expect, it } from "@effect/vitest"
import * as Effect from "effect/Effect"
import { byTag, C, engine, one, rejection, snapshot, tags } from "./harness.ts"

const T = 30_000

const setup = () =>
  engine({
    queues: [{ id: "q" }],
    agents: [
      { id: "a", capacity: 1 },
      { id: "b", capacity: 1 }
    ]
  })

/**
 * a (capacity 3, offer timeout 60 s) holds: a pending wrap-up (cw), an active chat (c1, arrived 10)
 * and a pending offer (c2, arrived 12); c0 (arrived 0, declined by a) and c3 wait; b is Idle.
 */
const holding = () =>
  Effect.gen(function* () {
    const h = yield* engine({
      offerTimeoutMs: 60_000,
      queues: [{ id: "q" }],
      agents: [
        { id: "a", capacity: 3 },
        { id: "b", capacity: 1 }
      ]
    })
    yield* h.ready(0, "a")
    yield* h.given(0, C.login("b"), C.start("c0", "q"))
    yield* h.given(1, C.decline("a", h.offerId("a", "c0")), C.available("a"))
    yield* h.given(5, C.start("cw", "q"))
    yield* h.accept(6, "a", "cw")
    yield* h.given(7, C.end("a", "cw"))
    yield* h.given(10, C.start("c1", "q"))
    yield* h.accept(11, "a", "c1")
    yield* h.given(12, C.start("c2", "q"))
    yield* h.given(13, C.start("c3", "q"))
    expect(h.waiting("q")).toEqual(["c0", "c3"])
    return { h, c2Offer: h.offerId("a", "c2") }
  })

/** As `holding`, and a disconnects at 20 (grace until 30 020). */
const loaded = () =>
  Effect.gen(function* () {
    const held = yield* holding()
    yield* held.h.given(20, C.disconnect("a"))
    return held
  })

/** a owns c1 (accepted at 10); b (capacity 2) is Available from 20. */
const owning = (onTransferNotAccepted: "drop" | "requeue" = "drop") =>
  Effect.gen(function* () {
    const h = yield* engine({
      onTransferNotAccepted,
      queues: [{ id: "q" }],
      agents: [
        { id: "a", capacity: 1 },
        { id: "b", capacity: 2 }
      ]
    })
    yield* h.ready(0, "a")
    yield* h.given(0, C.start("c1", "q"))
    yield* h.accept(10, "a", "c1")
    yield* h.ready(20, "b")
    return h
  })

describe("Disconnects", () => {
  it.effect("a disconnect starts the grace period (default 30 s) and stops new offers", () =>
    Effect.gen(function* () {
      const h = yield* setup()
      yield* h.ready(0, "a")
      const r = yield* h.when(C.disconnect("a"), 100)
      expect(one(r.events, "AgentDisconnected").graceDeadlineMs).toBe(30_100)
      expect(r.outputs).toContainEqual({
        _tag: "StartTimer",
        timer: { _tag: "DisconnectGrace", agentId: "a" },
        atMs: 30_100
      })
      yield* h.given(200, C.start("c1", "q"))
      expect(h.waiting("q")).toEqual(["c1"])
    })
  )

  it.effect("commands from a disconnected agent are refused (NOT_CONNECTED) and change nothing", () =>
    Effect.gen(function* () {
      const { h, c2Offer } = yield* loaded()
      const before = snapshot(h.state)
      for (const cmd of [
        C.accept("a", c2Offer),
        C.write("a", "c1", "hi"),
        C.end("a", "c1"),
        C.wrapUp("a", "cw", "Resolved"),
        C.available("a"),
        C.logout("a"),
        C.transferToQueue("a", "c1", "q")
      ]) {
        expect(rejection(yield* h.when(cmd, 100)), cmd._tag).toBe("NOT_CONNECTED")
      }
      expect(snapshot(h.state)).toEqual(before)
    })
  )

  it.effect(
    "a disconnect cancels the agent's pending offer at once: no RONA, the chat back at the front of the same segment, the agent not barred",
    () =>
      Effect.gen(function* () {
        const { h, c2Offer } = yield* holding()
        const r = yield* h.when(C.disconnect("a"), 20)
        expect(tags(r.events)).toEqual(["AgentDisconnected", "OfferCancelled"])
        expect(one(r.events, "OfferCancelled")).toMatchObject({
          offerId: c2Offer,
          kind: "route",
          chatId: "c2",
          agentId: "a",
          reason: "disconnect"
        })
        expect(r.outputs).toContainEqual({ _tag: "CancelTimer", timer: { _tag: "OfferDeadline", offerId: c2Offer } })
        expect(h.presence("a")).toBe("Available")
        expect(h.slots("a")).toBe(2)
        // c2 is ahead of the older c0: same segment, at the front, a not excluded
        expect(h.waiting("q")).toEqual(["c2", "c0", "c3"])
        expect(h.chat("c2")).toMatchObject({ segment: 1, front: true, enqueuedAtMs: 12 })
        expect([...h.chat("c2")!.excluded]).toEqual([])
        // the next free agent takes it first
        expect(one((yield* h.when(C.available("b"), 30)).events, "OfferMade")).toMatchObject({
          chatId: "c2",
          agentId: "b"
        })
      })
  )

  it.effect(
    "with the defaults (offer timeout = grace = 30 s) a disconnected agent's offer never expires into RONA",
    () =>
      Effect.gen(function* () {
        const h = yield* setup()
        yield* h.ready(0, "a")
        yield* h.given(0, C.start("c1", "q")) // offered to a, deadline 30 000
        yield* h.given(10, C.disconnect("a")) // grace until 30 010
        yield* h.advanceTo(40_000)
        expect(byTag(h.log, "OfferExpired")).toEqual([])
        expect(byTag(h.log, "PresenceChanged").filter((e) => e.presence._tag === "RONA")).toEqual([])
        expect(byTag(h.log, "AgentLoggedOut")).toMatchObject([{ agentId: "a", cause: "disconnect", atMs: 30_010 }])
        expect(h.waiting("q")).toEqual(["c1"])
        yield* h.given(40_000, C.login("b"))
        expect(one((yield* h.when(C.available("b"), 40_000)).events, "OfferMade")).toMatchObject({
          chatId: "c1",
          agentId: "b"
        })
      })
  )

  it.effect("a dropped link is not a miss: once back, the agent may be offered the same chat in the same visit", () =>
    Effect.gen(function* () {
      const h = yield* setup()
      yield* h.ready(0, "a")
      yield* h.given(0, C.start("c1", "q"))
      const first = h.offerId("a", "c1")
      yield* h.given(10, C.disconnect("a"))
      const r = yield* h.when(C.reconnect("a"), 20)
      expect(tags(r.events)).toEqual(["AgentReconnected", "OfferMade"])
      expect(one(r.events, "OfferMade")).toMatchObject({ chatId: "c1", agentId: "a", kind: "route" })
      expect(rejection(yield* h.when(C.accept("a", first), 30))).toBe("OFFER_NOT_PENDING")
      expect(h.presence("a")).toBe("Available")
    })
  )

  it.effect(
    "a pending transfer offer to an agent that disconnects is a transfer not accepted: drop (default), no RONA",
    () =>
      Effect.gen(function* () {
        const h = yield* owning()
        yield* h.given(30, C.transferTo("a", "c1", "b"))
        const r = yield* h.when(C.disconnect("b"), 40)
        expect(tags(r.events)).toEqual(["AgentDisconnected", "OfferCancelled", "ChatClosed"])
        expect(one(r.events, "OfferCancelled")).toMatchObject({ kind: "transfer", agentId: "b", reason: "disconnect" })
        expect(one(r.events, "ChatClosed")).toMatchObject({ chatId: "c1", outcome: "dropped", answered: true })
        expect(h.presence("b")).toBe("Available")
        expect(h.slots("b")).toBe(0)
      })
  )

  it.effect(
    "a pending transfer offer to an agent that disconnects, requeue: back in the source queue, that agent barred",
    () =>
      Effect.gen(function* () {
        const h = yield* owning("requeue")
        yield* h.given(30, C.transferTo("a", "c1", "b"))
        const r = yield* h.when(C.disconnect("b"), 40)
        expect(tags(r.events)).toEqual(["AgentDisconnected", "OfferCancelled", "ChatQueued"])
        expect(one(r.events, "ChatQueued")).toMatchObject({
          chatId: "c1",
          queueId: "q",
          segment: 2,
          reason: "transfer-not-accepted",
          enqueuedAtMs: 0,
          excludedAgentIds: ["b"]
        })
        expect(h.waiting("q")).toEqual(["c1"])
      })
  )

  it.effect("a pending conference request to an agent that disconnects is cancelled; the chat goes on", () =>
    Effect.gen(function* () {
      const h = yield* owning()
      yield* h.given(30, C.conference("a", "c1", "b"))
      const r = yield* h.when(C.disconnect("b"), 40)
      expect(tags(r.events)).toEqual(["AgentDisconnected", "OfferCancelled"])
      expect(one(r.events, "OfferCancelled")).toMatchObject({
        kind: "conference",
        chatId: "c1",
        agentId: "b",
        reason: "disconnect"
      })
      expect(h.chat("c1")).toMatchObject({
        owner: "a",
        status: "Active",
        participant: undefined,
        conferenceOfferId: undefined
      })
      expect(h.presence("b")).toBe("Available")
      expect(tags((yield* h.when(C.write("a", "c1", "still with you"), 50)).events)).toEqual(["MessageSent"])
    })
  )

  it.effect(
    "reconnect within the grace period: chats and wrap-ups kept, the cancelled offer's chat offered again, the grace timer cancelled",
    () =>
      Effect.gen(function* () {
        const { h } = yield* loaded()
        const r = yield* h.when(C.reconnect("a"), 10_000)
        expect(tags(r.events)).toEqual(["AgentReconnected", "OfferMade"])
        expect(one(r.events, "OfferMade")).toMatchObject({ chatId: "c2", agentId: "a" })
        expect(r.outputs).toContainEqual({ _tag: "CancelTimer", timer: { _tag: "DisconnectGrace", agentId: "a" } })
        expect((yield* h.advanceTo(40_000)).events).toEqual([])
        expect(h.presence("a")).toBe("Available")
        expect(h.chat("c1")?.owner).toBe("a")
        expect(h.agent("a").wrapUps.has("cw")).toBe(true)
        expect(tags((yield* h.accept(40_001, "a", "c2")).events)).toEqual(["OfferAccepted"])
        expect(h.slots("a")).toBe(3)
      })
  )

  it.effect("grace expiry: owned chats requeued at the front, wrap-ups auto-submitted, the session ends (logout)", () =>
    Effect.gen(function* () {
      const { h } = yield* loaded()
      const r = yield* h.advanceTo(20 + T)
      expect(tags(r.events)).toEqual([
        "WrapUpStarted",
        "ChatQueued",
        "WrapUpSubmitted",
        "WrapUpSubmitted",
        "AgentLoggedOut"
      ])
      expect(byTag(r.events, "PresenceChanged")).toEqual([])
      expect(one(r.events, "ChatQueued")).toMatchObject({
        chatId: "c1",
        queueId: "q",
        reason: "disconnect",
        front: true
      })
      expect(byTag(r.events, "WrapUpSubmitted").map((e) => [e.chatId, e.reason, e.auto])).toEqual([
        ["cw", "Resolved", true],
        ["c1", "Resolved", true]
      ])
      expect(one(r.events, "AgentLoggedOut").cause).toBe("disconnect")
      expect(h.presence("a")).toBe("LoggedOut")
      expect(h.slots("a")).toBe(0)
      // c1 and c2 (cancelled at the disconnect) are both at the front, oldest first, ahead of older c0
      expect(h.waiting("q")).toEqual(["c1", "c2", "c0", "c3"])
      expect(one((yield* h.when(C.available("b"), 20 + T + 10)).events, "OfferMade").chatId).toBe("c1")
    })
  )

  it.effect("a stale grace timer from an earlier disconnect does not cut the current grace period short", () =>
    Effect.gen(function* () {
      // timers.ts: "A fired timer whose subject has moved on is ignored (no events), so a host that
      // cannot cancel stays correct."
      const h = yield* setup()
      yield* h.ready(0, "a")
      yield* h.given(0, C.start("c1", "q"))
      yield* h.accept(1, "a", "c1")
      yield* h.given(10, C.disconnect("a")) // grace until 30 010
      yield* h.given(20, C.reconnect("a"))
      yield* h.given(20_000, C.disconnect("a")) // grace until 50 000
      // When the first disconnect's grace timer fires anyway (a host that cannot cancel)
      const r = yield* h.when(C.fire({ _tag: "DisconnectGrace", agentId: "a" }), 30_010)
      // Then nothing happens: the agent still has until 50 000
      expect(r.events).toEqual([])
      expect(h.chat("c1")?.owner).toBe("a")
      expect(h.presence("a")).toBe("Available")
    })
  )
})
