/**
 * A chat's life in the view: ChatArrived, ChatQueued (a new queue visit), ChatEnded, ChatClosed.
 * Checks `chat-lifecycle` (arrival from its StartChat, one open chat per customer, segments count up,
 * nothing queued while held), `max-wait` (deadlines, overflow and expiry only at the limit),
 * `abandonment` (only a queued or offered chat, only when the customer left or ran out of patience),
 * `wrap-up` (nobody still holds a closing chat) and `outcome-accounting` (each outcome has its cause).
 */
import type { EventOf } from "../events.ts"
import type { AuditChat, View } from "./view.ts"
import { NO_ONE } from "./view.ts"
import { describeCommand, fail, q } from "./violation.ts"

export const onChatArrived = (v: View, e: EventOf<"ChatArrived">): void => {
  const c = v.command
  const what = (): string => `chat ${q(e.chatId)} arrived in queue ${q(e.queueId)}`
  if (c?._tag !== "StartChat" || c.chatId !== e.chatId || c.queueId !== e.queueId) {
    fail("chat-lifecycle", `${what()} without a matching StartChat (command: ${describeCommand(c)})`)
  }
  const patience = c.patienceMs === undefined ? undefined : v.nowMs + c.patienceMs
  if (e.priority !== (c.priority ?? 0) || e.patienceDeadlineMs !== patience || e.proactive !== c.proactive) {
    fail(
      "chat-lifecycle",
      `${what()} with priority ${e.priority}, patience deadline ${String(e.patienceDeadlineMs)}, proactive ${e.proactive}; StartChat asked for ${c.priority ?? 0}, ${String(patience)}, ${c.proactive}`
    )
  }
  if (v.chats.has(e.chatId)) fail("chat-lifecycle", `${what()} while a chat with that id is still open`)
  if (e.customerId !== undefined && v.customers.has(e.customerId)) {
    fail(
      "chat-lifecycle",
      `${what()} for customer ${q(e.customerId)}, who already has chat ${q(v.customers.get(e.customerId)!)} open`
    )
  }
  const chat: AuditChat = {
    id: e.chatId,
    customerId: e.customerId,
    priority: e.priority,
    arrivedAtMs: e.atMs,
    patienceDeadlineMs: e.patienceDeadlineMs,
    status: "new",
    closed: false,
    queue: v.queue(e.queueId),
    segment: 0,
    front: false,
    enqueuedAtMs: e.atMs,
    maxWaitDeadlineMs: undefined,
    lineToken: 0,
    excluded: NO_ONE,
    offer: undefined,
    conferenceOffer: undefined,
    owner: undefined,
    participant: undefined,
    answered: false,
    nextSeq: 1,
    transfer: undefined,
    touched: 0,
    enteredBatch: 0,
    releasedBy: undefined,
    expectedMessages: undefined,
    expectedWrapUps: undefined,
    mustLeaveLine: false
  }
  v.chats.set(chat.id, chat)
  if (e.customerId !== undefined) v.customers.set(e.customerId, chat.id)
  v.arrived++
  v.openUnanswered++
  if (e.patienceDeadlineMs !== undefined) v.patience.push(e.patienceDeadlineMs, chat)
  v.touchChat(chat)
}

