// Memory follows open chats, not history: 20,000 chats run to closed (messages with refs both ways,
// end, wrap-up) straight through the center; the JS heap after a full GC grows by less than a
// bound between 2,000 and 20,000 closed chats, and a restart on that log (replay) ends within the
// same bound. Closed transcripts are then served from the database.
import { setFlagsFromString } from "node:v8"
import { runInNewContext } from "node:vm"
import { describe, expect, it } from "vitest"
import type { Center } from "../../live/center.ts"
import { Client, startTestServer, tempDir, testConfig, testConfigFile, type } from "./support.ts"

setFlagsFromString("--expose-gc")
const gc = runInNewContext("gc") as () => void

const heapMb = async (): Promise<number> => {
  for (let i = 0; i < 3; i++) {
    await new Promise((r) => setImmediate(r))
    gc()
  }
  return process.memoryUsage().heapUsed / 1_048_576
}

const CHATS = 20_000
const BOUND_MB = 6

/** One chat from start to closed, every input through `submit`; returns its id. */
const oneChat = (center: Center, i: number): string => {
  const chatId = `c_mem_${i}`
  const ok = (r: ReturnType<Center["submit"]>): void => {
    if (r._tag === "Rejected") throw new Error(`chat ${i}: ${r.code} ${r.message}`)
  }
  ok(
    center.submit(
      { _tag: "StartChat", chatId, queueId: "support", customerName: `Customer ${i}`, proactive: false },
      "http",
      `memory-key-${String(i).padStart(8, "0")}`
    )
  )
  const offerId = [...center.state.agents.get("a1")!.offers].find(
    (id) => center.state.offers.get(id)?.chatId === chatId
  )!
  ok(center.submit({ _tag: "AcceptOffer", agentId: "a1", offerId }, "agent:a1", `acc-${i}`))
  ok(
    center.submit(
      { _tag: "CustomerMessage", chatId, text: `My order number ${i} has not arrived yet, can you check it please?` },
      `customer:${chatId}`,
      "q1"
    )
  )
  ok(
    center.submit(
      { _tag: "AgentMessage", agentId: "a1", chatId, text: `Let me look at order ${i} for you, one moment.` },
      "agent:a1",
      `m-${i}`
    )
  )
  ok(center.submit({ _tag: "CustomerMessage", chatId, text: "Thank you!" }, `customer:${chatId}`, "q2"))
  ok(center.submit({ _tag: "EndChat", agentId: "a1", chatId }, "agent:a1", `e-${i}`))
  ok(center.submit({ _tag: "SubmitWrapUp", agentId: "a1", chatId, reason: "Resolved" }, "agent:a1", `w-${i}`))
  return chatId
}

describe("live memory", () => {
  it(`heap after ${CHATS} closed chats, and after a restart on their log, stays within ${BOUND_MB} MB of 2,000`, async () => {
    const dataDir = tempDir()
    const config = testConfig(testConfigFile())
    let server = await startTestServer(config, dataDir)
    let atStart = 0
    let first = ""
    try {
      const center = server.center
      center.submit({ _tag: "Login", agentId: "a1" }, "agent:a1")
      center.submit({ _tag: "GoAvailable", agentId: "a1" }, "agent:a1")
      for (let i = 0; i < CHATS; i++) {
        const id = oneChat(center, i)
        if (i === 0) first = id
        if (i % 500 === 499) await new Promise((r) => setImmediate(r))
        if (i === 1_999) atStart = await heapMb()
      }
      const atEnd = await heapMb()
      expect(center.state.chats.size).toBe(0)
      expect(
        atEnd - atStart,
        `heap ${atStart.toFixed(1)} MB at 2,000 closed chats, ${atEnd.toFixed(1)} MB at ${CHATS}`
      ).toBeLessThan(BOUND_MB)
    } finally {
      await server.close()
    }
    server = await startTestServer(config, dataDir)
    try {
      const afterRestart = await heapMb()
      expect(
        afterRestart - atStart,
        `heap ${afterRestart.toFixed(1)} MB after replaying ${CHATS} closed chats`
      ).toBeLessThan(BOUND_MB)
      // a closed transcript is still served, from the database
      const token = (await import("../../live/tokens.ts")).issueToken
      const secret = (await import("../../live/secret.ts")).loadOrCreateSecret(dataDir)
      const c = await Client.open(server.url, "customer", token(secret, "c", first, server.center.nowMs(), 60_000))
      c.send({ type: "hello" })
      const w = await c.next(type("welcome"))
      expect(w).toMatchObject({ status: "closed", outcome: "completed" })
      expect((w["messages"] as Array<{ text: string }>).map((m) => m.text)).toEqual([
        "My order number 0 has not arrived yet, can you check it please?",
        "Let me look at order 0 for you, one moment.",
        "Thank you!"
      ])
      c.close()
    } finally {
      await server.close()
    }
  }, 180_000)
})
