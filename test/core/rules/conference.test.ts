/**
 * Conference: only after accept; the target is an Available agent with a free
 * slot; ConferenceRequested -> Conference on accept with "<agent> has joined the chat"; decline or
 * timeout cancels the request and the chat goes on; the participant uses a slot; End Conference
 * removes the participant, who wraps up; ending the chat ends the conference.
 */
import { describe, expect, it } from "@effect/vitest"
import * as Effect from "effect/Effect"
import { byTag, C, engine, one, rejection, snapshot, tags } from "./harness.ts"

const T = 30_000

/** a (Alice) owns c1; b (Bob, capacity 2, serves no queue) and c are Available. */
const owned = () =>
  Effect.gen(function* () {
    const h = yield* engine({
      queues: [{ id: "q" }],
      agents: [
        { id: "a", name: "Alice", capacity: 1 },
        { id: "b", name: "Bob", capacity: 2, queues: [] },
        { id: "c", name: "Carol", capacity: 1, queues: [] }
      ]
    })
    yield* h.ready(0, "a")
    yield* h.given(0, C.start("c1", "q"))
    yield* h.accept(10, "a", "c1")
    yield* h.ready(20, "b", "c")
    return h
  })

/** As `owned`, with Bob in the conference (requested at 30, accepted at 40). */
const inConference = () =>
  Effect.gen(function* () {
    const h = yield* owned()
    yield* h.given(30, C.conference("a", "c1", "b"))
    yield* h.accept(40, "b", "c1")
    return h
  })

