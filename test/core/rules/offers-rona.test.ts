/**
 * Offers and RONA: one chat to one agent at a time, the deadline at
 * offeredAt + offerTimeout (an answer at or after it is late: OFFER_EXPIRED, whatever the order),
 * expiry -> RONA with the chat back in its queue at its original enqueue time and the agent barred
 * from it for this queue visit, decline -> Idle{Declined} the same way.
 */
import { describe, expect, it } from "@effect/vitest"
import * as Effect from "effect/Effect"
import { EXPIRED_OFFERS_PER_AGENT } from "../../../core/state.ts"
import { byTag, C, engine, one, rejection, snapshot, tags } from "./harness.ts"

const T = 30_000

/** a and b (capacity 1), c1 arrives at 0 and is offered to a at 10 (deadline 30 010). */
const offered = () =>
  Effect.gen(function* () {
    const h = yield* engine({
      queues: [{ id: "q", name: "Billing desk" }],
      agents: [
        { id: "a", capacity: 1 },
        { id: "b", capacity: 1 }
      ]
    })
    yield* h.given(0, C.login("a"), C.login("b"), C.start("c1", "q"))
    yield* h.given(10, C.available("a"))
    return { h, offerId: h.offerId("a", "c1"), deadline: 10 + T }
  })

/** Every primitive value inside `x`, to look for data without assuming field names. */
const leaves = (x: unknown): Array<unknown> =>
  x !== null && typeof x === "object" ? Object.values(x).flatMap(leaves) : [x]

