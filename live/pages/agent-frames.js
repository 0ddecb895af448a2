// @ts-check
/**
 * Agent desktop: the server's frames and what they change in S (welcome, presence, offers, chats
 * and their messages, typing, transfer, conference, end, wrap-up, directory; ack and error go to
 * live/pages/agent-answers.js), then the redraw. Invariant: only what the server said is drawn,
 * except the message an `ack {seq}` confirms before its `message` frame was seen.
 */
import { onAck, onError } from "./agent-answers.js"
import { addMessage, chatFromView, note, pageBack, setTyping } from "./agent-chat-model.js"
import { render, renderOffers, renderPane, renderTop, select } from "./agent-chats.js"
import { renderTemplates } from "./agent-compose.js"
import { closeDialogs, maybeOpenWrapUp, renderDialog } from "./agent-dialogs.js"
import { agentNameOf, S, toast } from "./agent-state.js"
import { serverNow } from "./clock.js"

/**
 * @typedef {import("./socket.js").Frame} Frame
 * @typedef {import("./agent-state.js").Chat} Chat
 * @typedef {import("./agent-state.js").Msg} Msg
 */

/** @param {Frame} f */
export const onFrame = (f) => {
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
    case "offerEnded":
      return onOfferEnded(f)
    case "chatAssigned": {
      const chat = chatFromView(f["chat"])
      const mine = [...S.refs.values()].some((r) => r.kind === "accept" && r.chatId === chat.chatId)
      if (S.selected === null || mine) select(chat.chatId)
      return render()
    }
    case "directory":
      S.directory = { queues: f["queues"], agents: f["agents"] }
      return renderDialog()
    case "ack":
      return onAck(f)
    case "error":
      return onError(f)
  }
  const c = typeof f["chatId"] === "string" ? S.chats.get(f["chatId"]) : undefined
  if (c !== undefined) onChatFrame(c, f)
}

/** A frame about a chat this desktop holds. @param {Chat} c @param {Frame} f */
const onChatFrame = (c, f) => {
  switch (f.type) {
    case "history":
      return onHistory(c, f)
    case "message":
      if (addMessage(c, /** @type {Msg} */ (/** @type {unknown} */ (f))) && c.chatId !== S.selected) c.unread++
      if (f["sender"] === "customer") setTyping(c, "")
      return render()
    case "typing":
      setTyping(c, f["active"] ? `${f["name"]} is typing…` : "")
      return renderPane()
    case "transferred":
      return onTransferred(c, f)
    case "conferenceRequested":
      c.conference = { agentId: f["agentId"], agentName: f["agentName"], joined: false }
      note(c, serverNow(), `Conference requested with ${f["agentName"]}.`)
      return render()
    case "conferenceJoined":
      c.conference = { agentId: f["agentId"], agentName: f["agentName"], joined: true }
      return render()
    case "conferenceEnded":
      return onConferenceEnded(c, f)
    case "chatEnded":
      c.ended = true
      note(c, f["atMs"], endedText(c, f["by"]))
      return render()
    case "wrapUpStarted":
      c.wrapUp = { reasons: f["reasons"], defaultReason: f["defaultReason"] }
      c.role = "wrapUp"
      render()
      return maybeOpenWrapUp()
    case "wrapUpDone":
      return onWrapUpDone(c, f)
  }
}

/** @param {Frame} f */
const onOfferEnded = (f) => {
  const offer = S.offers.get(f["offerId"])
  S.offers.delete(f["offerId"])
  if (offer !== undefined && f["outcome"] === "expired") toast(`The request from ${offer["customerName"]} timed out.`)
  if (offer !== undefined && f["outcome"] === "cancelled")
    toast(`The request from ${offer["customerName"]} was withdrawn (${f["reason"] ?? "cancelled"}).`)
  renderOffers()
  return renderTop()
}

/** @param {Chat} c @param {Frame} f */
const onHistory = (c, f) => {
  /** @type {Array<Msg>} */
  const page = f["messages"]
  for (const m of page) addMessage(c, m)
  // `earlierMessages` counts the asked range's messages before this page, so the range starts at:
  if (page.length > 0)
    pageBack(c.chatId, page, f["earlierMessages"], Math.min(...page.map((m) => m.seq)) - 1 - f["earlierMessages"])
  return renderPane()
}

/** @param {Chat} c @param {Frame} f */
const onTransferred = (c, f) => {
  if (f["fromAgentId"] === S.session?.agentId) {
    c.transferred =
      f["toQueue"] !== undefined
        ? `queue ${S.directory.queues.find((q) => q.id === f["toQueue"])?.name ?? f["toQueue"]}`
        : agentNameOf(f["toAgent"])
    c.role = "wrapUp"
    note(c, f["atMs"], `You transferred the chat to ${c.transferred}.`)
  } else note(c, f["atMs"], "The chat was transferred.")
  return render()
}

/** @param {Chat} c @param {Frame} f */
const onConferenceEnded = (c, f) => {
  const who = c.conference?.agentName ?? agentNameOf(f["agentId"])
  c.conference = null
  if (f["agentId"] === S.session?.agentId) {
    c.role = "wrapUp"
    note(c, f["atMs"], "The conference ended: you left the chat.")
  } else note(c, f["atMs"], `${who} ${conferenceEndedWhy(f["reason"])}.`)
  return render()
}

/** @param {string} reason */
const conferenceEndedWhy = (reason) =>
  reason === "ended"
    ? "left the conference"
    : reason === "declined"
      ? "declined the conference"
      : reason === "expired"
        ? "did not answer the conference request"
        : "is no longer in the conference"

/** @param {Chat} c @param {string} by */
const endedText = (c, by) =>
  by === "customer"
    ? `${c.customerName} left the chat.`
    : by === "agent"
      ? "The chat was ended."
      : "The chat was closed by the system."

/** @param {Chat} c @param {Frame} f */
const onWrapUpDone = (c, f) => {
  if (S.dialog?.dialog === "wrapup" && S.dialog.chatId === c.chatId) closeDialogs()
  S.chats.delete(c.chatId)
  if (f["auto"]) toast(`Wrap-up of ${c.customerName} submitted automatically (${f["reason"]}).`)
  if (S.selected === c.chatId) select([...S.chats.keys()][0] ?? null)
  return render()
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
