// Group commit: a burst of messages from several customers in one tick shares commits, yet no ack
// and no frame about an input reaches anybody before that input is committed (checked at each
// frame's socket write against a wrapper around the log's commit and against a second reader of
// the database file); every acknowledged message survives kill -9, once, in order, and its ref still
// answers as a duplicate after the restart; the acks equal the messages.
import { writeFileSync } from "node:fs"
import { join } from "node:path"
import { DatabaseSync } from "node:sqlite"
import { describe, expect, it } from "vitest"
import WebSocket from "ws"
import { stringify } from "yaml"
import type { NewRow } from "../../live/log.ts"
import type { Frame } from "./support.ts"
import {
  ackOf,
  availableAgent,
  Client,
  kill9,
  serveChild,
  startChat,
  startTestServer,
  tempDir,
  testConfig,
  testConfigFile,
  type
} from "./support.ts"

const BURST = 50
const OPEN = { rateBurst: 10_000, ratePerSec: 10_000, floodBurst: 100_000 }

/** Two support chats held by a1 and two billing chats held by a2, each customer helloed. */
const fourChats = async (base: string) => {
  const agents = { support: await availableAgent(base, "a1"), billing: await availableAgent(base, "a2") }
  const customers: Array<{ chatId: string; token: string; client: Client }> = []
  for (const queue of ["support", "support", "billing", "billing"] as const) {
    const chat = await startChat(base, queue, `Burst ${customers.length}`)
    const agent = agents[queue]
    const offer = await agent.next((f) => f.type === "offer" && f["chatId"] === chat.chatId)
    agent.send({ type: "accept", offerId: offer["offerId"], ref: `acc-${chat.chatId}` })
    await agent.next(ackOf(`acc-${chat.chatId}`))
    const client = await Client.open(base, "customer", chat.token)
    client.send({ type: "hello" })
    await client.next(type("welcome"))
    customers.push({ ...chat, client })
  }
  return { agents: [agents.support, agents.billing], customers }
}

/** Every customer sends BURST messages in one synchronous loop (one tick of the client). */
const burst = (customers: ReadonlyArray<{ chatId: string; client: Client }>): void => {
  for (let i = 1; i <= BURST; i++)
    for (const [k, c] of customers.entries()) c.client.send({ type: "send", text: `burst ${k}-${i}`, ref: `b${i}` })
}

const burstAcks = (c: Client): Array<Frame> =>
  c.frames.filter((f) => f.type === "ack" && String(f["ref"]).startsWith("b"))

describe("live group commit", () => {
  it("a burst from several clients in one tick: batched commits, nothing heard before its commit", async () => {
    const server = await startTestServer(testConfig(testConfigFile(OPEN)))
    const log = server.center.log
    const committed = new Set<string>()
    const batches: Array<number> = []
    const commit = log.commit.bind(log)
    log.commit = (rows: ReadonlyArray<NewRow>) => {
      commit(rows)
      batches.push(rows.length)
      for (const r of rows) {
        if (r.ref !== undefined) committed.add(`${r.actor} ${r.ref}`)
        if (r.command._tag === "CustomerMessage") committed.add(`text ${r.command.text}`)
      }
    }
    const reader = new DatabaseSync(log.path, { readOnly: true })
    const durable = reader.prepare("SELECT COUNT(*) AS n FROM inputs WHERE actor = ? AND ref = ?")
    const early: Array<string> = []
    // every socket write in this process (server frames are told apart by their type): a frame
    // about a burst input must find that input committed, and visible to another reader, already
    const send = WebSocket.prototype.send
    WebSocket.prototype.send = function (this: WebSocket, data: unknown, ...rest: Array<unknown>) {
      if (typeof data === "string") {
        const f = JSON.parse(data) as Frame
        if (f.type === "ack" && String(f["ref"]).startsWith("b")) {
          const actor = `customer:${String(f["chatId"])}`
          const n = Number((durable.get(actor, String(f["ref"])) as { n: number }).n)
          if (!committed.has(`${actor} ${String(f["ref"])}`) || n !== 1) early.push(`ack ${actor} ${String(f["ref"])}`)
        }
        if (
          f.type === "message" &&
          String(f["text"]).startsWith("burst") &&
          !committed.has(`text ${String(f["text"])}`)
        )
          early.push(`message ${String(f["text"])}`)
      }
      return (send as (...a: Array<unknown>) => void).call(this, data, ...rest)
    } as typeof send
    try {
      const { agents, customers } = await fourChats(server.url)
      batches.length = 0
      burst(customers)
      for (const c of customers) await c.client.next(ackOf(`b${BURST}`), 20_000)
      for (const [k, c] of customers.entries()) {
        const agent = agents[k < 2 ? 0 : 1]!
        await agent.next(
          (f) => f.type === "message" && f["chatId"] === c.chatId && f["text"] === `burst ${k}-${BURST}`,
          20_000
        )
      }
      expect(early).toEqual([])
      for (const c of customers) {
        const acks = burstAcks(c.client)
        expect(acks.length).toBe(BURST)
        expect(acks.map((f) => f["seq"])).toEqual(Array.from({ length: BURST }, (_, i) => i + 1))
      }
      const inputs = batches.reduce((a, b) => a + b, 0)
      expect(inputs).toBe(BURST * customers.length)
      expect(batches.length).toBeLessThan(inputs) // grouped: some commit carried several inputs
      for (const c of [...agents, ...customers.map((x) => x.client)]) c.close()
    } finally {
      WebSocket.prototype.send = send
      reader.close()
      await server.close()
    }
  }, 60_000)

  it("every acknowledged message of a burst survives kill -9, once and in order; refs stay idempotent", async () => {
    const dir = tempDir()
    const configPath = join(dir, "center.yaml")
    writeFileSync(configPath, stringify(testConfigFile(OPEN)))
    const dataDir = join(dir, "data")
    let s = await serveChild(configPath, dataDir)
    try {
      const { agents, customers } = await fourChats(s.base)
      burst(customers)
      for (const c of customers) await c.client.next(ackOf(`b${BURST}`), 20_000)
      const acked = customers.map((c) => burstAcks(c.client).length)
      expect(acked).toEqual(customers.map(() => BURST))
      await kill9(s.child)
      for (const c of [...agents, ...customers.map((x) => x.client)]) c.close()

      s = await serveChild(configPath, dataDir)
      for (const [k, c] of customers.entries()) {
        const again = await Client.open(s.base, "customer", c.token)
        again.send({ type: "hello", lastSeq: 0 })
        const w = await again.next(type("welcome"))
        const texts = (w["messages"] as Array<Frame>)
          .filter((m) => String(m["text"]).startsWith("burst"))
          .map((m) => m["text"])
        expect(texts).toEqual(Array.from({ length: BURST }, (_, i) => `burst ${k}-${i + 1}`))
        again.send({ type: "send", text: "resent", ref: `b${BURST}` })
        expect(await again.next(ackOf(`b${BURST}`))).toMatchObject({ type: "ack", seq: BURST, duplicate: true })
        again.close()
      }
    } finally {
      await kill9(s.child)
    }
  }, 90_000)
})
