/**
 * Agents: presence (LoggedOut, Idle{code}, Available, RONA set by the system only and left only by the
 * agent's own Available, Idle code or logout, or by the end of a disconnected session), who gets
 * offers, Idle while holding chats, and when logout is refused.
 */
import { describe, expect, it } from "@effect/vitest"
import * as Effect from "effect/Effect"
import { byTag, C, engine, one, rejection, snapshot, tags } from "./harness.ts"

const setup = () => engine({ queues: [{ id: "q" }], agents: [{ id: "a" }, { id: "b" }] })

describe("Agents: presence", () => {
  it.effect("login puts a logged-out agent in Idle(NotReady), which receives no offer", () =>
    Effect.gen(function* () {
      // Given a logged-out agent and a waiting chat
      const h = yield* setup()
      yield* h.given(0, C.start("c1", "q"))
      expect(h.presence("a")).toBe("LoggedOut")
      // When it logs in
      const r = yield* h.when(C.login("a"), 10)
      // Then it is Idle(NotReady) and the chat still waits
      expect(tags(r.events)).toEqual(["AgentLoggedIn"])
      expect(h.presence("a")).toBe("Idle(NotReady)")
      expect(h.status("c1")).toBe("Queued")
      expect(h.waiting("q")).toEqual(["c1"])
    })
  )

  it.effect("only an Available agent receives offers: going Available takes the waiting chat", () =>
    Effect.gen(function* () {
      // Given a logged-in (Idle) agent and a waiting chat
      const h = yield* setup()
      yield* h.given(0, C.login("a"), C.start("c1", "q"))
      // When it goes Available
      const r = yield* h.when(C.available("a"), 5)
      // Then the chat is offered to it in the same step
      expect(tags(r.events)).toEqual(["PresenceChanged", "OfferMade"])
      expect(one(r.events, "OfferMade")).toMatchObject({ chatId: "c1", agentId: "a", kind: "route" })
      expect(h.status("c1")).toBe("Offered")
      expect(h.slots("a")).toBe(1)
    })
  )

  it.effect("a logged-out agent cannot go Available (NOT_LOGGED_IN)", () =>
    Effect.gen(function* () {
      const h = yield* setup()
      expect(rejection(yield* h.when(C.available("a"), 0))).toBe("NOT_LOGGED_IN")
      expect(h.presence("a")).toBe("LoggedOut")
    })
  )

  it.effect("Idle with a configured code sets Idle{code}", () =>
    Effect.gen(function* () {
      // Given an Available agent
      const h = yield* setup()
      yield* h.ready(0, "a")
      // When it goes Idle on Lunch
      const r = yield* h.when(C.idle("a", "Lunch"), 10)
      // Then its presence is Idle(Lunch), caused by the agent
      expect(one(r.events, "PresenceChanged")).toMatchObject({
        presence: { _tag: "Idle", code: "Lunch" },
        cause: "agent"
      })
      expect(h.presence("a")).toBe("Idle(Lunch)")
    })
  )

  it.effect("Idle with an unknown code is rejected (UNKNOWN_IDLE_CODE) and presence is unchanged", () =>
    Effect.gen(function* () {
      const h = yield* setup()
      yield* h.ready(0, "a")
      const r = yield* h.when(C.idle("a", "Gardening"), 10)
      expect(rejection(r)).toBe("UNKNOWN_IDLE_CODE")
      expect(h.presence("a")).toBe("Available")
    })
  )

  it.effect("going Idle while holding a chat stops new offers but the chat goes on", () =>
    Effect.gen(function* () {
      // Given an agent (capacity 5) with an accepted chat
      const h = yield* setup()
      yield* h.ready(0, "a")
      yield* h.given(10, C.start("c1", "q"))
      yield* h.accept(20, "a", "c1")
      // When it goes Idle on Break and a new chat arrives
      yield* h.given(30, C.idle("a", "Break"))
      const r = yield* h.when(C.start("c2", "q"), 40)
      // Then the new chat waits (no offer) although the agent has free slots
      expect(byTag(r.events, "OfferMade")).toEqual([])
      expect(h.status("c2")).toBe("Queued")
      expect(h.slots("a")).toBe(1)
      // And the existing chat continues: the agent may still write and end it
      expect(tags((yield* h.when(C.write("a", "c1", "still here"), 50)).events)).toEqual(["MessageSent"])
      expect(h.status("c1")).toBe("Active")
      expect(byTag((yield* h.when(C.end("a", "c1"), 60)).events, "ChatClosed")).toHaveLength(1)
    })
  )

  it.effect("logout is refused while an offer is pending (LOGOUT_REFUSED)", () =>
    Effect.gen(function* () {
      const h = yield* setup()
      yield* h.ready(0, "a")
      yield* h.given(10, C.start("c1", "q"), C.idle("a", "Break"))
      expect(rejection(yield* h.when(C.logout("a"), 20))).toBe("LOGOUT_REFUSED")
      expect(h.presence("a")).toBe("Idle(Break)")
      expect(h.hasOffer("a", "c1")).toBe(true)
    })
  )

  it.effect("logout is refused while a chat is open (LOGOUT_REFUSED)", () =>
    Effect.gen(function* () {
      const h = yield* setup()
      yield* h.ready(0, "a")
      yield* h.given(10, C.start("c1", "q"))
      yield* h.accept(20, "a", "c1")
      yield* h.given(30, C.idle("a", "Break"))
      expect(rejection(yield* h.when(C.logout("a"), 40))).toBe("LOGOUT_REFUSED")
      expect(h.presence("a")).toBe("Idle(Break)")
    })
  )

  it.effect("logout is refused while a wrap-up is pending, and allowed once it is submitted", () =>
    Effect.gen(function* () {
      // Given an agent that ended its only chat and has not submitted the wrap-up yet
      const h = yield* setup()
      yield* h.ready(0, "a")
      yield* h.given(10, C.start("c1", "q"))
      yield* h.accept(20, "a", "c1")
      yield* h.given(30, C.end("a", "c1"), C.idle("a", "Break"))
      // When it logs out: refused
      expect(rejection(yield* h.when(C.logout("a"), 40))).toBe("LOGOUT_REFUSED")
      // When it submits the wrap-up then logs out: allowed
      yield* h.given(50, C.wrapUp("a", "c1"))
      const r = yield* h.when(C.logout("a"), 60)
      expect(one(r.events, "AgentLoggedOut")).toMatchObject({ agentId: "a", cause: "agent" })
      expect(h.presence("a")).toBe("LoggedOut")
    })
  )

  it.effect("logout with nothing open is allowed, from Available too", () =>
    Effect.gen(function* () {
      const h = yield* setup()
      yield* h.ready(0, "a")
      const r = yield* h.when(C.logout("a"), 10)
      expect(tags(r.events)).toEqual(["AgentLoggedOut"])
      expect(h.presence("a")).toBe("LoggedOut")
      // and a chat arriving now is not offered to it
      yield* h.given(20, C.start("c1", "q"))
      expect(h.status("c1")).toBe("Queued")
    })
  )

  it.effect("RONA is set only by the system: no command gives an agent RONA", () =>
    Effect.gen(function* () {
      // Given an Available agent
      const h = yield* setup()
      yield* h.ready(0, "a")
      const before = snapshot(h.state)
      // When it asks for an idle code named RONA: rejected, it is not a configured code
      expect(rejection(yield* h.when(C.idle("a", "RONA"), 10))).toBe("UNKNOWN_IDLE_CODE")
      expect(snapshot(h.state)).toEqual(before)
      // Then only an expired offer makes RONA (cause offer-expired)
      yield* h.given(20, C.start("c1", "q"))
      const r = yield* h.advanceTo(20 + 30_000)
      expect(one(r.events, "PresenceChanged")).toMatchObject({
        agentId: "a",
        presence: { _tag: "RONA" },
        cause: "offer-expired"
      })
      expect(h.presence("a")).toBe("RONA")
    })
  )

  it.effect("RONA is left by the agent going Available", () =>
    Effect.gen(function* () {
      const h = yield* setup()
      yield* h.ready(0, "a")
      yield* h.given(10, C.start("c1", "q"))
      yield* h.advanceTo(30_010)
      expect(h.presence("a")).toBe("RONA")
      const r = yield* h.when(C.available("a"), 40_000)
      expect(one(r.events, "PresenceChanged")).toMatchObject({ presence: { _tag: "Available" }, cause: "agent" })
      expect(h.presence("a")).toBe("Available")
    })
  )

  it.effect("RONA stays while time passes and other offers end; only the agent's own change leaves it", () =>
    Effect.gen(function* () {
      // Given an agent with two slots holding two offers, the first of which expires (RONA)
      const h = yield* engine({ queues: [{ id: "q" }], agents: [{ id: "a", capacity: 2 }], offerTimeoutMs: 1_000 })
      yield* h.ready(0, "a")
      yield* h.given(0, C.start("c1", "q"))
      yield* h.given(500, C.start("c2", "q"))
      yield* h.advanceTo(1_000)
      expect(h.presence("a")).toBe("RONA")
      // When it declines the second offer: the decline settles but the system does not move it out of RONA
      const r = yield* h.when(C.decline("a", h.offerId("a", "c2")), 1_200)
      expect(tags(r.events)).toEqual(["OfferDeclined"])
      expect(h.presence("a")).toBe("RONA")
      // and a long wait changes nothing
      yield* h.advanceTo(600_000)
      expect(h.presence("a")).toBe("RONA")
      // Then the agent's own Idle choice leaves RONA
      const idle = yield* h.when(C.idle("a", "Break"), 600_001)
      expect(one(idle.events, "PresenceChanged")).toMatchObject({
        presence: { _tag: "Idle", code: "Break" },
        cause: "agent"
      })
    })
  )
})

