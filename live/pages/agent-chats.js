// @ts-check
/**
 * Agent desktop: what is drawn from S outside the dialogs: the top bar (presence, RONA banner,
 * slots), the incoming-request popovers with Accept / Decline, the chat list and the chat pane.
 */

import { composeInput, resetTemplate, updateComposeWarning, updateTemplateState } from "./agent-compose.js"
import { agentNameOf, request, S, showError } from "./agent-state.js"
import { serverNow, sinceTimer } from "./clock.js"
import { byTestId, h, proactiveIcon } from "./dom.js"
import { fmtClock, fmtDate, fmtDuration } from "./format.js"

/**
 * @typedef {import("./socket.js").Frame} Frame
 * @typedef {import("./agent-state.js").Chat} Chat
 * @typedef {import("./agent-state.js").Msg} Msg
 */

// ---------------------------------------------------------------- top bar: presence

const presenceLabel = () =>
  S.presence === "Idle" ? `Idle · ${S.code ?? ""}` : S.presence === "LoggedOut" ? "Logged out" : S.presence

export const renderTop = () => {
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
      ...(S.presence === "RONA"
        ? [h("option", { value: "RONA", disabled: true, text: "RONA (missed a request)" })]
        : []),
      h("option", { value: "Available", text: "Available" }),
      ...S.idleCodes.map((code) => h("option", { value: `Idle:${code}`, text: `Idle · ${code}` }))
    )
  }
  select.value = current
  byTestId("rona-banner").hidden = S.presence !== "RONA"
  const used = S.offers.size + S.chats.size
  byTestId("slots").textContent = `${used} / ${S.capacity} slots`
}

export const setPresence = (/** @type {string} */ value) => {
  if (value === "Available") request({ type: "setPresence", presence: "Available" }, { kind: "presence" })
  else if (value.startsWith("Idle:"))
    request({ type: "setPresence", presence: "Idle", code: value.slice(5) }, { kind: "presence" })
}

// ---------------------------------------------------------------- incoming requests

const kindLabel = (/** @type {Frame} */ o) =>
  o["kind"] === "transfer"
    ? `Transfer from ${agentNameOf(o["fromAgentId"] ?? "")}`
    : o["kind"] === "conference"
      ? `Conference request from ${agentNameOf(o["fromAgentId"] ?? "")}`
      : "Chat request"

export const renderOffers = () => {
  const box = byTestId("offers")
  box.replaceChildren(
    ...[...S.offers.values()].map((o) => {
      const thread = /** @type {Array<Msg>} */ (o["thread"]).map((m) => messageEl(m))
      return h(
        "section",
        {
          class: "offer",
          "data-testid": "offer",
          "data-offer-id": o["offerId"],
          "data-chat-id": o["chatId"],
          "data-kind": o["kind"],
          "aria-label": `${kindLabel(o)}: ${o["customerName"]}`
        },
        [
          h("div", { class: "top" }, [
            h("span", { class: "customer" }, [
              h("span", { "data-testid": "offer-customer", text: o["customerName"] }),
              o["proactive"] ? proactiveIcon() : null
            ]),
            sinceTimer(o["receivedAtMs"], "offer-timer", "Time since the chat was received")
          ]),
          h("div", { class: "muted", "data-testid": "offer-kind", text: kindLabel(o) }),
          h("dl", {}, [
            h("dt", { text: "Queue" }),
            h("dd", { "data-testid": "offer-queue", text: o["queueName"] }),
            h("dt", { text: "Agent" }),
            h("dd", { "data-testid": "offer-agent", text: o["agentName"] }),
            h("dt", { text: "Date" }),
            h("dd", { "data-testid": "offer-date", text: fmtDate(o["receivedAtMs"]) }),
            h("dt", { text: "Answer in" }),
            h("dd", { class: "deadline" }, [
              h("span", {
                "data-testid": "offer-deadline",
                "data-until-ms": o["deadlineMs"],
                text: fmtDuration(o["deadlineMs"] - serverNow())
              })
            ])
          ]),
          thread.length === 0
            ? h("div", { class: "faint", "data-testid": "offer-thread", text: "No messages yet." })
            : h("div", { class: "thread", "data-testid": "offer-thread" }, [
                (o["earlierMessages"] ?? 0) > 0
                  ? h("div", {
                      class: "faint",
                      "data-testid": "offer-earlier",
                      text: `${o["earlierMessages"]} earlier message(s) not shown`
                    })
                  : null,
                ...thread
              ]),
          h("div", { class: "buttons" }, [
            h("button", {
              type: "button",
              "data-testid": "offer-decline",
              onclick: () => answerOffer(o, "decline"),
              text: "Decline"
            }),
            h("button", {
              type: "button",
              class: "primary",
              "data-testid": "offer-accept",
              onclick: () => answerOffer(o, "accept"),
              text: "Accept"
            })
          ])
        ]
      )
    })
  )
}

