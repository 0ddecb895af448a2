// Agent login does not tell which ids exist and resists guessing: an unknown id costs the same
// password hashing as a wrong password for a real one (compared as a ratio of medians, not against
// a time target); failed logins lock the account (known or not, the same answers) with a lock that
// doubles; the per-address buckets evict the least recently used address instead of resetting.
import { request } from "node:http"
import { describe, expect, it } from "vitest"
import { LimiterTable } from "../../live/limiter-table.ts"
import { startServer } from "../../live/server.ts"
import { tempDir, testConfig, testConfigFile } from "./support.ts"

const loginFrom = (
  base: string,
  agentId: string,
  password: string,
  local: string
  // biome-ignore lint/suspicious/noExplicitAny: a JSON answer the tests read freely
): Promise<{ status: number; body: any; ms: number }> =>
  new Promise((resolve, reject) => {
    const u = new URL("/api/agent/login", base)
    const text = JSON.stringify({ agentId, password })
    const t0 = performance.now()
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
        res.on("end", () =>
          resolve({ status: res.statusCode ?? 0, body: JSON.parse(body), ms: performance.now() - t0 })
        )
      }
    )
    req.on("error", reject)
    req.end(text)
  })

const median = (xs: ReadonlyArray<number>): number => [...xs].sort((a, b) => a - b)[Math.floor(xs.length / 2)]!

describe("live agent login", () => {
  it("an unknown id costs as much as a wrong password for a real one", async () => {
    const server = await startServer({ config: testConfig(), dataDir: tempDir(), port: 0 })
    try {
      const real: Array<number> = []
      const unknown: Array<number> = []
      for (let i = 0; i < 4; i++) {
        const a = await loginFrom(server.url, "a1", "wrong", `127.0.2.${i + 2}`)
        const b = await loginFrom(server.url, `nobody-${i}`, "wrong", `127.0.3.${i + 2}`)
        expect([a.status, b.status]).toEqual([401, 401])
        expect(a.body).toEqual(b.body)
        real.push(a.ms)
        unknown.push(b.ms)
      }
      expect(
        median(unknown) / median(real),
        `real ${real.map(Math.round)} ms, unknown ${unknown.map(Math.round)} ms`
      ).toBeGreaterThan(0.5)
    } finally {
      await server.close()
    }
  })

  it("repeated failures lock the account whatever the address, known or not, with a doubling lock", async () => {
    let now = Date.now()
    const server = await startServer({
      config: testConfig(testConfigFile({ loginFailuresBeforeLock: 3, loginLock: "10s" })),
      dataDir: tempDir(),
      port: 0,
      clock: { nowMs: () => now }
    })
    try {
      for (const id of ["a2", "ghost"]) {
        for (let i = 0; i < 3; i++)
          expect((await loginFrom(server.url, id, "wrong", `127.0.4.${i + 2}`)).status).toBe(401)
        const locked = await loginFrom(server.url, id, id === "a2" ? "pw-a2" : "wrong", "127.0.4.9")
        expect(locked.status).toBe(429)
        expect(locked.body).toMatchObject({ code: "RATE_LIMITED" })
        expect(locked.body.retryAfterMs).toBeGreaterThan(9_000)
        expect(locked.body.retryAfterMs).toBeLessThanOrEqual(10_000)
      }
      now += 10_001
      for (let i = 0; i < 3; i++)
        expect((await loginFrom(server.url, "a2", "wrong", `127.0.5.${i + 2}`)).status).toBe(401)
      const longer = await loginFrom(server.url, "a2", "pw-a2", "127.0.5.9")
      expect(longer.status).toBe(429)
      expect(longer.body.retryAfterMs).toBeGreaterThan(19_000)
      now += 20_001
      expect((await loginFrom(server.url, "a2", "pw-a2", "127.0.5.10")).status).toBe(200)
    } finally {
      await server.close()
    }
  })

  it("the per-address table evicts the least recently used address, never resets a busy one", () => {
    const t = new LimiterTable(2, 0.001, 3)
    expect([t.take("busy", 0), t.take("busy", 0)]).toEqual([undefined, undefined])
    expect(t.take("busy", 0)).toBeGreaterThan(0)
    for (const other of ["x", "y"]) t.take(other, 0)
    expect(t.take("busy", 0)).toBeGreaterThan(0) // still limited: it was used more recently than the rest
    for (const other of ["p", "q", "r"]) t.take(other, 0)
    expect(t.size).toBe(3)
  })
})
