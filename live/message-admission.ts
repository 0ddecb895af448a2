/**
 * Whether a chat can take a message, checked before the engine: it must show something (not
 * blank: white space and zero-width characters do not count), be at most maxTextChars long, and
 * not take its open chat past maxChatMessages messages or maxChatBytes bytes of text.
 * Invariant: a refused message is answered here (EMPTY_MESSAGE, SCHEMA or CHAT_FULL, with the
 * frame's ref and path ["text"]) and never reaches the engine; a closed or unknown chat is left to
 * the engine to answer.
 */
import { errorFrame } from "./error-frame.ts"
import type { HandlerContext } from "./handlers.ts"
import type { Conn } from "./sessions.ts"
import { isBlank } from "./text.ts"

/** True when the message was refused (and answered). */
export const refusedText = (
  ctx: HandlerContext,
  conn: Conn,
  chatId: string,
  text: string,
  ref: string | undefined
): boolean => {
  const l = ctx.limits
  if (isBlank(text))
    return refused(
      conn,
      ref,
      "EMPTY_MESSAGE",
      "a message needs some visible text (white space and zero-width characters do not count)"
    )
  if (text.length > l.maxTextChars)
    return refused(conn, ref, "SCHEMA", `text is ${text.length} characters, the limit is ${l.maxTextChars}`)
  const record = ctx.center.transcripts.openRecord(chatId)
  if (record === undefined) return false // a closed or unknown chat: the engine answers
  if (record.messages.length + 1 > l.maxChatMessages) {
    return refused(
      conn,
      ref,
      "CHAT_FULL",
      `this chat holds ${record.messages.length} messages, the limit is ${l.maxChatMessages}; start a new chat`
    )
  }
  const bytes = Buffer.byteLength(text)
  if (record.textBytes + bytes > l.maxChatBytes) {
    return refused(
      conn,
      ref,
      "CHAT_FULL",
      `this chat holds ${record.textBytes} bytes of text and this message ${bytes} more, the limit is ${l.maxChatBytes}; send less, or start a new chat`
    )
  }
  return false
}

const refused = (
  conn: Conn,
  ref: string | undefined,
  code: "EMPTY_MESSAGE" | "SCHEMA" | "CHAT_FULL",
  message: string
): true => {
  conn.send(errorFrame(code, message, { ref, path: ["text"] }))
  return true
}
