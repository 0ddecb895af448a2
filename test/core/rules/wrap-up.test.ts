/**
 * End and wrap-up: the agent ends the chat (or the customer leaves); every agent
 * that handled it enters wrap-up and submits exactly one reason from the configured list; the slot
 * is freed on submit; optional autoWrapUp submits the default reason after a delay.
 */
import { describe, expect, it } from "@effect/vitest"
import * as Effect from "effect/Effect"
import type { EngineConfigInput } from "../../../core/config.ts"
import { byTag, C, engine, one, rejection, snapshot, tags } from "./harness.ts"

const REASONS = ["Solved", "Callback", "Spam"]

/** a (capacity 1) owns c1 (accepted at 10); c2 waits. */
const owned = (extra: Partial<Pick<EngineConfigInput, "autoWrapUpMs" | "defaultWrapUpReason">> = {}) =>
  Effect.gen(function* () {
    const h = yield* engine({
      ...extra,
      wrapUpReasons: REASONS,
      queues: [{ id: "q" }],
      agents: [
        { id: "a", capacity: 1 },
        { id: "b", capacity: 1 }
      ]
    })
    yield* h.ready(0, "a")
    yield* h.given(0, C.start("c1", "q"), C.login("b"))
    yield* h.accept(10, "a", "c1")
    yield* h.given(15, C.start("c2", "q"))
    return h
  })

