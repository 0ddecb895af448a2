/**
 * DESIGN section 2, "Abandonment and disconnects": patience runs from arrival until accept; running
 * out while queued or offered cancels the offer (no RONA) and closes the chat abandoned, counted once.
 * A disconnected agent keeps its work for a grace period (default 30 s); then its offers are cancelled
 * and its chats requeued at the front of their queue.
 */
import { describe, expect, it } from "vitest"
import { byTag, C, engine, one, rejection, snapshot, tags } from "./harness.ts"

const T = 30_000

const setup = () => engine({ queues: [{ id: "q" }], agents: [{ id: "a", capacity: 1 }, { id: "b", capacity: 1 }] })

describe("Abandonment", () => {
  it("patience running out while queued closes the chat abandoned (unanswered)", () => {
    const h = setup()
    const s = h.when(C.start("c1", "q", { patienceMs: 45_000 }), 100)
    expect(s.outputs).toContainEqual({ _tag: "StartTimer", timer: { _tag: "Patience", chatId: "c1" }, atMs: 45_100 })
    expect(h.advanceTo(45_099).events).toEqual([])
    const r = h.advanceTo(45_100)
    expect(tags(r.events)).toEqual(["ChatClosed"])
    expect(one(r.events, "ChatClosed")).toMatchObject({ chatId: "c1", outcome: "abandoned", answered: false })
    expect(h.waiting("q")).toEqual([])
    expect(h.status("c1")).toBe("Closed")
  })

  it("abandonment during an offer: OfferCancelled(abandoned), no RONA, the slot freed and reused, counted once", () => {
    const h = setup()
    h.ready(0, "a")
    h.given(0, C.start("c1", "q", { patienceMs: 10_000 }))
    h.given(5, C.start("c2", "q"))
    const r = h.advanceTo(10_000)
    expect(tags(r.events)).toEqual(["OfferCancelled", "ChatClosed", "OfferMade"])
    expect(one(r.events, "OfferCancelled")).toMatchObject({ chatId: "c1", agentId: "a", reason: "abandoned" })
    expect(one(r.events, "ChatClosed").outcome).toBe("abandoned")
    expect(r.outputs).toContainEqual({ _tag: "CancelTimer", timer: { _tag: "OfferDeadline", offerId: 1 } })
    expect(h.presence("a")).toBe("Available")
    expect(one(r.events, "OfferMade")).toMatchObject({ chatId: "c2", agentId: "a" })
    // nothing more comes of c1: its offer deadline, a late accept, a leave
    h.advanceTo(T + 1)
    expect(rejection(h.when(C.accept("a", 1), T + 2))).toBe("OFFER_NOT_PENDING")
    expect(rejection(h.when(C.leave("c1"), T + 3))).toBe("UNKNOWN_CHAT")
    expect(h.presence("a")).toBe("Available")
    expect(byTag(h.log, "ChatClosed").filter((e) => e.chatId === "c1")).toHaveLength(1)
  })

  it("the customer leaving while offered is abandonment too (no RONA)", () => {
    const h = setup()
    h.ready(0, "a")
    h.given(0, C.start("c1", "q"))
    const r = h.when(C.leave("c1"), 50)
    expect(tags(r.events)).toEqual(["OfferCancelled", "ChatClosed"])
    expect(one(r.events, "ChatClosed")).toMatchObject({ outcome: "abandoned", answered: false })
    expect(h.slots("a")).toBe(0)
    expect(h.presence("a")).toBe("Available")
  })

  it("patience keeps running across a RONA return to the queue", () => {
    const h = setup()
    h.ready(0, "a")
    h.given(0, C.start("c1", "q", { patienceMs: 40_000 }))
    h.advanceTo(T)
    expect(h.presence("a")).toBe("RONA")
    expect(one(h.advanceTo(40_000).events, "ChatClosed").outcome).toBe("abandoned")
  })

  it("patience stops at accept: the timer is cancelled and no abandonment follows", () => {
    const h = setup()
    h.ready(0, "a")
    h.given(0, C.start("c1", "q", { patienceMs: 10_000 }))
    const r = h.accept(5_000, "a", "c1")
    expect(r.outputs).toContainEqual({ _tag: "CancelTimer", timer: { _tag: "Patience", chatId: "c1" } })
    expect(h.timerAt("patience:c1")).toBeUndefined()
    // even a host that could not cancel it: the fired timer is ignored
    expect(h.when(C.fire({ _tag: "Patience", chatId: "c1" }), 10_000).events).toEqual([])
    expect(h.status("c1")).toBe("Active")
    expect(byTag(h.log, "ChatClosed")).toEqual([])
  })

  it("a stale patience timer of an earlier chat with the same id does not abandon the new one", () => {
    // timers.ts: a fired timer whose subject has moved on is ignored, so a host that cannot cancel stays correct
    const h = setup()
    h.given(0, C.start("c1", "q", { patienceMs: 10_000 }), C.leave("c1")) // closed; its timer would fire at 10 000
    h.given(5_000, C.start("c1", "q", { patienceMs: 60_000 })) // same id, patient until 65 000
    const r = h.when(C.fire({ _tag: "Patience", chatId: "c1" }), 10_000)
    expect(r.events).toEqual([])
    expect(h.status("c1")).toBe("Queued")
  })

  it("the customer leaving an active chat ends it: handlers wrap up, outcome completed", () => {
    const h = setup()
    h.ready(0, "a")
    h.given(0, C.start("c1", "q"))
    h.accept(5, "a", "c1")
    const r = h.when(C.leave("c1"), 50)
    expect(tags(r.events)).toEqual(["ChatEnded", "WrapUpStarted", "ChatClosed"])
    expect(one(r.events, "ChatEnded").by).toEqual({ _tag: "Customer" })
    expect(one(r.events, "ChatClosed")).toMatchObject({ outcome: "completed", answered: true })
    expect(h.agent("a").wrapUps.has("c1")).toBe(true)
  })
})

