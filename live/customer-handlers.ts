/**
 * A customer's decoded frames: hello (the welcome, resumed after the seq it names), ping, send,
 * history, typing and leave. The customer's chat is the connection's token subject: a customer
 * can speak only about its own chat, so no frame names one.
 * Invariants: synchronous, no await (one step of the single sequential handler); a message is
 * admitted (live/message-admission.ts) before the engine sees it; answers `ack` once the input is
 * durable, `error` with a documented code otherwise; a hello for a chat the server does not know
 * closes the connection 4001.
 */
import { history, typing } from "./chat-relay.ts"
import type { HandlerContext } from "./handlers.ts"
import { pong, run } from "./handlers.ts"
import { refusedText } from "./message-admission.ts"
import type { CustomerFrame } from "./protocol.ts"
import type { Conn } from "./sessions.ts"
import { customerWelcome } from "./welcome.ts"

export const handleCustomerFrame = (ctx: HandlerContext, conn: Conn, f: CustomerFrame): void => {
  const chatId = conn.subject
  const { transcripts } = ctx.center
  switch (f.type) {
    case "hello": {
      const record = transcripts.get(chatId)
      if (record === undefined) return conn.close(4001, "unknown chat")
      conn.helloDone = true
      ctx.registry.subscribe(conn)
      return conn.send(customerWelcome(ctx, chatId, record, f.lastSeq ?? 0))
    }
    case "ping":
      return conn.send(pong(ctx, f.ref))
    case "send":
      if (refusedText(ctx, conn, chatId, f.text, f.ref)) return
      return void run(ctx, conn, { _tag: "CustomerMessage", chatId, text: f.text }, f.ref)
    case "history":
      return history(ctx, conn, transcripts.get(chatId), chatId, f, f.ref, false)
    case "typing":
      return typing(ctx, chatId, "customer", transcripts.get(chatId)?.customerName ?? "customer", f.active)
    case "leave":
      return void run(ctx, conn, { _tag: "CustomerLeave", chatId }, f.ref)
  }
}
