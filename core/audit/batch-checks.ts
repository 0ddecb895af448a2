/**
 * Checks that look at a whole batch or at the passage of time.
 * At the start of a batch (a new command at `nowMs`): `event-time` (time never goes back) and every
 * deadline that should have been honoured by now: a pending offer past its deadline (`offer-closure`),
 * an unanswered chat past its patience (`abandonment`), a waiting chat past its max wait (`max-wait`),
 * a pending auto wrap-up past its deadline (`wrap-up`), a disconnected agent past its grace (`presence`).
 * At the end of a batch: `command-effect` (a command not refused has its own effect event), then
 * the handshakes due within the batch (RONA/Idle after a miss or decline,
 * transfer, conference messages and wrap-ups, close after end or abandonment, arrival queued), no
 * offer left pending on a disconnected agent (`offer-closure`), then `work-conservation` over the
 * chats and agents the batch touched, then `outcome-accounting` totals.
 */
import type { Command } from "../commands.ts"
import type { Event } from "../events.ts"
import { emptyKeepingStorage } from "../scratch-array.ts"
import { checkExpectedPresence } from "./presence-checks.ts"
import { freeAgentFor, waitingChatFor } from "./selection.ts"
import type { AuditChat, View } from "./view.ts"
import { describeRank, describeSlots } from "./view.ts"
import { describeCommand, fail, q } from "./violation.ts"

export const startBatch = (v: View, nowMs: number): void => {
  if (nowMs < v.nowMs)
    fail("event-time", `command at ${nowMs} ms comes after one at ${v.nowMs} ms: time went backwards`)
  for (let o = v.offerDeadlines.peek(); o !== undefined; o = v.offerDeadlines.peek()) {
    if (o.settled) v.offerDeadlines.shift()
    else if (o.deadlineMs < nowMs) {
      fail(
        "offer-closure",
        `${o.kind} offer ${o.id} of chat ${q(o.chat.id)} to agent ${q(o.agent.id)} is still pending at ${nowMs} ms, past its deadline ${o.deadlineMs} ms`
      )
    } else break
  }
  for (let c = v.patience.peek(); c !== undefined; c = v.patience.peek()) {
    if (c.closed || c.answered) v.patience.pop()
    else if (v.patience.peekKey()! < nowMs) {
      fail(
        "abandonment",
        `chat ${q(c.id)} is still ${c.status} and unanswered at ${nowMs} ms, past its patience deadline ${String(c.patienceDeadlineMs)} ms`
      )
    } else break
  }
  for (let x = v.maxWait.peek(); x !== undefined; x = v.maxWait.peek()) {
    if (x.chat.closed || x.chat.lineToken !== x.token || x.chat.status !== "waiting") v.maxWait.pop()
    else if (v.maxWait.peekKey()! < nowMs) {
      fail(
        "max-wait",
        `chat ${q(x.chat.id)} still waits in queue ${q(x.chat.queue.id)} at ${nowMs} ms, past its max-wait deadline ${String(x.chat.maxWaitDeadlineMs)} ms`
      )
    } else break
  }
  for (let w = v.autoWrapUps.peek(); w !== undefined; w = v.autoWrapUps.peek()) {
    if (w.done) v.autoWrapUps.shift()
    else if (w.autoDeadlineMs! < nowMs) {
      fail(
        "wrap-up",
        `agent ${q(w.agentId)} still has wrap-up of chat ${q(w.chatId)} pending at ${nowMs} ms, past its auto wrap-up deadline ${String(w.autoDeadlineMs)} ms`
      )
    } else break
  }
  for (const a of v.disconnected) {
    if (a.graceDeadlineMs < nowMs) {
      fail(
        "presence",
        `agent ${q(a.id)} is still disconnected and logged in at ${nowMs} ms, past its grace deadline ${a.graceDeadlineMs} ms (holding ${describeSlots(a)})`
      )
    }
  }
  v.batch++
  v.nowMs = nowMs
  v.batchEvents = 0
  v.rejected = false
  v.effectSeen = false
  v.prev = undefined
}

/** Is `e` the effect the command asked for? (Timers have none: a stale timer does nothing.) */
export const isEffectOf = (c: Command, e: Event): boolean => {
  switch (c._tag) {
    case "Login":
      return e._tag === "AgentLoggedIn" && e.agentId === c.agentId
    case "Logout":
      return e._tag === "AgentLoggedOut" && e.agentId === c.agentId
    case "GoAvailable":
    case "GoIdle":
      return e._tag === "PresenceChanged" && e.agentId === c.agentId && e.cause === "agent"
    case "AgentDisconnect":
      return e._tag === "AgentDisconnected" && e.agentId === c.agentId
    case "AgentReconnect":
      return e._tag === "AgentReconnected" && e.agentId === c.agentId
    case "StartChat":
      return e._tag === "ChatArrived" && e.chatId === c.chatId
    case "CustomerLeave":
      return (e._tag === "ChatClosed" || e._tag === "ChatEnded") && e.chatId === c.chatId
    case "CustomerMessage":
      return e._tag === "MessageSent" && e.chatId === c.chatId && e.sender._tag === "Customer"
    case "AcceptOffer":
      return e._tag === "OfferAccepted" && e.offerId === c.offerId
    case "DeclineOffer":
      return e._tag === "OfferDeclined" && e.offerId === c.offerId
    case "AgentMessage":
    case "AgentTemplate":
      return (
        e._tag === "MessageSent" && e.chatId === c.chatId && e.sender._tag === "Agent" && e.sender.agentId === c.agentId
      )
    case "TransferToAgent":
    case "TransferToQueue":
      return e._tag === "TransferRequested" && e.chatId === c.chatId
    case "RequestConference":
      return e._tag === "OfferMade" && e.kind === "conference" && e.chatId === c.chatId
    case "EndConference":
      return e._tag === "ConferenceEnded" && e.chatId === c.chatId
    case "EndChat":
      return e._tag === "ChatEnded" && e.chatId === c.chatId
    case "SubmitWrapUp":
      return e._tag === "WrapUpSubmitted" && e.agentId === c.agentId && e.chatId === c.chatId
    case "TimerFired":
      return true
  }
}

