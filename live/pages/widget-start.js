// @ts-check
/**
 * Customer widget: starting a chat. The topics (GET /api/queues), the pre-chat form (name, topic,
 * question) posted to /api/chat with the question as the chat's first message and a random
 * idempotency key, reused if the request has to be retried (forgotten after a refusal the client
 * caused), then the chat's socket.
 * Invariant: one form submitted any number of times starts at most one chat.
 */
import { byTestId, h } from "./dom.js"
import { postJson } from "./http.js"
import { newRef, uuid } from "./refs.js"
import { LiveSocket } from "./socket.js"
import { onFrame } from "./widget-frames.js"
import { render } from "./widget-render.js"
import { S, save, showError } from "./widget-state.js"

export const loadQueues = async () => {
  const select = /** @type {HTMLSelectElement} */ (byTestId("widget-queue"))
  try {
    const res = await fetch("/api/queues")
    const body = await res.json()
    select.replaceChildren(
      ...body.queues.map((/** @type {{ id: string, name: string }} */ q) => h("option", { value: q.id, text: q.name }))
    )
  } catch (err) {
    showError("widget-error", `Cannot load the topics: ${String(err)}`)
  }
}

export const start = async (/** @type {SubmitEvent} */ e) => {
  e.preventDefault()
  const name = /** @type {HTMLInputElement} */ (byTestId("widget-name")).value.trim()
  const queueId = /** @type {HTMLSelectElement} */ (byTestId("widget-queue")).value
  const question = /** @type {HTMLTextAreaElement} */ (byTestId("widget-question")).value.trim()
  if (name === "" || queueId === "" || question === "")
    return showError("widget-error", "Please fill in your name, a topic and your question.")
  const button = /** @type {HTMLButtonElement} */ (byTestId("widget-start"))
  button.disabled = true
  showError("widget-error", "")
  S.startKey ??= uuid()
  try {
    // the question goes with the chat start, so the agent sees it in the request before accepting
    const r = await postJson("/api/chat", {
      queueId,
      customerName: name,
      idempotencyKey: S.startKey,
      message: question
    })
    if (r.status !== 200 && r.status !== 201) {
      if (r.status < 500) S.startKey = undefined
      const why =
        r.body.code === "CUSTOMER_HAS_OPEN_CHAT"
          ? "You already have an open chat."
          : (r.body.message ?? "The chat could not start.")
      return showError("widget-error", `${why} (${r.body.code ?? r.status})`)
    }
    S.startKey = undefined
    S.session = {
      chatId: r.body.chatId,
      token: r.body.token,
      customerName: name,
      queueName: r.body.queueName,
      question,
      questionRef: newRef("q"),
      questionSent: true
    }
    save()
    connect()
  } catch (err) {
    showError("widget-error", `Cannot reach the server (${String(err)}); try again.`)
  } finally {
    button.disabled = false
  }
}

export const connect = () => {
  const session = S.session
  if (session === null) return
  byTestId("widget-start-form").hidden = true
  byTestId("widget-chat").hidden = false
  render()
  S.socket = new LiveSocket({
    url: `/ws/customer?token=${encodeURIComponent(session.token)}`,
    hello: () => ({ type: "hello", lastSeq: S.lastSeq }),
    onFrame,
    onStatus: (status, detail) => {
      const el = byTestId("widget-conn")
      el.dataset["state"] = status
      el.textContent = status === "open" ? "Online" : status === "closed" ? "Offline" : "Connecting…"
      el.title = detail
    }
  })
}
