// Resume: a client that reconnects with its last seen seq gets every message it missed exactly
// once, in order, and then only new ones; plus the serve command's config errors (exit 2, paths).
import { writeFileSync } from "node:fs"
import { join } from "node:path"
import { afterAll, beforeAll, describe, expect, it } from "vitest"
import type { RunningServer } from "../../live/server.ts"
import { cli } from "../support/cli.ts"
import type { Frame } from "./support.ts"
import { ackOf, availableAgent, Client, startChat, startTestServer, tempDir, type } from "./support.ts"

let server: RunningServer
beforeAll(async () => {
  server = await startTestServer()
})
afterAll(async () => {
  await server.close()
})

const seqs = (frames: ReadonlyArray<Frame>): Array<number> =>
  frames.filter((f) => f.type === "message").map((f) => f["seq"] as number)

describe("live resume", () => {
  it("reconnecting with the last seen seq delivers every missed message exactly once", async () => {
    const agent = await availableAgent(server.url, "a1")
    const chat = await startChat(server.url, "support", "Rae")
    const offer = await agent.next(type("offer"))
    agent.send({ type: "accept", offerId: offer["offerId"], ref: "acc" })
    await agent.next(ackOf("acc"))
    const first = await Client.open(server.url, "customer", chat.token)
    first.send({ type: "hello" })
    await first.next(type("welcome"))
    for (let i = 1; i <= 3; i++) {
      agent.send({ type: "send", chatId: chat.chatId, text: `m${i}`, ref: `r${i}` })
      await first.next((f) => f.type === "message" && f["seq"] === i)
    }
    const lastSeen = Math.max(...seqs(first.frames))
    first.close()
    await first.waitClose()
    for (let i = 4; i <= 8; i++) {
      agent.send({ type: "send", chatId: chat.chatId, text: `m${i}`, ref: `r${i}` })
      await agent.next(ackOf(`r${i}`))
    }
    const again = await Client.open(server.url, "customer", chat.token)
    again.send({ type: "hello", lastSeq: lastSeen })
    const welcome = await again.next(type("welcome"))
    expect(seqs(welcome["messages"] as Array<Frame>)).toEqual([4, 5, 6, 7, 8])
    agent.send({ type: "send", chatId: chat.chatId, text: "m9", ref: "r9" })
    await again.next((f) => f.type === "message" && f["seq"] === 9)
    again.send({ type: "ping", ref: "sync" })
    await again.next(type("pong"))
    expect(seqs(again.frames)).toEqual([9])
    // the agent's own reconnect: a second connection resumes from seq 6
    const second = await Client.open(server.url, "agent", agent.ws.url.split("token=")[1]!)
    second.send({ type: "hello", resume: { [chat.chatId]: 6 } })
    const w = await second.next(type("welcome"))
    const view = (w["chats"] as Array<{ chatId: string; messages: Array<Frame> }>).find(
      (c) => c.chatId === chat.chatId
    )!
    expect(seqs(view.messages)).toEqual([7, 8, 9])
    for (const c of [agent, again, second]) c.close()
  })
})

describe("serve config errors", () => {
  it("a bad config file lists every problem with its path and exits 2", () => {
    const dir = tempDir()
    const path = join(dir, "bad.yaml")
    writeFileSync(
      path,
      "queues: [{ id: support }]\nagents:\n  - { id: a1, capacity: 12, queues: [nope] }\nroutng: {}\nlimits: { heartbeat: soon }\n"
    )
    const r = cli(["serve", "--config", path, "--data", join(dir, "data")])
    expect(r.code).toBe(2)
    expect(r.stderr).toContain("routng")
    expect(r.stderr).not.toContain("    at ")
    const syntax = join(dir, "syntax.yaml")
    writeFileSync(syntax, "queues: [\n")
    const s = cli(["serve", "--config", syntax, "--data", join(dir, "data")])
    expect(s.code).toBe(2)
    expect(s.stderr).toMatch(/syntax\.yaml:\d+:\d+: /)
    const sem = join(dir, "sem.yaml")
    writeFileSync(
      sem,
      "queues: [{ id: support }]\nagents:\n  - { id: a1, capacity: 12, queues: [nope] }\nlimits: { heartbeat: soon }\n"
    )
    const t = cli(["serve", "--config", sem, "--data", join(dir, "data")])
    expect(t.code).toBe(2)
    expect(t.stderr).toContain("agents[0].queues[0]")
    expect(t.stderr).toContain("agents[0].capacity")
    expect(t.stderr).toContain("limits.heartbeat")
    expect(t.stderr).toContain("agents[0]: needs a password")
  })
})
