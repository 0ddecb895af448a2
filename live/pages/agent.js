// @ts-check
/**
 * The agent desktop (docs/protocol.md sections 2-7): log in, presence (Idle codes, Available, RONA
 * with its manual "Go Available"), incoming-request popovers with a live timer, Accept / Decline,
 * several chats at once, the compose box (Enter sends; a warning for the reserved < and >; the
 * server's error when it refuses), templates with their parameters, Transfer, Conference, End and
 * Wrap Up dialogs. The page keeps the last seq of every chat it holds and resumes from it after a
 * dropped connection; unacknowledged frames are resent with their refs (LiveSocket).
 * Invariant: the page draws only what the server said (frames), never guesses an outcome, except
 * the message an `ack {seq}` confirms before its `message` frame was seen.
 */
import {
  byTestId, fmtClock, fmtDate, fmtDuration, h, LiveSocket, newRef, postJson, proactiveIcon, serverNow, sinceTimer, startTicker
} from "./common.js"

/**
 * @typedef {import("./common.js").Frame} Frame
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

const SESSION_KEY = "livechat-agent-session"

const S = {
  /** @type {{ agentId: string, agentName: string, token: string, expiresAtMs: number } | null} */
  session: null,
  /** @type {LiveSocket | null} */
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

// ---------------------------------------------------------------- login and connection

const showLogin = (/** @type {string} */ message) => {
  byTestId("desktop").hidden = true
  byTestId("login").hidden = false
  const err = byTestId("login-error")
  err.hidden = message === ""
  err.textContent = message
}

const login = async (/** @type {SubmitEvent} */ e) => {
  e.preventDefault()
  const agentId = /** @type {HTMLInputElement} */ (byTestId("login-agent")).value.trim()
  const password = /** @type {HTMLInputElement} */ (byTestId("login-password")).value
  const submit = /** @type {HTMLButtonElement} */ (byTestId("login-submit"))
  submit.disabled = true
  try {
    const r = await postJson("/api/agent/login", { agentId, password })
    if (r.status !== 200) return showLogin(r.status === 401 ? "Unknown agent or wrong password." : `${r.body.message ?? "Login failed"} (${r.body.code ?? r.status})`)
    S.session = { agentId: r.body.agentId, agentName: r.body.agentName, token: r.body.token, expiresAtMs: r.body.expiresAtMs }
    sessionStorage.setItem(SESSION_KEY, JSON.stringify(S.session))
    connect()
  } catch (err) {
    showLogin(`Cannot reach the server: ${String(err)}`)
  } finally {
    submit.disabled = false
  }
}

const connect = () => {
  const session = S.session
  if (session === null) return
  byTestId("login").hidden = true
  byTestId("desktop").hidden = false
  byTestId("agent-name").textContent = session.agentName
  S.socket = new LiveSocket({
    url: `/ws/agent?token=${encodeURIComponent(session.token)}`,
    hello: () => {
      /** @type {Record<string, number>} */
      const resume = {}
      for (const c of [...S.chats.values()].slice(0, 100)) resume[c.chatId] = c.lastSeq
      return S.chats.size === 0 ? { type: "hello" } : { type: "hello", resume }
    },
    onFrame,
    onStatus: (status, detail) => {
      const el = byTestId("conn-status")
      el.dataset["state"] = status
      el.textContent = status === "open" ? "Connected" : status === "connecting" ? "Connecting…" : status === "reconnecting" ? `Reconnecting… ${detail}` : `Disconnected: ${detail}`
      if (status === "closed") {
        sessionStorage.removeItem(SESSION_KEY)
        S.session = null
        S.chats.clear()
        S.offers.clear()
        S.selected = null
        closeDialogs()
        renderOffers()
        showLogin(detail === "logged out" ? "You are logged out." : detail)
      }
    }
  })
}

// ---------------------------------------------------------------- frames

/** @param {Frame} wc a chat view (welcome.chats, chatAssigned.chat) */
const chatFromView = (wc) => {
  const old = S.chats.get(wc["chatId"])
  /** @type {Chat} */
  const c = old ?? {
    chatId: wc["chatId"], role: wc["role"], queueId: wc["queueId"], queueName: wc["queueName"], customerName: wc["customerName"],
    proactive: wc["proactive"], receivedAtMs: wc["receivedAtMs"], conference: null, messages: [], notes: [], lastSeq: 0,
    wrapUp: null, ended: false, transferred: null, unread: 0, draft: "", typing: "", typingTimer: undefined
  }
  c.role = wc["role"]
  c.queueId = wc["queueId"]
  c.queueName = wc["queueName"]
  c.conference = wc["conference"] ?? null
  if (wc["status"] === "WrapUp" || wc["status"] === "Closed" || wc["status"] === "ended" || wc["status"] === "closed") c.ended = true
  for (const m of wc["messages"] ?? []) addMessage(c, m)
  S.chats.set(c.chatId, c)
  return c
}

