// @ts-check
/**
 * Agent desktop: the Transfer, Conference and Wrap Up dialogs (searchable option lists from the
 * directory or the wrap-up reasons, and their submit frames).
 */

import { request, S, showError } from "./agent-state.js"
import { byTestId, h } from "./dom.js"

// ---------------------------------------------------------------- dialogs

export const dialogEl = (/** @type {string} */ name) => /** @type {HTMLDialogElement} */ (byTestId(`${name}-dialog`))

export const closeDialogs = () => {
  for (const name of ["transfer", "conference", "wrapup"]) if (dialogEl(name).open) dialogEl(name).close()
  S.dialog = null
}

/** @param {"transfer" | "conference" | "wrapup"} which @param {string} chatId */
export const openDialog = (which, chatId) => {
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

export const maybeOpenWrapUp = () => {
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
  byTestId(testid).replaceChildren(
    ...(items.length === 0
      ? [h("li", { class: "empty", text: emptyText })]
      : items.map((it) =>
          h("li", { role: "presentation" }, [
            h(
              "button",
              {
                type: "button",
                class: "option",
                role: "option",
                "data-testid": optionTestId,
                "data-id": it.id,
                "aria-selected": d?.target === it.id ? "true" : "false",
                disabled: it.disabled,
                onclick: () => {
                  if (S.dialog !== null) {
                    S.dialog.target = it.id
                    renderDialog()
                  }
                }
              },
              [h("span", { text: it.label }), h("span", { class: "sub", text: it.sub })]
            )
          ])
        ))
  )
}

const presenceText = (/** @type {{ presence: string, code?: string }} */ a) =>
  a.presence === "Idle" ? `Idle · ${a.code ?? ""}` : a.presence

export const renderDialog = () => {
  const d = S.dialog
  if (d === null) return
  const query = /** @type {HTMLInputElement} */ (byTestId(`${d.dialog}-search`)).value
  if (d.dialog === "transfer") {
    d.mode = /** @type {HTMLInputElement} */ (byTestId("transfer-mode-agent")).checked ? "agent" : "queue"
    const items =
      d.mode === "queue"
        ? S.directory.queues
            .filter((q) => matches(`${q.name} ${q.id}`, query))
            .map((q) => ({ id: q.id, label: q.name, sub: `${q.waiting} waiting`, disabled: false }))
        : S.directory.agents
            .filter((a) => matches(`${a.name} ${a.id}`, query))
            .map((a) => ({
              id: a.id,
              label: a.name,
              sub: `${presenceText(a)} · ${a.freeSlots} free`,
              disabled: !a.canTake
            }))
    if (!items.some((i) => i.id === d.target && !i.disabled)) d.target = null
    renderOptions(
      "transfer-options",
      items,
      "transfer-option",
      d.mode === "queue" ? "No queue matches." : "No agent matches."
    )
    const transferSubmit = /** @type {HTMLButtonElement} */ (byTestId("transfer-submit"))
    transferSubmit.disabled = d.target === null
  } else if (d.dialog === "conference") {
    const items = S.directory.agents
      .filter((a) => a.canTake && matches(`${a.name} ${a.id}`, query))
      .map((a) => ({ id: a.id, label: a.name, sub: `${a.freeSlots} free`, disabled: false }))
    if (!items.some((i) => i.id === d.target)) d.target = null
    renderOptions("conference-options", items, "conference-option", "No available agent matches.")
    const conferenceSubmit = /** @type {HTMLButtonElement} */ (byTestId("conference-submit"))
    conferenceSubmit.disabled = d.target === null
  } else {
    const c = S.chats.get(d.chatId)
    const items = (c?.wrapUp?.reasons ?? [])
      .filter((r) => matches(r, query))
      .map((r) => ({ id: r, label: r, sub: r === c?.wrapUp?.defaultReason ? "default" : "", disabled: false }))
    if (!items.some((i) => i.id === d.target)) d.target = null
    renderOptions("wrapup-options", items, "wrapup-option", "No reason matches.")
    const wrapupSubmit = /** @type {HTMLButtonElement} */ (byTestId("wrapup-submit"))
    wrapupSubmit.disabled = d.target === null
  }
}

export const submitDialog = () => {
  const d = S.dialog
  if (d === null || d.target === null) return
  if (d.dialog === "transfer") {
    showError("transfer-error", "")
    request(
      d.mode === "queue"
        ? { type: "transfer", chatId: d.chatId, toQueue: d.target }
        : { type: "transfer", chatId: d.chatId, toAgent: d.target },
      { kind: "transfer", chatId: d.chatId }
    )
  } else if (d.dialog === "conference") {
    showError("conference-error", "")
    request({ type: "conference", chatId: d.chatId, agentId: d.target }, { kind: "conference", chatId: d.chatId })
  } else {
    showError("wrapup-error", "")
    request({ type: "wrapUp", chatId: d.chatId, reason: d.target }, { kind: "wrapup", chatId: d.chatId })
  }
}
