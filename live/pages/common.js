// @ts-check
/**
 * Shared helpers of the live pages (agent desktop, customer widget, supervisor view): DOM building
 * without innerHTML (every server string goes through textContent), JSON over HTTP, refs and
 * idempotency keys, duration/date formatting with the server's clock, the 1-second ticker that
 * keeps `data-since-ms` / `data-until-ms` timers current, and `LiveSocket`, a WebSocket that says
 * hello, reconnects with backoff, resumes, and resends every unacknowledged frame with its ref
 * (the server's idempotency makes a resend safe: docs/protocol.md section 6).
 */

/**
 * @typedef {{ type: string, [k: string]: any }} Frame
 * @typedef {"connecting" | "open" | "reconnecting" | "closed"} SocketStatus
 */

/**
 * Create an element. `attrs` keys starting with "on" are listeners; `text` sets textContent;
 * boolean attributes are set when true and omitted when false.
 * @param {string} tag
 * @param {Record<string, any>} [attrs]
 * @param {Array<Node | string | null | undefined | false>} [children]
 * @returns {HTMLElement}
 */
export const h = (tag, attrs = {}, children = []) => {
  const el = document.createElement(tag)
  for (const [k, v] of Object.entries(attrs)) {
    if (v === undefined || v === null || v === false) continue
    if (k === "text") el.textContent = String(v)
    else if (k.startsWith("on") && typeof v === "function") el.addEventListener(k.slice(2), v)
    else if (k === "dataset") Object.assign(el.dataset, v)
    else el.setAttribute(k, v === true ? "" : String(v))
  }
  for (const c of children) {
    if (c === null || c === undefined || c === false) continue
    el.append(typeof c === "string" ? document.createTextNode(c) : c)
  }
  return el
}

/**
 * The element with `data-testid` = id (throws when the page lacks it: a page bug).
 * @template {HTMLElement} [E=HTMLElement]
 * @param {string} id
 * @returns {E}
 */
export const byTestId = (id) => {
  const el = document.querySelector(`[data-testid="${id}"]`)
  if (el === null) throw new Error(`missing element [data-testid="${id}"]`)
  return /** @type {E} */ (el)
}

/**
 * POST a JSON body; the parsed JSON answer (or an error shape when the body is not JSON).
 * @param {string} path
 * @param {unknown} body
 * @returns {Promise<{ status: number, body: any }>}
 */
export const postJson = async (path, body) => {
  const res = await fetch(path, {
    method: "POST",
    headers: { "content-type": "application/json" },
    body: JSON.stringify(body)
  })
  let parsed
  try {
    parsed = await res.json()
  } catch {
    parsed = { type: "error", code: "BAD_JSON", message: `the server answered ${res.status} without JSON` }
  }
  return { status: res.status, body: parsed }
}

/** @typedef {{ agentId: string, agentName: string, token: string, expiresAtMs: number }} Session */

/**
 * Shows the login panel instead of the page's main view, with `message` (empty: no message).
 * @param {string} mainTestId @param {string} message
 */
export const showLogin = (mainTestId, message) => {
  byTestId(mainTestId).hidden = true
  byTestId("login").hidden = false
  const err = byTestId("login-error")
  err.hidden = message === ""
  err.textContent = message
}

/**
 * Posts the login form (login-agent, login-password) to /api/agent/login: the session and whether
 * the agent is a supervisor, or a message for the person at the form.
 * @returns {Promise<{ session: Session, supervisor: boolean } | { error: string }>}
 */
export const submitLogin = async () => {
  const agentId = /** @type {HTMLInputElement} */ (byTestId("login-agent")).value.trim()
  const password = /** @type {HTMLInputElement} */ (byTestId("login-password")).value
  try {
    const r = await postJson("/api/agent/login", { agentId, password })
    if (r.status !== 200) {
      return {
        error:
          r.status === 401
            ? "Unknown agent or wrong password."
            : `${r.body.message ?? "Login failed"} (${r.body.code ?? r.status})`
      }
    }
    const session = {
      agentId: r.body.agentId,
      agentName: r.body.agentName,
      token: r.body.token,
      expiresAtMs: r.body.expiresAtMs
    }
    return { session, supervisor: r.body.supervisor === true }
  } catch (err) {
    return { error: `Cannot reach the server: ${String(err)}` }
  }
}

