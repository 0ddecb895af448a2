/**
 * Messages: per-chat sequence numbers for customer, agent and system messages;
 * no `<` or `>` in agent text; templates by id with every parameter filled.
 */
import { describe, expect, it } from "@effect/vitest"
import * as Effect from "effect/Effect"
import { byTag, C, engine, one, rejection, snapshot, tags } from "./harness.ts"

/** a (capacity 1) owns c1, accepted at 10; b (capacity 2) is Available from 20. */
const activeChat = () =>
  Effect.gen(function* () {
    const h = yield* engine({
      queues: [{ id: "q" }],
      agents: [
        { id: "a", name: "Alice", capacity: 1 },
        { id: "b", name: "Bob", capacity: 2 }
      ],
      templates: { greet: "Hi <customerName>, I am <agentName>.", bye: "Goodbye!" }
    })
    yield* h.ready(0, "a")
    yield* h.given(0, C.start("c1", "q"))
    yield* h.accept(10, "a", "c1")
    yield* h.ready(20, "b")
    return h
  })

describe("Messages", () => {
  it.effect("sequence numbers run 1, 2, 3... per chat across customer, agent and system messages", () =>
    Effect.gen(function* () {
      const h = yield* activeChat()
      yield* h.given(30, C.say("c1", "hello"))
      yield* h.given(40, C.write("a", "c1", "hi, how can I help?"))
      yield* h.given(50, C.conference("a", "c1", "b"))
      yield* h.accept(60, "b", "c1")
      yield* h.given(70, C.write("b", "c1", "joining to help"))
      yield* h.given(80, C.say("c1", "thanks"))
      const sent = byTag(h.log, "MessageSent").filter((m) => m.chatId === "c1")
      expect(sent.map((m) => [m.seq, m.sender._tag])).toEqual([
        [1, "Customer"],
        [2, "Agent"],
        [3, "System"],
        [4, "Agent"],
        [5, "Customer"]
      ])
      expect(sent[2]?.text).toBe("Bob has joined the chat")
    })
  )

  it.effect("sequence numbers are per chat: another chat starts again at 1", () =>
    Effect.gen(function* () {
      const h = yield* activeChat()
      yield* h.given(30, C.say("c1", "one"), C.say("c1", "two"))
      yield* h.given(40, C.start("c2", "q"))
      const r = yield* h.when(C.say("c2", "anyone?"), 50)
      expect(one(r.events, "MessageSent")).toMatchObject({ chatId: "c2", seq: 1 })
    })
  )

  it.effect("a customer may write while queued, before any agent has the chat", () =>
    Effect.gen(function* () {
      const h = yield* activeChat()
      yield* h.given(30, C.idle("b", "Break"), C.start("c2", "q"))
      expect(h.status("c2")).toBe("Queued")
      const r = yield* h.when(C.say("c2", "waiting..."), 40)
      expect(one(r.events, "MessageSent")).toMatchObject({ seq: 1, sender: { _tag: "Customer" }, text: "waiting..." })
    })
  )

  it.effect("agent text with < or > is rejected (RESERVED_CHARACTERS) and nothing is sent", () =>
    Effect.gen(function* () {
      const h = yield* activeChat()
      const before = snapshot(h.state)
      expect(rejection(yield* h.when(C.write("a", "c1", "x < y"), 30))).toBe("RESERVED_CHARACTERS")
      expect(rejection(yield* h.when(C.write("a", "c1", "<b>bold</b>"), 30))).toBe("RESERVED_CHARACTERS")
      expect(rejection(yield* h.when(C.write("a", "c1", "a > b"), 30))).toBe("RESERVED_CHARACTERS")
      expect(snapshot(h.state)).toEqual(before)
      // and the next accepted message still gets seq 1
      expect(one((yield* h.when(C.write("a", "c1", "x less than y"), 40)).events, "MessageSent").seq).toBe(1)
    })
  )

  it.effect("a customer's text may contain < and > (the rule is for agents)", () =>
    Effect.gen(function* () {
      const h = yield* activeChat()
      expect(one((yield* h.when(C.say("c1", "3 < 4 > 2"), 30)).events, "MessageSent").text).toBe("3 < 4 > 2")
    })
  )

  it.effect("a template with every parameter filled is sent with the values substituted", () =>
    Effect.gen(function* () {
      const h = yield* activeChat()
      const r = yield* h.when(C.template("a", "c1", "greet", { customerName: "Ada", agentName: "Alice" }), 30)
      expect(tags(r.events)).toEqual(["MessageSent"])
      expect(one(r.events, "MessageSent")).toMatchObject({
        seq: 1,
        text: "Hi Ada, I am Alice.",
        templateId: "greet",
        sender: { _tag: "Agent", agentId: "a" }
      })
    })
  )

  it.effect("a template with a missing parameter is rejected (TEMPLATE_PARAM_MISSING) naming it", () =>
    Effect.gen(function* () {
      const h = yield* activeChat()
      const before = snapshot(h.state)
      const r = yield* h.when(C.template("a", "c1", "greet", { customerName: "Ada" }), 30)
      expect(rejection(r)).toBe("TEMPLATE_PARAM_MISSING")
      const message = one(r.events, "CommandRejected").message
      expect(message).toContain("agentName")
      expect(message).not.toContain("customerName")
      expect(snapshot(h.state)).toEqual(before)
    })
  )

  it.effect("a template parameter left blank counts as missing", () =>
    Effect.gen(function* () {
      const h = yield* activeChat()
      const r = yield* h.when(C.template("a", "c1", "greet", { customerName: "Ada", agentName: "  " }), 30)
      expect(rejection(r)).toBe("TEMPLATE_PARAM_MISSING")
    })
  )

  it.effect("a template parameter value with < or > is rejected (RESERVED_CHARACTERS)", () =>
    Effect.gen(function* () {
      const h = yield* activeChat()
      const r = yield* h.when(C.template("a", "c1", "greet", { customerName: "<script>", agentName: "Alice" }), 30)
      expect(rejection(r)).toBe("RESERVED_CHARACTERS")
    })
  )

  it.effect("an unknown template id is rejected (UNKNOWN_TEMPLATE), including inherited object keys", () =>
    Effect.gen(function* () {
      const h = yield* activeChat()
      expect(rejection(yield* h.when(C.template("a", "c1", "nope", {}), 30))).toBe("UNKNOWN_TEMPLATE")
      expect(rejection(yield* h.when(C.template("a", "c1", "constructor", {}), 30))).toBe("UNKNOWN_TEMPLATE")
    })
  )

  it.effect("a template without parameters needs none", () =>
    Effect.gen(function* () {
      const h = yield* activeChat()
      expect(one((yield* h.when(C.template("a", "c1", "bye", {}), 30)).events, "MessageSent").text).toBe("Goodbye!")
    })
  )

  it.effect("an agent not in the chat is refused (NOT_PARTICIPANT)", () =>
    Effect.gen(function* () {
      const h = yield* activeChat()
      expect(rejection(yield* h.when(C.write("b", "c1", "hello"), 30))).toBe("NOT_PARTICIPANT")
      expect(rejection(yield* h.when(C.template("b", "c1", "bye", {}), 30))).toBe("NOT_PARTICIPANT")
    })
  )

  it.effect("an agent with a pending, not yet accepted offer of the chat is refused (NOT_ACCEPTED_YET)", () =>
    Effect.gen(function* () {
      const h = yield* activeChat()
      yield* h.given(30, C.start("c2", "q"))
      expect(h.offeredTo("c2")).toBe("b")
      const before = snapshot(h.state)
      expect(rejection(yield* h.when(C.write("b", "c2", "hello"), 40))).toBe("NOT_ACCEPTED_YET")
      expect(rejection(yield* h.when(C.template("b", "c2", "bye", {}), 40))).toBe("NOT_ACCEPTED_YET")
      expect(snapshot(h.state)).toEqual(before)
    })
  )

  it.effect("an agent in wrap-up for the chat can no longer write to it", () =>
    Effect.gen(function* () {
      const h = yield* activeChat()
      yield* h.given(30, C.transferToQueue("a", "c1", "q"))
      expect(h.agent("a").wrapUps.has("c1")).toBe(true)
      expect(rejection(yield* h.when(C.write("a", "c1", "one more thing"), 40))).toBe("NOT_PARTICIPANT")
    })
  )

  it.effect("an empty message is refused (EMPTY_MESSAGE)", () =>
    Effect.gen(function* () {
      const h = yield* activeChat()
      expect(rejection(yield* h.when(C.write("a", "c1", "   "), 30))).toBe("EMPTY_MESSAGE")
      expect(rejection(yield* h.when(C.say("c1", ""), 30))).toBe("EMPTY_MESSAGE")
    })
  )

  it.effect("messages reach the customer and every agent in the conversation", () =>
    Effect.gen(function* () {
      const h = yield* activeChat()
      yield* h.given(30, C.conference("a", "c1", "b"))
      yield* h.accept(40, "b", "c1")
      const before = h.notifications.length
      yield* h.given(50, C.write("a", "c1", "hello all"))
      const parties = h.notifications
        .slice(before)
        .map((n) => (n.party._tag === "Agent" ? n.party.agentId : "customer"))
      expect(parties.sort()).toEqual(["a", "b", "customer"])
    })
  )
})
