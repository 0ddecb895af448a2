/**
 * Chat lifecycle: Queued -> Offered -> Active -> WrapUp(per agent) -> Closed,
 * one outcome per chat, inbound and proactive chats.
 */
import { describe, expect, it } from "vitest"
import { byTag, C, engine, one, rejection, snapshot, tags } from "./harness.ts"

const setup = () => engine({ queues: [{ id: "q" }, { id: "r" }], agents: [{ id: "a", capacity: 1 }] })

describe("Chat lifecycle", () => {
  it("an inbound chat arrives and is queued as segment 1 with its arrival as enqueue time", () => {
    const h = setup()
    // When a customer starts a chat with nobody Available
    const r = h.when(C.start("c1", "q", { customerName: "Ada" }), 100)
    // Then it arrives and is queued
    expect(tags(r.events)).toEqual(["ChatArrived", "ChatQueued"])
    expect(one(r.events, "ChatArrived")).toMatchObject({
      chatId: "c1",
      queueId: "q",
      customerName: "Ada",
      proactive: false,
      priority: 0
    })
    expect(one(r.events, "ChatQueued")).toMatchObject({
      segment: 1,
      reason: "arrival",
      enqueuedAtMs: 100,
      front: false
    })
    expect(h.status("c1")).toBe("Queued")
    expect(h.waiting("q")).toEqual(["c1"])
  })

  it("walks Queued -> Offered -> Active -> wrap-up -> Closed(completed)", () => {
    const h = setup()
    h.given(0, C.start("c1", "q"))
    expect(h.status("c1")).toBe("Queued")
    h.ready(10, "a")
    expect(h.status("c1")).toBe("Offered")
    h.accept(20, "a", "c1")
    expect(h.status("c1")).toBe("Active")
    expect(h.chat("c1")?.owner).toBe("a")
    // When the agent ends it
    const r = h.when(C.end("a", "c1"), 30)
    // Then the conversation ends, the agent wraps up, the chat closes completed and answered
    expect(tags(r.events)).toEqual(["ChatEnded", "WrapUpStarted", "ChatClosed"])
    expect(one(r.events, "ChatClosed")).toMatchObject({ outcome: "completed", answered: true })
    expect(h.status("c1")).toBe("Closed")
    expect(h.agent("a").wrapUps.has("c1")).toBe(true)
    // And the closed chat takes no more commands
    expect(rejection(h.when(C.say("c1", "hello?"), 40))).toBe("UNKNOWN_CHAT")
  })

  it("every chat closes with exactly one outcome", () => {
    const h = engine({ queues: [{ id: "q", maxWaitMs: 1000 }], agents: [{ id: "a" }] })
    h.given(0, C.start("expires", "q"), C.start("abandons", "q", { patienceMs: 500 }))
    h.advanceTo(5000)
    h.ready(5000, "a")
    h.given(5000, C.start("done", "q"))
    h.accept(5010, "a", "done")
    h.given(5020, C.leave("done"))
    const closed = byTag(h.log, "ChatClosed").map((e) => [e.chatId, e.outcome])
    expect(closed).toEqual([
      ["abandons", "abandoned"],
      ["expires", "expired"],
      ["done", "completed"]
    ])
  })

  it("a proactive chat (invitation accepted) carries proactive: true in its event and state", () => {
    const h = setup()
    const r = h.when(C.start("p1", "q", { proactive: true }), 0)
    expect(one(r.events, "ChatArrived").proactive).toBe(true)
    expect(h.chat("p1")?.proactive).toBe(true)
    h.ready(10, "a")
    h.accept(20, "a", "p1")
    expect(h.chat("p1")?.proactive).toBe(true)
  })

  it("an already open chat id is refused (DUPLICATE_CHAT), an unknown queue too (UNKNOWN_QUEUE)", () => {
    const h = setup()
    h.given(0, C.start("c1", "q"))
    const before = snapshot(h.state)
    expect(rejection(h.when(C.start("c1", "r"), 10))).toBe("DUPLICATE_CHAT")
    expect(rejection(h.when(C.start("c2", "nowhere"), 10))).toBe("UNKNOWN_QUEUE")
    expect(snapshot(h.state)).toEqual(before)
  })

  it("a customer has at most one open chat (CUSTOMER_HAS_OPEN_CHAT); after it closes, a new one is fine", () => {
    const h = setup()
    h.given(0, C.start("c1", "q", { customerId: "cust-7" }))
    expect(rejection(h.when(C.start("c2", "q", { customerId: "cust-7" }), 10))).toBe("CUSTOMER_HAS_OPEN_CHAT")
    h.given(20, C.leave("c1"))
    expect(tags(h.when(C.start("c2", "q", { customerId: "cust-7" }), 30).events)).toEqual(["ChatArrived", "ChatQueued"])
  })

  it("chat priority is carried from StartChat", () => {
    const h = setup()
    expect(one(h.when(C.start("c1", "q", { priority: 3 }), 0).events, "ChatArrived").priority).toBe(3)
    expect(h.chat("c1")?.priority).toBe(3)
  })
})
