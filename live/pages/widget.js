// @ts-check
/**
 * The customer widget: pick a topic, give a name and a question, start the chat
 * (live/pages/widget-start.js), then talk over /ws/customer: messages both ways, the agent's
 * typing indicator, status changes (waiting, agent joined, transferred, conference, ended,
 * closed) and Leave. The chat token, the last seq seen and whether the question was sent live in
 * sessionStorage, so a reload or a dropped connection resumes the same chat without losing or
 * repeating a message. This module wires the page: compose, typing, Leave, New chat.
 */
import { byTestId } from "./dom.js"
import { newRef } from "./refs.js"
import { connect, loadQueues, start } from "./widget-start.js"
import { S, SESSION_KEY } from "./widget-state.js"

const send = (/** @type {Event} */ e) => {
  e.preventDefault()
  const input = /** @type {HTMLTextAreaElement} */ (byTestId("widget-input"))
  const text = input.value.trim()
  if (text === "" || input.disabled) return
  S.socket?.send({ type: "send", text, ref: newRef("u") })
  input.value = ""
  stopTyping()
}

const stopTyping = () => {
  if (S.typingTimer !== undefined) clearTimeout(S.typingTimer)
  S.typingTimer = undefined
  if (S.typingSent) S.socket?.send({ type: "typing", active: false })
  S.typingSent = false
}

const onInput = () => {
  if (!S.typingSent) {
    S.socket?.send({ type: "typing", active: true })
    S.typingSent = true
  }
  if (S.typingTimer !== undefined) clearTimeout(S.typingTimer)
  S.typingTimer = setTimeout(stopTyping, 3000)
}

const newChat = () => {
  S.socket?.stop()
  sessionStorage.removeItem(SESSION_KEY)
  S.session = null
  S.messages = []
  S.notes = []
  S.lastSeq = 0
  S.status = "queued"
  S.agentName = null
  byTestId("widget-chat").hidden = true
  byTestId("widget-start-form").hidden = false
  byTestId("widget-conn").textContent = ""
  const widgetQuestion = /** @type {HTMLTextAreaElement} */ (byTestId("widget-question"))
  widgetQuestion.value = ""
}

const wire = () => {
  byTestId("widget-start-form").addEventListener("submit", (e) => void start(/** @type {SubmitEvent} */ (e)))
  byTestId("widget-compose").addEventListener("submit", send)
  const input = byTestId("widget-input")
  input.addEventListener("input", onInput)
  input.addEventListener("keydown", (e) => {
    if (e.key === "Enter" && !e.shiftKey && !e.isComposing) send(e)
  })
  byTestId("widget-leave").addEventListener("click", () => S.socket?.send({ type: "leave", ref: newRef("leave") }))
  byTestId("widget-new").addEventListener("click", newChat)
  void loadQueues()
  const saved = sessionStorage.getItem(SESSION_KEY)
  if (saved !== null) {
    S.session = JSON.parse(saved)
    connect()
  }
}

wire()