/** The handshakes a batch must complete for this chat. */
const checkChatHandshakes = (v: View, c: AuditChat): void => {
  const chat = `chat ${q(c.id)}`
  if (c.expectedMessages !== undefined && c.expectedMessages.length > 0) {
    fail(
      "conference-protocol",
      `${chat} is missing the system message "${c.expectedMessages[0]}" after its conference change`
    )
  }
  if (c.expectedWrapUps !== undefined && c.expectedWrapUps.length > 0) {
    fail("wrap-up", `agent ${q(c.expectedWrapUps[0]!)} left the conference of ${chat} but did not start wrap-up`)
  }
  const t = c.transfer
  if (t !== undefined && t.batch === v.batch) {
    if (!t.wrapped)
      fail("transfer-protocol", `agent ${q(t.from)} transferred ${chat} but did not start wrap-up in the same batch`)
    if (t.target._tag === "ToAgent" && !t.offered && !c.closed) {
      fail(
        "transfer-protocol",
        `agent ${q(t.from)} transferred ${chat} to agent ${q(t.target.agentId)}, but no transfer offer was made`
      )
    }
    if (t.target._tag === "ToQueue") {
      if (!t.queued)
        fail(
          "transfer-protocol",
          `agent ${q(t.from)} transferred ${chat} to queue ${q(t.target.queueId)}, but it was not queued there`
        )
      c.transfer = undefined
    }
  }
  if (c.closed) return
  switch (c.status) {
    case "new":
      return fail("chat-lifecycle", `${chat} arrived but was not queued in the same batch`)
    case "transfer-failed":
      return fail(
        "transfer-protocol",
        `the transfer of ${chat} was not accepted, but the chat was neither dropped nor requeued (onTransferNotAccepted ${v.config.onTransferNotAccepted})`
      )
    case "orphaned":
      return fail(
        "chat-lifecycle",
        `${chat} lost its owner ${q(String(c.releasedBy))} on disconnect but was not requeued`
      )
    case "ended":
      return fail("outcome-accounting", `${chat} ended but was not closed in the same batch`)
    case "offered":
      if (c.offer === undefined)
        fail("abandonment", `the offer of ${chat} was cancelled as abandoned, but the chat was not closed abandoned`)
      return
    case "waiting":
      if (c.mustLeaveLine && c.enteredBatch === v.batch) {
        fail(
          "max-wait",
          `${chat} came back to queue ${q(c.queue.id)} at or after its max-wait deadline ${String(c.maxWaitDeadlineMs)} ms, but neither overflowed nor expired`
        )
      }
  }
}

export const endBatch = (v: View): void => {
  const c = v.command
  if (c !== undefined && c._tag !== "TimerFired" && !v.rejected && !v.effectSeen) {
    fail("command-effect", `${describeCommand(c)} was neither refused (CommandRejected) nor had its effect`)
  }
  checkExpectedPresence(v, undefined)
  for (const c of v.touchedChats) {
    checkChatHandshakes(v, c)
    c.releasedBy = undefined
    c.expectedMessages = undefined
    c.expectedWrapUps = undefined
    c.mustLeaveLine = false
  }
  for (const c of v.touchedChats) {
    if (c.closed || c.status !== "waiting") continue
    const a = freeAgentFor(c)
    if (a !== undefined) {
      fail(
        "work-conservation",
        `chat ${q(c.id)} waits in queue ${q(c.queue.id)} while agent ${q(a.id)} is Available with a free slot (${describeSlots(a)}, capacity ${a.config.capacity}) and may take it`
      )
    }
  }
  for (const a of v.touchedAgents) {
    if (!a.connected && a.presence._tag !== "LoggedOut" && a.offers.size > 0) {
      const o = a.offers.values().next().value!
      fail(
        "offer-closure",
        `agent ${q(a.id)} is disconnected while ${o.kind} offer ${o.id} of chat ${q(o.chat.id)} is still pending; a disconnect cancels the agent's offers at once`
      )
    }
    if (!a.free) continue
    const c = waitingChatFor(a)
    if (c !== undefined) {
      fail(
        "work-conservation",
        `agent ${q(a.id)} is Available with a free slot (${describeSlots(a)}, capacity ${a.config.capacity}) while chat ${q(c.id)} (${describeRank(c)}) waits and it may take it`
      )
    }
  }
  emptyKeepingStorage(v.touchedChats)
  emptyKeepingStorage(v.touchedAgents)
  const open = v.chats.size
  if (v.arrived - v.closed !== open) {
    fail("outcome-accounting", `${v.arrived} chats arrived and ${v.closed} closed, but ${open} are open`)
  }
  const u = v.closedUnanswered
  if (v.arrived !== v.answered + u.abandoned + u.expired + v.openUnanswered || u.completed + u.dropped > 0) {
    fail(
      "outcome-accounting",
      `arrived ${v.arrived} != answered ${v.answered} + abandoned ${u.abandoned} + expired ${u.expired} + open unanswered ${v.openUnanswered} (unanswered completed ${u.completed}, dropped ${u.dropped})`
    )
  }
}
