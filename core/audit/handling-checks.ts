/**
 * What agents do with an accepted chat: TransferRequested, ConferenceEnded, MessageSent,
 * WrapUpStarted and WrapUpSubmitted. Checks `transfer-protocol` (only the owner of an accepted chat
 * with no conference), `conference-protocol` (who ends it; the joined/left system messages, once
 * each), `message-validity` (agent text without < or >, only from a holder, exactly what was sent),
 * `message-sequence` (1, 2, 3... per chat) and `wrap-up` (one start per let-go, one submit per start,
 * a configured reason, auto wrap-up no earlier than its deadline).
 */
import type { EventOf } from "../events.ts"
import { hasReservedCharacters } from "../rejections.ts"
import { fillTemplate } from "../templates.ts"
import type { View, WrapUpView } from "./view.ts"
import { describeCommand, fail, q } from "./violation.ts"

export const onTransferRequested = (v: View, e: EventOf<"TransferRequested">): void => {
  const chat = v.chat(e.chatId, "TransferRequested")
  const what = (): string =>
    `agent ${q(e.fromAgentId)} transferred chat ${q(chat.id)} to ` +
    (e.target._tag === "ToAgent" ? `agent ${q(e.target.agentId)}` : `queue ${q(e.target.queueId)}`)
  const c = v.command
  const matches =
    e.target._tag === "ToAgent"
      ? c?._tag === "TransferToAgent" && c.targetAgentId === e.target.agentId
      : c?._tag === "TransferToQueue" && c.queueId === e.target.queueId
  if (!matches || c === undefined || !("chatId" in c) || c.chatId !== chat.id || !v.commandBy(c._tag, e.fromAgentId)) {
    fail("transfer-protocol", `${what()} without a matching transfer command (command: ${describeCommand(c)})`)
  }
  if (chat.status !== "active" || chat.owner !== e.fromAgentId) {
    fail(
      "transfer-protocol",
      `${what()}, but a transfer needs the owner of an accepted chat (chat is ${chat.status}, owner ${String(chat.owner)})`
    )
  }
  if (chat.participant !== undefined || chat.conferenceOffer !== undefined) {
    fail("transfer-protocol", `${what()} while a conference is open or requested`)
  }
  if (e.target._tag === "ToQueue") {
    v.queue(e.target.queueId)
    const allowed = v.agent(e.fromAgentId).config.transferQueues
    if (allowed !== undefined && !allowed.includes(e.target.queueId))
      fail("transfer-protocol", `${what()}, which that agent may not use`)
  }
  chat.status = "transferring"
  chat.transfer = {
    from: e.fromAgentId,
    target: e.target,
    batch: v.batch,
    wrapped: false,
    offered: false,
    queued: false
  }
  v.touchChat(chat)
}

export const onConferenceEnded = (v: View, e: EventOf<"ConferenceEnded">): void => {
  const chat = v.chat(e.chatId, "ConferenceEnded")
  const what = (): string => `conference of agent ${q(e.agentId)} in chat ${q(chat.id)} ended by ${q(e.byAgentId)}`
  if (chat.participant !== e.agentId)
    fail("conference-protocol", `${what()}, but the participant is ${String(chat.participant)}`)
  if (e.byAgentId !== chat.owner && e.byAgentId !== chat.participant) {
    fail("conference-protocol", `${what()}, who is neither the owner nor the participant`)
  }
  const c = v.command
  const legit =
    (c?._tag === "EndConference" && c.agentId === e.byAgentId && c.chatId === chat.id) ||
    (chat.status === "ended" &&
      (v.commandBy("EndChat", e.byAgentId) || (c?._tag === "CustomerLeave" && c.chatId === chat.id))) ||
    v.graceOf(e.byAgentId)
  if (!legit)
    fail(
      "conference-protocol",
      `${what()} without EndConference, the end of the chat or a disconnect (command: ${describeCommand(c)})`
    )
  const name = v.agent(e.agentId).config.name
  ;(chat.expectedMessages ??= []).push(`${name} has left the chat`)
  ;(chat.expectedWrapUps ??= []).push(e.agentId)
  v.touchChat(chat)
}

export const onMessageSent = (v: View, e: EventOf<"MessageSent">): void => {
  const chat = v.chat(e.chatId, "MessageSent")
  const what = (): string =>
    `message ${e.seq} in chat ${q(chat.id)} from ${e.sender._tag === "Agent" ? `agent ${q(e.sender.agentId)}` : e.sender._tag}`
  if (e.seq !== chat.nextSeq) fail("message-sequence", `${what()}; expected sequence number ${chat.nextSeq}`)
  const c = v.command
  switch (e.sender._tag) {
    case "Agent": {
      const id = e.sender.agentId
      if (chat.owner !== id && chat.participant !== id)
        fail("message-validity", `${what()}, who neither owns nor participates in the chat`)
      if (hasReservedCharacters(e.text))
        fail("message-validity", `${what()} contains < or >, reserved for template parameters`)
      if (e.text.trim() === "") fail("message-validity", `${what()} is empty`)
      const same =
        c?._tag === "AgentMessage"
          ? c.agentId === id && c.chatId === chat.id && c.text === e.text && e.templateId === undefined
          : c?._tag === "AgentTemplate" &&
            c.agentId === id &&
            c.chatId === chat.id &&
            c.templateId === e.templateId &&
            Object.hasOwn(v.config.templates, c.templateId) &&
            filled(v.config.templates[c.templateId]!, c.params) === e.text
      if (!same) fail("message-validity", `${what()} is not the text its command sent (command: ${describeCommand(c)})`)
      break
    }
    case "Customer":
      if (c?._tag !== "CustomerMessage" || c.chatId !== chat.id || c.text !== e.text) {
        fail("message-validity", `${what()} is not the text the customer sent (command: ${describeCommand(c)})`)
      }
      if (e.text.trim() === "") fail("message-validity", `${what()} is empty`)
      break
    case "System": {
      const i = chat.expectedMessages?.indexOf(e.text) ?? -1
      if (i < 0)
        fail(
          "conference-protocol",
          `${what()} "${e.text}" was not due (a joined/left message is sent once, right after its conference change)`
        )
      chat.expectedMessages!.splice(i, 1)
    }
  }
  chat.nextSeq = e.seq + 1
}

