// Idempotency keys and refs older than what the server keeps in memory: a duplicate is still
// answered as a duplicate (from the log), before and after a restart, and never stops the server.
// The server runs as a child process, so a server that stops is seen as one.

import type { ChildProcess } from "node:child_process"
import { writeFileSync } from "node:fs"
import { request } from "node:http"
import { join } from "node:path"
import { afterAll, describe, expect, it } from "vitest"
import { stringify } from "yaml"
import { ackOf, Client, kill9, serveChild, tempDir, testConfigFile, type } from "./support.ts"

const children: Array<ChildProcess> = []
afterAll(async () => {
  for (const c of children) await kill9(c)
})

const OPEN = { rateBurst: 100_000, ratePerSec: 100_000, floodBurst: 100_000 }

/** POST /api/chat from a chosen loopback address (the per-address limit spreads over many). */
// biome-ignore lint/suspicious/noExplicitAny: a JSON answer the tests read freely
const startFrom = (base: string, key: string, local: string): Promise<{ status: number; body: any }> =>
  new Promise((resolve, reject) => {
    const u = new URL("/api/chat", base)
    const text = JSON.stringify({ queueId: "billing", customerName: "Key", idempotencyKey: key })
    const req = request(
      {
        host: u.hostname,
        port: u.port,
        path: u.pathname,
        method: "POST",
        localAddress: local,
        agent: false,
        headers: { "content-type": "application/json", "content-length": Buffer.byteLength(text) }
      },
      (res) => {
        let body = ""
        res.on("data", (c: Buffer) => {
          body += c.toString()
        })
        res.on("end", () => resolve({ status: res.statusCode ?? 0, body: JSON.parse(body) }))
      }
    )
    req.on("error", reject)
    req.end(text)
  })

const up = async (base: string): Promise<boolean> => {
  try {
    return (await fetch(`${base}/healthz`)).status === 200
  } catch {
    return false
  }
}

const server = async () => {
  const dir = tempDir()
  const configPath = join(dir, "center.yaml")
  writeFileSync(configPath, stringify(testConfigFile(OPEN)))
  const dataDir = join(dir, "data")
  const s = await serveChild(configPath, dataDir)
  children.push(s.child)
  return { ...s, configPath, dataDir }
}

describe("live idempotency beyond the in-memory window", () => {
  it("an old idempotency key is answered with its chat, from the log, before and after a restart", async () => {
    let s = await server()
    const key = "first-key-0000000000"
    const first = await startFrom(s.base, key, "127.0.0.2")
    expect(first.status).toBe(201)
    for (let i = 0; i < 1_001; i += 50) {
      await Promise.all(
        Array.from({ length: Math.min(50, 1_001 - i) }, (_, j) =>
          startFrom(s.base, `other-key-${String(i + j).padStart(10, "0")}`, `127.0.${2 + ((i + j) % 40)}.3`).then((r) =>
            expect(r.status).toBe(201)
          )
        )
      )
    }
    const again = await startFrom(s.base, key, "127.0.0.5")
    expect(again.status).toBe(200)
    expect(again.body).toMatchObject({ chatId: first.body.chatId, duplicate: true })
    expect(await up(s.base)).toBe(true)

    await kill9(s.child)
    s = { ...s, ...(await serveChild(s.configPath, s.dataDir)) }
    children.push(s.child)
    const afterRestart = await startFrom(s.base, key, "127.0.0.6")
    expect(afterRestart.status).toBe(200)
    expect(afterRestart.body).toMatchObject({ chatId: first.body.chatId, duplicate: true })
    expect(await up(s.base)).toBe(true)
  }, 120_000)

  it("a customer's old message ref is answered as a duplicate with its seq; the server stays up", async () => {
    const s = await server()
    const chat = await startFrom(s.base, "socket-key-000000000", "127.0.0.2")
    const c = await Client.open(s.base, "customer", chat.body.token)
    c.send({ type: "hello" })
    await c.next(type("welcome"))
    const N = 1_040
    for (let i = 0; i < N; i += 40) {
      for (let j = i; j < Math.min(N, i + 40); j++) c.send({ type: "send", text: `m${j}`, ref: `r${j}` })
      await c.next(ackOf(`r${Math.min(N, i + 40) - 1}`), 20_000)
    }
    c.send({ type: "send", text: "m0 again", ref: "r0" })
    const dup = await c.next((f) => f.type !== "message" && f["ref"] === "r0" && f["duplicate"] === true, 10_000)
    expect(dup).toMatchObject({ type: "ack", seq: 1, duplicate: true })
    c.send({ type: "send", text: "still talking", ref: "new-ref" })
    expect(await c.next(ackOf("new-ref"))).toMatchObject({ type: "ack", seq: N + 1 })
    expect(await up(s.base)).toBe(true)
    c.close()
  }, 120_000)
})