const checkQueueReason = (v: View, e: EventOf<"ChatQueued">, chat: AuditChat, what: () => string): void => {
  switch (e.reason) {
    case "arrival":
      if (chat.status !== "new" || e.queueId !== chat.queue.id)
        fail("chat-lifecycle", `${what()}, but the chat did not just arrive there`)
      if (e.enqueuedAtMs !== chat.arrivedAtMs)
        fail("queue-order", `${what()} with enqueue time ${e.enqueuedAtMs} ms; it arrived at ${chat.arrivedAtMs} ms`)
      return
    case "transfer": {
      const t = chat.transfer
      if (
        chat.status !== "transferring" ||
        t === undefined ||
        t.batch !== v.batch ||
        t.target._tag !== "ToQueue" ||
        t.target.queueId !== e.queueId ||
        t.queued
      ) {
        fail("transfer-protocol", `${what()} without a TransferRequested to that queue in this batch`)
      }
      t.queued = true
      if (e.enqueuedAtMs !== v.nowMs)
        fail(
          "queue-order",
          `${what()} with enqueue time ${e.enqueuedAtMs} ms; a transfer starts a new visit at ${v.nowMs} ms`
        )
      return
    }
    case "transfer-not-accepted":
      if (chat.status !== "transfer-failed" || v.config.onTransferNotAccepted !== "requeue") {
        fail(
          "transfer-protocol",
          `${what()}, but no transfer offer just failed or onTransferNotAccepted is ${v.config.onTransferNotAccepted}`
        )
      }
      if (e.queueId !== chat.queue.id)
        fail("transfer-protocol", `${what()}; a failed transfer goes back to the source queue ${q(chat.queue.id)}`)
      if (e.enqueuedAtMs !== chat.enqueuedAtMs)
        fail(
          "queue-order",
          `${what()} with enqueue time ${e.enqueuedAtMs} ms; requeued chats keep ${chat.enqueuedAtMs} ms`
        )
      return
    case "overflow": {
      const deadline = chat.maxWaitDeadlineMs
      if (chat.status !== "waiting" || deadline === undefined || v.nowMs < deadline) {
        fail(
          "max-wait",
          `${what()}, but its visit to ${q(chat.queue.id)} has not reached max wait (deadline ${String(deadline)} ms, chat ${chat.status})`
        )
      }
      if (chat.queue.config.overflowTo !== e.queueId) {
        fail(
          "max-wait",
          `${what()}, but queue ${q(chat.queue.id)} overflows to ${String(chat.queue.config.overflowTo)}`
        )
      }
      return
    }
    case "disconnect":
      if (chat.status !== "orphaned" || chat.releasedBy === undefined || !v.graceOf(chat.releasedBy)) {
        fail("chat-lifecycle", `${what()} for disconnect, but its owner's disconnect grace did not just expire`)
      }
      if (e.queueId !== chat.queue.id || e.enqueuedAtMs !== chat.enqueuedAtMs) {
        fail(
          "queue-order",
          `${what()} at ${e.enqueuedAtMs} ms; a disconnect requeue goes back to ${q(chat.queue.id)} keeping ${chat.enqueuedAtMs} ms`
        )
      }
  }
}

export const onChatQueued = (v: View, e: EventOf<"ChatQueued">): void => {
  const chat = v.chat(e.chatId, "ChatQueued")
  const queue = v.queue(e.queueId)
  const what = (): string => `chat ${q(chat.id)} queued in ${q(queue.id)} (${e.reason}, segment ${e.segment})`
  if (e.segment !== chat.segment + 1) fail("chat-lifecycle", `${what()}; expected segment ${chat.segment + 1}`)
  const holder = chat.owner ?? chat.participant
  if (holder !== undefined) fail("chat-lifecycle", `${what()} while agent ${q(holder)} still holds it`)
  const pending = chat.offer ?? chat.conferenceOffer
  if (pending !== undefined)
    fail("offer-closure", `${what()} while offer ${pending.id} to agent ${q(pending.agent.id)} is pending`)
  if (e.front !== (e.reason === "disconnect"))
    fail("queue-order", `${what()} with front ${e.front}; only a disconnect requeue goes to the front`)
  if (e.enqueuedAtMs > v.nowMs) fail("queue-order", `${what()} with enqueue time ${e.enqueuedAtMs} ms, in the future`)
  const maxWaitMs = queue.config.maxWaitMs
  const deadline = maxWaitMs === undefined ? undefined : v.nowMs + maxWaitMs
  if (e.maxWaitDeadlineMs !== deadline)
    fail("max-wait", `${what()} with max-wait deadline ${String(e.maxWaitDeadlineMs)}; expected ${String(deadline)}`)
  checkQueueReason(v, e, chat, what)
  v.leaveLine(chat)
  chat.queue = queue
  chat.segment = e.segment
  chat.front = e.front
  chat.enqueuedAtMs = e.enqueuedAtMs
  chat.maxWaitDeadlineMs = e.maxWaitDeadlineMs
  chat.excluded =
    e.excludedAgentIds === undefined || e.excludedAgentIds.length === 0 ? NO_ONE : new Set(e.excludedAgentIds)
  chat.mustLeaveLine = false
  v.enterLine(chat)
}

