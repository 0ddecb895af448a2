// A client that ignores the close handshake: after the server decides to close it (4008, a flood)
// it keeps sending. The server stops reading from it, terminates it after a short grace, and writes
// a handful of log lines for it, not one per frame. A raw TCP client plays the rude peer.
import { randomBytes } from "node:crypto"
import { connect } from "node:net"
import { describe, expect, it } from "vitest"
import { startServer } from "../../live/server.ts"
import { login, tempDir, testConfig } from "./support.ts"

/** One masked client text frame (payload under 126 bytes). */
const frame = (text: string): Buffer => {
  const payload = Buffer.from(text)
  const mask = randomBytes(4)
  const masked = Buffer.from(payload.map((b, i) => b ^ mask[i % 4]!))
  return Buffer.concat([Buffer.from([0x81, 0x80 | payload.length]), mask, masked])
}

describe("live close handshake", () => {
  it("a client that keeps sending after close 4008 is cut off with a few log lines", async () => {
    const lines: Array<string> = []
    const server = await startServer({
      config: testConfig(),
      dataDir: tempDir(),
      port: 0,
      logLine: (l) => lines.push(l)
    })
    try {
      const token = await login(server.url, "a1")
      const socket = connect(server.port, "127.0.0.1")
      let upgraded = false
      let ended = false
      socket.on("data", (d: Buffer) => {
        if (d.toString("latin1").startsWith("HTTP/1.1 101")) upgraded = true
      })
      socket.on("close", () => {
        ended = true
      })
      socket.on("error", () => {})
      await new Promise<void>((resolve) => socket.once("connect", () => resolve()))
      socket.write(
        `GET /ws/agent?token=${token} HTTP/1.1\r\nHost: 127.0.0.1\r\nUpgrade: websocket\r\nConnection: Upgrade\r\n` +
          `Sec-WebSocket-Key: ${randomBytes(16).toString("base64")}\r\nSec-WebSocket-Version: 13\r\n\r\n`
      )
      for (let i = 0; i < 100 && !upgraded; i++) await new Promise((r) => setTimeout(r, 20))
      expect(upgraded).toBe(true)
      const ping = frame(JSON.stringify({ type: "ping" }))
      const started = Date.now()
      let sent = 0
      // flood for up to 4 s, ignoring every frame the server sends (its close frame included)
      while (!ended && Date.now() - started < 4_000) {
        socket.write(Buffer.concat(Array.from({ length: 200 }, () => ping)))
        sent += 200
        await new Promise((r) => setImmediate(r))
      }
      expect(sent).toBeGreaterThan(200)
      for (let i = 0; i < 100 && !ended; i++) await new Promise((r) => setTimeout(r, 50))
      expect(ended, "the server terminated the connection").toBe(true)
      expect(Date.now() - started).toBeLessThan(4_000)
      expect(lines.length, lines.slice(0, 5).join("\n")).toBeLessThanOrEqual(10)
      expect(lines.some((l) => l.includes("4008"))).toBe(true)
      socket.destroy()
      expect((await fetch(`${server.url}/healthz`)).status).toBe(200)
    } finally {
      await server.close()
    }
  }, 30_000)
})
