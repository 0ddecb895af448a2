// Durability: the server runs as a child process; chats with acknowledged messages, then kill -9,
// then a restart on the same data directory: no acknowledged message or chat is lost, clients resume
// with their tokens and last seen seqs, an offer pending at the crash still expires (RONA) after the
// restart, the exported trace replays with exit 0, and the auditor finds no violation in the log.

import type { ChildProcess } from "node:child_process"
import { writeFileSync } from "node:fs"
import { join } from "node:path"
import { afterAll, describe, expect, it } from "vitest"
import { Auditor } from "../../core/audit/auditor.ts"
import { buildEngine, discardPorts } from "../../core/engine.ts"
import { InputLog } from "../../live/log.ts"
import { storedEngineConfig } from "../../live/log-engine-config.ts"
import { cli } from "../support/cli.ts"
import type { Frame } from "./support.ts"
import { ackOf, Client, kill9, login, serveChild, startChat, tempDir, type } from "./support.ts"

const CONFIG = `
routing: { offerTimeout: 3s, disconnectGrace: 60s }
queues: [{ id: support, name: Support }, { id: billing, name: Billing }]
agents:
  - { id: a1, name: Ann, password: pw-a1, queues: [support] }
  - { id: a2, name: Ben, password: pw-a2, queues: [billing] }
`

const children: Array<ChildProcess> = []
afterAll(async () => {
  for (const c of children) await kill9(c)
})

const serve = async (configPath: string, dataDir: string): Promise<{ child: ChildProcess; base: string }> => {
  const started = await serveChild(configPath, dataDir)
  children.push(started.child)
  return started
}

const messages = (frames: ReadonlyArray<Frame>): Array<number> =>
  frames.filter((f) => f.type === "message").map((f) => f["seq"] as number)

describe("live durability", () => {
  it("survives kill -9: acknowledged messages and chats, resume, RONA after restart, replayable trace, clean audit", async () => {
    const dir = tempDir()
    const configPath = join(dir, "center.yaml")
    writeFileSync(configPath, CONFIG)
    const dataDir = join(dir, "data")
    let { child, base } = await serve(configPath, dataDir)

    const a1Token = await login(base, "a1")
    const a1 = await Client.open(base, "agent", a1Token)
    a1.send({ type: "hello" })
    await a1.next(type("welcome"))
    a1.send({ type: "setPresence", presence: "Available", ref: "av" })
    await a1.next(ackOf("av"))
    const x = await startChat(base, "support", "Xena")
    const offer = await a1.next(type("offer"))
    a1.send({ type: "accept", offerId: offer["offerId"], ref: "acc" })
    expect((await a1.next(ackOf("acc"))).type).toBe("ack")
    const cx = await Client.open(base, "customer", x.token)
    cx.send({ type: "hello" })
    await cx.next(type("welcome"))
    for (let i = 1; i <= 3; i++) {
      cx.send({ type: "send", text: `customer ${i}`, ref: `c${i}` })
      expect((await cx.next(ackOf(`c${i}`))).type).toBe("ack")
    }
    for (let i = 1; i <= 2; i++) {
      a1.send({ type: "send", chatId: x.chatId, text: `agent ${i}`, ref: `m${i}` })
      expect((await a1.next(ackOf(`m${i}`))).type).toBe("ack")
    }
    const a2Token = await login(base, "a2")
    const a2 = await Client.open(base, "agent", a2Token)
    a2.send({ type: "hello" })
    await a2.next(type("welcome"))
    a2.send({ type: "setPresence", presence: "Available", ref: "av" })
    await a2.next(ackOf("av"))
    const y = await startChat(base, "billing", "Yuri")
    const pending = await a2.next(type("offer"))
    expect(pending["chatId"]).toBe(y.chatId)

    await kill9(child)
    ;({ child, base } = await serve(configPath, dataDir))

    // the customer resumes from scratch: every acknowledged message, each once, in order
    const cx2 = await Client.open(base, "customer", x.token)
    cx2.send({ type: "hello", lastSeq: 0 })
    const wx = await cx2.next(type("welcome"))
    expect(wx["status"]).toBe("active")
    expect(messages(wx["messages"] as Array<Frame>)).toEqual([1, 2, 3, 4, 5])
    // the agent resumes from seq 2 and gets 3..5; its chat is still its own
    const a1b = await Client.open(base, "agent", a1Token)
    a1b.send({ type: "hello", resume: { [x.chatId]: 2 } })
    const w1 = await a1b.next(type("welcome"))
    const chats = w1["chats"] as Array<{ chatId: string; messages: Array<Frame> }>
    expect(chats.map((c) => c.chatId)).toEqual([x.chatId])
    expect(messages(chats[0]!.messages)).toEqual([3, 4, 5])
    // the offer pending at the crash expired by its deadline: RONA
    const a2b = await Client.open(base, "agent", a2Token)
    a2b.send({ type: "hello" })
    const w2 = await a2b.next(type("welcome"))
    if (w2["presence"] !== "RONA") await a2b.next((f) => f.type === "presence" && f["presence"] === "RONA", 20_000)
    // the conversation goes on after the restart
    a1b.send({ type: "send", chatId: x.chatId, text: "still here", ref: "m3" })
    expect(await a1b.next(ackOf("m3"))).toMatchObject({ type: "ack", seq: 6 })
    expect(await cx2.next((f) => f.type === "message" && f["seq"] === 6)).toMatchObject({ text: "still here" })
    for (const c of [a1, a2, cx, cx2, a1b, a2b]) c.close()
    await kill9(child)

    const trace = join(dir, "live.jsonl")
    const exported = cli(["serve", "--data", dataDir, "--export-trace", trace])
    expect(exported.code, exported.stderr).toBe(0)
    const replayed = cli(["replay", trace])
    expect(replayed.code, replayed.stderr).toBe(0)
    expect(replayed.stdout).toContain("replay identical")

    const log = InputLog.open(dataDir)
    try {
      const stored = storedEngineConfig(log)
      if (stored._tag !== "Stored") throw new Error(`${log.path}: no usable engine configuration (${stored._tag})`)
      const config = stored.config
      const engine = buildEngine(config, discardPorts) // the log holds the timers that fired
      const auditor = new Auditor(config)
      const tags: Array<string> = []
      for (const row of log.rows()) {
        auditor.input(row.command, row.t)
        for (const e of engine.submitSync(row.command, row.t).events) {
          auditor.event(e)
          tags.push(e._tag)
        }
      }
      auditor.end()
      expect(auditor.violation).toBeUndefined()
      expect(tags).toContain("OfferExpired")
      expect(tags).toContain("AgentDisconnected")
    } finally {
      log.close()
    }
  }, 120_000)
})
