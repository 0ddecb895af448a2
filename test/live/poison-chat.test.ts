// A chat cannot be made into a poison that knocks agents offline: what a chat may hold is bounded
// (CHAT_FULL to the sender, default 256 KiB of text), and no frame carries a whole thread: an
// offer carries the last few messages, a chat view and a welcome the newest page, and `history`
// pages back through the rest. An agent offered, then holding, a full chat stays connected.
import { afterAll, beforeAll, describe, expect, it } from "vitest"
import { DEFAULT_LIMITS } from "../../live/config.ts"
import type { RunningServer } from "../../live/server.ts"
import type { Frame } from "./support.ts"
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
    testConfig(testConfigFile({ rateBurst: 100_000, ratePerSec: 100_000, floodBurst: 100_000 }))
  )
})
afterAll(async () => {
  await server.close()
})

const frameBytes = (f: Frame): number => Buffer.byteLength(JSON.stringify(f))
const seqs = (messages: unknown): Array<number> => (messages as Array<Frame>).map((m) => m["seq"] as number)

describe("live poison chat", () => {
  it("a customer fills a chat: CHAT_FULL past 256 KiB; offers, views and welcomes carry windows; history pages the rest", async () => {
    const chat = await startChat(server.url, "support", "Poison")
    const customer = await Client.open(server.url, "customer", chat.token)
    customer.send({ type: "hello" })
    await customer.next(type("welcome"))
    const text = "p".repeat(4_000)
    let accepted = 0
    let full: Frame | undefined
    for (let i = 0; i < 80 && full === undefined; i++) {
      customer.send({ type: "send", text, ref: `p${i}` })
      const answer = await customer.next(ackOf(`p${i}`))
      if (answer.type === "ack") accepted++
      else full = answer
    }
    expect(full).toMatchObject({ type: "error", code: "CHAT_FULL", path: ["text"] })
    expect(accepted).toBe(Math.floor(DEFAULT_LIMITS.maxChatBytes / 4_000))

    const agent = await availableAgent(server.url, "a1")
    const offer = await agent.next(type("offer"))
    expect((offer["thread"] as Array<Frame>).length).toBeLessThanOrEqual(DEFAULT_LIMITS.offerThreadMessages)
    expect(offer["earlierMessages"]).toBe(accepted - (offer["thread"] as Array<Frame>).length)
    expect(seqs(offer["thread"]).at(-1)).toBe(accepted)
    agent.send({ type: "accept", offerId: offer["offerId"], ref: "acc" })
    expect((await agent.next(ackOf("acc"))).type).toBe("ack")
    const assigned = await agent.next(type("chatAssigned"))
    const view = assigned["chat"] as Frame
    expect(frameBytes(assigned)).toBeLessThanOrEqual(DEFAULT_LIMITS.pageBytes + 2_000)
    expect(seqs(view["messages"]).at(-1)).toBe(accepted)
    expect(view["earlierMessages"]).toBe(accepted - (view["messages"] as Array<Frame>).length)

    // page back to seq 1 with history
    const all = new Set(seqs(view["messages"]))
    let before = Math.min(...all)
    for (let page = 0; before > 1 && page < 50; page++) {
      agent.send({ type: "history", chatId: chat.chatId, beforeSeq: before, ref: `h${page}` })
      const h = await agent.next((f) => f.type === "history" && f["ref"] === `h${page}`)
      expect(frameBytes(h)).toBeLessThanOrEqual(DEFAULT_LIMITS.pageBytes + 2_000)
      for (const s of seqs(h["messages"])) all.add(s)
      before = Math.min(...seqs(h["messages"]))
      expect(h["earlierMessages"]).toBe(before - 1)
    }
    expect([...all].sort((a, b) => a - b)).toEqual(Array.from({ length: accepted }, (_, i) => i + 1))

    // the agent reconnects: its welcome carries a page, not the thread, and it stays connected
    agent.close()
    const again = await Client.open(server.url, "agent", await login(server.url, "a1"))
    again.send({ type: "hello", resume: { [chat.chatId]: 0 } })
    const welcome = await again.next(type("welcome"))
    expect(frameBytes(welcome)).toBeLessThan(DEFAULT_LIMITS.maxBufferedBytes / 4)
    again.send({ type: "ping", ref: "alive" })
    expect(await again.next(type("pong"))).toBeDefined()
    expect(again.closed).toBeUndefined()

    // the customer's own welcome from seq 0: a page, and history for the rest
    const c2 = await Client.open(server.url, "customer", chat.token)
    c2.send({ type: "hello", lastSeq: 0 })
    const cw = await c2.next(type("welcome"))
    expect(frameBytes(cw)).toBeLessThanOrEqual(DEFAULT_LIMITS.pageBytes + 2_000)
    expect(cw["earlierMessages"]).toBe(accepted - (cw["messages"] as Array<Frame>).length)
    c2.send({ type: "history", beforeSeq: 3, ref: "ch" })
    expect(seqs((await c2.next((f) => f.type === "history")).messages)).toEqual([1, 2])
    for (const c of [customer, again, c2]) c.close()
  }, 60_000)
})