/** @param {number} bytes */
const randomHex = (bytes) =>
  [...crypto.getRandomValues(new Uint8Array(bytes))].map((b) => b.toString(16).padStart(2, "0")).join("")

/** A random UUID-shaped key (crypto.randomUUID needs a secure context; this does not). */
export const uuid = () => {
  const x = randomHex(16)
  return `${x.slice(0, 8)}-${x.slice(8, 12)}-4${x.slice(13, 16)}-a${x.slice(17, 20)}-${x.slice(20, 32)}`
}

let refCounter = 0
const refPrefix = randomHex(4)
/**
 * A fresh frame ref (the frame's idempotency key): prefix, this page's random part, a counter.
 * @param {string} kind
 */
export const newRef = (kind) => `${kind}-${refPrefix}-${++refCounter}`

/** Server clock minus this browser's clock, learnt from `welcome` / `pong`. */
let skewMs = 0
/** @param {number} serverTimeMs */
export const learnServerTime = (serverTimeMs) => {
  skewMs = serverTimeMs - Date.now()
}
/** Now on the server's clock (epoch ms). */
export const serverNow = () => Date.now() + skewMs

/**
 * "0:07", "12:30", "1:02:03".
 * @param {number} ms
 */
export const fmtDuration = (ms) => {
  const s = Math.max(0, Math.floor(ms / 1000))
  const hh = Math.floor(s / 3600)
  const mm = Math.floor((s % 3600) / 60)
  const ss = String(s % 60).padStart(2, "0")
  return hh > 0 ? `${hh}:${String(mm).padStart(2, "0")}:${ss}` : `${mm}:${ss}`
}

/** @param {number} ms */
export const fmtClock = (ms) =>
  new Date(ms).toLocaleTimeString([], { hour: "2-digit", minute: "2-digit", second: "2-digit" })
/** @param {number} ms */
export const fmtDate = (ms) =>
  new Date(ms).toLocaleString([], {
    year: "numeric",
    month: "short",
    day: "numeric",
    hour: "2-digit",
    minute: "2-digit"
  })

/** Refresh every live timer now: `data-since-ms` counts up, `data-until-ms` counts down. */
export const tickTimers = () => {
  const now = serverNow()
  for (const el of document.querySelectorAll("[data-since-ms]")) {
    el.textContent = fmtDuration(now - Number(/** @type {HTMLElement} */ (el).dataset["sinceMs"]))
  }
  for (const el of document.querySelectorAll("[data-until-ms]")) {
    el.textContent = fmtDuration(Number(/** @type {HTMLElement} */ (el).dataset["untilMs"]) - now + 999)
  }
}
/** Start the page's one timer ticker. */
export const startTicker = () => {
  tickTimers()
  setInterval(tickTimers, 500)
}

/**
 * A live timer element (counts up from `sinceMs`).
 * @param {number} sinceMs
 * @param {string} testid
 * @param {string} label
 */
export const sinceTimer = (sinceMs, testid, label) =>
  h("span", {
    class: "timer",
    "data-testid": testid,
    "data-since-ms": sinceMs,
    "aria-label": label,
    title: label,
    text: fmtDuration(serverNow() - sinceMs)
  })

/** The proactive-chat icon (a small target), with its accessible name. */
export const proactiveIcon = () => {
  const span = h("span", {
    class: "proactive-icon",
    "data-testid": "proactive-icon",
    role: "img",
    "aria-label": "Proactive chat",
    title: "Proactive chat"
  })
  span.innerHTML =
    '<svg viewBox="0 0 16 16" width="14" height="14" aria-hidden="true"><circle cx="8" cy="8" r="6.5" fill="none" stroke="currentColor" stroke-width="1.5"/><circle cx="8" cy="8" r="3.5" fill="none" stroke="currentColor" stroke-width="1.5"/><circle cx="8" cy="8" r="1.2" fill="currentColor"/></svg>'
  return span
}

