// @ts-check
/**
 * Customer widget: the server's frames and what they change in S (welcome, history pages,
 * messages, the agent's typing, agent joined, queued, transferred, ended, closed, ack and
 * error), then the redraw. Invariants: a message is shown once, in seq order, whatever the
 * resends and resumes; a welcome or history page that left earlier messages out asks for them;
 * the question typed in the form is sent once, at the first welcome that can take it.
 */
import { byTestId } from "./dom.js"
import { render } from "./widget-render.js"
import { S, save, showError } from "./widget-state.js"

/**
 * @typedef {import("./socket.js").Frame} Frame
 * @typedef {import("./widget-state.js").Msg} Msg
 * @typedef {import("./widget-state.js").Session} Session
 */

/** @param {Msg} m */
const addMessage = (m) => {
  if (S.messages.some((x) => x.seq === m.seq)) return
  S.messages.push(m)
  S.messages.sort((a, b) => a.seq - b.seq)
  S.lastSeq = Math.max(S.lastSeq, m.seq)
}

/**
 * A welcome or history page left `earlier` messages out: ask for the page before it (down to `afterSeq`).
 * @param {Array<Msg>} page @param {number} earlier @param {number} afterSeq
 */
const pageBack = (page, earlier, afterSeq) => {
  if (earlier <= 0 || page.length === 0) return
  S.socket?.send({ type: "history", afterSeq, beforeSeq: Math.min(...page.map((m) => m.seq)) })
}

/** @param {Frame} f */
export const onFrame = (f) => {
  const session = S.session
  if (session === null) return
  switch (f.type) {
    case "welcome":
      return onWelcome(session, f)
    case "history":
      return onHistory(f)
    case "message":
      addMessage(/** @type {Msg} */ (/** @type {unknown} */ (f)))
      if (f["sender"] === "agent") setAgentTyping("")
      return render()
    case "typing":
      setAgentTyping(f["active"] ? `${f["name"]} is typing…` : "")
      return render()
    case "agentJoined":
      S.status = "active"
      S.agentName = f["agentName"]
      S.notes.push({ atMs: f["atMs"], text: `${f["agentName"]} joined the chat.` })
      return render()
    case "queued":
      S.status = "queued"
      session.queueName = f["queueName"]
      save()
      if (f["reason"] !== "arrival")
        S.notes.push({ atMs: f["atMs"], text: `Waiting for an agent in ${f["queueName"]}…` })
      return render()
    case "transferred":
      S.notes.push({
        atMs: f["atMs"],
        text:
          f["toAgent"] !== undefined
            ? `${f["fromAgentId"]} is transferring you to ${f["toAgent"]}.`
            : `${f["fromAgentId"]} is transferring you to another team.`
      })
      return render()
    case "chatEnded":
      S.status = "ended"
      S.notes.push({ atMs: f["atMs"], text: f["by"] === "customer" ? "You left the chat." : "The chat has ended." })
      return render()
    case "chatClosed":
      S.status = "closed"
      S.socket?.stop()
      return render()
    case "ack":
      questionAnswered(session, f["ref"])
      showError("widget-send-error", "")
      return render()
    case "error":
      questionAnswered(session, f["ref"])
      return showError("widget-send-error", `${f["message"]} (${f["code"]})`)
  }
}

/** @param {Session} session @param {Frame} f */
const onWelcome = (session, f) => {
  S.status = f["status"]
  S.agentName = f["agentName"]
  const had = S.lastSeq
  for (const m of f["messages"]) addMessage(m)
  pageBack(f["messages"], f["earlierMessages"] ?? 0, had)
  if (f["status"] === "closed" && (f["earlierMessages"] ?? 0) === 0) S.socket?.stop()
  if (!session.questionSent && (f["status"] === "queued" || f["status"] === "active")) {
    S.socket?.send({ type: "send", text: session.question, ref: session.questionRef })
  }
  return render()
}

/** @param {Frame} f */
const onHistory = (f) => {
  /** @type {Array<Msg>} */
  const page = f["messages"]
  for (const m of page) addMessage(m)
  // `earlierMessages` counts the asked range's messages before this page, so the range starts at:
  if (page.length > 0)
    pageBack(page, f["earlierMessages"], Math.min(...page.map((m) => m.seq)) - 1 - f["earlierMessages"])
  if (S.status === "closed" && f["earlierMessages"] === 0) S.socket?.stop()
  return render()
}

/** The question's frame was answered (ack or error): it is not sent again. @param {Session} session @param {unknown} ref */
const questionAnswered = (session, ref) => {
  if (ref !== session.questionRef) return
  session.questionSent = true
  save()
}

const setAgentTyping = (/** @type {string} */ text) => {
  byTestId("widget-typing").textContent = text
  if (S.agentTypingTimer !== undefined) clearTimeout(S.agentTypingTimer)
  if (text !== "")
    S.agentTypingTimer = setTimeout(() => {
      byTestId("widget-typing").textContent = ""
    }, 6000)
}
