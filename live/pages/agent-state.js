// @ts-check
/**
 * Agent desktop: the shared state object S and the small helpers every part uses (the session
 * key, toasts, inline errors, agent names from the directory, and `request`, which sends a
 * state-changing frame with a fresh ref and remembers what it was for).
 */
import { byTestId, h } from "./dom.js"
import { newRef } from "./refs.js"

/**
 * @typedef {import("./socket.js").Frame} Frame
 * @typedef {{ seq: number, sender: string, agentName?: string, agentId?: string, text: string, atMs: number, templateId?: string }} Msg
 * @typedef {{ atMs: number, text: string }} Note
 * @typedef {{ agentId: string, agentName: string, joined: boolean }} Conf
 * @typedef {{
 *   chatId: string, role: string, queueId: string, queueName: string, customerName: string, proactive: boolean,
 *   receivedAtMs: number, conference: Conf | null, messages: Array<Msg>, notes: Array<Note>, lastSeq: number,
 *   wrapUp: { reasons: Array<string>, defaultReason: string } | null, ended: boolean, transferred: string | null,
 *   unread: number, draft: string, typing: string, typingTimer: ReturnType<typeof setTimeout> | undefined
 * }} Chat
 * @typedef {{ kind: string, chatId?: string, text?: string, offerId?: number }} RefInfo
 * @typedef {{ queues: Array<{ id: string, name: string, priority: number, waiting: number }>,
 *   agents: Array<{ id: string, name: string, presence: string, code?: string, freeSlots: number, canTake: boolean }> }} Directory
 */

export const SESSION_KEY = "livechat-agent-session"

export const S = {
  /** @type {{ agentId: string, agentName: string, token: string, expiresAtMs: number } | null} */
  session: null,
  /** @type {import("./socket.js").LiveSocket | null} */
  socket: null,
  presence: "LoggedOut",
  /** @type {string | undefined} */
  code: undefined,
  capacity: 0,
  /** @type {Array<string>} */
  idleCodes: [],
  /** @type {Array<{ id: string, text: string, params: Array<string> }>} */
  templates: [],
  /** @type {Map<number, Frame>} */
  offers: new Map(),
  /** @type {Map<string, Chat>} */
  chats: new Map(),
  /** @type {string | null} */
  selected: null,
  /** @type {Directory} */
  directory: { queues: [], agents: [] },
  /** @type {Map<string, RefInfo>} */
  refs: new Map(),
  /** @type {{ dialog: "transfer" | "conference" | "wrapup", chatId: string, target: string | null, mode: "queue" | "agent" } | null} */
  dialog: null,
  typingSent: false,
  /** @type {ReturnType<typeof setTimeout> | undefined} */
  typingTimer: undefined
}

export const toast = (/** @type {string} */ text) => {
  const t = h("div", { class: "toast", "data-testid": "toast", role: "status", text })
  byTestId("toasts").append(t)
  setTimeout(() => t.remove(), 6000)
}

export const agentNameOf = (/** @type {string} */ id) => S.directory.agents.find((a) => a.id === id)?.name ?? id

/** @param {string} testid @param {string} text */
export const showError = (testid, text) => {
  const el = byTestId(testid)
  el.textContent = text
  el.hidden = text === ""
}

/**
 * Send a state-changing frame with a fresh ref, remembering what it was for.
 * @param {Frame} frame @param {RefInfo} info
 */
export const request = (frame, info) => {
  const ref = newRef(info.kind)
  S.refs.set(ref, info)
  S.socket?.send({ ...frame, ref })
  return ref
}