/** @param {Chat} c @param {Msg} m */
const addMessage = (c, m) => {
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
const note = (c, atMs, text) => { c.notes.push({ atMs, text }) }

const toast = (/** @type {string} */ text) => {
  const t = h("div", { class: "toast", "data-testid": "toast", role: "status", text })
  byTestId("toasts").append(t)
  setTimeout(() => t.remove(), 6000)
}

const agentNameOf = (/** @type {string} */ id) => S.directory.agents.find((a) => a.id === id)?.name ?? id

/** @param {Frame} f */
const onFrame = (f) => {
  const c = typeof f["chatId"] === "string" ? S.chats.get(f["chatId"]) : undefined
  switch (f.type) {
    case "welcome":
      return onWelcome(f)
    case "presence":
      S.presence = f["presence"]
      S.code = f["code"]
      if (f["presence"] === "RONA") toast("You missed a chat request: you are in RONA until you go Available.")
      return renderTop()
    case "offer":
      S.offers.set(f["offerId"], f)
      renderOffers()
      return renderTop()
    case "offerEnded": {
      const offer = S.offers.get(f["offerId"])
      S.offers.delete(f["offerId"])
      if (offer !== undefined && f["outcome"] === "expired") toast(`The request from ${offer["customerName"]} timed out.`)
      if (offer !== undefined && f["outcome"] === "cancelled") toast(`The request from ${offer["customerName"]} was withdrawn (${f["reason"] ?? "cancelled"}).`)
      renderOffers()
      return renderTop()
    }
    case "chatAssigned": {
      const chat = chatFromView(f["chat"])
      const mine = [...S.refs.values()].some((r) => r.kind === "accept" && r.chatId === chat.chatId)
      if (S.selected === null || mine) select(chat.chatId)
      return render()
    }
    case "message":
      if (c === undefined) return
      if (addMessage(c, /** @type {Msg} */ (/** @type {unknown} */ (f))) && c.chatId !== S.selected) c.unread++
      if (f["sender"] === "customer") setTyping(c, "")
      return render()
    case "typing":
      if (c === undefined) return
      setTyping(c, f["active"] ? `${f["name"]} is typing…` : "")
      return renderPane()
    case "transferred":
      if (c === undefined) return
      if (f["fromAgentId"] === S.session?.agentId) {
        c.transferred = f["toQueue"] !== undefined ? `queue ${S.directory.queues.find((q) => q.id === f["toQueue"])?.name ?? f["toQueue"]}` : agentNameOf(f["toAgent"])
        c.role = "wrapUp"
        note(c, f["atMs"], `You transferred the chat to ${c.transferred}.`)
      } else note(c, f["atMs"], "The chat was transferred.")
      return render()
    case "conferenceRequested":
      if (c === undefined) return
      c.conference = { agentId: f["agentId"], agentName: f["agentName"], joined: false }
      note(c, serverNow(), `Conference requested with ${f["agentName"]}.`)
      return render()
    case "conferenceJoined":
      if (c === undefined) return
      c.conference = { agentId: f["agentId"], agentName: f["agentName"], joined: true }
      return render()
    case "conferenceEnded": {
      if (c === undefined) return
      const who = c.conference?.agentName ?? agentNameOf(f["agentId"])
      c.conference = null
      if (f["agentId"] === S.session?.agentId) {
        c.role = "wrapUp"
        note(c, f["atMs"], "The conference ended: you left the chat.")
      } else {
        const why = f["reason"] === "ended" ? "left the conference" : f["reason"] === "declined" ? "declined the conference" : f["reason"] === "expired" ? "did not answer the conference request" : "is no longer in the conference"
        note(c, f["atMs"], `${who} ${why}.`)
      }
      return render()
    }
    case "chatEnded":
      if (c === undefined) return
      c.ended = true
      note(c, f["atMs"], f["by"] === "customer" ? `${c.customerName} left the chat.` : f["by"] === "agent" ? "The chat was ended." : "The chat was closed by the system.")
      return render()
    case "wrapUpStarted":
      if (c === undefined) return
      c.wrapUp = { reasons: f["reasons"], defaultReason: f["defaultReason"] }
      c.role = "wrapUp"
      render()
      return maybeOpenWrapUp()
    case "wrapUpDone":
      if (c === undefined) return
      if (S.dialog?.dialog === "wrapup" && S.dialog.chatId === c.chatId) closeDialogs()
      S.chats.delete(c.chatId)
      if (f["auto"]) toast(`Wrap-up of ${c.customerName} submitted automatically (${f["reason"]}).`)
      if (S.selected === c.chatId) select([...S.chats.keys()][0] ?? null)
      return render()
    case "directory":
      S.directory = { queues: f["queues"], agents: f["agents"] }
      return renderDialog()
    case "ack":
      return onAck(f)
    case "error":
      return onError(f)
  }
}

/** @param {Frame} f */
const onWelcome = (f) => {
  S.presence = f["presence"]
  S.code = f["code"]
  S.capacity = f["capacity"]
  S.idleCodes = f["idleCodes"]
  S.templates = f["templates"]
  S.offers = new Map((/** @type {Array<Frame>} */ (f["offers"])).map((o) => [o["offerId"], o]))
  const held = new Set((/** @type {Array<Frame>} */ (f["chats"])).map((c) => c["chatId"]))
  for (const id of [...S.chats.keys()]) if (!held.has(id)) S.chats.delete(id)
  for (const wc of f["chats"]) chatFromView(wc)
  for (const w of f["wrapUps"]) {
    const c = S.chats.get(w["chatId"])
    if (c !== undefined) c.wrapUp = { reasons: w["reasons"], defaultReason: w["defaultReason"] }
  }
  if (S.selected !== null && !S.chats.has(S.selected)) S.selected = null
  if (S.selected === null) select([...S.chats.keys()][0] ?? null)
  renderTemplates()
  renderOffers()
  render()
  S.socket?.send({ type: "directory" })
}

/** @param {Frame} f */
const onAck = (f) => {
  const info = typeof f["ref"] === "string" ? S.refs.get(f["ref"]) : undefined
  if (info === undefined) return
  S.refs.delete(f["ref"])
  const c = info.chatId === undefined ? undefined : S.chats.get(info.chatId)
  switch (info.kind) {
    case "send":
    case "template":
      if (c !== undefined && typeof f["seq"] === "number" && !c.messages.some((m) => m.seq === f["seq"]) && info.text !== undefined) {
        addMessage(c, { seq: f["seq"], sender: "agent", agentName: S.session?.agentName ?? "", text: info.text, atMs: serverNow() })
      }
      if (info.kind === "send" && c !== undefined) {
        const input = composeInput()
        if (S.selected === c.chatId && input.value.trim() === info.text) input.value = ""
        else if (c.draft.trim() === info.text) c.draft = ""
        updateComposeWarning()
      }
      if (info.kind === "template") resetTemplate()
      showError("compose-error", "")
      return render()
    case "transfer":
    case "conference":
      closeDialogs()
      render()
      return maybeOpenWrapUp()
    case "wrapup":
      return closeDialogs()
    case "presence":
      return showError("presence-error", "")
  }
}

/** @param {Frame} f */
const onError = (f) => {
  const info = typeof f["ref"] === "string" ? S.refs.get(f["ref"]) : undefined
  if (typeof f["ref"] === "string") S.refs.delete(f["ref"])
  const text = `${f["message"]} (${f["code"]})`
  if (Array.isArray(f["path"]) && f["path"][0] === "resume") return // a chat we no longer hold: welcome already dropped it
  switch (info?.kind) {
    case "send":
    case "template":
      if (info.chatId === S.selected) return showError("compose-error", text)
      return toast(text)
    case "transfer":
      return showError("transfer-error", text)
    case "conference":
      return showError("conference-error", text)
    case "wrapup":
      return showError("wrapup-error", text)
    case "presence":
    case "logout":
      renderTop()
      return showError("presence-error", text)
    case "accept":
    case "decline":
      renderOffers()
      return toast(text)
    default:
      return toast(text)
  }
}

/** @param {string} testid @param {string} text */
const showError = (testid, text) => {
  const el = byTestId(testid)
  el.textContent = text
  el.hidden = text === ""
}

/** @param {Chat} c @param {string} text */
const setTyping = (c, text) => {
  c.typing = text
  if (c.typingTimer !== undefined) clearTimeout(c.typingTimer)
  if (text !== "") c.typingTimer = setTimeout(() => { c.typing = ""; renderPane() }, 6000)
}

/**
 * Send a state-changing frame with a fresh ref, remembering what it was for.
 * @param {Frame} frame @param {RefInfo} info
 */
const request = (frame, info) => {
  const ref = newRef(info.kind)
  S.refs.set(ref, info)
  S.socket?.send({ ...frame, ref })
  return ref
}

// ---------------------------------------------------------------- top bar: presence

const presenceLabel = () => S.presence === "Idle" ? `Idle · ${S.code ?? ""}` : S.presence === "LoggedOut" ? "Logged out" : S.presence

const renderTop = () => {
  const badge = byTestId("presence-badge")
  badge.dataset["presence"] = S.presence
  badge.textContent = presenceLabel()
  const select = /** @type {HTMLSelectElement} */ (byTestId("presence-select"))
  const current = S.presence === "Idle" ? `Idle:${S.code}` : S.presence
  // rebuilt only when the choices change, so an open drop-down is not closed by every frame
  const key = `${S.presence === "RONA"}|${S.idleCodes.join(",")}`
  if (select.dataset["key"] !== key) {
    select.dataset["key"] = key
    select.replaceChildren(
      ...(S.presence === "RONA" ? [h("option", { value: "RONA", disabled: true, text: "RONA (missed a request)" })] : []),
      h("option", { value: "Available", text: "Available" }),
      ...S.idleCodes.map((code) => h("option", { value: `Idle:${code}`, text: `Idle · ${code}` }))
    )
  }
  select.value = current
  byTestId("rona-banner").hidden = S.presence !== "RONA"
  const used = S.offers.size + S.chats.size
  byTestId("slots").textContent = `${used} / ${S.capacity} slots`
}

const setPresence = (/** @type {string} */ value) => {
  if (value === "Available") request({ type: "setPresence", presence: "Available" }, { kind: "presence" })
  else if (value.startsWith("Idle:")) request({ type: "setPresence", presence: "Idle", code: value.slice(5) }, { kind: "presence" })
}

// ---------------------------------------------------------------- incoming requests

const kindLabel = (/** @type {Frame} */ o) =>
  o["kind"] === "transfer" ? `Transfer from ${agentNameOf(o["fromAgentId"] ?? "")}` : o["kind"] === "conference" ? `Conference request from ${agentNameOf(o["fromAgentId"] ?? "")}` : "Chat request"

const renderOffers = () => {
  const box = byTestId("offers")
  box.replaceChildren(...[...S.offers.values()].map((o) => {
    const thread = (/** @type {Array<Msg>} */ (o["thread"])).map((m) => messageEl(m))
    return h("section", { class: "offer", "data-testid": "offer", "data-offer-id": o["offerId"], "data-chat-id": o["chatId"], "data-kind": o["kind"], "aria-label": `${kindLabel(o)}: ${o["customerName"]}` }, [
      h("div", { class: "top" }, [
        h("span", { class: "customer" }, [h("span", { "data-testid": "offer-customer", text: o["customerName"] }), o["proactive"] ? proactiveIcon() : null]),
        sinceTimer(o["receivedAtMs"], "offer-timer", "Time since the chat was received")
      ]),
      h("div", { class: "muted", "data-testid": "offer-kind", text: kindLabel(o) }),
      h("dl", {}, [
        h("dt", { text: "Queue" }), h("dd", { "data-testid": "offer-queue", text: o["queueName"] }),
        h("dt", { text: "Agent" }), h("dd", { "data-testid": "offer-agent", text: o["agentName"] }),
        h("dt", { text: "Date" }), h("dd", { "data-testid": "offer-date", text: fmtDate(o["receivedAtMs"]) }),
        h("dt", { text: "Answer in" }), h("dd", { class: "deadline" }, [h("span", { "data-testid": "offer-deadline", "data-until-ms": o["deadlineMs"], text: fmtDuration(o["deadlineMs"] - serverNow()) })])
      ]),
      thread.length === 0 ? h("div", { class: "faint", "data-testid": "offer-thread", text: "No messages yet." }) : h("div", { class: "thread", "data-testid": "offer-thread" }, thread),
      h("div", { class: "buttons" }, [
        h("button", { type: "button", "data-testid": "offer-decline", onclick: () => answerOffer(o, "decline"), text: "Decline" }),
        h("button", { type: "button", class: "primary", "data-testid": "offer-accept", onclick: () => answerOffer(o, "accept"), text: "Accept" })
      ])
    ])
  }))
}

/** @param {Frame} o @param {"accept" | "decline"} what */
const answerOffer = (o, what) => {
  for (const b of document.querySelectorAll(`[data-offer-id="${o["offerId"]}"] button`)) /** @type {HTMLButtonElement} */ (b).disabled = true
  request({ type: what, offerId: o["offerId"] }, { kind: what, chatId: o["chatId"], offerId: o["offerId"] })
}

// ---------------------------------------------------------------- chat list and pane

/** @param {Chat} c */
const stateLabel = (c) => {
  if (c.wrapUp !== null) return "Wrap Up"
  if (c.transferred !== null) return "Transferred"
  if (c.ended) return "Ended"
  if (c.role === "participant") return "Conference"
  if (c.conference !== null) return c.conference.joined ? "Conference" : "Conference Requested"
  return "Active"
}

const select = (/** @type {string | null} */ chatId) => {
  const prev = S.selected === null ? undefined : S.chats.get(S.selected)
  if (prev !== undefined) prev.draft = composeInput().value
  S.selected = chatId
  const next = chatId === null ? undefined : S.chats.get(chatId)
  if (next !== undefined) next.unread = 0
  composeInput().value = next?.draft ?? ""
  showError("compose-error", "")
  updateComposeWarning()
  resetTemplate()
}

const renderChatList = () => {
  const list = byTestId("chat-list")
  const chats = [...S.chats.values()]
  byTestId("chat-list-empty").hidden = chats.length > 0
  list.replaceChildren(...chats.map((c) => h("li", {}, [
    h("button", {
      type: "button", class: "chat-tab", "data-testid": "chat-tab", "data-chat-id": c.chatId, "aria-current": c.chatId === S.selected ? "true" : "false",
      onclick: () => { select(c.chatId); render() }
    }, [
      h("span", { class: "row" }, [
        h("span", { class: "name" }, [c.customerName, c.proactive ? proactiveIcon() : null]),
        c.unread > 0 ? h("span", { class: "unread", "aria-label": `${c.unread} unread`, text: String(c.unread) }) : null
      ]),
      h("span", { class: "row sub" }, [
        h("span", { text: `${c.queueName} · ${stateLabel(c)}` }),
        sinceTimer(c.receivedAtMs, "chat-tab-timer", "Time since the chat was received")
      ])
    ])
  ])))
}

/** @param {Msg} m */
const messageEl = (m) => {
  const mine = m.sender === "agent" && m.agentId === S.session?.agentId
  const who = m.sender === "customer" ? "Customer" : m.sender === "agent" ? (m.agentName ?? "Agent") : "System"
  if (m.sender === "system") return h("div", { class: "msg system", "data-testid": "message", "data-seq": m.seq, "data-sender": m.sender, text: m.text })
  return h("div", { class: `msg${mine ? " mine" : m.sender === "agent" ? " agent" : ""}`, "data-testid": "message", "data-seq": m.seq, "data-sender": m.sender }, [
    h("span", { class: "who" }, [who, h("span", { class: "at", text: fmtClock(m.atMs) })]),
    h("span", { class: "text", "data-testid": "message-text", text: m.text })
  ])
}

const renderPane = () => {
  const c = S.selected === null ? undefined : S.chats.get(S.selected)
  byTestId("pane-empty").hidden = c !== undefined
  byTestId("pane-chat").hidden = c === undefined
  if (c === undefined) return
  byTestId("chat-customer").textContent = c.customerName
  byTestId("chat-proactive").replaceChildren(...(c.proactive ? [proactiveIcon()] : []))
  byTestId("chat-queue").textContent = c.queueName
  byTestId("chat-received").textContent = fmtDate(c.receivedAtMs)
  byTestId("chat-timer").replaceChildren(sinceTimer(c.receivedAtMs, "chat-elapsed", "Time since the chat was received"))
  const label = stateLabel(c)
  const stateEl = byTestId("chat-state")
  stateEl.textContent = c.conference !== null && c.role === "owner" && c.wrapUp === null ? `${label} · ${c.conference.agentName}` : label
  stateEl.dataset["state"] = label
  const live = c.wrapUp === null && !c.ended && c.transferred === null
  const owner = live && c.role === "owner"
  byTestId("btn-transfer").hidden = !owner
  byTestId("btn-conference").hidden = !owner
  ;/** @type {HTMLButtonElement} */ (byTestId("btn-transfer")).disabled = c.conference !== null
  ;/** @type {HTMLButtonElement} */ (byTestId("btn-conference")).disabled = c.conference !== null
  byTestId("btn-end-conference").hidden = !(owner && c.conference !== null && c.conference.joined)
  byTestId("btn-end").hidden = !owner
  byTestId("btn-wrapup").hidden = c.wrapUp === null
  const thread = byTestId("thread")
  const atBottom = thread.scrollHeight - thread.scrollTop - thread.clientHeight < 40
  /** @type {Array<{ atMs: number, order: number, el: HTMLElement }>} */
  const items = [
    ...c.messages.map((m) => ({ atMs: m.atMs, order: m.seq, el: messageEl(m) })),
    ...c.notes.map((n, i) => ({ atMs: n.atMs, order: 1e9 + i, el: h("div", { class: "note", "data-testid": "thread-note", text: n.text }) }))
  ].sort((a, b) => a.atMs - b.atMs || a.order - b.order)
  thread.replaceChildren(...items.map((i) => i.el))
  if (atBottom) thread.scrollTop = thread.scrollHeight
  byTestId("typing-indicator").textContent = c.typing
  const canWrite = live && (c.role === "owner" || c.role === "participant")
  ;/** @type {HTMLTextAreaElement} */ (composeInput()).disabled = !canWrite
  ;/** @type {HTMLButtonElement} */ (byTestId("compose-send")).disabled = !canWrite
  ;/** @type {HTMLSelectElement} */ (byTestId("template-select")).disabled = !canWrite
  updateTemplateState()
}

const render = () => {
  renderTop()
  renderChatList()
  renderPane()
}

// ---------------------------------------------------------------- compose and templates

const composeInput = () => /** @type {HTMLTextAreaElement} */ (byTestId("compose-input"))
const reserved = (/** @type {string} */ text) => /[<>]/.test(text)
const updateComposeWarning = () => { byTestId("compose-warning").hidden = !reserved(composeInput().value) }

const sendCompose = () => {
  const c = S.selected === null ? undefined : S.chats.get(S.selected)
  const text = composeInput().value.trim()
  if (c === undefined || text === "" || composeInput().disabled) return
  showError("compose-error", "")
  request({ type: "send", chatId: c.chatId, text }, { kind: "send", chatId: c.chatId, text })
  stopTyping()
}

const stopTyping = () => {
  if (S.typingTimer !== undefined) clearTimeout(S.typingTimer)
  S.typingTimer = undefined
  if (S.typingSent && S.selected !== null) S.socket?.send({ type: "typing", chatId: S.selected, active: false })
  S.typingSent = false
}

const onComposeInput = () => {
  updateComposeWarning()
  if (S.selected === null) return
  if (!S.typingSent) {
    S.socket?.send({ type: "typing", chatId: S.selected, active: true })
    S.typingSent = true
  }
  if (S.typingTimer !== undefined) clearTimeout(S.typingTimer)
  S.typingTimer = setTimeout(stopTyping, 3000)
}

const renderTemplates = () => {
  const select = /** @type {HTMLSelectElement} */ (byTestId("template-select"))
  select.replaceChildren(h("option", { value: "", text: "Choose a template…" }), ...S.templates.map((t) => h("option", { value: t.id, text: t.id })))
  resetTemplate()
}

const selectedTemplate = () => S.templates.find((t) => t.id === /** @type {HTMLSelectElement} */ (byTestId("template-select")).value)

const resetTemplate = () => {
  ;/** @type {HTMLSelectElement} */ (byTestId("template-select")).value = ""
  renderTemplateParams()
}

const renderTemplateParams = () => {
  const t = selectedTemplate()
  const c = S.selected === null ? undefined : S.chats.get(S.selected)
  byTestId("template-params").replaceChildren(...(t?.params ?? []).map((p) =>
    h("input", {
      "data-testid": `template-param-${p}`, "data-param": p, "aria-label": `Template parameter ${p}`, placeholder: p,
      value: p === "customerName" && c !== undefined ? c.customerName : "", oninput: updateTemplateState
    })))
  updateTemplateState()
}

const templateValues = () => {
  /** @type {Record<string, string>} */
  const params = {}
  for (const el of byTestId("template-params").querySelectorAll("input")) params[el.dataset["param"] ?? ""] = el.value
  return params
}

const updateTemplateState = () => {
  const t = selectedTemplate()
  const params = templateValues()
  const filled = t !== undefined && t.params.every((p) => (params[p] ?? "").trim() !== "")
  ;/** @type {HTMLButtonElement} */ (byTestId("template-send")).disabled = !filled || /** @type {HTMLSelectElement} */ (byTestId("template-select")).disabled
  byTestId("template-preview").textContent = t === undefined ? "" : t.text.replace(/<([^<>]+)>/g, (all, name) => (params[name] ?? "").trim() === "" ? all : params[name] ?? "")
}

const sendTemplate = () => {
  const t = selectedTemplate()
  const c = S.selected === null ? undefined : S.chats.get(S.selected)
  if (t === undefined || c === undefined) return
  const params = templateValues()
  const text = t.text.replace(/<([^<>]+)>/g, (_all, name) => params[name] ?? "")
  request({ type: "sendTemplate", chatId: c.chatId, templateId: t.id, params }, { kind: "template", chatId: c.chatId, text })
}

// ---------------------------------------------------------------- dialogs

const dialogEl = (/** @type {string} */ name) => /** @type {HTMLDialogElement} */ (byTestId(`${name}-dialog`))

const closeDialogs = () => {
  for (const name of ["transfer", "conference", "wrapup"]) if (dialogEl(name).open) dialogEl(name).close()
  S.dialog = null
}

/** @param {"transfer" | "conference" | "wrapup"} which @param {string} chatId */
const openDialog = (which, chatId) => {
  closeDialogs()
  S.dialog = { dialog: which, chatId, target: null, mode: "queue" }
  for (const id of [`${which}-error`]) showError(id, "")
  const search = /** @type {HTMLInputElement} */ (byTestId(`${which}-search`))
  search.value = ""
  if (which === "transfer") /** @type {HTMLInputElement} */ (byTestId("transfer-mode-queue")).checked = true
  if (which === "wrapup") {
    const c = S.chats.get(chatId)
    S.dialog.target = c?.wrapUp?.defaultReason ?? null
    byTestId("wrapup-chat").textContent = c === undefined ? "" : `${c.customerName} · ${c.queueName}`
  } else S.socket?.send({ type: "directory" })
  dialogEl(which).show()
  renderDialog()
  search.focus()
}

const maybeOpenWrapUp = () => {
  const c = S.selected === null ? undefined : S.chats.get(S.selected)
  if (c !== undefined && c.wrapUp !== null && S.dialog === null) openDialog("wrapup", c.chatId)
}

/** @param {string} text @param {string} query */
const matches = (text, query) => text.toLowerCase().includes(query.trim().toLowerCase())

/**
 * @param {string} testid @param {Array<{ id: string, label: string, sub: string, disabled: boolean }>} items
 * @param {string} optionTestId @param {string} emptyText
 */
const renderOptions = (testid, items, optionTestId, emptyText) => {
  const d = S.dialog
  byTestId(testid).replaceChildren(...(items.length === 0 ? [h("li", { class: "empty", text: emptyText })] : items.map((it) => h("li", { role: "presentation" }, [
    h("button", {
      type: "button", class: "option", role: "option", "data-testid": optionTestId, "data-id": it.id, "aria-selected": d?.target === it.id ? "true" : "false",
      disabled: it.disabled, onclick: () => { if (S.dialog !== null) { S.dialog.target = it.id; renderDialog() } }
    }, [h("span", { text: it.label }), h("span", { class: "sub", text: it.sub })])
  ]))))
}

const presenceText = (/** @type {{ presence: string, code?: string }} */ a) => a.presence === "Idle" ? `Idle · ${a.code ?? ""}` : a.presence

const renderDialog = () => {
  const d = S.dialog
  if (d === null) return
  const query = /** @type {HTMLInputElement} */ (byTestId(`${d.dialog}-search`)).value
  if (d.dialog === "transfer") {
    d.mode = /** @type {HTMLInputElement} */ (byTestId("transfer-mode-agent")).checked ? "agent" : "queue"
    const items = d.mode === "queue"
      ? S.directory.queues.filter((q) => matches(`${q.name} ${q.id}`, query)).map((q) => ({ id: q.id, label: q.name, sub: `${q.waiting} waiting`, disabled: false }))
      : S.directory.agents.filter((a) => matches(`${a.name} ${a.id}`, query)).map((a) => ({ id: a.id, label: a.name, sub: `${presenceText(a)} · ${a.freeSlots} free`, disabled: !a.canTake }))
    if (!items.some((i) => i.id === d.target && !i.disabled)) d.target = null
    renderOptions("transfer-options", items, "transfer-option", d.mode === "queue" ? "No queue matches." : "No agent matches.")
    ;/** @type {HTMLButtonElement} */ (byTestId("transfer-submit")).disabled = d.target === null
  } else if (d.dialog === "conference") {
    const items = S.directory.agents.filter((a) => a.canTake && matches(`${a.name} ${a.id}`, query))
      .map((a) => ({ id: a.id, label: a.name, sub: `${a.freeSlots} free`, disabled: false }))
    if (!items.some((i) => i.id === d.target)) d.target = null
    renderOptions("conference-options", items, "conference-option", "No available agent matches.")
    ;/** @type {HTMLButtonElement} */ (byTestId("conference-submit")).disabled = d.target === null
  } else {
    const c = S.chats.get(d.chatId)
    const items = (c?.wrapUp?.reasons ?? []).filter((r) => matches(r, query)).map((r) => ({ id: r, label: r, sub: r === c?.wrapUp?.defaultReason ? "default" : "", disabled: false }))
    if (!items.some((i) => i.id === d.target)) d.target = null
    renderOptions("wrapup-options", items, "wrapup-option", "No reason matches.")
    ;/** @type {HTMLButtonElement} */ (byTestId("wrapup-submit")).disabled = d.target === null
  }
}

const submitDialog = () => {
  const d = S.dialog
  if (d === null || d.target === null) return
  if (d.dialog === "transfer") {
    showError("transfer-error", "")
    request(d.mode === "queue" ? { type: "transfer", chatId: d.chatId, toQueue: d.target } : { type: "transfer", chatId: d.chatId, toAgent: d.target }, { kind: "transfer", chatId: d.chatId })
  } else if (d.dialog === "conference") {
    showError("conference-error", "")
    request({ type: "conference", chatId: d.chatId, agentId: d.target }, { kind: "conference", chatId: d.chatId })
  } else {
    showError("wrapup-error", "")
    request({ type: "wrapUp", chatId: d.chatId, reason: d.target }, { kind: "wrapup", chatId: d.chatId })
  }
}

// ---------------------------------------------------------------- wiring

const onSelected = (/** @type {(c: Chat) => void} */ f) => () => {
  const c = S.selected === null ? undefined : S.chats.get(S.selected)
  if (c !== undefined) f(c)
}

const wire = () => {
  byTestId("login-form").addEventListener("submit", (e) => void login(/** @type {SubmitEvent} */ (e)))
  byTestId("presence-select").addEventListener("change", (e) => setPresence(/** @type {HTMLSelectElement} */ (e.target).value))
  byTestId("go-available").addEventListener("click", () => setPresence("Available"))
  byTestId("logout").addEventListener("click", () => request({ type: "logout" }, { kind: "logout" }))
  const input = composeInput()
  input.addEventListener("input", onComposeInput)
  input.addEventListener("keydown", (e) => {
    if (e.key === "Enter" && !e.shiftKey && !e.isComposing) {
      e.preventDefault()
      sendCompose()
    }
  })
  byTestId("compose-send").addEventListener("click", sendCompose)
  byTestId("template-select").addEventListener("change", renderTemplateParams)
  byTestId("template-send").addEventListener("click", sendTemplate)
  byTestId("btn-transfer").addEventListener("click", onSelected((c) => openDialog("transfer", c.chatId)))
  byTestId("btn-conference").addEventListener("click", onSelected((c) => openDialog("conference", c.chatId)))
  byTestId("btn-end-conference").addEventListener("click", onSelected((c) => request({ type: "endConference", chatId: c.chatId }, { kind: "endConference", chatId: c.chatId })))
  byTestId("btn-end").addEventListener("click", onSelected((c) => request({ type: "end", chatId: c.chatId }, { kind: "end", chatId: c.chatId })))
  byTestId("btn-wrapup").addEventListener("click", onSelected((c) => openDialog("wrapup", c.chatId)))
  for (const name of ["transfer", "conference", "wrapup"]) {
    byTestId(`${name}-search`).addEventListener("input", renderDialog)
    byTestId(`${name}-submit`).addEventListener("click", submitDialog)
    dialogEl(name).addEventListener("keydown", (e) => { if (e.key === "Escape") closeDialogs() })
  }
  for (const name of ["transfer-cancel", "conference-cancel", "wrapup-later"]) byTestId(name).addEventListener("click", closeDialogs)
  for (const name of ["transfer-refresh", "conference-refresh"]) byTestId(name).addEventListener("click", () => S.socket?.send({ type: "directory" }))
  for (const name of ["transfer-mode-queue", "transfer-mode-agent"]) byTestId(name).addEventListener("change", renderDialog)
  startTicker()
  // a test and debugging hook: drop the connection as a network failure would
  ;/** @type {any} */ (window).livechatDesktop = { drop: () => S.socket?.drop() }
  const saved = sessionStorage.getItem(SESSION_KEY)
  const session = saved === null ? null : JSON.parse(saved)
  if (session !== null && typeof session.token === "string" && session.expiresAtMs > Date.now() + 60_000) {
    S.session = session
    connect()
  } else showLogin("")
}

wire()