describe("Offers and RONA", () => {
  it.effect("one chat is offered to one agent at a time, even with several free agents", () =>
    Effect.gen(function* () {
      const h = yield* engine({ queues: [{ id: "q" }], agents: [{ id: "a" }, { id: "b" }, { id: "c" }] })
      yield* h.ready(0, "a", "b", "c")
      const r = yield* h.when(C.start("c1", "q"), 10)
      expect(byTag(r.events, "OfferMade")).toHaveLength(1)
      expect(h.offers().filter((o) => o.chatId === "c1")).toHaveLength(1)
    })
  )

  it.effect("accept before the deadline: the agent owns the chat, the slot stays used", () =>
    Effect.gen(function* () {
      const { h, offerId, deadline } = yield* offered()
      const r = yield* h.when(C.accept("a", offerId), deadline - 1)
      expect(tags(r.events)).toEqual(["OfferAccepted"])
      expect(one(r.events, "OfferAccepted")).toMatchObject({ offerId, chatId: "c1", agentId: "a", kind: "route" })
      expect(h.status("c1")).toBe("Active")
      expect(h.chat("c1")?.owner).toBe("a")
      expect(h.slots("a")).toBe(1)
      // and the deadline passing later changes nothing
      expect((yield* h.advanceTo(deadline + 1)).events).toEqual([])
      expect(h.presence("a")).toBe("Available")
    })
  )

  it.effect("accept exactly AT the deadline, processed before the timer: OFFER_EXPIRED and state unchanged", () =>
    Effect.gen(function* () {
      const { h, offerId, deadline } = yield* offered()
      const before = snapshot(h.state)
      const r = yield* h.when(C.accept("a", offerId), deadline)
      expect(rejection(r)).toBe("OFFER_EXPIRED")
      expect(snapshot(h.state)).toEqual(before)
      // then the timer (same instant) expires it: RONA
      const t = yield* h.advanceTo(deadline)
      expect(tags(t.events).slice(0, 2)).toEqual(["OfferExpired", "PresenceChanged"])
      expect(h.presence("a")).toBe("RONA")
    })
  )

  it.effect("accept exactly AT the deadline, processed after the timer: the same outcome (RONA, not accepted)", () =>
    Effect.gen(function* () {
      const { h, offerId, deadline } = yield* offered()
      yield* h.advanceTo(deadline)
      const before = snapshot(h.state)
      const r = yield* h.when(C.accept("a", offerId), deadline)
      expect(byTag(r.events, "OfferAccepted")).toEqual([])
      expect(r.events.map((e) => e._tag)).toEqual(["CommandRejected"])
      expect(snapshot(h.state)).toEqual(before)
      expect(h.presence("a")).toBe("RONA")
      expect(h.status("c1")).toBe("Queued")
    })
  )

  it.effect("accept exactly AT the deadline, processed after the timer, is refused as OFFER_EXPIRED too", () =>
    Effect.gen(function* () {
      // the rule: "an accept processed at or after that instant is late and ignored (OFFER_EXPIRED), so the
      // outcome does not depend on event order".
      const { h, offerId, deadline } = yield* offered()
      yield* h.advanceTo(deadline)
      expect(rejection(yield* h.when(C.accept("a", offerId), deadline))).toBe("OFFER_EXPIRED")
    })
  )

  it.effect("a decline at the deadline is late too (OFFER_EXPIRED)", () =>
    Effect.gen(function* () {
      const { h, offerId, deadline } = yield* offered()
      expect(rejection(yield* h.when(C.decline("a", offerId), deadline))).toBe("OFFER_EXPIRED")
      expect(h.presence("a")).toBe("Available")
    })
  )

  it.effect("expiry: RONA, the chat returns to its queue with its original enqueue time, ahead of newer chats", () =>
    Effect.gen(function* () {
      const { h, deadline } = yield* offered()
      yield* h.given(20, C.start("c2", "q"))
      expect(h.waiting("q")).toEqual(["c2"])
      // When the deadline passes
      const r = yield* h.advanceTo(deadline)
      // Then the offer expired, a is RONA, and c1 (enqueued at 0) is back ahead of c2 (enqueued at 20)
      expect(one(r.events, "OfferExpired")).toMatchObject({ chatId: "c1", agentId: "a" })
      expect(h.presence("a")).toBe("RONA")
      expect(h.slots("a")).toBe(0)
      expect(h.waiting("q")).toEqual(["c1", "c2"])
      expect(h.chat("c1")?.enqueuedAtMs).toBe(0)
      expect(h.chat("c1")?.segment).toBe(1)
      // And the next free agent takes c1 first
      const b = yield* h.when(C.available("b"), deadline + 5)
      expect(one(b.events, "OfferMade")).toMatchObject({ chatId: "c1", agentId: "b" })
    })
  )

  it.effect("the RONA agent is not offered that chat again in this queue visit, even after going Available", () =>
    Effect.gen(function* () {
      const { h, deadline } = yield* offered()
      yield* h.advanceTo(deadline)
      // When a goes Available manually while c1 is the only waiting chat
      const r = yield* h.when(C.available("a"), deadline + 100)
      // Then c1 is not offered to a
      expect(byTag(r.events, "OfferMade")).toEqual([])
      expect(h.waiting("q")).toEqual(["c1"])
      expect(h.chat("c1")?.excluded.has("a")).toBe(true)
    })
  )

  it.effect("RONA then a manual return to Available: the agent receives new offers", () =>
    Effect.gen(function* () {
      const { h, deadline } = yield* offered()
      yield* h.advanceTo(deadline)
      yield* h.given(deadline + 100, C.available("a"))
      const r = yield* h.when(C.start("c2", "q"), deadline + 200)
      expect(one(r.events, "OfferMade")).toMatchObject({ chatId: "c2", agentId: "a" })
    })
  )

  it.effect("the bar ends with the queue visit: after overflow the RONA agent may get the chat again", () =>
    Effect.gen(function* () {
      const h = yield* engine({
        queues: [{ id: "q", maxWaitMs: 60_000, overflowTo: "q2" }, { id: "q2" }],
        agents: [{ id: "a", capacity: 1 }]
      })
      yield* h.ready(0, "a")
      yield* h.given(0, C.start("c1", "q"))
      yield* h.advanceTo(T)
      yield* h.given(T + 1, C.available("a"))
      expect(h.waiting("q")).toEqual(["c1"])
      const r = yield* h.advanceTo(60_000)
      expect(one(r.events, "ChatQueued")).toMatchObject({ queueId: "q2", segment: 2, reason: "overflow" })
      expect(one(r.events, "OfferMade")).toMatchObject({ chatId: "c1", agentId: "a", queueId: "q2" })
    })
  )

  it.effect(
    "decline: the agent goes Idle(Declined), the chat returns to its queue, and is offered to another agent",
    () =>
      Effect.gen(function* () {
        const { h, offerId } = yield* offered()
        yield* h.given(20, C.available("b"))
        const r = yield* h.when(C.decline("a", offerId), 30)
        expect(tags(r.events)).toEqual(["OfferDeclined", "PresenceChanged", "OfferMade"])
        expect(one(r.events, "PresenceChanged")).toMatchObject({
          presence: { _tag: "Idle", code: "Declined" },
          cause: "declined"
        })
        expect(h.presence("a")).toBe("Idle(Declined)")
        expect(one(r.events, "OfferMade")).toMatchObject({ chatId: "c1", agentId: "b" })
      })
  )

  it.effect("decline: the decliner is not offered that chat again, even after going Available; newer chats yes", () =>
    Effect.gen(function* () {
      const { h, offerId } = yield* offered()
      yield* h.given(20, C.start("c2", "q"))
      yield* h.given(30, C.decline("a", offerId))
      expect(h.waiting("q")).toEqual(["c1", "c2"])
      const r = yield* h.when(C.available("a"), 40)
      expect(byTag(r.events, "OfferMade").map((e) => e.chatId)).toEqual(["c2"])
      expect(h.waiting("q")).toEqual(["c1"])
    })
  )

  it.effect("a duplicate accept is refused (OFFER_NOT_PENDING) with no double assignment", () =>
    Effect.gen(function* () {
      const { h, offerId } = yield* offered()
      yield* h.given(20, C.accept("a", offerId))
      const before = snapshot(h.state)
      const r = yield* h.when(C.accept("a", offerId), 30)
      expect(rejection(r)).toBe("OFFER_NOT_PENDING")
      expect(snapshot(h.state)).toEqual(before)
      expect(byTag(h.log, "OfferAccepted")).toHaveLength(1)
      expect(h.slots("a")).toBe(1)
      expect(h.agent("a").chats.size).toBe(1)
    })
  )

  it.effect("accepting someone else's offer is refused (NOT_YOUR_OFFER) and changes nothing", () =>
    Effect.gen(function* () {
      const { h, offerId } = yield* offered()
      yield* h.given(20, C.available("b"))
      const before = snapshot(h.state)
      expect(rejection(yield* h.when(C.accept("b", offerId), 30))).toBe("NOT_YOUR_OFFER")
      expect(rejection(yield* h.when(C.decline("b", offerId), 30))).toBe("NOT_YOUR_OFFER")
      expect(snapshot(h.state)).toEqual(before)
      expect(h.offeredTo("c1")).toBe("a")
    })
  )

  it.effect("an offer id never made is UNKNOWN_OFFER", () =>
    Effect.gen(function* () {
      const { h } = yield* offered()
      expect(rejection(yield* h.when(C.accept("a", 999), 20))).toBe("UNKNOWN_OFFER")
    })
  )

  it.effect("the offer shown to the agent carries customer name, queue name, thread, and the chat's receipt time", () =>
    Effect.gen(function* () {
      // the rule: "The offer shows customer name, queue name, message thread, agent name, date and the time
      // since the chat was received"; a proactive chat is "shown with its own icon on the desktop".
      const h = yield* engine({ queues: [{ id: "q", name: "Billing desk" }], agents: [{ id: "a", name: "Grace" }] })
      yield* h.given(0, C.login("a"), C.start("c1", "q", { customerName: "Ada", proactive: true }))
      yield* h.given(5, C.say("c1", "my card was declined"))
      yield* h.given(10, C.available("a"))
      const notify = h.notifications.find((n) => n.party._tag === "Agent" && n.message._tag === "OfferMade")
      const shown = leaves(notify)
      expect(shown).toContain("Ada")
      expect(shown).toContain("Billing desk")
      expect(shown).toContain("my card was declined")
      expect(shown).toContain(0) // received at 0 ms: the desktop's "time since received"
      expect(shown).toContain(true) // proactive flag for the icon
    })
  )
})

