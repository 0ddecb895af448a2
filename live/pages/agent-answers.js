// @ts-check
/**
 * Agent desktop: the answers to the frames it sent (`ack` and `error`, matched by ref to what the
 * request was for): a confirmed message shown at once, the compose box or draft cleared, dialogs
 * closed; an error shown where the person made the request (compose, dialog, presence) or as a
 * toast. Invariant: every ref is forgotten once answered.
 */
import { addMessage } from "./agent-chat-model.js"
import { render, renderOffers, renderTop } from "./agent-chats.js"
import { composeInput, resetTemplate, updateComposeWarning } from "./agent-compose.js"
import { closeDialogs, maybeOpenWrapUp } from "./agent-dialogs.js"
import { S, showError, toast } from "./agent-state.js"
import { serverNow } from "./clock.js"

/** @typedef {import("./socket.js").Frame} Frame */

/** @param {Frame} f */
export const onAck = (f) => {
  const info = typeof f["ref"] === "string" ? S.refs.get(f["ref"]) : undefined
  if (info === undefined) return
  S.refs.delete(f["ref"])
  const c = info.chatId === undefined ? undefined : S.chats.get(info.chatId)
  switch (info.kind) {
    case "send":
    case "template":
      if (
        c !== undefined &&
        typeof f["seq"] === "number" &&
        !c.messages.some((m) => m.seq === f["seq"]) &&
        info.text !== undefined
      ) {
        addMessage(c, {
          seq: f["seq"],
          sender: "agent",
          agentName: S.session?.agentName ?? "",
          text: info.text,
          atMs: serverNow()
        })
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
export const onError = (f) => {
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
