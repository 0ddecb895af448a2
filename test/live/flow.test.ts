// An end-to-end chat over real sockets: login, offer, accept, messages both ways with acks and
// seqs, typing, end, wrap-up, the customer's chatClosed; plus HTTP basics (healthz, metrics, pages).
import { afterAll, beforeAll, describe, expect, it } from "vitest"
import type { RunningServer } from "../../live/server.ts"
import { ackOf, availableAgent, Client, post, startChat, startTestServer, type } from "./support.ts"

let server: RunningServer
beforeAll(async () => {
  server = await startTestServer()
})
afterAll(async () => {
  await server.close()
})

describe("live chat flow", () => {
  it("offer -> accept -> messages -> end -> wrap-up -> closed", async () => {
    const base = server.url
    const agent = await availableAgent(base, "a1")
    const chat = await startChat(base, "support", "Dana")
    const customer = await Client.open(base, "customer", chat.token)
    customer.send({ type: "hello" })
    const welcome = await customer.next(type("welcome"))
    expect(welcome["chatId"]).toBe(chat.chatId)
    const offer = await agent.next(type("offer"))
    expect(offer).toMatchObject({
      chatId: chat.chatId,
      customerName: "Dana",
      queueName: "Support",
      agentName: "Ann",
      proactive: false
    })
    expect(offer["deadlineMs"]).toBeGreaterThan(offer["offeredAtMs"] as number)
    agent.send({ type: "accept", offerId: offer["offerId"], ref: "acc" })
    expect((await agent.next(ackOf("acc"))).type).toBe("ack")
    await agent.next(type("chatAssigned"))
    await customer.next(type("agentJoined"))
    customer.send({ type: "send", text: "hello", ref: "c1" })
    expect(await customer.next(ackOf("c1"))).toMatchObject({ type: "ack", seq: 1, chatId: chat.chatId })
    expect(await agent.next((f) => f.type === "message" && f["seq"] === 1)).toMatchObject({
      sender: "customer",
      text: "hello"
    })
    agent.send({ type: "typing", chatId: chat.chatId, active: true })
    expect(await customer.next(type("typing"))).toMatchObject({ from: "agent", name: "Ann", active: true })
    agent.send({
      type: "sendTemplate",
      chatId: chat.chatId,
      templateId: "greet",
      params: { customerName: "Dana" },
      ref: "t1"
    })
    expect(await agent.next(ackOf("t1"))).toMatchObject({ type: "ack", seq: 2 })
    const m = await customer.next((f) => f.type === "message" && f["seq"] === 2)
    expect(m).toMatchObject({ sender: "agent", agentName: "Ann", text: "Hi Dana" })
    expect(m["agentId"]).toBeUndefined()
    agent.send({ type: "send", chatId: chat.chatId, text: "a <b>", ref: "bad" })
    expect(await agent.next(ackOf("bad"))).toMatchObject({ type: "error", code: "RESERVED_CHARACTERS" })
    agent.send({ type: "end", chatId: chat.chatId, ref: "end" })
    await agent.next(ackOf("end"))
    const wrap = await agent.next(type("wrapUpStarted"))
    expect(wrap["reasons"]).toContain("Resolved")
    await customer.next(type("chatEnded"))
    agent.send({ type: "wrapUp", chatId: chat.chatId, reason: "Resolved", ref: "w" })
    expect((await agent.next(ackOf("w"))).type).toBe("ack")
    expect(await customer.next(type("chatClosed"))).toMatchObject({ outcome: "completed" })
    agent.send({ type: "stats", ref: "s" })
    expect(await agent.next(type("stats"))).toMatchObject({ ref: "s" })
    agent.close()
    customer.close()
  })

  it("a duplicate ref is acked again without applying twice", async () => {
    const base = server.url
    const chat = await startChat(base, "billing", "Eve")
    const customer = await Client.open(base, "customer", chat.token)
    customer.send({ type: "hello" })
    await customer.next(type("welcome"))
    customer.send({ type: "send", text: "once", ref: "dup-1" })
    const first = await customer.next(ackOf("dup-1"))
    customer.send({ type: "send", text: "once", ref: "dup-1" })
    const second = await customer.next((f) => f.type === "ack" && f["duplicate"] === true)
    expect(second["seq"]).toBe(first["seq"])
    expect(server.center.transcripts.get(chat.chatId)!.messages.length).toBe(1)
    customer.close()
  })

  it("HTTP: healthz, metrics, pages, bad login, idempotent chat start", async () => {
    const base = server.url
    expect(await (await fetch(`${base}/healthz`)).json()).toMatchObject({ status: "ok" })
    const metrics = await (await fetch(`${base}/metrics`)).text()
    expect(metrics).toContain("livechat_chats_started_total")
    expect(metrics).toContain("livechat_offer_accept_seconds_bucket")
    expect((await fetch(`${base}/`)).status).toBe(200)
    expect((await fetch(`${base}/../secret`)).status).toBe(404)
    expect((await post(base, "/api/agent/login", { agentId: "a1", password: "nope" })).status).toBe(401)
    const key = "key-0123456789abcdef"
    const one = await post(base, "/api/chat", { queueId: "billing", customerName: "Z", idempotencyKey: key })
    const two = await post(base, "/api/chat", { queueId: "billing", customerName: "Z", idempotencyKey: key })
    expect(one.status).toBe(201)
    expect(two.status).toBe(200)
    expect(two.body.chatId).toBe(one.body.chatId)
    expect(
      (await post(base, "/api/chat", { queueId: "nope", customerName: "Z", idempotencyKey: "key-zzzzzzzzzzzzzzzz" }))
        .status
    ).toBe(404)
    expect(
      (await post(base, "/api/chat", { queueId: "billing", customerName: "Z", idempotencyKey: "k", extra: 1 })).body
        .code
    ).toBe("SCHEMA")
  })
})
