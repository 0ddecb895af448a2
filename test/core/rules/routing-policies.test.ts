/**
 * Queues and routing (agent selection): when a chat arrives, the policy picks the
 * agent: longest-available (default; availableSince = later of entering Available and last slot
 * release), least-busy, round-robin, skills-best. Ties always break by agent id.
 */
import { describe, expect, it } from "@effect/vitest"
import * as Effect from "effect/Effect"
import type { AgentInput, RoutingPolicy } from "../../../core/config.ts"
import type { Harness } from "./harness.ts"
import { C, engine, one } from "./harness.ts"

const withPolicy = (policy: RoutingPolicy | undefined, agents: ReadonlyArray<AgentInput>) =>
  engine({ ...(policy === undefined ? {} : { policy }), queues: [{ id: "q" }], agents })

/** Start chats one per ms from `t`, returning the agent each was offered to. */
const arrivals = (h: Harness, t: number, ids: ReadonlyArray<string>) =>
  Effect.forEach(ids, (id, i) =>
    Effect.map(h.when(C.start(id, "q"), t + i), (r): string | undefined => one(r.events, "OfferMade").agentId)
  )

describe("Routing policy: longest-available (default)", () => {
  it.effect("picks the agent Available the longest; taking an offer does not reset availableSince", () =>
    Effect.gen(function* () {
      // Given a (Available at 0), c (at 5), b (at 10), capacity 2 each, default policy
      const h = yield* withPolicy(undefined, [
        { id: "a", capacity: 2 },
        { id: "b", capacity: 2 },
        { id: "c", capacity: 2 }
      ])
      yield* h.ready(0, "a")
      yield* h.ready(5, "c")
      yield* h.ready(10, "b")
      // When two chats arrive: both go to a (an offer does not release a slot)
      expect(yield* arrivals(h, 20, ["x1", "x2"])).toEqual(["a", "a"])
    })
  )

  it.effect("availableSince moves to the last slot release: a freed agent goes to the back", () =>
    Effect.gen(function* () {
      const h = yield* withPolicy("longest-available", [
        { id: "a", capacity: 2 },
        { id: "b", capacity: 2 },
        { id: "c", capacity: 2 }
      ])
      yield* h.ready(0, "a")
      yield* h.ready(5, "c")
      yield* h.ready(10, "b")
      yield* h.given(20, C.start("x1", "q"))
      yield* h.accept(30, "a", "x1")
      yield* h.given(40, C.end("a", "x1"), C.wrapUp("a", "x1"))
      expect(h.agent("a").availableSinceMs).toBe(40)
      // Then the order is c (5), b (10), a (40); c and b have two slots each
      expect(yield* arrivals(h, 50, ["y1", "y2", "y3", "y4", "y5"])).toEqual(["c", "c", "b", "b", "a"])
    })
  )

  it.effect("a later return to Available wins over an earlier slot release", () =>
    Effect.gen(function* () {
      const h = yield* withPolicy("longest-available", [
        { id: "a", capacity: 2 },
        { id: "b", capacity: 2 }
      ])
      yield* h.ready(0, "a")
      yield* h.given(0, C.start("x1", "q"))
      yield* h.accept(1, "a", "x1")
      yield* h.given(2, C.idle("a", "Break"), C.end("a", "x1"), C.wrapUp("a", "x1"))
      yield* h.ready(10, "b")
      yield* h.given(20, C.available("a"))
      expect(yield* arrivals(h, 30, ["y1"])).toEqual(["b"])
    })
  )

  it.effect("ties on availableSince break by agent id, not by configuration order", () =>
    Effect.gen(function* () {
      const h = yield* withPolicy("longest-available", [
        { id: "b", capacity: 1 },
        { id: "a", capacity: 1 }
      ])
      yield* h.ready(0, "b", "a")
      expect(yield* arrivals(h, 10, ["x1", "x2"])).toEqual(["a", "b"])
    })
  )
})

