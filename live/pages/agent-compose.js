// @ts-check
/**
 * Agent desktop: the compose box (Enter sends, the warning for the reserved < and >, the typing
 * frames) and templates with their parameters, for the selected chat.
 */

import { request, S, showError } from "./agent-state.js"
import { byTestId, h } from "./dom.js"

// ---------------------------------------------------------------- compose and templates

export const composeInput = () => /** @type {HTMLTextAreaElement} */ (byTestId("compose-input"))
const reserved = (/** @type {string} */ text) => /[<>]/.test(text)
export const updateComposeWarning = () => {
  byTestId("compose-warning").hidden = !reserved(composeInput().value)
}

export const sendCompose = () => {
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

export const onComposeInput = () => {
  updateComposeWarning()
  if (S.selected === null) return
  if (!S.typingSent) {
    S.socket?.send({ type: "typing", chatId: S.selected, active: true })
    S.typingSent = true
  }
  if (S.typingTimer !== undefined) clearTimeout(S.typingTimer)
  S.typingTimer = setTimeout(stopTyping, 3000)
}

export const renderTemplates = () => {
  const select = /** @type {HTMLSelectElement} */ (byTestId("template-select"))
  select.replaceChildren(
    h("option", { value: "", text: "Choose a template…" }),
    ...S.templates.map((t) => h("option", { value: t.id, text: t.id }))
  )
  resetTemplate()
}

const selectedTemplate = () =>
  S.templates.find((t) => t.id === /** @type {HTMLSelectElement} */ (byTestId("template-select")).value)

export const resetTemplate = () => {
  const templateSelect = /** @type {HTMLSelectElement} */ (byTestId("template-select"))
  templateSelect.value = ""
  renderTemplateParams()
}

export const renderTemplateParams = () => {
  const t = selectedTemplate()
  const c = S.selected === null ? undefined : S.chats.get(S.selected)
  byTestId("template-params").replaceChildren(
    ...(t?.params ?? []).map((p) =>
      h("input", {
        "data-testid": `template-param-${p}`,
        "data-param": p,
        "aria-label": `Template parameter ${p}`,
        placeholder: p,
        value: p === "customerName" && c !== undefined ? c.customerName : "",
        oninput: updateTemplateState
      })
    )
  )
  updateTemplateState()
}

const templateValues = () => {
  /** @type {Record<string, string>} */
  const params = {}
  for (const el of byTestId("template-params").querySelectorAll("input")) params[el.dataset["param"] ?? ""] = el.value
  return params
}

export const updateTemplateState = () => {
  const t = selectedTemplate()
  const params = templateValues()
  const filled = t?.params.every((p) => (params[p] ?? "").trim() !== "")
  const templateSend = /** @type {HTMLButtonElement} */ (byTestId("template-send"))
  templateSend.disabled = !filled || /** @type {HTMLSelectElement} */ (byTestId("template-select")).disabled
  byTestId("template-preview").textContent =
    t === undefined
      ? ""
      : t.text.replace(/<([^<>]+)>/g, (all, name) => ((params[name] ?? "").trim() === "" ? all : (params[name] ?? "")))
}

export const sendTemplate = () => {
  const t = selectedTemplate()
  const c = S.selected === null ? undefined : S.chats.get(S.selected)
  if (t === undefined || c === undefined) return
  const params = templateValues()
  const text = t.text.replace(/<([^<>]+)>/g, (_all, name) => params[name] ?? "")
  request(
    { type: "sendTemplate", chatId: c.chatId, templateId: t.id, params },
    { kind: "template", chatId: c.chatId, text }
  )
}
