// One test per security item of the live server: chat scoping for customers, ownership for agents,
// Origin allowlist, oversized frames, floods, slow readers, bad tokens, heartbeat, connection cap.
import { afterAll, beforeAll, describe, expect, it } from "vitest"
import WebSocket from "ws"
import type { RunningServer } from "../../live/server.ts"
import {
  ackOf,
  availableAgent,
  Client,
  login,
  startChat,
  startTestServer,
  testConfig,
  testConfigFile,
  type
} from "./support.ts"

let server: RunningServer
beforeAll(async () => {
  server = await startTestServer(
    testConfig(
      testConfigFile({ rateBurst: 50, ratePerSec: 20, floodBurst: 40, heartbeat: "60s", helloTimeout: "1500ms" })
    )
  )
})
afterAll(async () => {
  await server.close()
})

const upgradeStatus = (url: string, headers: Record<string, string> = {}): Promise<number> =>
  new Promise((resolve) => {
    const ws = new WebSocket(url, { headers })
    ws.on("unexpected-response", (_req, res) => resolve(res.statusCode ?? 0))
    ws.on("open", () => {
      ws.close()
      resolve(101)
    })
    ws.on("error", () => {})
  })

const helloCustomer = async (base: string, token: string): Promise<Client> => {
  const c = await Client.open(base, "customer", token)
  c.send({ type: "hello" })
  await c.next(type("welcome"))
  return c
}

describe("live security", () => {
  it("a customer sees only its own chat and cannot name another", async () => {
    const base = server.url
    const a = await startChat(base, "billing", "A")
    const b = await startChat(base, "billing", "B")
    const ca = await helloCustomer(base, a.token)
    const cb = await helloCustomer(base, b.token)
    cb.send({ type: "send", text: "secret of B", ref: "b1" })
    await cb.next(ackOf("b1"))
    ca.send({ type: "send", chatId: b.chatId, text: "let me in", ref: "a1" })
    expect(await ca.next(ackOf("a1"))).toMatchObject({ type: "error", code: "SCHEMA", path: ["chatId"] })
    ca.send({ type: "ping", ref: "sync" })
    await ca.next(type("pong"))
    expect(
      ca.frames.some((f) => JSON.stringify(f).includes(b.chatId) || JSON.stringify(f).includes("secret of B"))
    ).toBe(false)
    expect(await upgradeStatus(`${base.replace("http", "ws")}/ws/agent?token=${a.token}`)).toBe(401)
    ca.close()
    cb.close()
  })

  it("an agent may not touch a chat or offer that is not its own", async () => {
    const base = server.url
    const owner = await availableAgent(base, "a1")
    const other = await availableAgent(base, "a2")
    const chat = await startChat(base, "support", "C")
    const offer = await owner.next(type("offer"))
    other.send({ type: "accept", offerId: offer["offerId"], ref: "steal" })
    expect(await other.next(ackOf("steal"))).toMatchObject({ type: "error", code: "FORBIDDEN" })
    owner.send({ type: "accept", offerId: offer["offerId"], ref: "mine" })
    expect((await owner.next(ackOf("mine"))).type).toBe("ack")
    for (const [i, f] of [
      { type: "send", chatId: chat.chatId, text: "hi" },
      { type: "end", chatId: chat.chatId },
      { type: "transfer", chatId: chat.chatId, toQueue: "billing" },
      { type: "wrapUp", chatId: chat.chatId, reason: "Resolved" }
    ].entries()) {
      other.send({ ...f, ref: `x${i}` })
      expect(await other.next(ackOf(`x${i}`))).toMatchObject({ type: "error", code: "FORBIDDEN", path: ["chatId"] })
    }
    other.send({ type: "hello", resume: { [chat.chatId]: 0 } })
    expect(await other.next(type("error"), 10_000, other.frames.length - 1)).toBeDefined()
    // the owner cannot conference an agent that is not Available with a free slot (engine re-check)
    owner.send({ type: "conference", chatId: chat.chatId, agentId: "a3", ref: "conf" })
    expect(await owner.next(ackOf("conf"))).toMatchObject({ type: "error", code: "TARGET_UNAVAILABLE" })
    owner.send({ type: "stats", ref: "st" })
    await owner.next(type("stats"))
    other.send({ type: "stats", ref: "st2" })
    expect(await other.next(ackOf("st2"))).toMatchObject({ type: "error", code: "FORBIDDEN" })
    owner.close()
    other.close()
  })

  it("a bad Origin is refused at the upgrade", async () => {
    const token = await login(server.url, "a3")
    const url = `${server.url.replace("http", "ws")}/ws/agent?token=${token}`
    expect(await upgradeStatus(url, { origin: "http://evil.example" })).toBe(403)
    expect(await upgradeStatus(url, { origin: `http://127.0.0.1:${server.port}.evil.example` })).toBe(403)
    expect(await upgradeStatus(url, { origin: `http://127.0.0.1:${server.port}` })).toBe(101)
  })

  it("a bad or missing token is refused with 401", async () => {
    const ws = server.url.replace("http", "ws")
    const token = await login(server.url, "a3")
    expect(await upgradeStatus(`${ws}/ws/agent`)).toBe(401)
    expect(await upgradeStatus(`${ws}/ws/agent?token=garbage`)).toBe(401)
    expect(await upgradeStatus(`${ws}/ws/agent?token=${token.slice(0, -2)}xx`)).toBe(401)
    const [v, payload, sig] = token.split(".")
    const forged = Buffer.from(Buffer.from(payload!, "base64url").toString().replace("a3", "a1")).toString("base64url")
    expect(await upgradeStatus(`${ws}/ws/agent?token=${v}.${forged}.${sig}`)).toBe(401)
    expect(await upgradeStatus(`${ws}/ws/nowhere?token=${token}`)).toBe(404)
  })

  it("an oversized frame closes with 1009 and the server stays up", async () => {
    const c = await Client.open(server.url, "agent", await login(server.url, "a3"))
    c.send("x".repeat(70 * 1024))
    expect((await c.waitClose()).code).toBe(1009)
    expect((await fetch(`${server.url}/healthz`)).status).toBe(200)
  })

  it("a flood gets RATE_LIMITED errors, then close 4008", async () => {
    const c = await Client.open(server.url, "agent", await login(server.url, "a3"))
    for (let i = 0; i < 400 && c.closed === undefined; i++) c.send({ type: "ping" })
    expect((await c.waitClose()).code).toBe(4008)
    expect(c.frames.some((f) => f.type === "error" && f["code"] === "RATE_LIMITED")).toBe(true)
  })

  it("no hello within the timeout closes 4008; frames before hello get HELLO_REQUIRED", async () => {
    const c = await Client.open(server.url, "agent", await login(server.url, "a3"))
    c.send({ type: "directory", ref: "d" })
    expect(await c.next(ackOf("d"))).toMatchObject({ code: "HELLO_REQUIRED" })
    expect((await c.waitClose()).code).toBe(4008)
  })
})