describe("Routing policy: least-busy", () => {
  it.effect("picks the fewest used slots, then the longest Available", () =>
    Effect.gen(function* () {
      // Given c Available at 0, b at 5, a at 10 (capacity 5)
      const h = yield* withPolicy("least-busy", [{ id: "a" }, { id: "b" }, { id: "c" }])
      yield* h.ready(0, "c")
      yield* h.ready(5, "b")
      yield* h.ready(10, "a")
      // Then each arrival goes to the least busy; equal load -> longest Available
      expect(yield* arrivals(h, 20, ["x1", "x2", "x3", "x4", "x5"])).toEqual(["c", "b", "a", "c", "b"])
    })
  )

  it.effect("equal load and equal availableSince break by agent id", () =>
    Effect.gen(function* () {
      const h = yield* withPolicy("least-busy", [{ id: "c" }, { id: "b" }, { id: "a" }])
      yield* h.ready(0, "c", "b", "a")
      expect(yield* arrivals(h, 10, ["x1", "x2", "x3", "x4"])).toEqual(["a", "b", "c", "a"])
    })
  )

  it.effect("a busier agent that has been Available longer loses to an idle newcomer", () =>
    Effect.gen(function* () {
      const h = yield* withPolicy("least-busy", [{ id: "a" }, { id: "b" }])
      yield* h.ready(0, "a")
      yield* h.given(1, C.start("x1", "q"))
      yield* h.accept(2, "a", "x1")
      yield* h.ready(10, "b")
      expect(yield* arrivals(h, 20, ["y1"])).toEqual(["b"])
    })
  )
})

describe("Routing policy: round-robin", () => {
  it.effect("rotates over eligible agents in id order, whatever their availableSince", () =>
    Effect.gen(function* () {
      const h = yield* withPolicy("round-robin", [{ id: "a" }, { id: "b" }, { id: "c" }])
      yield* h.ready(0, "c")
      yield* h.ready(5, "b")
      yield* h.ready(10, "a")
      expect(yield* arrivals(h, 20, ["x1", "x2", "x3", "x4", "x5"])).toEqual(["a", "b", "c", "a", "b"])
    })
  )

  it.effect("skips an agent that is not eligible and keeps the rotation", () =>
    Effect.gen(function* () {
      const h = yield* withPolicy("round-robin", [{ id: "a" }, { id: "b" }, { id: "c" }])
      yield* h.ready(0, "a", "b", "c")
      expect(yield* arrivals(h, 10, ["x1", "x2"])).toEqual(["a", "b"])
      yield* h.given(20, C.idle("a", "Break"))
      expect(yield* arrivals(h, 30, ["x3", "x4", "x5"])).toEqual(["c", "b", "c"])
    })
  )
})

describe("Routing policy: skills-best", () => {
  it.effect("picks the highest proficiency in the queue's skill, then the longest Available", () =>
    Effect.gen(function* () {
      const h = yield* engine({
        policy: "skills-best",
        queues: [{ id: "q", skill: "billing" }],
        agents: [
          { id: "a", capacity: 1, skills: { billing: 1 } },
          { id: "b", capacity: 1, skills: { billing: 5 } },
          { id: "c", capacity: 1, skills: { billing: 5, sales: 9 } },
          { id: "d", capacity: 1, skills: { sales: 10 } }
        ]
      })
      yield* h.ready(0, "a", "d")
      yield* h.ready(5, "c")
      yield* h.ready(10, "b")
      // c and b (5) before a (1) before d (no billing skill); c before b: Available longer
      expect(yield* arrivals(h, 20, ["x1", "x2", "x3", "x4"])).toEqual(["c", "b", "a", "d"])
    })
  )

  it.effect("the skill defaults to the queue id; equal proficiency and availableSince break by agent id", () =>
    Effect.gen(function* () {
      const h = yield* withPolicy("skills-best", [
        { id: "c", capacity: 1, skills: { q: 3 } },
        { id: "b", capacity: 1, skills: { q: 3 } },
        { id: "a", capacity: 1, skills: { q: 2 } }
      ])
      yield* h.ready(0, "c", "b", "a")
      expect(yield* arrivals(h, 10, ["x1", "x2", "x3"])).toEqual(["b", "c", "a"])
    })
  )
})
