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

import { renderOffers, setPresence } from "./agent-chats.js"
import { composeInput, onComposeInput, renderTemplateParams, sendCompose, sendTemplate } from "./agent-compose.js"
import { closeDialogs, dialogEl, openDialog, renderDialog, submitDialog } from "./agent-dialogs.js"
import { onFrame } from "./agent-frames.js"
import { request, S, SESSION_KEY } from "./agent-state.js"
import { startTicker } from "./clock.js"
import { byTestId } from "./dom.js"
import { showLogin as showLoginPanel, submitLogin } from "./login.js"
import { LiveSocket } from "./socket.js"

/** @typedef {import("./agent-state.js").Chat} Chat */

// ---------------------------------------------------------------- login and connection

const showLogin = (/** @type {string} */ message) => showLoginPanel("desktop", message)

const login = async (/** @type {SubmitEvent} */ e) => {
  e.preventDefault()
  const submit = /** @type {HTMLButtonElement} */ (byTestId("login-submit"))
  submit.disabled = true
  const r = await submitLogin()
  submit.disabled = false
  if ("error" in r) return showLogin(r.error)
  S.session = r.session
  sessionStorage.setItem(SESSION_KEY, JSON.stringify(S.session))
  connect()
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
      el.textContent =
        status === "open"
          ? "Connected"
          : status === "connecting"
            ? "Connecting…"
            : status === "reconnecting"
              ? `Reconnecting… ${detail}`
              : `Disconnected: ${detail}`
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

// ---------------------------------------------------------------- wiring

const onSelected = (/** @type {(c: Chat) => void} */ f) => () => {
  const c = S.selected === null ? undefined : S.chats.get(S.selected)
  if (c !== undefined) f(c)
}

const wire = () => {
  byTestId("login-form").addEventListener("submit", (e) => void login(/** @type {SubmitEvent} */ (e)))
  byTestId("presence-select").addEventListener("change", (e) =>
    setPresence(/** @type {HTMLSelectElement} */ (e.target).value)
  )
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
  byTestId("btn-transfer").addEventListener(
    "click",
    onSelected((c) => openDialog("transfer", c.chatId))
  )
  byTestId("btn-conference").addEventListener(
    "click",
    onSelected((c) => openDialog("conference", c.chatId))
  )
  byTestId("btn-end-conference").addEventListener(
    "click",
    onSelected((c) => request({ type: "endConference", chatId: c.chatId }, { kind: "endConference", chatId: c.chatId }))
  )
  byTestId("btn-end").addEventListener(
    "click",
    onSelected((c) => request({ type: "end", chatId: c.chatId }, { kind: "end", chatId: c.chatId }))
  )
  byTestId("btn-wrapup").addEventListener(
    "click",
    onSelected((c) => openDialog("wrapup", c.chatId))
  )
  for (const name of ["transfer", "conference", "wrapup"]) {
    byTestId(`${name}-search`).addEventListener("input", renderDialog)
    byTestId(`${name}-submit`).addEventListener("click", submitDialog)
    dialogEl(name).addEventListener("keydown", (e) => {
      if (e.key === "Escape") closeDialogs()
    })
  }
  for (const name of ["transfer-cancel", "conference-cancel", "wrapup-later"])
    byTestId(name).addEventListener("click", closeDialogs)
  for (const name of ["transfer-refresh", "conference-refresh"])
    byTestId(name).addEventListener("click", () => S.socket?.send({ type: "directory" }))
  for (const name of ["transfer-mode-queue", "transfer-mode-agent"])
    byTestId(name).addEventListener("change", renderDialog)
  startTicker()
  // a test and debugging hook: drop the connection as a network failure would
  Object.assign(window, { livechatDesktop: { drop: () => S.socket?.drop() } })
  const saved = sessionStorage.getItem(SESSION_KEY)
  const session = saved === null ? null : JSON.parse(saved)
  if (session !== null && typeof session.token === "string" && session.expiresAtMs > Date.now() + 60_000) {
    S.session = session
    connect()
  } else showLogin("")
}

wire()