/** @param {Frame} o @param {"accept" | "decline"} what */
const answerOffer = (o, what) => {
  const buttons = /** @type {NodeListOf<HTMLButtonElement>} */ (
    document.querySelectorAll(`[data-offer-id="${o["offerId"]}"] button`)
  )
  for (const b of buttons) b.disabled = true
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

export const select = (/** @type {string | null} */ chatId) => {
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
  list.replaceChildren(
    ...chats.map((c) =>
      h("li", {}, [
        h(
          "button",
          {
            type: "button",
            class: "chat-tab",
            "data-testid": "chat-tab",
            "data-chat-id": c.chatId,
            "aria-current": c.chatId === S.selected ? "true" : "false",
            onclick: () => {
              select(c.chatId)
              render()
            }
          },
          [
            h("span", { class: "row" }, [
              h("span", { class: "name" }, [c.customerName, c.proactive ? proactiveIcon() : null]),
              c.unread > 0
                ? h("span", { class: "unread", "aria-label": `${c.unread} unread`, text: String(c.unread) })
                : null
            ]),
            h("span", { class: "row sub" }, [
              h("span", { text: `${c.queueName} · ${stateLabel(c)}` }),
              sinceTimer(c.receivedAtMs, "chat-tab-timer", "Time since the chat was received")
            ])
          ]
        )
      ])
    )
  )
}

/** @param {Msg} m */
const messageEl = (m) => {
  const mine = m.sender === "agent" && m.agentId === S.session?.agentId
  const who = m.sender === "customer" ? "Customer" : m.sender === "agent" ? (m.agentName ?? "Agent") : "System"
  if (m.sender === "system")
    return h("div", {
      class: "msg system",
      "data-testid": "message",
      "data-seq": m.seq,
      "data-sender": m.sender,
      text: m.text
    })
  return h(
    "div",
    {
      class: `msg${mine ? " mine" : m.sender === "agent" ? " agent" : ""}`,
      "data-testid": "message",
      "data-seq": m.seq,
      "data-sender": m.sender
    },
    [
      h("span", { class: "who" }, [who, h("span", { class: "at", text: fmtClock(m.atMs) })]),
      h("span", { class: "text", "data-testid": "message-text", text: m.text })
    ]
  )
}

export const renderPane = () => {
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
  stateEl.textContent =
    c.conference !== null && c.role === "owner" && c.wrapUp === null ? `${label} · ${c.conference.agentName}` : label
  stateEl.dataset["state"] = label
  const live = c.wrapUp === null && !c.ended && c.transferred === null
  const owner = live && c.role === "owner"
  byTestId("btn-transfer").hidden = !owner
  byTestId("btn-conference").hidden = !owner
  const btnTransfer = /** @type {HTMLButtonElement} */ (byTestId("btn-transfer"))
  btnTransfer.disabled = c.conference !== null
  const btnConference = /** @type {HTMLButtonElement} */ (byTestId("btn-conference"))
  btnConference.disabled = c.conference !== null
  byTestId("btn-end-conference").hidden = !(owner && c.conference?.joined === true)
  byTestId("btn-end").hidden = !owner
  byTestId("btn-wrapup").hidden = c.wrapUp === null
  const thread = byTestId("thread")
  const atBottom = thread.scrollHeight - thread.scrollTop - thread.clientHeight < 40
  /** @type {Array<{ atMs: number, order: number, el: HTMLElement }>} */
  const items = [
    ...c.messages.map((m) => ({ atMs: m.atMs, order: m.seq, el: messageEl(m) })),
    ...c.notes.map((n, i) => ({
      atMs: n.atMs,
      order: 1e9 + i,
      el: h("div", { class: "note", "data-testid": "thread-note", text: n.text })
    }))
  ].sort((a, b) => a.atMs - b.atMs || a.order - b.order)
  thread.replaceChildren(...items.map((i) => i.el))
  if (atBottom) thread.scrollTop = thread.scrollHeight
  byTestId("typing-indicator").textContent = c.typing
  const canWrite = live && (c.role === "owner" || c.role === "participant")
  const composeField = /** @type {HTMLTextAreaElement} */ (composeInput())
  composeField.disabled = !canWrite
  const composeSend = /** @type {HTMLButtonElement} */ (byTestId("compose-send"))
  composeSend.disabled = !canWrite
  const templateSelect = /** @type {HTMLSelectElement} */ (byTestId("template-select"))
  templateSelect.disabled = !canWrite
  updateTemplateState()
}

export const render = () => {
  renderTop()
  renderChatList()
  renderPane()
}
