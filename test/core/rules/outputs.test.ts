/**
 * Outputs (timers as data): StartTimer for the offer deadline at
 * offeredAt + offerTimeout (default 30 s), CancelTimer when the offer is answered, Notify to the
 * parties concerned.
 */
import { describe, expect, it } from "@effect/vitest"
import * as Effect from "effect/Effect"
import type { Output } from "../../../core/outputs.ts"
import { C, engine } from "./harness.ts"

const notifies = (outputs: ReadonlyArray<Output>) =>
  outputs.flatMap((o) =>
    o._tag === "Notify"
      ? [[o.party._tag === "Agent" ? o.party.agentId : `customer:${o.party.chatId}`, o.message._tag]]
      : []
  )

describe("Outputs", () => {
  it.effect("an offer starts its deadline timer at offeredAt + 30 s by default and notifies the offered agent", () =>
    Effect.gen(function* () {
      const h = yield* engine({ queues: [{ id: "q" }], agents: [{ id: "a" }, { id: "b" }] })
      yield* h.ready(0, "a")
      yield* h.given(0, C.login("b"))
      const r = yield* h.when(C.start("c1", "q"), 1_234)
      expect(r.outputs).toContainEqual({
        _tag: "StartTimer",
        timer: { _tag: "OfferDeadline", offerId: 1 },
        atMs: 31_234
      })
      const toA = r.outputs.filter((o) => o._tag === "Notify" && o.party._tag === "Agent")
      expect(toA).toHaveLength(1)
      expect(toA[0]).toMatchObject({
        party: { _tag: "Agent", agentId: "a" },
        message: { _tag: "OfferMade", offerId: 1, chatId: "c1", agentId: "a", deadlineMs: 31_234 }
      })
      expect(notifies(r.outputs).filter(([who]) => who === "b")).toEqual([])
    })
  )

  it.effect("the deadline follows the configured offerTimeout", () =>
    Effect.gen(function* () {
      const h = yield* engine({ offerTimeoutMs: 8_000, queues: [{ id: "q" }], agents: [{ id: "a" }] })
      yield* h.ready(0, "a")
      yield* h.given(100, C.start("c1", "q"))
      expect(h.timerAt("offer:1")).toBe(8_100)
    })
  )

  it.effect("accept cancels the offer deadline timer (and the chat's patience and maxWait timers)", () =>
    Effect.gen(function* () {
      const h = yield* engine({ queues: [{ id: "q", maxWaitMs: 60_000 }], agents: [{ id: "a" }] })
      yield* h.ready(0, "a")
      yield* h.given(0, C.start("c1", "q", { patienceMs: 50_000 }))
      expect(
        h
          .pendingTimers()
          .map((t) => t.id)
          .sort()
      ).toEqual(["maxwait:c1:1", "offer:1", "patience:c1"])
      const r = yield* h.accept(10, "a", "c1")
      expect(r.outputs).toContainEqual({ _tag: "CancelTimer", timer: { _tag: "OfferDeadline", offerId: 1 } })
      expect(r.outputs).toContainEqual({ _tag: "CancelTimer", timer: { _tag: "Patience", chatId: "c1" } })
      expect(r.outputs).toContainEqual({ _tag: "CancelTimer", timer: { _tag: "MaxWait", chatId: "c1", segment: 1 } })
      expect(h.pendingTimers()).toEqual([])
      expect(notifies(r.outputs)).toEqual([
        ["a", "OfferAccepted"],
        ["customer:c1", "OfferAccepted"]
      ])
    })
  )

  it.effect("decline cancels the offer deadline timer; the decliner hears of its offer and presence", () =>
    Effect.gen(function* () {
      const h = yield* engine({ queues: [{ id: "q" }], agents: [{ id: "a" }] })
      yield* h.ready(0, "a")
      yield* h.given(0, C.start("c1", "q"))
      const r = yield* h.when(C.decline("a", 1), 10)
      expect(r.outputs).toContainEqual({ _tag: "CancelTimer", timer: { _tag: "OfferDeadline", offerId: 1 } })
      expect(h.timerAt("offer:1")).toBeUndefined()
      expect(notifies(r.outputs)).toEqual([
        ["a", "OfferDeclined"],
        ["a", "PresenceChanged"]
      ])
    })
  )

  it.effect("expiry tells the agent of the expired offer and its RONA presence", () =>
    Effect.gen(function* () {
      const h = yield* engine({ queues: [{ id: "q" }], agents: [{ id: "a" }] })
      yield* h.ready(0, "a")
      yield* h.given(0, C.start("c1", "q"))
      const r = yield* h.advanceTo(30_000)
      expect(notifies(r.outputs)).toEqual([
        ["a", "OfferExpired"],
        ["a", "PresenceChanged"]
      ])
    })
  )

  it.effect("a queue with maxWait starts its timer when the chat is queued", () =>
    Effect.gen(function* () {
      const h = yield* engine({ queues: [{ id: "q", maxWaitMs: 45_000 }], agents: [{ id: "a" }] })
      const r = yield* h.when(C.start("c1", "q"), 500)
      expect(r.outputs).toContainEqual({
        _tag: "StartTimer",
        timer: { _tag: "MaxWait", chatId: "c1", segment: 1 },
        atMs: 45_500
      })
      expect(notifies(r.outputs)).toEqual([["customer:c1", "ChatQueued"]])
    })
  )

  it.effect("a rejection is told to the agent that sent the command", () =>
    Effect.gen(function* () {
      const h = yield* engine({ queues: [{ id: "q" }], agents: [{ id: "a" }] })
      const r = yield* h.when(C.available("a"), 0)
      expect(notifies(r.outputs)).toEqual([["a", "CommandRejected"]])
    })
  )
})