/** a (capacity 4, offer timeout 1 s) missed c1 at 1 000 and is in RONA; c2..c4 were offered to it at 100, 200, 300. */
const inRona = () =>
  Effect.gen(function* () {
    const h = yield* engine({
      offerTimeoutMs: 1_000,
      queues: [{ id: "q" }],
      agents: [{ id: "a", capacity: 4 }, { id: "b" }]
    })
    yield* h.ready(0, "a")
    yield* h.given(0, C.start("c1", "q"))
    yield* h.given(100, C.start("c2", "q"))
    yield* h.given(200, C.start("c3", "q"))
    yield* h.given(300, C.start("c4", "q"))
    yield* h.advanceTo(1_000)
    expect(h.presence("a")).toBe("RONA")
    return h
  })

/** A RONA agent with nothing open: c1 missed at 30 010 is back in the queue. */
const idleInRona = () =>
  Effect.gen(function* () {
    const h = yield* setup()
    yield* h.ready(0, "a")
    yield* h.given(10, C.start("c1", "q"))
    yield* h.advanceTo(30_010)
    expect(h.presence("a")).toBe("RONA")
    expect(h.slots("a")).toBe(0)
    return h
  })

describe("Agents: RONA is left only by the agent's own action", () => {
  it.effect("RONA is left by the agent choosing an Idle code", () =>
    Effect.gen(function* () {
      const h = yield* idleInRona()
      const r = yield* h.when(C.idle("a", "Lunch"), 40_000)
      expect(tags(r.events)).toEqual(["PresenceChanged"])
      expect(one(r.events, "PresenceChanged")).toMatchObject({
        presence: { _tag: "Idle", code: "Lunch" },
        cause: "agent"
      })
    })
  )

  it.effect("RONA is left by the agent logging out", () =>
    Effect.gen(function* () {
      const h = yield* idleInRona()
      const r = yield* h.when(C.logout("a"), 40_000)
      expect(tags(r.events)).toEqual(["AgentLoggedOut"])
      expect(one(r.events, "AgentLoggedOut").cause).toBe("agent")
      expect(h.presence("a")).toBe("LoggedOut")
    })
  )

  it.effect("RONA stays while the agent's other offers end: another expiry, an accept, an abandonment", () =>
    Effect.gen(function* () {
      const h = yield* inRona()
      const accepted = yield* h.when(C.accept("a", h.offerId("a", "c2")), 1_050)
      expect(tags(accepted.events)).toEqual(["OfferAccepted"])
      const expired = yield* h.advanceTo(1_200) // c3's offer expires
      expect(tags(expired.events)).toEqual(["OfferExpired"])
      const abandoned = yield* h.when(C.leave("c4"), 1_250)
      expect(tags(abandoned.events)).toEqual(["OfferCancelled", "ChatClosed"])
      expect(byTag(h.log, "PresenceChanged").filter((e) => e.atMs > 1_000)).toEqual([])
      expect(h.presence("a")).toBe("RONA")
    })
  )

  it.effect("RONA stays while time passes, on a decline, and across a disconnect and a reconnect", () =>
    Effect.gen(function* () {
      const h = yield* inRona()
      expect(tags((yield* h.when(C.decline("a", h.offerId("a", "c2")), 1_050)).events)).toEqual(["OfferDeclined"])
      yield* h.advanceTo(600_000)
      expect(h.presence("a")).toBe("RONA")
      yield* h.given(600_000, C.disconnect("a"))
      expect(tags((yield* h.when(C.reconnect("a"), 610_000)).events)).toEqual(["AgentReconnected"])
      expect(h.presence("a")).toBe("RONA")
      expect(byTag(h.log, "PresenceChanged").filter((e) => e.atMs > 1_000)).toEqual([])
    })
  )

  it.effect("the end of a disconnected session logs a RONA agent out: the session ends, no presence change", () =>
    Effect.gen(function* () {
      const h = yield* idleInRona()
      yield* h.given(40_000, C.disconnect("a"))
      const r = yield* h.advanceTo(70_000)
      expect(tags(r.events)).toEqual(["AgentLoggedOut"])
      expect(one(r.events, "AgentLoggedOut").cause).toBe("disconnect")
      expect(byTag(r.events, "PresenceChanged")).toEqual([])
    })
  )
})
