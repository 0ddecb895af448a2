/**
 * The bare `ws` relay the live relay benchmark measures the server against, in its own process:
 * the same frames as the real server for a chat message (the customer's `send` is parsed, given a
 * per-chat seq, sent as a `message` frame to the chat's agent and back to the customer, and acked),
 * with no engine, no authorization and no durable log. `/ws/customer?chat=ID`,
 * `/ws/agent?chats=ID,ID,...`. Prints "listening on http://127.0.0.1:PORT"; stops on SIGINT.
 */
import { createServer } from "node:http"
import type { AddressInfo } from "node:net"
import type { WebSocket } from "ws"
import { WebSocketServer } from "ws"

const http = createServer()
const wss = new WebSocketServer({ server: http, maxPayload: 64 * 1024 })
const agentsOf = new Map<string, Array<WebSocket>>()
const seqOf = new Map<string, number>()

wss.on("connection", (ws, req) => {
  const url = new URL(req.url ?? "/", "http://localhost")
  if (url.pathname === "/ws/agent") {
    for (const chat of (url.searchParams.get("chats") ?? "").split(",").filter((c) => c !== "")) {
      const list = agentsOf.get(chat) ?? []
      list.push(ws)
      agentsOf.set(chat, list)
    }
    return
  }
  const chatId = url.searchParams.get("chat") ?? ""
  ws.on("message", (data) => {
    const f = JSON.parse(data.toString()) as { type: string; text?: string; ref?: string }
    if (f.type !== "send") return
    const seq = (seqOf.get(chatId) ?? 0) + 1
    seqOf.set(chatId, seq)
    const message = JSON.stringify({ type: "message", chatId, seq, sender: "customer", text: f.text, atMs: Date.now() })
    for (const a of agentsOf.get(chatId) ?? []) a.send(message)
    ws.send(message)
    ws.send(JSON.stringify({ type: "ack", ref: f.ref, chatId, seq }))
  })
})

http.listen(0, "127.0.0.1", () =>
  console.log(`bare relay listening on http://127.0.0.1:${(http.address() as AddressInfo).port}`)
)
process.on("SIGINT", () => {
  for (const c of wss.clients) c.terminate()
  wss.close()
  http.close(() => process.exit(0))
})
