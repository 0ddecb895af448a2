// Helpers for the live tests: an in-process server on 127.0.0.1 port 0 with a small test center,
// HTTP calls, and a WebSocket client that records every frame and waits for matching ones; and
// `livechat-sim serve` as a child process (to kill -9).

import type { ChildProcess } from "node:child_process"
import { spawn } from "node:child_process"
import { randomUUID } from "node:crypto"
import { mkdtempSync } from "node:fs"
import { tmpdir } from "node:os"
import { join } from "node:path"
import WebSocket from "ws"
import type { ConfigFile, LiveConfig } from "../../live/config.ts"
import { resolveConfig } from "../../live/config.ts"
import type { RunningServer } from "../../live/server.ts"
import { startServer } from "../../live/server.ts"
import { root } from "../support/cli.ts"

export type Frame = { readonly type: string; readonly [k: string]: unknown }

export const testConfigFile = (limits: ConfigFile["limits"] = {}, routing: ConfigFile["routing"] = {}): ConfigFile => ({
  limits,
  routing,
  queues: [
    { id: "support", name: "Support" },
    { id: "billing", name: "Billing" }
  ],
  agents: [
    { id: "a1", name: "Ann", password: "pw-a1", capacity: 2, queues: ["support"], supervisor: true },
    { id: "a2", name: "Ben", password: "pw-a2", capacity: 2, queues: ["billing"] },
    { id: "a3", name: "Cat", password: "pw-a3", capacity: 2, queues: ["billing"] }
  ],
  templates: { greet: "Hi <customerName>" }
})

export const testConfig = (file: ConfigFile = testConfigFile()): LiveConfig => {
  const r = resolveConfig(file)
  if (r._tag === "Invalid") throw new Error(r.problems.join("\n"))
  return r.config
}

export const tempDir = (): string => mkdtempSync(join(tmpdir(), "livechat-live-"))

export const startTestServer = (config: LiveConfig = testConfig(), dataDir = tempDir()): Promise<RunningServer> =>
  startServer({ config, dataDir, port: 0 })

export const post = async (
  base: string,
  path: string,
  body: unknown,
  headers: Record<string, string> = {}
  // biome-ignore lint/suspicious/noExplicitAny: a JSON answer the tests read freely
): Promise<{ status: number; body: any }> => {
  const res = await fetch(`${base}${path}`, {
    method: "POST",
    headers: { "content-type": "application/json", ...headers },
    body: JSON.stringify(body)
  })
  return { status: res.status, body: await res.json() }
}

export const login = async (base: string, agentId: string): Promise<string> => {
  const r = await post(base, "/api/agent/login", { agentId, password: `pw-${agentId}` })
  if (r.status !== 200) throw new Error(`login ${agentId}: ${r.status} ${JSON.stringify(r.body)}`)
  return r.body.token as string
}

export const startChat = async (
  base: string,
  queueId = "support",
  customerName = "Dana"
): Promise<{ chatId: string; token: string }> => {
  const r = await post(base, "/api/chat", { queueId, customerName, idempotencyKey: randomUUID() })
  if (r.status !== 201) throw new Error(`start chat: ${r.status} ${JSON.stringify(r.body)}`)
  return { chatId: r.body.chatId, token: r.body.token }
}

export class Client {
  readonly ws: WebSocket
  readonly frames: Array<Frame> = []
  closed: { code: number; reason: string } | undefined = undefined
  private waiters: Array<() => void> = []

  constructor(url: string, options: WebSocket.ClientOptions = {}) {
    this.ws = new WebSocket(url, options)
    this.ws.on("message", (data, isBinary) => {
      if (!isBinary) this.frames.push(JSON.parse(data.toString()) as Frame)
      this.wake()
    })
    this.ws.on("close", (code, reason) => {
      this.closed = { code, reason: reason.toString() }
      this.wake()
    })
    this.ws.on("error", () => this.wake())
  }

  static async open(
    base: string,
    role: "agent" | "customer",
    token: string,
    options: WebSocket.ClientOptions = {}
  ): Promise<Client> {
    const c = new Client(`${base.replace("http", "ws")}/ws/${role}?token=${encodeURIComponent(token)}`, options)
    await new Promise<void>((resolve, reject) => {
      c.ws.once("open", () => resolve())
      c.ws.once("error", reject)
      c.ws.once("unexpected-response", (_req, res) => reject(new Error(`upgrade refused: ${res.statusCode}`)))
    })
    return c
  }