describe("Offers: a late answer after the chat closed", () => {
  it.effect("an accept or decline of an expired offer whose chat was then abandoned is told OFFER_EXPIRED", () =>
    Effect.gen(function* () {
      const { h, offerId, deadline } = yield* offered()
      yield* h.advanceTo(deadline) // RONA; c1 back in its queue
      yield* h.given(deadline + 10, C.leave("c1")) // abandoned
      expect(h.status("c1")).toBe("Closed")
      const before = snapshot(h.state)
      expect(rejection(yield* h.when(C.accept("a", offerId), deadline + 20))).toBe("OFFER_EXPIRED")
      expect(rejection(yield* h.when(C.decline("a", offerId), deadline + 20))).toBe("OFFER_EXPIRED")
      expect(rejection(yield* h.when(C.accept("b", offerId), deadline + 20))).toBe("NOT_YOUR_OFFER")
      expect(snapshot(h.state)).toEqual(before)
    })
  )

  it.effect(
    `expired offers are remembered per agent, its last ${EXPIRED_OFFERS_PER_AGENT}: memory stays flat in the number of chats`,
    () =>
      Effect.gen(function* () {
        const h = yield* engine({ offerTimeoutMs: 1_000, queues: [{ id: "q" }], agents: [{ id: "a", capacity: 1 }] })
        yield* h.ready(0, "a")
        const ids: Array<number> = []
        const n = EXPIRED_OFFERS_PER_AGENT + 24
        for (let i = 0; i < n; i++) {
          const t = i * 10_000
          yield* h.given(t, C.start(`c${i}`, "q"))
          ids.push(h.offerId("a", `c${i}`))
          yield* h.advanceTo(t + 1_000) // expired: RONA
          yield* h.given(t + 2_000, C.leave(`c${i}`), C.available("a"))
        }
        expect(h.openChatCount()).toBe(0)
        expect(h.expiredOfferCount()).toBe(EXPIRED_OFFERS_PER_AGENT)
        const late = n * 10_000
        expect(rejection(yield* h.when(C.accept("a", ids[n - 1]!), late))).toBe("OFFER_EXPIRED")
        expect(rejection(yield* h.when(C.accept("a", ids[n - EXPIRED_OFFERS_PER_AGENT]!), late))).toBe("OFFER_EXPIRED")
        expect(rejection(yield* h.when(C.accept("a", ids[n - EXPIRED_OFFERS_PER_AGENT - 1]!), late))).toBe(
          "OFFER_NOT_PENDING"
        )
      })
  )
})
