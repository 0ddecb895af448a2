// The HTTP routes on effect's HttpRouter keep the hand-routed server's answers: JSON error shape,
// 413 past 16 KiB, BAD_JSON, SCHEMA in the one formatter's words, 404 for unknown routes and page
// names, 403 for a foreign Origin; HEAD answers as GET without a body.
import { afterAll, beforeAll, describe, expect, it } from "vitest"
import type { RunningServer } from "../../live/server.ts"
import { post, startTestServer } from "./support.ts"

let server: RunningServer
beforeAll(async () => {
  server = await startTestServer()
})
afterAll(async () => {
  await server.close()
})

const raw = async (path: string, init: RequestInit = {}) => {
  const res = await fetch(`${server.url}${path}`, init)
  const text = await res.text()
  return {
    status: res.status,
    headers: res.headers,
    text,
    body: text === "" ? undefined : (JSON.parse(text) as Record<string, unknown>)
  }
}

describe("HTTP routes", () => {
  it("answer JSON with no-store, and HEAD as GET without a body", async () => {
    const queues = await raw("/api/queues")
    expect(queues.status).toBe(200)
    expect(queues.headers.get("content-type")).toBe("application/json")
    expect(queues.headers.get("cache-control")).toBe("no-store")
    expect(queues.body).toEqual({
      queues: [
        { id: "support", name: "Support" },
        { id: "billing", name: "Billing" }
      ]
    })
    const head = await raw("/api/queues", { method: "HEAD" })
    expect(head.status).toBe(200)
    expect(head.text).toBe("")
    const page = await raw("/agent.html", { method: "HEAD" })
    expect(page.headers.get("x-content-type-options")).toBe("nosniff")
  })

  it("refuse a body over 16 KiB, bad JSON, and a bad body in the one formatter's words", async () => {
    const big = await raw("/api/chat", { method: "POST", body: JSON.stringify({ queueId: "x".repeat(17_000) }) })
    expect(big.status).toBe(413)
    expect(big.body).toEqual({ type: "error", code: "TOO_BIG", message: "the body is over 16384 bytes" })
    const bad = await raw("/api/chat", { method: "POST", body: "{nope" })
    expect(bad.status).toBe(400)
    expect(bad.body).toMatchObject({ code: "BAD_JSON" })
    const schema = await post(server.url, "/api/chat", {
      queueId: "support",
      customerName: 3,
      idempotencyKey: "key-0123456789abcdef"
    })
    expect(schema.status).toBe(400)
    expect(schema.body).toEqual({
      type: "error",
      code: "SCHEMA",
      message: "customerName: expected a string, got 3",
      path: ["customerName"]
    })
    const login = await post(server.url, "/api/agent/login", { agentId: "a1" })
    expect(login.body).toMatchObject({ code: "SCHEMA", message: "password: is required", path: ["password"] })
  })

  it("404 for an unknown route or page name, 403 for a foreign Origin", async () => {
    expect((await raw("/api/nope")).body).toEqual({
      type: "error",
      code: "NOT_FOUND",
      message: "no route GET /api/nope"
    })
    expect((await raw("/api/chat")).status).toBe(404)
    expect((await raw("/Agent.HTML")).status).toBe(404)
    expect((await raw("/nope.html")).body).toMatchObject({ code: "NOT_FOUND", message: "no such page" })
    const foreign = await raw("/api/queues", { headers: { origin: "http://evil.example" } })
    expect(foreign.status).toBe(403)
    expect(foreign.body).toMatchObject({ code: "FORBIDDEN" })
  })
})
