/**
 * Messages: per-chat sequence numbers for customer, agent and system messages;
 * no `<` or `>` in agent text; templates by id with every parameter filled.
 */
import { describe, expect, it } from "vitest"
import { byTag, C, engine, one, rejection, snapshot, tags } from "./harness.ts"

/** a (capacity 1) owns c1, accepted at 10; b (capacity 2) is Available from 20. */
const activeChat = () => {
  const h = engine({
    queues: [{ id: "q" }],
    agents: [
      { id: "a", name: "Alice", capacity: 1 },
      { id: "b", name: "Bob", capacity: 2 }
    ],
    templates: { greet: "Hi <customerName>, I am <agentName>.", bye: "Goodbye!" }
  })
  h.ready(0, "a")
  h.given(0, C.start("c1", "q"))
  h.accept(10, "a", "c1")
  h.ready(20, "b")
  return h
}

describe("Messages", () => {
  it("sequence numbers run 1, 2, 3... per chat across customer, agent and system messages", () => {
    const h = activeChat()
    h.given(30, C.say("c1", "hello"))
    h.given(40, C.write("a", "c1", "hi, how can I help?"))
    h.given(50, C.conference("a", "c1", "b"))
    h.accept(60, "b", "c1")
    h.given(70, C.write("b", "c1", "joining to help"))
    h.given(80, C.say("c1", "thanks"))
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

  it("sequence numbers are per chat: another chat starts again at 1", () => {
    const h = activeChat()
    h.given(30, C.say("c1", "one"), C.say("c1", "two"))
    h.given(40, C.start("c2", "q"))
    const r = h.when(C.say("c2", "anyone?"), 50)
    expect(one(r.events, "MessageSent")).toMatchObject({ chatId: "c2", seq: 1 })
  })

  it("a customer may write while queued, before any agent has the chat", () => {
    const h = activeChat()
    h.given(30, C.idle("b", "Break"), C.start("c2", "q"))
    expect(h.status("c2")).toBe("Queued")
    const r = h.when(C.say("c2", "waiting..."), 40)
    expect(one(r.events, "MessageSent")).toMatchObject({ seq: 1, sender: { _tag: "Customer" }, text: "waiting..." })
  })

  it("agent text with < or > is rejected (RESERVED_CHARACTERS) and nothing is sent", () => {
    const h = activeChat()
    const before = snapshot(h.state)
    expect(rejection(h.when(C.write("a", "c1", "x < y"), 30))).toBe("RESERVED_CHARACTERS")
    expect(rejection(h.when(C.write("a", "c1", "<b>bold</b>"), 30))).toBe("RESERVED_CHARACTERS")
    expect(rejection(h.when(C.write("a", "c1", "a > b"), 30))).toBe("RESERVED_CHARACTERS")
    expect(snapshot(h.state)).toEqual(before)
    // and the next accepted message still gets seq 1
    expect(one(h.when(C.write("a", "c1", "x less than y"), 40).events, "MessageSent").seq).toBe(1)
  })

  it("a customer's text may contain < and > (the rule is for agents)", () => {
    const h = activeChat()
    expect(one(h.when(C.say("c1", "3 < 4 > 2"), 30).events, "MessageSent").text).toBe("3 < 4 > 2")
  })

  it("a template with every parameter filled is sent with the values substituted", () => {
    const h = activeChat()
    const r = h.when(C.template("a", "c1", "greet", { customerName: "Ada", agentName: "Alice" }), 30)
    expect(tags(r.events)).toEqual(["MessageSent"])
    expect(one(r.events, "MessageSent")).toMatchObject({
      seq: 1,
      text: "Hi Ada, I am Alice.",
      templateId: "greet",
      sender: { _tag: "Agent", agentId: "a" }
    })
  })

  it("a template with a missing parameter is rejected (TEMPLATE_PARAM_MISSING) naming it", () => {
    const h = activeChat()
    const before = snapshot(h.state)
    const r = h.when(C.template("a", "c1", "greet", { customerName: "Ada" }), 30)
    expect(rejection(r)).toBe("TEMPLATE_PARAM_MISSING")
    const message = one(r.events, "CommandRejected").message
    expect(message).toContain("agentName")
    expect(message).not.toContain("customerName")
    expect(snapshot(h.state)).toEqual(before)
  })

  it("a template parameter left blank counts as missing", () => {
    const h = activeChat()
    const r = h.when(C.template("a", "c1", "greet", { customerName: "Ada", agentName: "  " }), 30)
    expect(rejection(r)).toBe("TEMPLATE_PARAM_MISSING")
  })

  it("a template parameter value with < or > is rejected (RESERVED_CHARACTERS)", () => {
    const h = activeChat()
    const r = h.when(C.template("a", "c1", "greet", { customerName: "<script>", agentName: "Alice" }), 30)
    expect(rejection(r)).toBe("RESERVED_CHARACTERS")
  })

  it("an unknown template id is rejected (UNKNOWN_TEMPLATE), including inherited object keys", () => {
    const h = activeChat()
    expect(rejection(h.when(C.template("a", "c1", "nope", {}), 30))).toBe("UNKNOWN_TEMPLATE")
    expect(rejection(h.when(C.template("a", "c1", "constructor", {}), 30))).toBe("UNKNOWN_TEMPLATE")
  })

  it("a template without parameters needs none", () => {
    const h = activeChat()
    expect(one(h.when(C.template("a", "c1", "bye", {}), 30).events, "MessageSent").text).toBe("Goodbye!")
  })

  it("an agent not in the chat is refused (NOT_PARTICIPANT)", () => {
    const h = activeChat()
    expect(rejection(h.when(C.write("b", "c1", "hello"), 30))).toBe("NOT_PARTICIPANT")
    expect(rejection(h.when(C.template("b", "c1", "bye", {}), 30))).toBe("NOT_PARTICIPANT")
  })

  it("an agent with a pending, not yet accepted offer of the chat is refused (NOT_ACCEPTED_YET)", () => {
    const h = activeChat()
    h.given(30, C.start("c2", "q"))
    expect(h.offeredTo("c2")).toBe("b")
    const before = snapshot(h.state)
    expect(rejection(h.when(C.write("b", "c2", "hello"), 40))).toBe("NOT_ACCEPTED_YET")
    expect(rejection(h.when(C.template("b", "c2", "bye", {}), 40))).toBe("NOT_ACCEPTED_YET")
    expect(snapshot(h.state)).toEqual(before)
  })

  it("an agent in wrap-up for the chat can no longer write to it", () => {
    const h = activeChat()
    h.given(30, C.transferToQueue("a", "c1", "q"))
    expect(h.agent("a").wrapUps.has("c1")).toBe(true)
    expect(rejection(h.when(C.write("a", "c1", "one more thing"), 40))).toBe("NOT_PARTICIPANT")
  })

  it("an empty message is refused (EMPTY_MESSAGE)", () => {
    const h = activeChat()
    expect(rejection(h.when(C.write("a", "c1", "   "), 30))).toBe("EMPTY_MESSAGE")
    expect(rejection(h.when(C.say("c1", ""), 30))).toBe("EMPTY_MESSAGE")
  })

  it("messages reach the customer and every agent in the conversation", () => {
    const h = activeChat()
    h.given(30, C.conference("a", "c1", "b"))
    h.accept(40, "b", "c1")
    const before = h.notifications.length
    h.given(50, C.write("a", "c1", "hello all"))
    const parties = h.notifications.slice(before).map((n) => (n.party._tag === "Agent" ? n.party.agentId : "customer"))
    expect(parties.sort()).toEqual(["a", "b", "customer"])
  })
})