/**
 * Close codes after which reconnecting cannot help (1000 logout, 4001 token expired).
 * Every other close (1001 shutdown, 1006 drop, 4008, 4013) reconnects with backoff.
 */
const FINAL_CLOSES = new Set([1000, 4001])

/**
 * A WebSocket that says hello on every (re)connect, reconnects with backoff, and resends every
 * frame that carries a ref and was not yet answered by `ack`/`error`, after the next `welcome`.
 */
export class LiveSocket {
  /**
   * @param {{ url: string, hello: () => Frame, onFrame: (f: Frame) => void, onStatus: (s: SocketStatus, detail: string) => void }} o
   */
  constructor(o) {
    this.o = o
    /** @type {WebSocket | undefined} */
    this.ws = undefined
    this.ready = false
    this.stopped = false
    this.attempt = 0
    /** @type {Map<string, Frame>} frames with a ref not yet answered, in send order */
    this.pending = new Map()
    /** @type {ReturnType<typeof setTimeout> | undefined} */
    this.retry = undefined
    this.connect()
  }

  connect() {
    this.o.onStatus(this.attempt === 0 ? "connecting" : "reconnecting", "")
    const wsUrl = new URL(this.o.url, location.href)
    wsUrl.protocol = location.protocol === "https:" ? "wss:" : "ws:"
    const ws = new WebSocket(wsUrl.href)
    this.ws = ws
    ws.addEventListener("open", () => ws.send(JSON.stringify(this.o.hello())))
    ws.addEventListener("message", (e) => {
      /** @type {Frame} */
      let f
      try {
        f = JSON.parse(String(e.data))
      } catch {
        return
      }
      if (f.type === "welcome") {
        this.ready = true
        this.attempt = 0
        if (typeof f["serverTimeMs"] === "number") learnServerTime(f["serverTimeMs"])
        this.o.onStatus("open", "")
        this.o.onFrame(f)
        for (const frame of this.pending.values()) ws.send(JSON.stringify(frame))
        return
      }
      if ((f.type === "ack" || f.type === "error") && typeof f["ref"] === "string") this.pending.delete(f["ref"])
      this.o.onFrame(f)
    })
    ws.addEventListener("close", (e) => {
      if (this.ws !== ws) return
      this.ready = false
      if (this.stopped || FINAL_CLOSES.has(e.code)) {
        this.stopped = true
        this.o.onStatus(
          "closed",
          e.code === 4001 ? "your session expired: log in again" : e.reason || `closed (${e.code})`
        )
        return
      }
      this.attempt++
      const delay = Math.min(8000, 250 * 2 ** Math.min(this.attempt, 6))
      this.o.onStatus("reconnecting", `connection lost (${e.code}); retrying in ${Math.round(delay / 100) / 10} s`)
      this.retry = setTimeout(() => this.connect(), delay)
    })
  }

  /**
   * Send a frame now if connected; a frame with a ref is also kept until answered and resent after
   * a reconnect. A frame without a ref (typing, directory, stats) is dropped while disconnected.
   * @param {Frame} frame
   */
  send(frame) {
    if (typeof frame["ref"] === "string") this.pending.set(frame["ref"], frame)
    if (this.ready && this.ws !== undefined && this.ws.readyState === WebSocket.OPEN)
      this.ws.send(JSON.stringify(frame))
  }

  /** Drop the connection as a network failure would (reconnects and resumes). */
  drop() {
    if (this.ws !== undefined && this.ws.readyState <= WebSocket.OPEN) this.ws.close(4000, "dropped by the page")
  }

  /** Close for good (no reconnect). */
  stop() {
    this.stopped = true
    if (this.retry !== undefined) clearTimeout(this.retry)
    this.ws?.close(1000, "bye")
  }
}
