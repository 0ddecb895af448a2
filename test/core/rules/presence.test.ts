/**
 * Agents: presence (LoggedOut, Idle{code}, Available, RONA set by the system only and left only by the
 * agent's own Available, Idle code or logout, or by the end of a disconnected session), who gets
 * offers, Idle while holding chats, and when logout is refused.
 */
import { describe, expect, it } from "vitest"
import { byTag, C, engine, one, rejection, snapshot, tags } from "./harness.ts"

const setup = () => engine({ queues: [{ id: "q" }], agents: [{ id: "a" }, { id: "b" }] })

describe("Agents: presence", () => {
  it("login puts a logged-out agent in Idle(NotReady), which receives no offer", () => {
    // Given a logged-out agent and a waiting chat
    const h = setup()
    h.given(0, C.start("c1", "q"))
    expect(h.presence("a")).toBe("LoggedOut")
    // When it logs in
    const r = h.when(C.login("a"), 10)
    // Then it is Idle(NotReady) and the chat still waits
    expect(tags(r.events)).toEqual(["AgentLoggedIn"])
    expect(h.presence("a")).toBe("Idle(NotReady)")
    expect(h.status("c1")).toBe("Queued")
    expect(h.waiting("q")).toEqual(["c1"])
  })

  it("only an Available agent receives offers: going Available takes the waiting chat", () => {
    // Given a logged-in (Idle) agent and a waiting chat
    const h = setup()
    h.given(0, C.login("a"), C.start("c1", "q"))
    // When it goes Available
    const r = h.when(C.available("a"), 5)
    // Then the chat is offered to it in the same step
    expect(tags(r.events)).toEqual(["PresenceChanged", "OfferMade"])
    expect(one(r.events, "OfferMade")).toMatchObject({ chatId: "c1", agentId: "a", kind: "route" })
    expect(h.status("c1")).toBe("Offered")
    expect(h.slots("a")).toBe(1)
  })

  it("a logged-out agent cannot go Available (NOT_LOGGED_IN)", () => {
    const h = setup()
    expect(rejection(h.when(C.available("a"), 0))).toBe("NOT_LOGGED_IN")
    expect(h.presence("a")).toBe("LoggedOut")
  })

  it("Idle with a configured code sets Idle{code}", () => {
    // Given an Available agent
    const h = setup()
    h.ready(0, "a")
    // When it goes Idle on Lunch
    const r = h.when(C.idle("a", "Lunch"), 10)
    // Then its presence is Idle(Lunch), caused by the agent
    expect(one(r.events, "PresenceChanged")).toMatchObject({
      presence: { _tag: "Idle", code: "Lunch" },
      cause: "agent"
    })
    expect(h.presence("a")).toBe("Idle(Lunch)")
  })

  it("Idle with an unknown code is rejected (UNKNOWN_IDLE_CODE) and presence is unchanged", () => {
    const h = setup()
    h.ready(0, "a")
    const r = h.when(C.idle("a", "Gardening"), 10)
    expect(rejection(r)).toBe("UNKNOWN_IDLE_CODE")
    expect(h.presence("a")).toBe("Available")
  })

  it("going Idle while holding a chat stops new offers but the chat goes on", () => {
    // Given an agent (capacity 5) with an accepted chat
    const h = setup()
    h.ready(0, "a")
    h.given(10, C.start("c1", "q"))
    h.accept(20, "a", "c1")
    // When it goes Idle on Break and a new chat arrives
    h.given(30, C.idle("a", "Break"))
    const r = h.when(C.start("c2", "q"), 40)
    // Then the new chat waits (no offer) although the agent has free slots
    expect(byTag(r.events, "OfferMade")).toEqual([])
    expect(h.status("c2")).toBe("Queued")
    expect(h.slots("a")).toBe(1)
    // And the existing chat continues: the agent may still write and end it
    expect(tags(h.when(C.write("a", "c1", "still here"), 50).events)).toEqual(["MessageSent"])
    expect(h.status("c1")).toBe("Active")
    expect(byTag(h.when(C.end("a", "c1"), 60).events, "ChatClosed")).toHaveLength(1)
  })

  it("logout is refused while an offer is pending (LOGOUT_REFUSED)", () => {
    const h = setup()
    h.ready(0, "a")
    h.given(10, C.start("c1", "q"), C.idle("a", "Break"))
    expect(rejection(h.when(C.logout("a"), 20))).toBe("LOGOUT_REFUSED")
    expect(h.presence("a")).toBe("Idle(Break)")
    expect(h.hasOffer("a", "c1")).toBe(true)
  })

  it("logout is refused while a chat is open (LOGOUT_REFUSED)", () => {
    const h = setup()
    h.ready(0, "a")
    h.given(10, C.start("c1", "q"))
    h.accept(20, "a", "c1")
    h.given(30, C.idle("a", "Break"))
    expect(rejection(h.when(C.logout("a"), 40))).toBe("LOGOUT_REFUSED")
    expect(h.presence("a")).toBe("Idle(Break)")
  })

  it("logout is refused while a wrap-up is pending, and allowed once it is submitted", () => {
    // Given an agent that ended its only chat and has not submitted the wrap-up yet
    const h = setup()
    h.ready(0, "a")
    h.given(10, C.start("c1", "q"))
    h.accept(20, "a", "c1")
    h.given(30, C.end("a", "c1"), C.idle("a", "Break"))
    // When it logs out: refused
    expect(rejection(h.when(C.logout("a"), 40))).toBe("LOGOUT_REFUSED")
    // When it submits the wrap-up then logs out: allowed
    h.given(50, C.wrapUp("a", "c1"))
    const r = h.when(C.logout("a"), 60)
    expect(one(r.events, "AgentLoggedOut")).toMatchObject({ agentId: "a", cause: "agent" })
    expect(h.presence("a")).toBe("LoggedOut")
  })

  it("logout with nothing open is allowed, from Available too", () => {
    const h = setup()
    h.ready(0, "a")
    const r = h.when(C.logout("a"), 10)
    expect(tags(r.events)).toEqual(["AgentLoggedOut"])
    expect(h.presence("a")).toBe("LoggedOut")
    // and a chat arriving now is not offered to it
    h.given(20, C.start("c1", "q"))
    expect(h.status("c1")).toBe("Queued")
  })

  it("RONA is set only by the system: no command gives an agent RONA", () => {
    // Given an Available agent
    const h = setup()
    h.ready(0, "a")
    const before = snapshot(h.state)
    // When it asks for an idle code named RONA: rejected, it is not a configured code
    expect(rejection(h.when(C.idle("a", "RONA"), 10))).toBe("UNKNOWN_IDLE_CODE")
    expect(snapshot(h.state)).toEqual(before)
    // Then only an expired offer makes RONA (cause offer-expired)
    h.given(20, C.start("c1", "q"))
    const r = h.advanceTo(20 + 30_000)
    expect(one(r.events, "PresenceChanged")).toMatchObject({
      agentId: "a",
      presence: { _tag: "RONA" },
      cause: "offer-expired"
    })
    expect(h.presence("a")).toBe("RONA")
  })

  it("RONA is left by the agent going Available", () => {
    const h = setup()
    h.ready(0, "a")
    h.given(10, C.start("c1", "q"))
    h.advanceTo(30_010)
    expect(h.presence("a")).toBe("RONA")
    const r = h.when(C.available("a"), 40_000)
    expect(one(r.events, "PresenceChanged")).toMatchObject({ presence: { _tag: "Available" }, cause: "agent" })
    expect(h.presence("a")).toBe("Available")
  })

  it("RONA stays while time passes and other offers end; only the agent's own change leaves it", () => {
    // Given an agent with two slots holding two offers, the first of which expires (RONA)
    const h = engine({ queues: [{ id: "q" }], agents: [{ id: "a", capacity: 2 }], offerTimeoutMs: 1_000 })
    h.ready(0, "a")
    h.given(0, C.start("c1", "q"))
    h.given(500, C.start("c2", "q"))
    h.advanceTo(1_000)
    expect(h.presence("a")).toBe("RONA")
    // When it declines the second offer: the decline settles but the system does not move it out of RONA
    const r = h.when(C.decline("a", h.offerId("a", "c2")), 1_200)
    expect(tags(r.events)).toEqual(["OfferDeclined"])
    expect(h.presence("a")).toBe("RONA")
    // and a long wait changes nothing
    h.advanceTo(600_000)
    expect(h.presence("a")).toBe("RONA")
    // Then the agent's own Idle choice leaves RONA
    const idle = h.when(C.idle("a", "Break"), 600_001)
    expect(one(idle.events, "PresenceChanged")).toMatchObject({
      presence: { _tag: "Idle", code: "Break" },
      cause: "agent"
    })
  })
})

