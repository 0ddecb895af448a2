/**
 * Customer commands: start a chat (inbound or an accepted proactive invitation), write, leave.
 * Leaving before an agent has the chat is abandonment; after, it ends the conversation.
 */
import type { CommandOf } from "../commands.ts"
import type { EventOf } from "../events.ts"
import type { DecideContext } from "./context.ts"
import { chatFor, reject } from "./context.ts"
import { abandon, endConversation, enqueue } from "./lifecycle.ts"

/** The ChatArrived event, its optional keys present only when set (written out: no spreads on this path). */
const arrived = (cmd: CommandOf<"StartChat">, nowMs: number): EventOf<"ChatArrived"> => {
  const { chatId, queueId, customerName, customerId, proactive } = cmd
  const priority = cmd.priority ?? 0
  if (cmd.patienceMs === undefined) {
    return customerId === undefined
      ? { _tag: "ChatArrived", chatId, queueId, customerName, proactive, priority, atMs: nowMs }
      : { _tag: "ChatArrived", chatId, queueId, customerName, customerId, proactive, priority, atMs: nowMs }
  }
  const patienceDeadlineMs = nowMs + cmd.patienceMs
  return customerId === undefined
    ? { _tag: "ChatArrived", chatId, queueId, customerName, proactive, priority, patienceDeadlineMs, atMs: nowMs }
    : {
        _tag: "ChatArrived",
        chatId,
        queueId,
        customerName,
        customerId,
        proactive,
        priority,
        patienceDeadlineMs,
        atMs: nowMs
      }
}

export const decideStartChat = (ctx: DecideContext, cmd: CommandOf<"StartChat">): void => {
  const { state, nowMs } = ctx
  if (state.chats.has(cmd.chatId)) return reject(ctx, cmd, "DUPLICATE_CHAT", `chat "${cmd.chatId}" is already open`)
  if (!state.queues.has(cmd.queueId)) return reject(ctx, cmd, "UNKNOWN_QUEUE", `no queue "${cmd.queueId}"`)
  if (cmd.customerId !== undefined && state.openChatByCustomer.has(cmd.customerId)) {
    const open = state.openChatByCustomer.get(cmd.customerId)
    return reject(ctx, cmd, "CUSTOMER_HAS_OPEN_CHAT", `customer "${cmd.customerId}" already has chat "${open}" open`)
  }
  ctx.out.push(arrived(cmd, nowMs))
  enqueue(ctx, { id: cmd.chatId, segment: 0 }, cmd.queueId, "arrival", nowMs)
}

export const decideCustomer = (ctx: DecideContext, cmd: CommandOf<"CustomerLeave" | "CustomerMessage">): void => {
  const chat = chatFor(ctx, cmd)
  if (chat === undefined) return
  if (cmd._tag === "CustomerMessage") {
    if (cmd.text.trim() === "") return reject(ctx, cmd, "EMPTY_MESSAGE", "a message needs some text")
    const sender = { _tag: "Customer" } as const
    ctx.out.push({ _tag: "MessageSent", chatId: chat.id, seq: chat.nextSeq, sender, text: cmd.text, atMs: ctx.nowMs })
    return
  }
  if (chat.status === "Queued" || chat.status === "Offered") return abandon(ctx, chat)
  endConversation(ctx, chat, { _tag: "Customer" })
}
