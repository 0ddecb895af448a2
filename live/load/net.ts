/**
 * The driver's two ways to talk to the server: a JSON POST (node:http, from a chosen loopback
 * source address, retried after the server's `retryAfterMs` on 429 a bounded number of times) and
 * a WebSocket that speaks JSON frames and reports its connect time. No state beyond one call.
 */
import { request } from "node:http"
import WebSocket from "ws"

export interface HttpAnswer {
  readonly status: number
  readonly body: Record<string, unknown>
}

const postOnce = (base: string, path: string, body: unknown, localAddress: string | undefined): Promise<HttpAnswer> =>
  new Promise((resolve, reject) => {
    const text = JSON.stringify(body)
    const u = new URL(path, base)
    const req = request(
      {
        host: u.hostname,
        port: u.port,
        path: u.pathname,
        method: "POST",
        agent: false,
        timeout: 30_000,
        headers: { "content-type": "application/json", "content-length": Buffer.byteLength(text) },
        ...(localAddress === undefined ? {} : { localAddress })
      },
      (res) => {
        const chunks: Array<Buffer> = []
        res.on("data", (c: Buffer) => chunks.push(c))
        res.on("end", () => {
          let parsed: Record<string, unknown> = {}
          try {
            parsed = JSON.parse(Buffer.concat(chunks).toString("utf8")) as Record<string, unknown>
          } catch {
            parsed = { type: "error", code: "BAD_JSON", message: "the server's answer is not JSON" }
          }
          resolve({ status: res.statusCode ?? 0, body: parsed })
        })
      }
    )
    req.on("timeout", () => req.destroy(new Error("request timed out after 30 s")))
    req.on("error", reject)
    req.end(text)
  })

/** POST with up to `retries` waits on 429 (each at most 5 s). */
export const postJson = async (
  base: string,
  path: string,
  body: unknown,
  localAddress?: string,
  retries = 20
): Promise<HttpAnswer> => {
  for (let attempt = 0; ; attempt++) {
    const answer = await postOnce(base, path, body, localAddress)
    if (answer.status !== 429 || attempt >= retries) return answer
    const waitMs = Math.min(5_000, Math.max(50, Number(answer.body["retryAfterMs"] ?? 500)))
    await new Promise((r) => setTimeout(r, waitMs))
  }
}

export type Frame = { readonly type: string; readonly [k: string]: unknown }

export interface Socket {
  readonly send: (frame: Record<string, unknown>) => void
  readonly close: () => void
  readonly isOpen: () => boolean
}

export interface SocketHandlers {
  readonly onFrame: (f: Frame) => void
  readonly onClose: (code: number) => void
}

/** Open `url`; resolves with the socket and its connect time, or rejects with a short reason. */
export const openSocket = (
  url: string,
  localAddress: string | undefined,
  h: SocketHandlers
): Promise<{ socket: Socket; connectMs: number }> =>
  new Promise((resolve, reject) => {
    const t0 = performance.now()
    const ws = new WebSocket(url, { handshakeTimeout: 15_000, ...(localAddress === undefined ? {} : { localAddress }) })
    let opened = false
    ws.on("open", () => {
      opened = true
      resolve({
        connectMs: performance.now() - t0,
        socket: {
          send: (frame) => {
            if (ws.readyState === WebSocket.OPEN) ws.send(JSON.stringify(frame))
          },
          close: () => ws.close(1000),
          isOpen: () => ws.readyState === WebSocket.OPEN
        }
      })
    })
    ws.on("message", (data, isBinary) => {
      if (isBinary) return
      try {
        h.onFrame(JSON.parse(data.toString()) as Frame)
      } catch {
        h.onFrame({ type: "error", code: "BAD_JSON", message: "a frame from the server is not JSON" })
      }
    })
    ws.on("unexpected-response", (_req, res) => reject(new Error(`upgrade refused with HTTP ${res.statusCode}`)))
    ws.on("error", (e) => {
      if (!opened) reject(new Error(e.message))
    })
    ws.on("close", (code) => {
      if (opened) h.onClose(code)
      else reject(new Error(`closed ${code} before opening`))
    })
  })