describe("End and wrap-up", () => {
  it.effect("End: the owner enters wrap-up and the chat closes completed", () =>
    Effect.gen(function* () {
      const h = yield* owned()
      const r = yield* h.when(C.end("a", "c1"), 20)
      expect(tags(r.events)).toEqual(["ChatEnded", "WrapUpStarted", "ChatClosed"])
      expect(one(r.events, "ChatEnded").by).toEqual({ _tag: "Agent", agentId: "a" })
      expect(one(r.events, "WrapUpStarted")).toMatchObject({ agentId: "a", chatId: "c1" })
      expect(one(r.events, "WrapUpStarted").autoDeadlineMs).toBeUndefined()
      expect(h.agent("a").wrapUps.has("c1")).toBe(true)
      expect(h.slots("a")).toBe(1)
    })
  )

  it.effect("every agent that handled the chat wraps up: the transfer source at transfer, the new owner at End", () =>
    Effect.gen(function* () {
      const h = yield* owned()
      yield* h.given(20, C.leave("c2"), C.available("b"))
      yield* h.given(25, C.transferTo("a", "c1", "b"))
      yield* h.accept(30, "b", "c1")
      yield* h.given(40, C.end("b", "c1"))
      expect(byTag(h.log, "WrapUpStarted").map((e) => [e.agentId, e.atMs])).toEqual([
        ["a", 25],
        ["b", 40]
      ])
      yield* h.given(50, C.wrapUp("a", "c1", "Callback"), C.wrapUp("b", "c1", "Solved"))
      expect(byTag(h.log, "WrapUpSubmitted").map((e) => [e.agentId, e.reason])).toEqual([
        ["a", "Callback"],
        ["b", "Solved"]
      ])
    })
  )

  it.effect("only the owner may end the chat (NOT_PARTICIPANT for others)", () =>
    Effect.gen(function* () {
      const h = yield* owned()
      yield* h.given(20, C.available("b"))
      expect(rejection(yield* h.when(C.end("b", "c1"), 30))).toBe("NOT_PARTICIPANT")
      expect(rejection(yield* h.when(C.end("b", "c2"), 30))).toBe("NOT_ACCEPTED_YET")
    })
  )

  it.effect("an unknown reason is refused (UNKNOWN_WRAPUP_REASON) naming the list; the slot stays held", () =>
    Effect.gen(function* () {
      const h = yield* owned()
      yield* h.given(20, C.end("a", "c1"))
      const before = snapshot(h.state)
      const r = yield* h.when(C.wrapUp("a", "c1", "Resolved"), 30) // a default reason, but not in this config
      expect(rejection(r)).toBe("UNKNOWN_WRAPUP_REASON")
      expect(one(r.events, "CommandRejected").message).toContain("Solved")
      expect(snapshot(h.state)).toEqual(before)
      expect(h.slots("a")).toBe(1)
      expect(h.waiting("q")).toEqual(["c2"])
    })
  )

  it.effect("a valid reason frees the slot and routing gives it the next chat at once", () =>
    Effect.gen(function* () {
      const h = yield* owned()
      yield* h.given(20, C.end("a", "c1"))
      const r = yield* h.when(C.wrapUp("a", "c1", "Spam"), 30)
      expect(tags(r.events)).toEqual(["WrapUpSubmitted", "OfferMade"])
      expect(one(r.events, "WrapUpSubmitted")).toMatchObject({ reason: "Spam", auto: false })
      expect(one(r.events, "OfferMade").chatId).toBe("c2")
      expect(h.agent("a").wrapUps.size).toBe(0)
      expect(h.agent("a").availableSinceMs).toBe(30)
    })
  )

  it.effect("a second submit for the same chat is refused (NO_WRAPUP_PENDING)", () =>
    Effect.gen(function* () {
      const h = yield* owned()
      yield* h.given(20, C.end("a", "c1"), C.wrapUp("a", "c1", "Solved"))
      const before = snapshot(h.state)
      expect(rejection(yield* h.when(C.wrapUp("a", "c1", "Solved"), 30))).toBe("NO_WRAPUP_PENDING")
      expect(snapshot(h.state)).toEqual(before)
      expect(byTag(h.log, "WrapUpSubmitted")).toHaveLength(1)
    })
  )

  it.effect("a submit for a chat still open, or never handled, is refused (NO_WRAPUP_PENDING)", () =>
    Effect.gen(function* () {
      const h = yield* owned()
      expect(rejection(yield* h.when(C.wrapUp("a", "c1", "Solved"), 20))).toBe("NO_WRAPUP_PENDING")
      expect(rejection(yield* h.when(C.wrapUp("a", "zzz", "Solved"), 20))).toBe("NO_WRAPUP_PENDING")
    })
  )

  it.effect("autoWrapUpMs submits the default reason at the deadline, freeing the slot", () =>
    Effect.gen(function* () {
      const h = yield* owned({ autoWrapUpMs: 5_000, defaultWrapUpReason: "Callback" })
      const r = yield* h.when(C.end("a", "c1"), 20)
      expect(one(r.events, "WrapUpStarted").autoDeadlineMs).toBe(5_020)
      expect(r.outputs).toContainEqual({
        _tag: "StartTimer",
        timer: { _tag: "AutoWrapUp", agentId: "a", chatId: "c1" },
        atMs: 5_020
      })
      expect((yield* h.advanceTo(5_019)).events).toEqual([])
      const t = yield* h.advanceTo(5_020)
      expect(one(t.events, "WrapUpSubmitted")).toMatchObject({
        agentId: "a",
        chatId: "c1",
        reason: "Callback",
        auto: true,
        atMs: 5_020
      })
      expect(one(t.events, "OfferMade").chatId).toBe("c2")
      expect(h.agent("a").wrapUps.size).toBe(0)
    })
  )

  it.effect("a manual submit before the deadline cancels the auto wrap-up; a stale timer does nothing", () =>
    Effect.gen(function* () {
      const h = yield* owned({ autoWrapUpMs: 5_000 })
      yield* h.given(20, C.end("a", "c1"))
      const r = yield* h.when(C.wrapUp("a", "c1", "Spam"), 1_000)
      expect(r.outputs).toContainEqual({
        _tag: "CancelTimer",
        timer: { _tag: "AutoWrapUp", agentId: "a", chatId: "c1" }
      })
      expect(h.timerAt("wrapup:a:c1")).toBeUndefined()
      // a host that could not cancel fires it anyway: ignored
      expect((yield* h.when(C.fire({ _tag: "AutoWrapUp", agentId: "a", chatId: "c1" }), 5_020)).events).toEqual([])
      expect(byTag(h.log, "WrapUpSubmitted")).toHaveLength(1)
    })
  )

  it.effect(
    "a stale auto wrap-up timer of an earlier wrap-up of the same chat does not submit the current one early",
    () =>
      Effect.gen(function* () {
        // a wraps c1 up twice (transfer to a queue, then again after taking it back); a host that cannot
        // cancel fires the first auto timer: the second wrap-up must wait for its own deadline.
        const h = yield* owned({ autoWrapUpMs: 5_000 })
        yield* h.given(16, C.leave("c2"))
        yield* h.given(20, C.transferToQueue("a", "c1", "q")) // auto deadline 5 020
        yield* h.given(30, C.wrapUp("a", "c1", "Solved"))
        yield* h.accept(40, "a", "c1")
        yield* h.given(3_000, C.end("a", "c1")) // auto deadline 8 000
        const r = yield* h.when(C.fire({ _tag: "AutoWrapUp", agentId: "a", chatId: "c1" }), 5_020)
        expect(r.events).toEqual([])
        expect(h.agent("a").wrapUps.has("c1")).toBe(true)
      })
  )

  it.effect("the default reason list and default reason apply when none are configured", () =>
    Effect.gen(function* () {
      const h = yield* engine({ queues: [{ id: "q" }], agents: [{ id: "a" }], autoWrapUpMs: 0 })
      expect(h.config.wrapUpReasons).toEqual(["Resolved", "Follow-up", "Escalated", "No response"])
      yield* h.ready(0, "a")
      yield* h.given(0, C.start("c1", "q"))
      yield* h.accept(1, "a", "c1")
      yield* h.given(2, C.end("a", "c1"))
      const t = yield* h.advanceTo(2)
      expect(one(t.events, "WrapUpSubmitted")).toMatchObject({ reason: "Resolved", auto: true })
    })
  )
})
