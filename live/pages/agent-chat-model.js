// @ts-check
/**
 * Agent desktop: a chat as S holds it, built and updated from what the server says: a chat view
 * (welcome.chats, chatAssigned.chat) merged into the chat, messages added by seq, notes, the
 * customer's typing line, and the request for the page before a view or history page that left
 * earlier messages out. Invariant: a chat's messages are unique by seq and kept in seq order.
 */
import { renderPane } from "./agent-chats.js"
import { S } from "./agent-state.js"

/**
 * @typedef {import("./socket.js").Frame} Frame
 * @typedef {import("./agent-state.js").Chat} Chat
 * @typedef {import("./agent-state.js").Msg} Msg
 */

/** @param {Frame} wc a chat view (welcome.chats, chatAssigned.chat) */
export const chatFromView = (wc) => {
  const old = S.chats.get(wc["chatId"])
  /** @type {Chat} */
  const c = old ?? {
    chatId: wc["chatId"],
    role: wc["role"],
    queueId: wc["queueId"],
    queueName: wc["queueName"],
    customerName: wc["customerName"],
    proactive: wc["proactive"],
    receivedAtMs: wc["receivedAtMs"],
    conference: null,
    messages: [],
    notes: [],
    lastSeq: 0,
    wrapUp: null,
    ended: false,
    transferred: null,
    unread: 0,
    draft: "",
    typing: "",
    typingTimer: undefined
  }
  c.role = wc["role"]
  c.queueId = wc["queueId"]
  c.queueName = wc["queueName"]
  c.conference = wc["conference"] ?? null
  if (wc["status"] === "WrapUp" || wc["status"] === "Closed" || wc["status"] === "ended" || wc["status"] === "closed")
    c.ended = true
  const had = c.lastSeq
  for (const m of wc["messages"] ?? []) addMessage(c, m)
  S.chats.set(c.chatId, c)
  pageBack(c.chatId, wc["messages"] ?? [], wc["earlierMessages"] ?? 0, had)
  return c
}

/**
 * A view or a history page left `earlier` messages out: ask for the page before it (down to `afterSeq`).
 * @param {string} chatId @param {Array<Msg>} page @param {number} earlier @param {number} afterSeq
 */
export const pageBack = (chatId, page, earlier, afterSeq) => {
  if (earlier <= 0 || page.length === 0) return
  S.socket?.send({ type: "history", chatId, afterSeq, beforeSeq: Math.min(...page.map((m) => m.seq)) })
}

/** @param {Chat} c @param {Msg} m */
export const addMessage = (c, m) => {
  const i = c.messages.findIndex((x) => x.seq === m.seq)
  if (i >= 0) {
    c.messages[i] = m
    return false
  }
  c.messages.push(m)
  c.messages.sort((a, b) => a.seq - b.seq)
  c.lastSeq = Math.max(c.lastSeq, m.seq)
  return true
}

/** @param {Chat} c @param {number} atMs @param {string} text */
export const note = (c, atMs, text) => {
  c.notes.push({ atMs, text })
}

/** @param {Chat} c @param {string} text */
export const setTyping = (c, text) => {
  c.typing = text
  if (c.typingTimer !== undefined) clearTimeout(c.typingTimer)
  if (text !== "")
    c.typingTimer = setTimeout(() => {
      c.typing = ""
      renderPane()
    }, 6000)
}
