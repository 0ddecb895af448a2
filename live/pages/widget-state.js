// @ts-check
/**
 * Customer widget: the shared state S (the session, the socket, the messages and notes shown, the
 * last seq seen, the chat's status) and its persistence: the session (chat token, the question and
 * whether it was sent) lives in sessionStorage, so a reload resumes the same chat.
 */
import { byTestId } from "./dom.js"

/**
 * @typedef {{ seq: number, sender: string, agentName?: string, text: string, atMs: number }} Msg
 * @typedef {{ chatId: string, token: string, customerName: string, queueName: string, question: string, questionRef: string, questionSent: boolean }} Session
 */

export const SESSION_KEY = "livechat-widget-session"

export const S = {
  /** @type {Session | null} */
  session: null,
  /** @type {import("./socket.js").LiveSocket | null} */
  socket: null,
  /** @type {Array<Msg>} */
  messages: [],
  /** @type {Array<{ atMs: number, text: string }>} */
  notes: [],
  lastSeq: 0,
  status: "queued",
  /** @type {string | null} */
  agentName: null,
  /** @type {string | undefined} */
  startKey: undefined,
  typingSent: false,
  /** @type {ReturnType<typeof setTimeout> | undefined} */
  typingTimer: undefined,
  /** @type {ReturnType<typeof setTimeout> | undefined} */
  agentTypingTimer: undefined
}

export const save = () => {
  if (S.session !== null) sessionStorage.setItem(SESSION_KEY, JSON.stringify(S.session))
}

/** @param {string} testid @param {string} text */
export const showError = (testid, text) => {
  const el = byTestId(testid)
  el.textContent = text
  el.hidden = text === ""
}
