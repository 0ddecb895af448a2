// @ts-check
/**
 * Customer widget: drawing S (the status line, the thread of messages and notes in time order,
 * the compose controls enabled only while the chat is open).
 * Invariant: only what S holds is drawn, every server string as text.
 */
import { byTestId, h } from "./dom.js"
import { fmtClock } from "./format.js"
import { S } from "./widget-state.js"

/** @typedef {import("./widget-state.js").Msg} Msg */

const statusText = () => {
  const q = S.session?.queueName ?? ""
  if (S.status === "queued") return `Waiting for an agent (${q})…`
  if (S.status === "active") return `Chatting with ${S.agentName ?? "an agent"}`
  if (S.status === "ended") return "The chat has ended."
  return "The chat is closed. Thank you!"
}

export const render = () => {
  const status = byTestId("widget-status")
  status.textContent = statusText()
  status.dataset["status"] = S.status
  const thread = byTestId("widget-thread")
  const items = [
    ...S.messages.map((m) => ({ atMs: m.atMs, order: m.seq, el: messageEl(m) })),
    ...S.notes.map((n, i) => ({
      atMs: n.atMs,
      order: 1e9 + i,
      el: h("div", { class: "note", "data-testid": "widget-note", text: n.text })
    }))
  ].sort((a, b) => a.atMs - b.atMs || a.order - b.order)
  thread.replaceChildren(...items.map((i) => i.el))
  thread.scrollTop = thread.scrollHeight
  const open = S.status === "queued" || S.status === "active"
  const widgetInput = /** @type {HTMLTextAreaElement} */ (byTestId("widget-input"))
  widgetInput.disabled = !open
  const widgetSend = /** @type {HTMLButtonElement} */ (byTestId("widget-send"))
  widgetSend.disabled = !open
  byTestId("widget-leave").hidden = !open
  byTestId("widget-new").hidden = open
}

/** @param {Msg} m */
const messageEl = (m) => {
  if (m.sender === "system")
    return h("div", {
      class: "msg system",
      "data-testid": "widget-message",
      "data-seq": m.seq,
      "data-sender": m.sender,
      text: m.text
    })
  const who = m.sender === "customer" ? "You" : (m.agentName ?? "Agent")
  return h(
    "div",
    {
      class: `msg${m.sender === "customer" ? " mine" : ""}`,
      "data-testid": "widget-message",
      "data-seq": m.seq,
      "data-sender": m.sender
    },
    [
      h("span", { class: "who" }, [who, h("span", { class: "at", text: fmtClock(m.atMs) })]),
      h("span", { class: "text", "data-testid": "widget-message-text", text: m.text })
    ]
  )
}
