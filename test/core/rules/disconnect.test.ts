/**
 * Disconnects: a disconnected agent keeps its chats for a grace period (default 30 s) and may not
 * act; its pending offers are cancelled at the disconnect; when the grace period ends its chats are
 * requeued at the front of their queue, its wrap-ups submitted and its session ends (logout).
 */
import { describe, expect, it } from "vitest"
import { byTag, C, engine, one, rejection, snapshot, tags } from "./harness.ts"

const T = 30_000

const setup = () => engine({ queues: [{ id: "q" }], agents: [{ id: "a", capacity: 1 }, { id: "b", capacity: 1 }] })

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