const filled = (template: string, params: Readonly<Record<string, string>>): string | undefined => {
  const r = fillTemplate(template, params)
  return r._tag === "Filled" ? r.text : undefined
}

export const onWrapUpStarted = (v: View, e: EventOf<"WrapUpStarted">): void => {
  const a = v.agent(e.agentId)
  const chat = v.chat(e.chatId, "WrapUpStarted")
  const what = (): string => `agent ${q(a.id)} started wrap-up of chat ${q(chat.id)}`
  if (!a.holds.has(chat.id))
    fail("wrap-up", `${what()} but does not hold it${a.wrapUps.has(chat.id) ? " (a wrap-up is already pending)" : ""}`)
  const autoMs = v.config.autoWrapUpMs
  const auto = autoMs === undefined ? undefined : v.nowMs + autoMs
  if (e.autoDeadlineMs !== auto)
    fail("wrap-up", `${what()} with auto deadline ${String(e.autoDeadlineMs)}; expected ${String(auto)}`)
  if (chat.owner === a.id) {
    const t = chat.transfer
    const lets =
      chat.status === "ended" ||
      (chat.status === "transferring" && t?.from === a.id && t.batch === v.batch) ||
      (chat.status === "active" && v.graceOf(a.id))
    if (!lets) fail("wrap-up", `${what()} while it is ${chat.status}, not ended, transferred or left on disconnect`)
    chat.owner = undefined
    chat.releasedBy = a.id
    if (t !== undefined && t.from === a.id) t.wrapped = true
    if (chat.status === "active") chat.status = "orphaned"
  } else {
    const i = chat.expectedWrapUps?.indexOf(a.id) ?? -1
    if (i < 0) fail("wrap-up", `${what()} as participant, but its conference did not end`)
    chat.expectedWrapUps!.splice(i, 1)
    chat.participant = undefined
  }
  const w: WrapUpView = { agentId: a.id, chatId: chat.id, autoDeadlineMs: e.autoDeadlineMs, done: false }
  a.holds.delete(chat.id)
  a.wrapUps.set(chat.id, w)
  if (w.autoDeadlineMs !== undefined) v.autoWrapUps.push(w)
  v.touchAgent(a)
  v.touchChat(chat)
}

/** May refer to a closed chat: wrap-up outlives the conversation. */
export const onWrapUpSubmitted = (v: View, e: EventOf<"WrapUpSubmitted">): void => {
  const a = v.agent(e.agentId)
  const what = (): string =>
    `agent ${q(a.id)} submitted wrap-up of chat ${q(e.chatId)} (${e.auto ? "auto, " : ""}reason ${q(e.reason)})`
  const w = a.wrapUps.get(e.chatId)
  if (w === undefined)
    fail("wrap-up", `${what()}, but no wrap-up of that chat is pending (never started or already submitted)`)
  if (!v.config.wrapUpReasons.includes(e.reason)) fail("wrap-up", `${what()}, which is not a configured wrap-up reason`)
  const c = v.command
  if (!e.auto) {
    if (c?._tag !== "SubmitWrapUp" || c.agentId !== a.id || c.chatId !== e.chatId || c.reason !== e.reason) {
      fail("wrap-up", `${what()} without the agent's matching SubmitWrapUp (command: ${describeCommand(c)})`)
    }
  } else {
    if (e.reason !== v.config.defaultWrapUpReason)
      fail("wrap-up", `${what()}; auto wrap-up uses ${q(v.config.defaultWrapUpReason)}`)
    const t = v.firedTimer()
    const timerDue =
      t?._tag === "AutoWrapUp" &&
      t.agentId === a.id &&
      t.chatId === e.chatId &&
      w.autoDeadlineMs !== undefined &&
      v.nowMs >= w.autoDeadlineMs
    if (!timerDue && !v.graceOf(a.id)) {
      fail(
        "wrap-up",
        `${what()} at ${v.nowMs} ms, but neither its auto wrap-up deadline (${String(w.autoDeadlineMs)}) was reached nor its agent's disconnect grace expired`
      )
    }
  }
  w.done = true
  a.wrapUps.delete(e.chatId)
  a.availableSinceMs = v.nowMs
  v.touchAgent(a)
}
