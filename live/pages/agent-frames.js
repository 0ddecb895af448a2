// @ts-check
/**
 * Agent desktop: the server's frames and what they change in S (welcome, presence, offers, chats
 * and their messages, typing, transfer, conference, end, wrap-up, directory, ack and error),
 * then the redraw. Invariant: only what the server said is drawn, except the message an
 * `ack {seq}` confirms before its `message` frame was seen.
 */

import { render, renderOffers, renderPane, renderTop, select } from "./agent-chats.js"
import { composeInput, renderTemplates, resetTemplate, updateComposeWarning } from "./agent-compose.js"
import { closeDialogs, maybeOpenWrapUp, renderDialog } from "./agent-dialogs.js"
import { agentNameOf, S, showError, toast } from "./agent-state.js"
import { serverNow } from "./clock.js"

/**
 * @typedef {import("./socket.js").Frame} Frame
 * @typedef {import("./agent-state.js").Chat} Chat
 * @typedef {import("./agent-state.js").Msg} Msg
 */

// ---------------------------------------------------------------- frames

/** @param {Frame} wc a chat view (welcome.chats, chatAssigned.chat) */
const chatFromView = (wc) => {
  const old = S.chats.get(wc["chatId"])
  /** @type {Chat} */
  const c = old ?? {
    chatId: wc["chatId"],
    role: wc["role"],
    queueId: wc["queueId"],
    queueName: wc["queueName"],
    customerName: wc["customerName"],
    proactive: wc["proactive"],
    receivedAtMs: wc["receivedAtMs"],
    conference: null,
    messages: [],
    notes: [],
    lastSeq: 0,
    wrapUp: null,
    ended: false,
    transferred: null,
    unread: 0,
    draft: "",
    typing: "",
    typingTimer: undefined
  }
  c.role = wc["role"]
  c.queueId = wc["queueId"]
  c.queueName = wc["queueName"]
  c.conference = wc["conference"] ?? null
  if (wc["status"] === "WrapUp" || wc["status"] === "Closed" || wc["status"] === "ended" || wc["status"] === "closed")
    c.ended = true
  const had = c.lastSeq
  for (const m of wc["messages"] ?? []) addMessage(c, m)
  S.chats.set(c.chatId, c)
  pageBack(c.chatId, wc["messages"] ?? [], wc["earlierMessages"] ?? 0, had)
  return c
}

/**
 * A view or a history page left `earlier` messages out: ask for the page before it (down to `afterSeq`).
 * @param {string} chatId @param {Array<Msg>} page @param {number} earlier @param {number} afterSeq
 */
const pageBack = (chatId, page, earlier, afterSeq) => {
  if (earlier <= 0 || page.length === 0) return
  S.socket?.send({ type: "history", chatId, afterSeq, beforeSeq: Math.min(...page.map((m) => m.seq)) })
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
const note = (c, atMs, text) => {
  c.notes.push({ atMs, text })
}

/** @param {Frame} f */
export const onFrame = (f) => {
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
      if (offer !== undefined && f["outcome"] === "expired")
        toast(`The request from ${offer["customerName"]} timed out.`)
      if (offer !== undefined && f["outcome"] === "cancelled")
        toast(`The request from ${offer["customerName"]} was withdrawn (${f["reason"] ?? "cancelled"}).`)
      renderOffers()
      return renderTop()
    }
    case "chatAssigned": {
      const chat = chatFromView(f["chat"])
      const mine = [...S.refs.values()].some((r) => r.kind === "accept" && r.chatId === chat.chatId)
      if (S.selected === null || mine) select(chat.chatId)
      return render()
    }
    case "history": {
      if (c === undefined) return
      /** @type {Array<Msg>} */
      const page = f["messages"]
      for (const m of page) addMessage(c, m)
      // `earlierMessages` counts the asked range's messages before this page, so the range starts at:
      if (page.length > 0)
        pageBack(c.chatId, page, f["earlierMessages"], Math.min(...page.map((m) => m.seq)) - 1 - f["earlierMessages"])
      return renderPane()
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
        c.transferred =
          f["toQueue"] !== undefined
            ? `queue ${S.directory.queues.find((q) => q.id === f["toQueue"])?.name ?? f["toQueue"]}`
            : agentNameOf(f["toAgent"])
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
        const why =
          f["reason"] === "ended"
            ? "left the conference"
            : f["reason"] === "declined"
              ? "declined the conference"
              : f["reason"] === "expired"
                ? "did not answer the conference request"
                : "is no longer in the conference"
        note(c, f["atMs"], `${who} ${why}.`)
      }
      return render()
    }
    case "chatEnded":
      if (c === undefined) return
      c.ended = true
      note(
        c,
        f["atMs"],
        f["by"] === "customer"
          ? `${c.customerName} left the chat.`
          : f["by"] === "agent"
            ? "The chat was ended."
            : "The chat was closed by the system."
      )
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
  S.offers = new Map(/** @type {Array<Frame>} */ (f["offers"]).map((o) => [o["offerId"], o]))
  const held = new Set(/** @type {Array<Frame>} */ (f["chats"]).map((c) => c["chatId"]))
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

/** @param {Chat} c @param {string} text */
const setTyping = (c, text) => {
  c.typing = text
  if (c.typingTimer !== undefined) clearTimeout(c.typingTimer)
  if (text !== "")
    c.typingTimer = setTimeout(() => {
      c.typing = ""
      renderPane()
    }, 6000)
}