  send(frame: unknown): void {
    this.ws.send(typeof frame === "string" ? frame : JSON.stringify(frame))
  }

  private wake(): void {
    const w = this.waiters
    this.waiters = []
    for (const f of w) f()
  }

  /** The first recorded frame (from index `from`) matching `pred`, waiting up to `timeoutMs`. */
  async next(pred: (f: Frame) => boolean, timeoutMs = 10_000, from = 0): Promise<Frame> {
    const deadline = Date.now() + timeoutMs
    for (;;) {
      const found = this.frames.slice(from).find(pred)
      if (found !== undefined) return found
      if (this.closed !== undefined)
        throw new Error(
          `closed ${this.closed.code} before a matching frame; frames: ${JSON.stringify(this.frames.slice(-5))}`
        )
      const left = deadline - Date.now()
      if (left <= 0)
        throw new Error(
          `no matching frame within ${timeoutMs} ms; last frames: ${JSON.stringify(this.frames.slice(-5))}`
        )
      await new Promise<void>((resolve) => {
        const t = setTimeout(resolve, left)
        this.waiters.push(() => {
          clearTimeout(t)
          resolve()
        })
      })
    }
  }

  async waitClose(timeoutMs = 10_000): Promise<{ code: number; reason: string }> {
    const deadline = Date.now() + timeoutMs
    while (this.closed === undefined) {
      const left = deadline - Date.now()
      if (left <= 0) throw new Error(`not closed within ${timeoutMs} ms`)
      await new Promise<void>((resolve) => {
        const t = setTimeout(resolve, left)
        this.waiters.push(() => {
          clearTimeout(t)
          resolve()
        })
      })
    }
    return this.closed
  }

  close(): void {
    this.ws.close()
  }
}

export const type =
  (t: string) =>
  (f: Frame): boolean =>
    f.type === t
export const ackOf =
  (ref: string) =>
  (f: Frame): boolean =>
    (f.type === "ack" || f.type === "error") && f["ref"] === ref

/** An agent connected, helloed and Available. */
export const availableAgent = async (base: string, agentId: string): Promise<Client> => {
  const c = await Client.open(base, "agent", await login(base, agentId))
  c.send({ type: "hello" })
  await c.next(type("welcome"))
  c.send({ type: "setPresence", presence: "Available", ref: "avail" })
  const ack = await c.next(ackOf("avail"))
  if (ack.type !== "ack") throw new Error(`Available refused: ${JSON.stringify(ack)}`)
  return c
}

/** `livechat-sim serve` as a child process on a free port; resolves once it listens. */
export const serveChild = (configPath: string, dataDir: string): Promise<{ child: ChildProcess; base: string }> =>
  new Promise((resolve, reject) => {
    const child = spawn(
      process.execPath,
      [join(root, "cli/main.ts"), "serve", "--port", "0", "--config", configPath, "--data", dataDir],
      {
        cwd: root,
        stdio: ["ignore", "pipe", "pipe"],
        env: { ...process.env, CI: "true" }
      }
    )
    let out = ""
    const timer = setTimeout(() => {
      child.kill("SIGKILL")
      reject(new Error(`server did not start: ${out}`))
    }, 30_000)
    child.stdout!.on("data", (d: Buffer) => {
      out += d.toString()
      const m = /listening on (http:\/\/127\.0\.0\.1:\d+)/.exec(out)
      if (m !== null) {
        clearTimeout(timer)
        resolve({ child, base: m[1]! })
      }
    })
    child.stderr!.on("data", (d: Buffer) => {
      out += d.toString()
    })
    child.on("exit", (code) => {
      clearTimeout(timer)
      reject(new Error(`server exited ${code}: ${out}`))
    })
  })

/** SIGKILL, resolved once the process is gone (at once if it already is). */
export const kill9 = (child: ChildProcess): Promise<void> =>
  new Promise((resolve) => {
    if (child.exitCode !== null || child.signalCode !== null) return resolve()
    child.once("exit", () => resolve())
    child.kill("SIGKILL")
  })
