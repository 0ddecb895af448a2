/**
 * Refusals (core/rejections.ts: every refusal is a clear error): a refused command
 * never throws, yields exactly one CommandRejected (with a message) and leaves the state unchanged;
 * a stale timer yields nothing at all.
 */
import { describe, expect, it } from "@effect/vitest"
import * as Effect from "effect/Effect"
import type { Command } from "../../../core/commands.ts"
import { recordingSink } from "../../../core/outputs.ts"
import { step } from "../../../core/step.ts"
import type { Harness } from "./harness.ts"
import { C, engine, snapshot } from "./harness.ts"

/**
 * a owns c1 with b in conference; d is Idle(Break) with cw in wrap-up; c holds the offer of c2
 * (made at 10, deadline 30 010); c3 waits; e is logged out; f owns c5 in q2.
 */
const rich = () =>
  Effect.gen(function* () {
    const h = yield* engine({
      queues: [{ id: "q" }, { id: "q2" }],
      agents: [
        { id: "a", capacity: 1 },
        { id: "b", capacity: 2, queues: [] },
        { id: "c", capacity: 1 },
        { id: "d", capacity: 2 },
        { id: "e" },
        { id: "f", capacity: 1, queues: ["q2"] }
      ],
      templates: { greet: "Hi <name>" }
    })
    yield* h.ready(0, "a")
    yield* h.given(0, C.start("c1", "q"))
    yield* h.accept(1, "a", "c1")
    yield* h.ready(2, "b")
    yield* h.given(3, C.conference("a", "c1", "b"))
    yield* h.accept(4, "b", "c1")
    yield* h.ready(5, "d")
    yield* h.given(5, C.start("cw", "q"))
    yield* h.accept(6, "d", "cw")
    yield* h.given(7, C.end("d", "cw"), C.idle("d", "Break"))
    yield* h.ready(10, "c")
    yield* h.given(10, C.start("c2", "q"))
    yield* h.given(11, C.start("c3", "q"), C.start("c4", "q"))
    yield* h.given(12, C.leave("c4"), C.start("c5", "q2"))
    yield* h.ready(13, "f")
    yield* h.accept(14, "f", "c5")
    return h
  })

type Case = readonly [name: string, code: string, at: number, cmd: (h: Harness) => Command]

const cases: ReadonlyArray<Case> = [
  ["unknown agent", "UNKNOWN_AGENT", 100, () => C.login("nobody")],
  ["login twice", "ALREADY_LOGGED_IN", 100, () => C.login("a")],
  ["a logged-out agent going Idle", "NOT_LOGGED_IN", 100, () => C.idle("e", "Break")],
  ["Available twice", "ALREADY_IN_PRESENCE", 100, () => C.available("a")],
  ["the same Idle code twice", "ALREADY_IN_PRESENCE", 100, () => C.idle("d", "Break")],
  ["an unknown idle code", "UNKNOWN_IDLE_CODE", 100, () => C.idle("a", "Nap")],
  ["logout with open work", "LOGOUT_REFUSED", 100, () => C.logout("d")],
  ["reconnect while connected", "ALREADY_CONNECTED", 100, () => C.reconnect("a")],
  ["disconnect while logged out", "NOT_LOGGED_IN", 100, () => C.disconnect("e")],
  ["unknown chat (customer message)", "UNKNOWN_CHAT", 100, () => C.say("nope", "hi")],
  ["unknown chat (leave a closed chat)", "UNKNOWN_CHAT", 100, () => C.leave("c4")],
  ["unknown chat (agent message)", "UNKNOWN_CHAT", 100, () => C.write("a", "nope", "hi")],
  ["duplicate chat", "DUPLICATE_CHAT", 100, () => C.start("c3", "q")],
  ["unknown queue", "UNKNOWN_QUEUE", 100, () => C.start("c9", "zz")],
  ["unknown offer", "UNKNOWN_OFFER", 100, () => C.accept("c", 12345)],
  ["negative offer id", "UNKNOWN_OFFER", 100, () => C.accept("c", -1)],
  ["someone else's offer", "NOT_YOUR_OFFER", 100, (h) => C.accept("a", h.offerId("c", "c2"))],
  ["an already settled offer", "OFFER_NOT_PENDING", 100, () => C.accept("a", 1)],
  ["an accept at the deadline (late)", "OFFER_EXPIRED", 30_010, (h) => C.accept("c", h.offerId("c", "c2"))],
  ["a decline at the deadline (late)", "OFFER_EXPIRED", 30_010, (h) => C.decline("c", h.offerId("c", "c2"))],
  ["a message with < >", "RESERVED_CHARACTERS", 100, () => C.write("a", "c1", "<hi>")],
  ["a template with a missing param", "TEMPLATE_PARAM_MISSING", 100, () => C.template("a", "c1", "greet", {})],
  ["an unknown template", "UNKNOWN_TEMPLATE", 100, () => C.template("a", "c1", "nope", {})],
  ["a message by a non-participant", "NOT_PARTICIPANT", 100, () => C.write("d", "c1", "hi")],
  ["a message before accept", "NOT_ACCEPTED_YET", 100, () => C.write("c", "c2", "hi")],
  ["End by the participant", "NOT_OWNER", 100, () => C.end("b", "c1")],
  ["a transfer with a conference open", "CONFERENCE_OPEN", 100, () => C.transferToQueue("a", "c1", "q2")],
  ["a transfer to an unavailable agent", "TARGET_UNAVAILABLE", 100, () => C.transferTo("f", "c5", "d")],
  ["a conference with a full agent", "TARGET_UNAVAILABLE", 100, () => C.conference("f", "c5", "a")],
  ["a transfer before accept", "NOT_ACCEPTED_YET", 100, () => C.transferTo("c", "c2", "b")],
  ["End Conference without a conference", "NOT_PARTICIPANT", 100, () => C.endConference("c", "c3")],
  ["an unknown wrap-up reason", "UNKNOWN_WRAPUP_REASON", 100, () => C.wrapUp("d", "cw", "Bored")],
  ["a wrap-up with none pending", "NO_WRAPUP_PENDING", 100, () => C.wrapUp("a", "c1", "Resolved")]
]

