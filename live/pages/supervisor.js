// @ts-check
/**
 * The supervisor view: logs in as a supervisor agent (the login answer says `supervisor`), asks
 * for the `stats` frame every 2 s (queues with waiting counts and oldest wait, agents with presence
 * and slots, open chats, pending offers) and reads the server's counters from GET /metrics every
 * 5 s (conference offers, offer outcomes, chat outcomes, offer-to-accept histogram). The service
 * level (answered within each queue's threshold over the chats that arrived in the window, a chat
 * still waiting less than the threshold left out), the other ratio (answered within over answered
 * or abandoned, shown under its own name), RONA and transfer counts come with the stats frame. The board observes (`hello {observe: true}`): it does not
 * log the supervisor in as an agent; a supervisor who wants to take chats opens the agent desktop.
 */
import { sinceTimer, startTicker } from "./clock.js"
import { byTestId, h } from "./dom.js"
import { fmtClock } from "./format.js"
import { showLogin as showLoginPanel, submitLogin } from "./login.js"
import { LiveSocket } from "./socket.js"

/** @typedef {import("./socket.js").Frame} Frame */

const SESSION_KEY = "livechat-supervisor-session"
/** A queue's service level shows as met from this share (the usual 80/20 target). */
const SL_TARGET = 0.8
/** The offer-to-accept speed card counts accepts within this long of the offer. */
const ANSWER_WITHIN_MS = 20_000
const STATS_EVERY_MS = 2_000
const METRICS_EVERY_MS = 5_000

/** @type {{ agentId: string, agentName: string, token: string, expiresAtMs: number } | null} */
let session = null
/** @type {LiveSocket | null} */
let socket = null
let polling = false

/** @param {string} testid @param {string} text */
const setText = (testid, text) => {
  byTestId(testid).textContent = text
}

const showLogin = (/** @type {string} */ message) => showLoginPanel("board", message)

const login = async (/** @type {SubmitEvent} */ e) => {
  e.preventDefault()
  const r = await submitLogin()
  if ("error" in r) return showLogin(r.error)
  if (!r.supervisor) return showLogin(`${r.session.agentName} is not a supervisor.`)
  session = r.session
  sessionStorage.setItem(SESSION_KEY, JSON.stringify(session))
  connect()
}

const connect = () => {
  if (session === null) return
  byTestId("login").hidden = true
  byTestId("board").hidden = false
  setText("supervisor-name", session.agentName)
  socket = new LiveSocket({
    url: `/ws/agent?token=${encodeURIComponent(session.token)}`,
    hello: () => ({ type: "hello", observe: true }),
    onFrame: (f) => {
      if (f.type === "welcome") socket?.send({ type: "stats" })
      if (f.type === "stats") renderStats(f)
    },
    onStatus: (status, detail) => {
      const el = byTestId("conn-status")
      el.dataset["state"] = status
      el.textContent = status === "open" ? "Live" : status === "closed" ? `Disconnected: ${detail}` : "Reconnecting…"
      if (status === "closed") {
        sessionStorage.removeItem(SESSION_KEY)
        showLogin(detail)
      }
    }
  })
  void pollMetrics()
  if (polling) return
  polling = true
  setInterval(() => socket?.send({ type: "stats" }), STATS_EVERY_MS)
  setInterval(() => void pollMetrics(), METRICS_EVERY_MS)
}

/** @param {Frame} f */
const renderStats = (f) => {
  setText("updated", `updated ${fmtClock(f["atMs"])}`)
  const queues = /** @type {Array<{ id: string, name: string, waiting: number, oldestEnqueuedAtMs?: number }>} */ (
    f["queues"]
  )
  const service =
    /** @type {Array<{ queueId: string, thresholdMs: number, windowMs: number, counted: number, answered: number, answeredWithin: number, abandoned: number, serviceLevel: number | null, answeredWithinOfSettled: number | null }>} */ (
      f["service"]
    )
  const within = service.reduce((n, s) => n + s.answeredWithin, 0)
  const counted = service.reduce((n, s) => n + s.counted, 0)
  const settled = service.reduce((n, s) => n + s.answered + s.abandoned, 0)
  const windowMin = Math.round((service[0]?.windowMs ?? 0) / 60_000)
  setText("kpi-service-level", counted === 0 ? "–" : `${Math.round((100 * within) / counted)}%`)
  setText(
    "kpi-service-level-sub",
    `${within} of ${counted} chats that arrived in the last ${windowMin} min answered within their queue's threshold`
  )
  setText("kpi-answered-of-settled", settled === 0 ? "–" : `${Math.round((100 * within) / settled)}%`)
  setText("kpi-answered-of-settled-sub", `${within} of ${settled} answered or abandoned chats (not the service level)`)
  setText("kpi-rona", String(f["rona"]))
  setText("kpi-transfers", String(f["transfers"]))
  const slCell = (/** @type {string} */ id) => {
    const s = service.find((x) => x.queueId === id)
    if (s === undefined || s.serviceLevel === null)
      return h("td", { class: "faint", "data-testid": "queue-sl", text: "no chat counted yet" })
    const pct = `${Math.round(100 * s.serviceLevel)}% within ${s.thresholdMs / 1000} s`
    return h("td", {
      class: s.serviceLevel >= SL_TARGET ? "pass" : "fail",
      "data-testid": "queue-sl",
      text: `${pct} (${s.answeredWithin} of ${s.counted})`
    })
  }
  const settledCell = (/** @type {string} */ id) => {
    const s = service.find((x) => x.queueId === id)
    const r = s?.answeredWithinOfSettled ?? null
    return h("td", {
      class: "num faint",
      "data-testid": "queue-answered-of-settled",
      text: r === null ? "–" : `${Math.round(100 * r)}%`
    })
  }
  byTestId("queues-table")
    .querySelector("tbody")
    ?.replaceChildren(
      ...queues.map((q) =>
        h("tr", { "data-testid": "queue-row", "data-queue-id": q.id }, [
          h("td", { text: q.name }),
          h("td", { class: "num", "data-testid": "queue-waiting", text: String(q.waiting) }),
          h("td", { class: "num" }, [
            q.oldestEnqueuedAtMs === undefined
              ? h("span", { class: "faint", text: "–" })
              : sinceTimer(q.oldestEnqueuedAtMs, "queue-oldest", "Oldest wait")
          ]),
          slCell(q.id),
          settledCell(q.id)
        ])
      )
    )
  const agents =
    /** @type {Array<{ id: string, name: string, presence: string, code?: string, connected: boolean, usedSlots: number, capacity: number }>} */ (
      f["agents"]
    )
  byTestId("agents-table")
    .querySelector("tbody")
    ?.replaceChildren(
      ...agents.map((a) =>
        h("tr", { "data-testid": "agent-row", "data-agent-id": a.id }, [
          h("td", { text: a.name }),
          h("td", {}, [
            h("span", {
              class: "badge",
              "data-presence": a.presence,
              "data-testid": "agent-presence",
              text:
                a.presence === "Idle"
                  ? `Idle · ${a.code ?? ""}`
                  : a.presence === "LoggedOut"
                    ? "Logged out"
                    : a.presence
            })
          ]),
          h("td", {
            class: a.connected ? "" : "faint",
            text: a.presence === "LoggedOut" ? "–" : a.connected ? "connected" : "disconnected (grace)"
          }),
          h("td", { class: "num", "data-testid": "agent-slots" }, [
            `${a.usedSlots} / ${a.capacity}`,
            h(
              "span",
              { class: "slots", "aria-hidden": "true" },
              Array.from({ length: a.capacity }, (_, i) => h("i", { class: i < a.usedSlots ? "used" : "" }))
            )
          ])
        ])
      )
    )
  const chats = f["chats"]
  setText("kpi-open", String(chats["open"]))
  setText("kpi-open-sub", `${chats["queued"]} queued · ${chats["offered"]} offered · ${chats["active"]} active`)
  setText("kpi-offers", String(f["offersPending"]))
}

