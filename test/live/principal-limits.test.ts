// Limits per principal (the customer or agent behind a token), not only per connection or address:
// one customer token spread over several connections shares one frame budget; one token cannot hold
// more than its connection cap, and customers can never take the connections reserved for agents;
// the total of waiting chats is capped (QUEUE_FULL); a customer cannot set its own priority or
// claim a customerId (it is bound to the customer token), and has at most one open chat.
import { randomUUID } from "node:crypto"
import { describe, expect, it } from "vitest"
import type { Frame } from "./support.ts"
import { Client, login, post, startChat, startTestServer, testConfig, testConfigFile, type } from "./support.ts"

const helloed = async (base: string, role: "agent" | "customer", token: string): Promise<Client> => {
  const c = await Client.open(base, role, token)
  c.send({ type: "hello" })
  await c.next(type("welcome")).catch(() => c.waitClose())
  return c
}

describe("live limits per principal", () => {
  it("one customer token on several connections shares one frame budget", async () => {
    const server = await startTestServer()
    try {
      const chat = await startChat(server.url, "billing", "Many")
      const conns = await Promise.all(Array.from({ length: 4 }, () => helloed(server.url, "customer", chat.token)))
      conns.forEach((c, k) => {
        for (let i = 0; i < 25; i++) c.send({ type: "send", text: `m${k}-${i}`, ref: `r${k}-${i}` })
      })
      // every frame is answered: an ack, or an error (RATE_LIMITED errors come before decoding, without the ref)
      const answered = (c: Client): Array<Frame> => c.frames.filter((f) => f.type === "ack" || f.type === "error")
      for (let i = 0; i < 200 && conns.some((c) => answered(c).length < 25); i++)
        await new Promise((r) => setTimeout(r, 25))
      const all = conns.flatMap(answered)
      expect(all.length).toBe(100)
      const limited = all.filter((f) => f.type === "error" && f["code"] === "RATE_LIMITED")
      expect(limited.length).toBeGreaterThan(0)
      expect(all.filter((f) => f.type === "ack").length).toBeLessThanOrEqual(30 + 5)
      for (const c of conns) c.close()
    } finally {
      await server.close()
    }
  })

  it("one token cannot fill the server: a per-principal cap, and connections reserved for agents", async () => {
    const server = await startTestServer(testConfig(testConfigFile({ maxConnections: 12 })))
    try {
      const chat = await startChat(server.url, "billing", "Hog")
      const hogs = await Promise.all(Array.from({ length: 12 }, () => helloed(server.url, "customer", chat.token)))
      const capped = hogs.filter((c) => c.closed?.code === 4029)
      expect(capped.length).toBe(12 - 4)
      // many customers: they stop short of the connections reserved for agents
      const others = await Promise.all(
        Array.from({ length: 8 }, async () =>
          helloed(server.url, "customer", (await startChat(server.url, "billing", "Other")).token)
        )
      )
      expect(others.some((c) => c.closed?.code === 4013)).toBe(true)
      const agent = await helloed(server.url, "agent", await login(server.url, "a1"))
      expect(agent.closed).toBeUndefined()
      expect(agent.frames.some((f) => f.type === "welcome")).toBe(true)
      for (const c of [...hogs, ...others, agent]) c.close()
    } finally {
      await server.close()
    }
  })

  it("the waiting chats are capped: QUEUE_FULL with a retry hint", async () => {
    const server = await startTestServer(testConfig(testConfigFile({ maxWaitingChats: 3 })))
    try {
      for (let i = 0; i < 3; i++) await startChat(server.url, "billing", `W${i}`)
      const full = await post(server.url, "/api/chat", {
        queueId: "billing",
        customerName: "One too many",
        idempotencyKey: randomUUID()
      })
      expect(full.status).toBe(503)
      expect(full.body).toMatchObject({ code: "QUEUE_FULL" })
      expect(full.body.retryAfterMs).toBeGreaterThan(0)
    } finally {
      await server.close()
    }
  })

  it("priority and customerId are not the customer's to set; one open chat per customer token", async () => {
    const server = await startTestServer()
    try {
      const withPriority = await post(server.url, "/api/chat", {
        queueId: "billing",
        customerName: "Vip",
        idempotencyKey: randomUUID(),
        priority: 100
      })
      expect(withPriority.status).toBe(400)
      expect(withPriority.body).toMatchObject({ code: "SCHEMA", path: ["priority"] })
      const first = await startChat(server.url, "billing", "Dana")
      const claim = await post(server.url, "/api/chat", {
        queueId: "billing",
        customerName: "Mallory",
        idempotencyKey: randomUUID(),
        customerId: "crm-4711"
      })
      expect(claim.status).toBe(400)
      expect(claim.body).toMatchObject({ code: "SCHEMA", path: ["customerId"] })
      // the same customer (its token) while its chat is open: refused; after it closes: a new chat
      const again = await post(
        server.url,
        "/api/chat",
        { queueId: "support", customerName: "Dana", idempotencyKey: randomUUID() },
        { authorization: `Bearer ${first.token}` }
      )
      expect(again.status).toBe(409)
      expect(again.body).toMatchObject({ code: "CUSTOMER_HAS_OPEN_CHAT" })
      const c = await helloed(server.url, "customer", first.token)
      c.send({ type: "leave", ref: "bye" })
      await c.next((f: Frame) => f.type === "chatClosed")
      const later = await post(
        server.url,
        "/api/chat",
        { queueId: "support", customerName: "Dana", idempotencyKey: randomUUID() },
        { authorization: `Bearer ${first.token}` }
      )
      expect(later.status).toBe(201)
      const forged = await post(
        server.url,
        "/api/chat",
        { queueId: "support", customerName: "Dana", idempotencyKey: randomUUID() },
        { authorization: "Bearer v1.e30.xx" }
      )
      expect(forged.status).toBe(401)
      c.close()
    } finally {
      await server.close()
    }
  })
})
