/**
 * Frames about a chat that are not engine inputs: the `history` page a party asks for (the newest
 * page of messages in an asked range, paged like every view) and the typing indicator relayed to
 * the chat's other parties.
 * Invariants: neither touches the engine or the log; a history answer never carries a whole
 * thread (at most one window of messages or bytes, and how many earlier ones it left out); a
 * typing frame goes to the chat's owner and participant (never back to the agent typing) and, when
 * an agent types, to the customer; a typing frame about a chat that is not open is dropped.
 */
import type { HandlerContext } from "./handlers.ts"
import { latestPage } from "./paging.ts"
import type { ServerFrame } from "./server-frames.ts"
import type { Conn } from "./sessions.ts"
import type { ChatRecord } from "./transcripts.ts"
import { messageFrame } from "./views.ts"

/** The asked range of a history frame: messages with afterSeq < seq < beforeSeq. */
export interface SeqRange {
  readonly afterSeq?: number
  readonly beforeSeq?: number
}

/** Answer `history`: the newest page of messages in (afterSeq, beforeSeq) of a chat. */
export const history = (
  ctx: HandlerContext,
  conn: Conn,
  record: ChatRecord | undefined,
  chatId: string,
  range: SeqRange,
  ref: string | undefined,
  forAgent: boolean
): void => {
  const w = ctx.center.windows
  const page = latestPage(
    record?.messages ?? [],
    range.afterSeq ?? 0,
    range.beforeSeq ?? Number.MAX_SAFE_INTEGER,
    w.pageMessages,
    w.pageBytes
  )
  conn.send({
    type: "history",
    ...(ref === undefined ? {} : { ref }),
    chatId,
    messages: page.messages.map((m) => messageFrame(ctx.center.state, m, forAgent)),
    earlierMessages: page.earlier
  })
}

/** Relay a typing indicator to the chat's other parties (`self`: the agent typing, left out). */
export const typing = (
  ctx: HandlerContext,
  chatId: string,
  from: "customer" | "agent",
  name: string,
  active: boolean,
  self?: string
): void => {
  const chat = ctx.center.state.chats.get(chatId)
  if (chat === undefined) return
  const frame: ServerFrame = { type: "typing", chatId, from, name, active }
  for (const agentId of [chat.owner, chat.participant]) {
    if (agentId !== undefined && agentId !== self) ctx.registry.deliver({ _tag: "Agent", agentId }, frame)
  }
  if (from === "agent") ctx.registry.deliver({ _tag: "Customer", chatId }, frame)
}