describe("Conference", () => {
  it.effect("a request offers the chat to the target; the owner keeps the chat meanwhile", () =>
    Effect.gen(function* () {
      const h = yield* owned()
      const r = yield* h.when(C.conference("a", "c1", "b"), 30)
      expect(tags(r.events)).toEqual(["OfferMade"])
      expect(one(r.events, "OfferMade")).toMatchObject({
        kind: "conference",
        chatId: "c1",
        agentId: "b",
        fromAgentId: "a",
        deadlineMs: 30 + T
      })
      expect(h.chat("c1")).toMatchObject({ owner: "a", status: "Active", participant: undefined })
      expect(h.slots("b")).toBe(1)
    })
  )

  it.effect("accepted: the target joins as participant, with a system message, using a slot; both can write", () =>
    Effect.gen(function* () {
      const h = yield* owned()
      yield* h.given(30, C.conference("a", "c1", "b"))
      const r = yield* h.when(C.accept("b", h.offerId("b", "c1")), 40)
      expect(tags(r.events)).toEqual(["OfferAccepted", "MessageSent"])
      expect(one(r.events, "MessageSent")).toMatchObject({
        sender: { _tag: "System" },
        text: "Bob has joined the chat",
        seq: 1
      })
      expect(h.chat("c1")).toMatchObject({ owner: "a", participant: "b", status: "Active" })
      expect(h.slots("b")).toBe(1)
      expect(h.slots("a")).toBe(1)
      expect(one((yield* h.when(C.write("a", "c1", "Bob will help"), 50)).events, "MessageSent").seq).toBe(2)
      expect(one((yield* h.when(C.write("b", "c1", "hello"), 60)).events, "MessageSent").seq).toBe(3)
      // the customer was told that Bob joined
      const told = h.notifications.filter((n) => n.party._tag === "Customer" && n.message._tag === "MessageSent")
      expect(told.map((n) => n.message._tag === "MessageSent" && n.message.text)).toContain("Bob has joined the chat")
    })
  )

  it.effect("declined: the request is cancelled, the chat goes on, the decliner is Idle(Declined)", () =>
    Effect.gen(function* () {
      const h = yield* owned()
      yield* h.given(30, C.conference("a", "c1", "b"))
      const r = yield* h.when(C.decline("b", h.offerId("b", "c1")), 40)
      expect(tags(r.events)).toEqual(["OfferDeclined", "PresenceChanged"])
      expect(h.presence("b")).toBe("Idle(Declined)")
      expect(h.slots("b")).toBe(0)
      expect(h.chat("c1")).toMatchObject({
        owner: "a",
        participant: undefined,
        conferenceOfferId: undefined,
        status: "Active"
      })
      // and the owner may ask someone else
      expect(one((yield* h.when(C.conference("a", "c1", "c"), 50)).events, "OfferMade").agentId).toBe("c")
    })
  )

  it.effect("timed out: the target goes RONA, the request is cancelled, the chat goes on", () =>
    Effect.gen(function* () {
      const h = yield* owned()
      yield* h.given(30, C.conference("a", "c1", "b"))
      const r = yield* h.advanceTo(30 + T)
      expect(tags(r.events)).toEqual(["OfferExpired", "PresenceChanged"])
      expect(h.presence("b")).toBe("RONA")
      expect(h.slots("b")).toBe(0)
      expect(h.chat("c1")).toMatchObject({ owner: "a", participant: undefined, status: "Active" })
      expect(tags((yield* h.when(C.write("a", "c1", "still here"), 30 + T + 1)).events)).toEqual(["MessageSent"])
    })
  )

  it.effect("is refused before accept (NOT_ACCEPTED_YET) and to an unavailable target (TARGET_UNAVAILABLE)", () =>
    Effect.gen(function* () {
      const h = yield* owned()
      yield* h.given(25, C.start("c2", "q"), C.idle("c", "Break"))
      yield* h.given(26, C.end("a", "c1"), C.wrapUp("a", "c1")) // frees a, which gets c2's offer
      expect(h.offeredTo("c2")).toBe("a")
      expect(rejection(yield* h.when(C.conference("a", "c2", "b"), 30))).toBe("NOT_ACCEPTED_YET")
      yield* h.accept(40, "a", "c2")
      const before = snapshot(h.state)
      expect(rejection(yield* h.when(C.conference("a", "c2", "c"), 50))).toBe("TARGET_UNAVAILABLE")
      expect(snapshot(h.state)).toEqual(before)
    })
  )

  it.effect("a second request while one is pending is refused (CONFERENCE_OPEN)", () =>
    Effect.gen(function* () {
      const h = yield* owned()
      yield* h.given(30, C.conference("a", "c1", "b"))
      expect(rejection(yield* h.when(C.conference("a", "c1", "c"), 40))).toBe("CONFERENCE_OPEN")
    })
  )

  it.effect("End Conference by the owner: the participant leaves (system message) and wraps up; the chat goes on", () =>
    Effect.gen(function* () {
      const h = yield* inConference()
      const r = yield* h.when(C.endConference("a", "c1"), 50)
      expect(tags(r.events)).toEqual(["ConferenceEnded", "MessageSent", "WrapUpStarted"])
      expect(one(r.events, "ConferenceEnded")).toMatchObject({ agentId: "b", byAgentId: "a" })
      expect(one(r.events, "MessageSent")).toMatchObject({
        sender: { _tag: "System" },
        text: "Bob has left the chat",
        seq: 2
      })
      expect(one(r.events, "WrapUpStarted").agentId).toBe("b")
      expect(h.chat("c1")).toMatchObject({ owner: "a", participant: undefined, status: "Active" })
      expect(h.slots("b")).toBe(1)
      expect(rejection(yield* h.when(C.write("b", "c1", "bye"), 60))).toBe("NOT_PARTICIPANT")
      yield* h.given(70, C.wrapUp("b", "c1"))
      expect(h.slots("b")).toBe(0)
    })
  )

  it.effect("End Conference by the participant itself works the same way", () =>
    Effect.gen(function* () {
      const h = yield* inConference()
      const r = yield* h.when(C.endConference("b", "c1"), 50)
      expect(one(r.events, "ConferenceEnded")).toMatchObject({ agentId: "b", byAgentId: "b" })
      expect(h.agent("b").wrapUps.has("c1")).toBe(true)
    })
  )

  it.effect("End Conference without a participant is refused (NO_CONFERENCE)", () =>
    Effect.gen(function* () {
      const h = yield* owned()
      expect(rejection(yield* h.when(C.endConference("a", "c1"), 30))).toBe("NO_CONFERENCE")
    })
  )

  it.effect("the participant may not end the chat (NOT_OWNER)", () =>
    Effect.gen(function* () {
      const h = yield* inConference()
      expect(rejection(yield* h.when(C.end("b", "c1"), 50))).toBe("NOT_OWNER")
      expect(rejection(yield* h.when(C.transferToQueue("b", "c1", "q"), 50))).toBe("NOT_OWNER")
    })
  )

  it.effect("ending the chat ends the conference: both the participant and the owner wrap up", () =>
    Effect.gen(function* () {
      const h = yield* inConference()
      const r = yield* h.when(C.end("a", "c1"), 50)
      expect(tags(r.events)).toEqual([
        "ChatEnded",
        "ConferenceEnded",
        "MessageSent",
        "WrapUpStarted",
        "WrapUpStarted",
        "ChatClosed"
      ])
      expect(
        byTag(r.events, "WrapUpStarted")
          .map((e) => e.agentId)
          .sort()
      ).toEqual(["a", "b"])
      expect(one(r.events, "ChatClosed").outcome).toBe("completed")
      expect(h.agent("a").wrapUps.has("c1")).toBe(true)
      expect(h.agent("b").wrapUps.has("c1")).toBe(true)
      expect(h.agent("b").chats.size).toBe(0)
    })
  )

  it.effect("the customer leaving ends the conference too: both wrap up", () =>
    Effect.gen(function* () {
      const h = yield* inConference()
      const r = yield* h.when(C.leave("c1"), 50)
      expect(one(r.events, "ChatEnded").by).toEqual({ _tag: "Customer" })
      expect(
        byTag(r.events, "WrapUpStarted")
          .map((e) => e.agentId)
          .sort()
      ).toEqual(["a", "b"])
    })
  )

  it.effect("ending the chat with a conference request pending cancels it (no RONA, slot freed)", () =>
    Effect.gen(function* () {
      const h = yield* owned()
      yield* h.given(30, C.conference("a", "c1", "b"))
      const r = yield* h.when(C.end("a", "c1"), 40)
      expect(one(r.events, "OfferCancelled")).toMatchObject({ kind: "conference", agentId: "b", reason: "chat-ended" })
      expect(h.presence("b")).toBe("Available")
      expect(h.slots("b")).toBe(0)
      expect((yield* h.advanceTo(30 + T)).events).toEqual([])
    })
  )
})