/**
 * Prometheus text -> samples by name (labels as text).
 * @param {string} text
 */
const parseMetrics = (text) => {
  /** @type {Map<string, Array<{ labels: Record<string, string>, value: number }>>} */
  const out = new Map()
  for (const line of text.split("\n")) {
    const m = /^([a-z_]+)(?:\{([^}]*)\})? (\S+)$/.exec(line)
    if (m === null) continue
    /** @type {Record<string, string>} */
    const labels = {}
    for (const part of (m[2] ?? "").split(",")) {
      const kv = /^([a-z_]+)="(.*)"$/.exec(part)
      if (kv !== null) labels[kv[1] ?? ""] = kv[2] ?? ""
    }
    const name = m[1] ?? ""
    out.set(name, [...(out.get(name) ?? []), { labels, value: Number(m[3]) }])
  }
  return out
}

const pollMetrics = async () => {
  let text
  try {
    text = await (await fetch("/metrics")).text()
  } catch {
    return
  }
  const m = parseMetrics(text)
  /** @param {string} name @param {Record<string, string>} [where] */
  const sum = (name, where = {}) =>
    (m.get(name) ?? [])
      .filter((s) => Object.entries(where).every(([k, v]) => s.labels[k] === v))
      .reduce((a, s) => a + s.value, 0)
  setText(
    "kpi-transfers-sub",
    `since the log began · ${sum("livechat_offers_total", { kind: "conference" })} conference offers`
  )
  const count = sum("livechat_offer_accept_seconds_count")
  const fast = sum("livechat_offer_accept_seconds_bucket", { le: String(ANSWER_WITHIN_MS / 1000) })
  setText("kpi-answer-speed", count === 0 ? "–" : `${Math.round((100 * fast) / count)}%`)
  setText("kpi-answer-speed-sub", `${fast} of ${count} accepted offers`)
  const facts = [
    ["Chats started", sum("livechat_chats_started_total")],
    ["Completed", sum("livechat_chats_closed_total", { outcome: "completed" })],
    ["Abandoned", sum("livechat_chats_closed_total", { outcome: "abandoned" })],
    ["Dropped", sum("livechat_chats_closed_total", { outcome: "dropped" })],
    ["Expired", sum("livechat_chats_closed_total", { outcome: "expired" })],
    ["Offers accepted", sum("livechat_offers_ended_total", { outcome: "accepted" })],
    ["Offers declined", sum("livechat_offers_ended_total", { outcome: "declined" })],
    ["Offers timed out", sum("livechat_offers_ended_total", { outcome: "expired" })],
    ["Messages", sum("livechat_messages_total")]
  ]
  byTestId("outcomes").replaceChildren(
    ...facts.map(([k, v]) =>
      h("div", {}, [
        h("dt", { text: String(k) }),
        h("dd", { "data-testid": `fact-${String(k).toLowerCase().replace(/ /g, "-")}`, text: String(v) })
      ])
    )
  )
}

const wire = () => {
  byTestId("login-form").addEventListener("submit", (e) => void login(/** @type {SubmitEvent} */ (e)))
  startTicker()
  const saved = sessionStorage.getItem(SESSION_KEY)
  const s = saved === null ? null : JSON.parse(saved)
  if (s !== null && typeof s.token === "string" && s.expiresAtMs > Date.now() + 60_000) {
    session = s
    connect()
  } else showLogin("")
}

wire()