/**
 * a (capacity 3, offer timeout 60 s) at grace time holds: a pending wrap-up (cw), an active chat
 * (c1, arrived 10) and a pending offer (c2, arrived 12); c0 (arrived 0, declined by a) and c3 wait.
 * a disconnects at 20.
 */
const loaded = () => {
  const h = engine({
    offerTimeoutMs: 60_000,
    queues: [{ id: "q" }],
    agents: [{ id: "a", capacity: 3 }, { id: "b", capacity: 1 }]
  })
  h.ready(0, "a")
  h.given(0, C.login("b"), C.start("c0", "q"))
  h.given(1, C.decline("a", h.offerId("a", "c0")), C.available("a"))
  h.given(5, C.start("cw", "q"))
  h.accept(6, "a", "cw")
  h.given(7, C.end("a", "cw"))
  h.given(10, C.start("c1", "q"))
  h.accept(11, "a", "c1")
  h.given(12, C.start("c2", "q"))
  h.given(13, C.start("c3", "q"))
  expect(h.waiting("q")).toEqual(["c0", "c3"])
  h.given(20, C.disconnect("a"))
  return h
}

describe("Disconnects", () => {
  it("a disconnect starts the grace period (default 30 s) and stops new offers", () => {
    const h = setup()
    h.ready(0, "a")
    const r = h.when(C.disconnect("a"), 100)
    expect(one(r.events, "AgentDisconnected").graceDeadlineMs).toBe(30_100)
    expect(r.outputs).toContainEqual({ _tag: "StartTimer", timer: { _tag: "DisconnectGrace", agentId: "a" }, atMs: 30_100 })
    h.given(200, C.start("c1", "q"))
    expect(h.waiting("q")).toEqual(["c1"])
  })

  it("commands from a disconnected agent are refused (NOT_CONNECTED) and change nothing", () => {
    const h = loaded()
    const before = snapshot(h.state)
    for (const cmd of [
      C.accept("a", h.offerId("a", "c2")), C.write("a", "c1", "hi"), C.end("a", "c1"),
      C.wrapUp("a", "cw", "Resolved"), C.available("a"), C.logout("a"), C.transferToQueue("a", "c1", "q")
    ]) {
      expect(rejection(h.when(cmd, 100)), cmd._tag).toBe("NOT_CONNECTED")
    }
    expect(snapshot(h.state)).toEqual(before)
  })

  it("reconnect within the grace period: nothing lost, the grace timer cancelled", () => {
    const h = loaded()
    const r = h.when(C.reconnect("a"), 10_000)
    expect(tags(r.events)).toEqual(["AgentReconnected"])
    expect(r.outputs).toContainEqual({ _tag: "CancelTimer", timer: { _tag: "DisconnectGrace", agentId: "a" } })
    expect(h.advanceTo(40_000).events).toEqual([])
    expect(h.presence("a")).toBe("Available")
    expect(h.chat("c1")?.owner).toBe("a")
    expect(h.agent("a").wrapUps.has("cw")).toBe(true)
    expect(tags(h.accept(40_001, "a", "c2").events)).toEqual(["OfferAccepted"])
    expect(h.slots("a")).toBe(3)
  })

  it("grace expiry: offers cancelled (no RONA), owned chats requeued at the front, wrap-ups auto-submitted, logged out", () => {
    const h = loaded()
    const r = h.advanceTo(20 + T)
    expect(tags(r.events)).toEqual([
      "OfferCancelled", "WrapUpStarted", "ChatQueued", "WrapUpSubmitted", "WrapUpSubmitted", "AgentLoggedOut"
    ])
    expect(one(r.events, "OfferCancelled")).toMatchObject({ chatId: "c2", agentId: "a", reason: "disconnect" })
    expect(byTag(r.events, "PresenceChanged")).toEqual([])
    expect(one(r.events, "ChatQueued")).toMatchObject({ chatId: "c1", queueId: "q", reason: "disconnect", front: true })
    expect(byTag(r.events, "WrapUpSubmitted").map((e) => [e.chatId, e.reason, e.auto])).toEqual([
      ["cw", "Resolved", true], ["c1", "Resolved", true]
    ])
    expect(one(r.events, "AgentLoggedOut").cause).toBe("disconnect")
    expect(h.presence("a")).toBe("LoggedOut")
    expect(h.slots("a")).toBe(0)
    // c1 is ahead of even older waiting chats; c2 is back at its own place
    expect(h.waiting("q")).toEqual(["c1", "c0", "c2", "c3"])
    expect(one(h.when(C.available("b"), 20 + T + 10).events, "OfferMade").chatId).toBe("c1")
  })

  it("a stale grace timer from an earlier disconnect does not cut the current grace period short", () => {
    // timers.ts: "A fired timer whose subject has moved on is ignored (no events), so a host that
    // cannot cancel stays correct."
    const h = setup()
    h.ready(0, "a")
    h.given(0, C.start("c1", "q"))
    h.accept(1, "a", "c1")
    h.given(10, C.disconnect("a")) // grace until 30 010
    h.given(20, C.reconnect("a"))
    h.given(20_000, C.disconnect("a")) // grace until 50 000
    // When the first disconnect's grace timer fires anyway (a host that cannot cancel)
    const r = h.when(C.fire({ _tag: "DisconnectGrace", agentId: "a" }), 30_010)
    // Then nothing happens: the agent still has until 50 000
    expect(r.events).toEqual([])
    expect(h.chat("c1")?.owner).toBe("a")
    expect(h.presence("a")).toBe("Available")
  })
})