describe("live resource limits", () => {
  it("a slow reader is terminated when its unsent output passes the cap", async () => {
    const s = await startTestServer(
      testConfig(
        testConfigFile({
          rateBurst: 10_000,
          ratePerSec: 10_000,
          maxBufferedBytes: 64 * 1024,
          maxTextChars: 60_000,
          maxChatBytes: 1_000_000_000,
          maxChatMessages: 100_000
        })
      )
    )
    try {
      const agent = await availableAgent(s.url, "a1")
      const chat = await startChat(s.url, "support", "Slow")
      const offer = await agent.next(type("offer"))
      agent.send({ type: "accept", offerId: offer["offerId"], ref: "acc" })
      await agent.next(ackOf("acc"))
      const customer = await helloCustomer(s.url, chat.token)
      ;(agent.ws as unknown as { _socket: { pause: () => void } })._socket.pause()
      const text = "y".repeat(50_000)
      let terminated = false
      for (let i = 0; i < 2_000 && !terminated; i++) {
        customer.send({ type: "send", text, ref: `m${i}` })
        await customer.next(ackOf(`m${i}`))
        terminated = (await (await fetch(`${s.url}/metrics`)).text()).includes('reason="slow-reader"')
      }
      expect(terminated).toBe(true)
      ;(agent.ws as unknown as { _socket: { resume: () => void } })._socket.resume()
      expect((await agent.waitClose(20_000)).code).toBe(1006)
      customer.close()
    } finally {
      await s.close()
    }
  })

  it("a connection that stops answering pings is terminated", async () => {
    const s = await startTestServer(testConfig(testConfigFile({ heartbeat: "200ms" })))
    try {
      const c = await Client.open(s.url, "agent", await login(s.url, "a1"), { autoPong: false })
      c.send({ type: "hello" })
      expect((await c.waitClose(20_000)).code).toBe(1006)
    } finally {
      await s.close()
    }
  })

  it("connections over the cap are closed with 4013", async () => {
    const s = await startTestServer(testConfig(testConfigFile({ maxConnections: 2 })))
    try {
      const token = await login(s.url, "a1")
      const open = [await Client.open(s.url, "agent", token), await Client.open(s.url, "agent", token)]
      const third = await Client.open(s.url, "agent", token)
      expect((await third.waitClose()).code).toBe(4013)
      for (const c of open) c.close()
    } finally {
      await s.close()
    }
  })
})
