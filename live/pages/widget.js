// @ts-check
/**
 * The customer widget: pick a topic (GET /api/queues), give a name and a question, start the chat
 * with the question as its first message (POST /api/chat with a random idempotency key, reused if
 * the request has to be retried), then
 * talk over /ws/customer: messages both ways, the agent's typing indicator, status changes (waiting,
 * agent joined, transferred, conference, ended, closed) and Leave. The chat token, the last seq
 * seen and whether the question was sent live in sessionStorage, so a reload or a dropped
 * connection resumes the same chat without losing or repeating a message.
 */
import { byTestId, h } from "./dom.js"
import { fmtClock } from "./format.js"
import { postJson } from "./http.js"
import { newRef, uuid } from "./refs.js"
import { LiveSocket } from "./socket.js"

/**
 * @typedef {import("./socket.js").Frame} Frame
 * @typedef {{ seq: number, sender: string, agentName?: string, text: string, atMs: number }} Msg
 * @typedef {{ chatId: string, token: string, customerName: string, queueName: string, question: string, questionRef: string, questionSent: boolean }} Session
 */

const SESSION_KEY = "livechat-widget-session"

const S = {
  /** @type {Session | null} */
  session: null,
  /** @type {LiveSocket | null} */
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

const save = () => {
  if (S.session !== null) sessionStorage.setItem(SESSION_KEY, JSON.stringify(S.session))
}

/** @param {string} testid @param {string} text */
const showError = (testid, text) => {
  const el = byTestId(testid)
  el.textContent = text
  el.hidden = text === ""
}

const loadQueues = async () => {
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

const start = async (/** @type {SubmitEvent} */ e) => {
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

const connect = () => {
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

/** @param {Msg} m */
const addMessage = (m) => {
  if (S.messages.some((x) => x.seq === m.seq)) return
  S.messages.push(m)
  S.messages.sort((a, b) => a.seq - b.seq)
  S.lastSeq = Math.max(S.lastSeq, m.seq)
}

/**
 * A welcome or history page left `earlier` messages out: ask for the page before it (down to `afterSeq`).
 * @param {Array<Msg>} page @param {number} earlier @param {number} afterSeq
 */
const pageBack = (page, earlier, afterSeq) => {
  if (earlier <= 0 || page.length === 0) return
  S.socket?.send({ type: "history", afterSeq, beforeSeq: Math.min(...page.map((m) => m.seq)) })
}

/** @param {Frame} f */
const onFrame = (f) => {
  const session = S.session
  if (session === null) return
  switch (f.type) {
    case "welcome": {
      S.status = f["status"]
      S.agentName = f["agentName"]
      const had = S.lastSeq
      for (const m of f["messages"]) addMessage(m)
      pageBack(f["messages"], f["earlierMessages"] ?? 0, had)
      if (f["status"] === "closed" && (f["earlierMessages"] ?? 0) === 0) S.socket?.stop()
      if (!session.questionSent && (f["status"] === "queued" || f["status"] === "active")) {
        S.socket?.send({ type: "send", text: session.question, ref: session.questionRef })
      }
      return render()
    }
    case "history": {
      /** @type {Array<Msg>} */
      const page = f["messages"]
      for (const m of page) addMessage(m)
      // `earlierMessages` counts the asked range's messages before this page, so the range starts at:
      if (page.length > 0)
        pageBack(page, f["earlierMessages"], Math.min(...page.map((m) => m.seq)) - 1 - f["earlierMessages"])
      if (S.status === "closed" && f["earlierMessages"] === 0) S.socket?.stop()
      return render()
    }
    case "message":
      addMessage(/** @type {Msg} */ (/** @type {unknown} */ (f)))
      if (f["sender"] === "agent") setAgentTyping("")
      return render()
    case "typing":
      setAgentTyping(f["active"] ? `${f["name"]} is typing…` : "")
      return render()
    case "agentJoined":
      S.status = "active"
      S.agentName = f["agentName"]
      S.notes.push({ atMs: f["atMs"], text: `${f["agentName"]} joined the chat.` })
      return render()
    case "queued":
      S.status = "queued"
      session.queueName = f["queueName"]
      save()
      if (f["reason"] !== "arrival")
        S.notes.push({ atMs: f["atMs"], text: `Waiting for an agent in ${f["queueName"]}…` })
      return render()
    case "transferred":
      S.notes.push({
        atMs: f["atMs"],
        text:
          f["toAgent"] !== undefined
            ? `${f["fromAgentId"]} is transferring you to ${f["toAgent"]}.`
            : `${f["fromAgentId"]} is transferring you to another team.`
      })
      return render()
    case "chatEnded":
      S.status = "ended"
      S.notes.push({ atMs: f["atMs"], text: f["by"] === "customer" ? "You left the chat." : "The chat has ended." })
      return render()
    case "chatClosed":
      S.status = "closed"
      S.socket?.stop()
      return render()
    case "ack":
      if (f["ref"] === session.questionRef) {
        session.questionSent = true
        save()
      }
      showError("widget-send-error", "")
      return render()
    case "error":
      if (f["ref"] === session.questionRef) {
        session.questionSent = true
        save()
      }
      return showError("widget-send-error", `${f["message"]} (${f["code"]})`)
  }
}

const setAgentTyping = (/** @type {string} */ text) => {
  byTestId("widget-typing").textContent = text
  if (S.agentTypingTimer !== undefined) clearTimeout(S.agentTypingTimer)
  if (text !== "")
    S.agentTypingTimer = setTimeout(() => {
      byTestId("widget-typing").textContent = ""
    }, 6000)
}

const statusText = () => {
  const q = S.session?.queueName ?? ""
  if (S.status === "queued") return `Waiting for an agent (${q})…`
  if (S.status === "active") return `Chatting with ${S.agentName ?? "an agent"}`
  if (S.status === "ended") return "The chat has ended."
  return "The chat is closed. Thank you!"
}

const render = () => {
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