export const onChatEnded = (v: View, e: EventOf<"ChatEnded">): void => {
  const chat = v.chat(e.chatId, "ChatEnded")
  const c = v.command
  const what = (): string =>
    `chat ${q(chat.id)} ended by ${e.by._tag === "Agent" ? `agent ${q(e.by.agentId)}` : e.by._tag}`
  if (chat.status === "waiting" || chat.status === "offered") {
    fail("abandonment", `${what()} while ${chat.status}; a customer leaving before an agent has the chat abandons it`)
  }
  if (chat.status !== "active" && chat.status !== "transferring")
    fail("chat-lifecycle", `${what()} while ${chat.status}`)
  if (e.by._tag === "Agent") {
    if (chat.owner !== e.by.agentId)
      fail("chat-lifecycle", `${what()}, who does not own it (owner ${String(chat.owner)})`)
    if (!v.commandBy("EndChat", e.by.agentId))
      fail("chat-lifecycle", `${what()} without its EndChat (command: ${describeCommand(c)})`)
  } else if (e.by._tag !== "Customer" || c?._tag !== "CustomerLeave" || c.chatId !== chat.id) {
    fail("chat-lifecycle", `${what()} without the customer's CustomerLeave (command: ${describeCommand(c)})`)
  }
  chat.status = "ended"
  v.touchChat(chat)
}

const checkOutcome = (v: View, e: EventOf<"ChatClosed">, chat: AuditChat, what: () => string): void => {
  switch (e.outcome) {
    case "completed":
      if (chat.status !== "ended")
        fail("outcome-accounting", `${what()}, but the chat did not end (ChatEnded) in this batch`)
      return
    case "abandoned": {
      const c = v.command
      const t = v.firedTimer()
      const patience = chat.patienceDeadlineMs
      const left =
        (c?._tag === "CustomerLeave" && c.chatId === chat.id) ||
        (t?._tag === "Patience" &&
          t.chatId === chat.id &&
          !chat.answered &&
          patience !== undefined &&
          v.nowMs >= patience)
      if (!left)
        fail(
          "abandonment",
          `${what()}, but the customer neither left nor ran out of patience (command: ${describeCommand(c)})`
        )
      if (chat.status !== "waiting" && chat.status !== "offered")
        fail("abandonment", `${what()} while ${chat.status}; only a queued or offered chat is abandoned`)
      return
    }
    case "dropped":
      if (chat.status !== "transfer-failed" || v.config.onTransferNotAccepted !== "drop") {
        fail(
          "transfer-protocol",
          `${what()}, but no transfer offer just failed or onTransferNotAccepted is ${v.config.onTransferNotAccepted}`
        )
      }
      return
    case "expired": {
      const deadline = chat.maxWaitDeadlineMs
      if (chat.status !== "waiting" || deadline === undefined || v.nowMs < deadline) {
        fail(
          "max-wait",
          `${what()}, but its visit to ${q(chat.queue.id)} has not reached max wait (deadline ${String(deadline)} ms, chat ${chat.status})`
        )
      }
      if (chat.queue.config.overflowTo !== undefined)
        fail("max-wait", `${what()}, but queue ${q(chat.queue.id)} overflows instead`)
    }
  }
}

export const onChatClosed = (v: View, e: EventOf<"ChatClosed">): void => {
  const chat = v.chat(e.chatId, "ChatClosed")
  const what = (): string => `chat ${q(chat.id)} closed ${e.outcome}`
  const pending = chat.offer ?? chat.conferenceOffer
  if (pending !== undefined) {
    fail(
      e.outcome === "abandoned" ? "abandonment" : "offer-closure",
      `${what()} while offer ${pending.id} to agent ${q(pending.agent.id)} is still pending`
    )
  }
  const holder = chat.owner ?? chat.participant
  if (holder !== undefined) fail("wrap-up", `${what()} while agent ${q(holder)} still holds it (no wrap-up started)`)
  if (e.answered !== chat.answered)
    fail(
      "outcome-accounting",
      `${what()} with answered ${e.answered}, but it was ${chat.answered ? "" : "never "}accepted`
    )
  checkOutcome(v, e, chat, what)
  v.leaveLine(chat)
  chat.closed = true
  v.chats.delete(chat.id)
  if (chat.customerId !== undefined) v.customers.delete(chat.customerId)
  v.closed++
  if (!chat.answered) {
    v.openUnanswered--
    v.closedUnanswered[e.outcome]++
  }
}