/** a (capacity 4, offer timeout 1 s) missed c1 at 1 000 and is in RONA; c2..c4 were offered to it at 100, 200, 300. */
const inRona = () => {
  const h = engine({ offerTimeoutMs: 1_000, queues: [{ id: "q" }], agents: [{ id: "a", capacity: 4 }, { id: "b" }] })
  h.ready(0, "a")
  h.given(0, C.start("c1", "q"))
  h.given(100, C.start("c2", "q"))
  h.given(200, C.start("c3", "q"))
  h.given(300, C.start("c4", "q"))
  h.advanceTo(1_000)
  expect(h.presence("a")).toBe("RONA")
  return h
}

/** A RONA agent with nothing open: c1 missed at 30 010 is back in the queue. */
const idleInRona = () => {
  const h = setup()
  h.ready(0, "a")
  h.given(10, C.start("c1", "q"))
  h.advanceTo(30_010)
  expect(h.presence("a")).toBe("RONA")
  expect(h.slots("a")).toBe(0)
  return h
}

describe("Agents: RONA is left only by the agent's own action", () => {
  it("RONA is left by the agent choosing an Idle code", () => {
    const h = idleInRona()
    const r = h.when(C.idle("a", "Lunch"), 40_000)
    expect(tags(r.events)).toEqual(["PresenceChanged"])
    expect(one(r.events, "PresenceChanged")).toMatchObject({
      presence: { _tag: "Idle", code: "Lunch" },
      cause: "agent"
    })
  })

  it("RONA is left by the agent logging out", () => {
    const h = idleInRona()
    const r = h.when(C.logout("a"), 40_000)
    expect(tags(r.events)).toEqual(["AgentLoggedOut"])
    expect(one(r.events, "AgentLoggedOut").cause).toBe("agent")
    expect(h.presence("a")).toBe("LoggedOut")
  })

  it("RONA stays while the agent's other offers end: another expiry, an accept, an abandonment", () => {
    const h = inRona()
    const accepted = h.when(C.accept("a", h.offerId("a", "c2")), 1_050)
    expect(tags(accepted.events)).toEqual(["OfferAccepted"])
    const expired = h.advanceTo(1_200) // c3's offer expires
    expect(tags(expired.events)).toEqual(["OfferExpired"])
    const abandoned = h.when(C.leave("c4"), 1_250)
    expect(tags(abandoned.events)).toEqual(["OfferCancelled", "ChatClosed"])
    expect(byTag(h.log, "PresenceChanged").filter((e) => e.atMs > 1_000)).toEqual([])
    expect(h.presence("a")).toBe("RONA")
  })

  it("RONA stays while time passes, on a decline, and across a disconnect and a reconnect", () => {
    const h = inRona()
    expect(tags(h.when(C.decline("a", h.offerId("a", "c2")), 1_050).events)).toEqual(["OfferDeclined"])
    h.advanceTo(600_000)
    expect(h.presence("a")).toBe("RONA")
    h.given(600_000, C.disconnect("a"))
    expect(tags(h.when(C.reconnect("a"), 610_000).events)).toEqual(["AgentReconnected"])
    expect(h.presence("a")).toBe("RONA")
    expect(byTag(h.log, "PresenceChanged").filter((e) => e.atMs > 1_000)).toEqual([])
  })

  it("the end of a disconnected session logs a RONA agent out: the session ends, no presence change", () => {
    const h = idleInRona()
    h.given(40_000, C.disconnect("a"))
    const r = h.advanceTo(70_000)
    expect(tags(r.events)).toEqual(["AgentLoggedOut"])
    expect(one(r.events, "AgentLoggedOut").cause).toBe("disconnect")
    expect(byTag(r.events, "PresenceChanged")).toEqual([])
  })
})
