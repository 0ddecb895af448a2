/**
 * Queues and routing (agent selection): when a chat arrives, the policy picks the
 * agent: longest-available (default; availableSince = later of entering Available and last slot
 * release), least-busy, round-robin, skills-best. Ties always break by agent id.
 */
import { describe, expect, it } from "vitest"
import type { AgentInput, RoutingPolicy } from "../../../core/config.ts"
import type { Harness } from "./harness.ts"
import { C, engine, one } from "./harness.ts"

const withPolicy = (policy: RoutingPolicy | undefined, agents: ReadonlyArray<AgentInput>) =>
  engine({ ...(policy === undefined ? {} : { policy }), queues: [{ id: "q" }], agents })

/** Start chats one per ms from `t`, returning the agent each was offered to. */
const arrivals = (h: Harness, t: number, ids: ReadonlyArray<string>): Array<string | undefined> =>
  ids.map((id, i) => {
    const r = h.when(C.start(id, "q"), t + i)
    return one(r.events, "OfferMade").agentId
  })

describe("Routing policy: longest-available (default)", () => {
  it("picks the agent Available the longest; taking an offer does not reset availableSince", () => {
    // Given a (Available at 0), c (at 5), b (at 10), capacity 2 each, default policy
    const h = withPolicy(undefined, [
      { id: "a", capacity: 2 },
      { id: "b", capacity: 2 },
      { id: "c", capacity: 2 }
    ])
    h.ready(0, "a")
    h.ready(5, "c")
    h.ready(10, "b")
    // When two chats arrive: both go to a (an offer does not release a slot)
    expect(arrivals(h, 20, ["x1", "x2"])).toEqual(["a", "a"])
  })

  it("availableSince moves to the last slot release: a freed agent goes to the back", () => {
    const h = withPolicy("longest-available", [
      { id: "a", capacity: 2 },
      { id: "b", capacity: 2 },
      { id: "c", capacity: 2 }
    ])
    h.ready(0, "a")
    h.ready(5, "c")
    h.ready(10, "b")
    h.given(20, C.start("x1", "q"))
    h.accept(30, "a", "x1")
    h.given(40, C.end("a", "x1"), C.wrapUp("a", "x1"))
    expect(h.agent("a").availableSinceMs).toBe(40)
    // Then the order is c (5), b (10), a (40); c and b have two slots each
    expect(arrivals(h, 50, ["y1", "y2", "y3", "y4", "y5"])).toEqual(["c", "c", "b", "b", "a"])
  })

  it("a later return to Available wins over an earlier slot release", () => {
    const h = withPolicy("longest-available", [
      { id: "a", capacity: 2 },
      { id: "b", capacity: 2 }
    ])
    h.ready(0, "a")
    h.given(0, C.start("x1", "q"))
    h.accept(1, "a", "x1")
    h.given(2, C.idle("a", "Break"), C.end("a", "x1"), C.wrapUp("a", "x1"))
    h.ready(10, "b")
    h.given(20, C.available("a"))
    expect(arrivals(h, 30, ["y1"])).toEqual(["b"])
  })

  it("ties on availableSince break by agent id, not by configuration order", () => {
    const h = withPolicy("longest-available", [
      { id: "b", capacity: 1 },
      { id: "a", capacity: 1 }
    ])
    h.ready(0, "b", "a")
    expect(arrivals(h, 10, ["x1", "x2"])).toEqual(["a", "b"])
  })
})

describe("Routing policy: least-busy", () => {
  it("picks the fewest used slots, then the longest Available", () => {
    // Given c Available at 0, b at 5, a at 10 (capacity 5)
    const h = withPolicy("least-busy", [{ id: "a" }, { id: "b" }, { id: "c" }])
    h.ready(0, "c")
    h.ready(5, "b")
    h.ready(10, "a")
    // Then each arrival goes to the least busy; equal load -> longest Available
    expect(arrivals(h, 20, ["x1", "x2", "x3", "x4", "x5"])).toEqual(["c", "b", "a", "c", "b"])
  })

  it("equal load and equal availableSince break by agent id", () => {
    const h = withPolicy("least-busy", [{ id: "c" }, { id: "b" }, { id: "a" }])
    h.ready(0, "c", "b", "a")
    expect(arrivals(h, 10, ["x1", "x2", "x3", "x4"])).toEqual(["a", "b", "c", "a"])
  })

  it("a busier agent that has been Available longer loses to an idle newcomer", () => {
    const h = withPolicy("least-busy", [{ id: "a" }, { id: "b" }])
    h.ready(0, "a")
    h.given(1, C.start("x1", "q"))
    h.accept(2, "a", "x1")
    h.ready(10, "b")
    expect(arrivals(h, 20, ["y1"])).toEqual(["b"])
  })
})

describe("Routing policy: round-robin", () => {
  it("rotates over eligible agents in id order, whatever their availableSince", () => {
    const h = withPolicy("round-robin", [{ id: "a" }, { id: "b" }, { id: "c" }])
    h.ready(0, "c")
    h.ready(5, "b")
    h.ready(10, "a")
    expect(arrivals(h, 20, ["x1", "x2", "x3", "x4", "x5"])).toEqual(["a", "b", "c", "a", "b"])
  })

  it("skips an agent that is not eligible and keeps the rotation", () => {
    const h = withPolicy("round-robin", [{ id: "a" }, { id: "b" }, { id: "c" }])
    h.ready(0, "a", "b", "c")
    expect(arrivals(h, 10, ["x1", "x2"])).toEqual(["a", "b"])
    h.given(20, C.idle("a", "Break"))
    expect(arrivals(h, 30, ["x3", "x4", "x5"])).toEqual(["c", "b", "c"])
  })
})

describe("Routing policy: skills-best", () => {
  it("picks the highest proficiency in the queue's skill, then the longest Available", () => {
    const h = engine({
      policy: "skills-best",
      queues: [{ id: "q", skill: "billing" }],
      agents: [
        { id: "a", capacity: 1, skills: { billing: 1 } },
        { id: "b", capacity: 1, skills: { billing: 5 } },
        { id: "c", capacity: 1, skills: { billing: 5, sales: 9 } },
        { id: "d", capacity: 1, skills: { sales: 10 } }
      ]
    })
    h.ready(0, "a", "d")
    h.ready(5, "c")
    h.ready(10, "b")
    // c and b (5) before a (1) before d (no billing skill); c before b: Available longer
    expect(arrivals(h, 20, ["x1", "x2", "x3", "x4"])).toEqual(["c", "b", "a", "d"])
  })

  it("the skill defaults to the queue id; equal proficiency and availableSince break by agent id", () => {
    const h = withPolicy("skills-best", [
      { id: "c", capacity: 1, skills: { q: 3 } },
      { id: "b", capacity: 1, skills: { q: 3 } },
      { id: "a", capacity: 1, skills: { q: 2 } }
    ])
    h.ready(0, "c", "b", "a")
    expect(arrivals(h, 10, ["x1", "x2", "x3"])).toEqual(["b", "c", "a"])
  })
})