describe("Rejections", () => {
  for (const [name, code, at, cmd] of cases) {
    it.effect(`${name}: ${code}, one event, state unchanged`, () =>
      Effect.gen(function* () {
        const h = yield* rich()
        yield* h.advanceBefore(at)
        const command = cmd(h)
        const before = snapshot(h.state)
        const r = yield* h.when(command, at)
        expect(r.events).toHaveLength(1)
        expect(r.events[0]).toMatchObject({ _tag: "CommandRejected", command: command._tag, code, atMs: at })
        expect(r.events[0]?._tag === "CommandRejected" && r.events[0].message.length > 0).toBe(true)
        expect(r.outputs.every((o) => o._tag === "Notify")).toBe(true)
        expect(snapshot(h.state)).toEqual(before)
      })
    )
  }

  it.effect("stale timers yield no events and change nothing", () =>
    Effect.gen(function* () {
      const h = yield* rich()
      const before = snapshot(h.state)
      for (const timer of [
        { _tag: "OfferDeadline", offerId: 1 },
        { _tag: "OfferDeadline", offerId: 999 },
        { _tag: "Patience", chatId: "c1" },
        { _tag: "Patience", chatId: "gone" },
        { _tag: "MaxWait", chatId: "c3", segment: 7 },
        { _tag: "AutoWrapUp", agentId: "a", chatId: "c1" },
        { _tag: "DisconnectGrace", agentId: "a" }
      ] as const) {
        expect((yield* h.when(C.fire(timer), 100)).events, timer._tag).toEqual([])
      }
      expect(snapshot(h.state)).toEqual(before)
    })
  )

  it.effect("an offer deadline timer fired early (before the deadline) is ignored", () =>
    Effect.gen(function* () {
      const h = yield* rich()
      const offerId = h.offerId("c", "c2")
      expect((yield* h.when(C.fire({ _tag: "OfferDeadline", offerId }), 100)).events).toEqual([])
      expect(h.presence("c")).toBe("Available")
    })
  )

  it.effect("step never throws on unknown ids anywhere in a command", () =>
    Effect.gen(function* () {
      const h = yield* rich()
      const odd: ReadonlyArray<Command> = [
        C.transferTo("zz", "zz", "zz"),
        C.conference("a", "c1", "zz"),
        C.endConference("zz", "c1"),
        C.wrapUp("zz", "zz"),
        C.template("a", "zz", "zz", {}),
        C.transferToQueue("a", "c1", "zz")
      ]
      for (const cmd of odd) {
        expect(() => step(h.state, cmd, 100, recordingSink([]))).not.toThrow()
      }
    })
  )
})
