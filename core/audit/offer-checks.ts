/**
 * Offers: OfferMade (route, transfer, conference) and how each ends (accepted, declined, expired,
 * cancelled). Checks `capacity`, `single-owner`, `offer-eligibility`, `no-reoffer`, `queue-order`,
 * `agent-selection` at offer time; `offer-closure` (ends once, answers strictly before the deadline,
 * expiry at or after it, cancels for a real reason: the customer left, the chat ended, or the agent
 * disconnected in this very batch), and the chat side of each end: a missed or declined route offer
 * returns the chat to the same visit with the agent excluded; one cancelled by the agent's disconnect
 * returns it to the same visit at the front, the agent not excluded.
 */
import type { EventOf } from "../events.ts"
import { chatAhead, describePolicyKey, policyPick } from "./selection.ts"
import type { AuditAgent, AuditChat, AuditOffer, View } from "./view.ts"
import { describeRank, describeSlots, exclude, usedSlots } from "./view.ts"
import { describeCommand, fail, label, q } from "./violation.ts"

const freeToOffer = (a: AuditAgent, what: () => string): void => {
  if (a.presence._tag !== "Available")
    fail("offer-eligibility", `${what()}, but the agent is ${label(a.presence)}, not Available`)
  if (!a.connected) fail("offer-eligibility", `${what()}, but the agent is disconnected`)
}

const checkRoute = (v: View, e: EventOf<"OfferMade">, a: AuditAgent, chat: AuditChat, what: () => string): void => {
  if (chat.offer !== undefined) {
    fail(
      "single-owner",
      `${what()}, but offer ${chat.offer.id} of that chat to agent ${q(chat.offer.agent.id)} is still pending`
    )
  }
  if (chat.status !== "waiting")
    fail("offer-eligibility", `${what()}, but the chat is not waiting in a queue (it is ${chat.status})`)
  if (chat.queue.id !== e.queueId) {
    fail("offer-eligibility", `${what()} in queue ${q(e.queueId)}, but the chat waits in ${q(chat.queue.id)}`)
  }
  if (e.fromAgentId !== undefined)
    fail("offer-eligibility", `${what()} names a requesting agent; route offers have none`)
  if (chat.excluded.has(a.id)) {
    fail(
      "no-reoffer",
      `${what()}, but that agent already missed or declined it in this visit (segment ${chat.segment} of queue ${q(chat.queue.id)})`
    )
  }
  freeToOffer(a, what)
  if (!a.config.queues.includes(chat.queue.id))
    fail("offer-eligibility", `${what()}, but the agent does not serve queue ${q(chat.queue.id)}`)
  if (a.wrapUps.has(chat.id)) fail("offer-eligibility", `${what()}, but the agent is still wrapping that chat up`)
  if (a.holds.has(chat.id)) fail("offer-eligibility", `${what()}, but the agent already holds that chat`)
  const ahead = chatAhead(a, chat)
  if (ahead !== undefined) {
    fail(
      "queue-order",
      `${what()} (${describeRank(chat)}), but chat ${q(ahead.id)} (${describeRank(ahead)}) waits ahead of it and ${q(a.id)} may take it`
    )
  }
  if (chat.enteredBatch === v.batch) {
    const policy = v.config.policy
    const pick = policyPick(policy, chat)
    if (pick !== a) {
      const picked =
        pick === undefined ? "nobody" : `agent ${q(pick.id)} (${describePolicyKey(policy, chat.queue, pick)})`
      const mine = policy === "round-robin" ? "" : ` (${describePolicyKey(policy, chat.queue, a)})`
      fail("agent-selection", `${what()}${mine}, but policy ${policy} picks ${picked}`)
    }
  }
}

const checkTransfer = (v: View, e: EventOf<"OfferMade">, a: AuditAgent, chat: AuditChat, what: () => string): void => {
  const t = chat.transfer
  if (t === undefined || t.batch !== v.batch || t.target._tag !== "ToAgent" || t.offered) {
    fail("transfer-protocol", `${what()} without a TransferRequested to an agent in this batch`)
  }
  if (t.target.agentId !== a.id) {
    fail("transfer-protocol", `${what()}, but the transfer was requested to agent ${q(t.target.agentId)}`)
  }
  if (e.fromAgentId !== t.from)
    fail("transfer-protocol", `${what()} from ${String(e.fromAgentId)}, but ${q(t.from)} requested it`)
  if (chat.offer !== undefined)
    fail("single-owner", `${what()}, but offer ${chat.offer.id} of that chat is still pending`)
  if (a.id === t.from) fail("offer-eligibility", `${what()}: the target is the requester`)
  freeToOffer(a, what)
  if (a.holds.has(chat.id)) fail("offer-eligibility", `${what()}, but the agent already holds that chat`)
}

const checkConference = (
  v: View,
  e: EventOf<"OfferMade">,
  a: AuditAgent,
  chat: AuditChat,
  what: () => string
): void => {
  const c = v.command
  if (
    c?._tag !== "RequestConference" ||
    c.agentId !== e.fromAgentId ||
    c.chatId !== chat.id ||
    c.targetAgentId !== a.id
  ) {
    fail("conference-protocol", `${what()} without a matching RequestConference (command: ${describeCommand(c)})`)
  }
  if (chat.status !== "active" || chat.owner !== e.fromAgentId) {
    fail(
      "conference-protocol",
      `${what()}, but the requester ${String(e.fromAgentId)} does not own an accepted chat (${chat.status}, owner ${String(chat.owner)})`
    )
  }
  if (chat.participant !== undefined || chat.conferenceOffer !== undefined) {
    fail("conference-protocol", `${what()}, but the chat already has a conference open or requested`)
  }
  if (a.id === chat.owner) fail("offer-eligibility", `${what()}: the target is the requester`)
  freeToOffer(a, what)
}

export const onOfferMade = (v: View, e: EventOf<"OfferMade">): void => {
  const chat = v.chat(e.chatId, "OfferMade")
  const a = v.agent(e.agentId)
  const what = (): string => `${e.kind} offer ${e.offerId} of chat ${q(chat.id)} to agent ${q(a.id)}`
  if (e.offerId <= v.lastOfferId)
    fail("offer-closure", `${what()} reuses an offer id (ids so far go up to ${v.lastOfferId})`)
  const deadline = e.atMs + v.config.offerTimeoutMs
  if (e.deadlineMs !== deadline)
    fail("offer-closure", `${what()} has deadline ${e.deadlineMs} ms; expected ${deadline} ms`)
  const used = usedSlots(a)
  if (used >= a.config.capacity) {
    fail(
      "capacity",
      `agent ${q(a.id)} would hold ${used + 1} slots (${describeSlots(a)}, plus ${what()}) but capacity is ${a.config.capacity}`
    )
  }
  if (e.kind === "route") checkRoute(v, e, a, chat, what)
  else if (e.kind === "transfer") checkTransfer(v, e, a, chat, what)
  else checkConference(v, e, a, chat, what)
  const offer: AuditOffer = { id: e.offerId, kind: e.kind, chat, agent: a, deadlineMs: e.deadlineMs, settled: false }
  v.offers.set(offer.id, offer)
  v.lastOfferId = offer.id
  v.offerDeadlines.push(offer)
  a.offers.add(offer)
  if (e.kind === "conference") chat.conferenceOffer = offer
  else {
    chat.offer = offer
    if (e.kind === "route") {
      v.leaveLine(chat)
      chat.status = "offered"
      chat.queue.lastRouteAgentId = a.id
    } else chat.transfer!.offered = true
  }
  v.touchAgent(a)
  v.touchChat(chat)
}

type OfferEnd = EventOf<"OfferAccepted" | "OfferDeclined" | "OfferExpired" | "OfferCancelled">

const checkEndCause = (v: View, e: OfferEnd, o: AuditOffer, what: () => string): void => {
  switch (e._tag) {
    case "OfferAccepted":
    case "OfferDeclined": {
      const c = v.command
      const tag = e._tag === "OfferAccepted" ? "AcceptOffer" : "DeclineOffer"
      if (c?._tag !== tag || c.agentId !== o.agent.id || c.offerId !== o.id) {
        fail("offer-closure", `${what()} without the agent's own ${tag} (command: ${describeCommand(c)})`)
      }
      if (v.nowMs >= o.deadlineMs)
        fail("offer-closure", `${what()} at ${v.nowMs} ms, at or after its deadline ${o.deadlineMs} ms`)
      return
    }
    case "OfferExpired":
      if (v.nowMs < o.deadlineMs)
        fail("offer-closure", `${what()} at ${v.nowMs} ms, before its deadline ${o.deadlineMs} ms`)
      return
    case "OfferCancelled": {
      if (e.reason === "abandoned") {
        const t = v.firedTimer()
        const c = v.command
        const byCustomer =
          (c?._tag === "CustomerLeave" && c.chatId === o.chat.id) || (t?._tag === "Patience" && t.chatId === o.chat.id)
        if (!byCustomer)
          fail("abandonment", `${what()} as abandoned, but the customer did not leave (command: ${describeCommand(c)})`)
        if (o.kind !== "route")
          fail("abandonment", `${what()} as abandoned, but only a queued or offered chat can be abandoned`)
      } else if (e.reason === "chat-ended") {
        if (o.chat.status !== "ended")
          fail("offer-closure", `${what()} as chat-ended, but the chat did not end in this batch`)
      } else {
        // the agent's own offers end at its disconnect; a conference request at its requester's grace expiry
        const atDisconnect = v.commandBy("AgentDisconnect", o.agent.id) && !o.agent.connected
        const requesterGone = o.kind === "conference" && o.chat.owner !== undefined && v.graceOf(o.chat.owner)
        if (!atDisconnect && !requesterGone) {
          fail(
            "offer-closure",
            `${what()} for disconnect, but neither did that agent just disconnect nor did the grace period of the agent that requested it expire (command: ${describeCommand(v.command)})`
          )
        }
      }
    }
  }
}

/** Accept: the agent holds the chat (owner, or participant for a conference). */
const accepted = (v: View, o: AuditOffer, a: AuditAgent, chat: AuditChat, what: () => string): void => {
  if (o.kind === "conference") {
    if (chat.participant !== undefined)
      fail("single-owner", `${what()}, but agent ${q(chat.participant)} already participates`)
    if (chat.status !== "active" || chat.owner === undefined)
      fail("conference-protocol", `${what()}, but the chat is no longer active with an owner`)
    a.holds.add(chat.id)
    chat.conferenceOffer = undefined
    chat.participant = a.id
    const text = `${a.config.name} has joined the chat`
    if (chat.expectedMessages === undefined) chat.expectedMessages = [text]
    else chat.expectedMessages.push(text)
    return
  }
  if (chat.owner !== undefined) fail("single-owner", `${what()}, but agent ${q(chat.owner)} still owns the chat`)
  if (chat.participant === a.id) fail("single-owner", `${what()}, but that agent participates in the chat already`)
  a.holds.add(chat.id)
  chat.offer = undefined
  chat.owner = a.id
  chat.status = "active"
  chat.transfer = undefined
  if (!chat.answered) {
    chat.answered = true
    v.answered++
    v.openUnanswered--
  }
}

export const onOfferEnded = (v: View, e: OfferEnd): void => {
  const verb = (): string => e._tag.slice(5).toLowerCase()
  const offer = v.offers.get(e.offerId)
  if (offer === undefined) {
    fail(
      "offer-closure",
      `offer ${e.offerId} (chat ${q(e.chatId)}, agent ${q(e.agentId)}) ${verb()}, but it is not pending (already ended or never made)`
    )
  }
  const { agent: a, chat } = offer
  const what = (): string => `${offer.kind} offer ${offer.id} of chat ${q(chat.id)} to agent ${q(a.id)} ${verb()}`
  if (offer.kind !== e.kind || chat.id !== e.chatId || a.id !== e.agentId) {
    fail(
      "offer-closure",
      `${e._tag} says ${e.kind} offer ${e.offerId} of chat ${q(e.chatId)} to ${q(e.agentId)}, but that offer is: ${what()}`
    )
  }
  checkEndCause(v, e, offer, what)
  offer.settled = true
  v.offers.delete(offer.id)
  a.offers.delete(offer)
  v.touchChat(chat)
  if (e._tag === "OfferAccepted") {
    accepted(v, offer, a, chat, what)
    return v.touchAgent(a)
  }
  a.availableSinceMs = v.nowMs
  // a miss sends the agent to RONA, a decline to Idle(Declined); from RONA neither changes anything
  if (a.presence._tag !== "RONA") {
    if (e._tag === "OfferDeclined") v.expectNext = { agentId: a.id, presence: "Idle", cause: "declined" }
    if (e._tag === "OfferExpired") v.expectNext = { agentId: a.id, presence: "RONA", cause: "offer-expired" }
  }
  v.touchAgent(a)
  if (offer.kind === "conference") {
    chat.conferenceOffer = undefined
    return
  }
  chat.offer = undefined
  // declined, expired or cancelled by a disconnect: the chat goes back (route) or the transfer failed
  const goesBack = e._tag !== "OfferCancelled" || e.reason === "disconnect"
  if (offer.kind === "transfer") {
    chat.transfer = undefined
    if (goesBack) chat.status = "transfer-failed"
    return
  }
  if (!goesBack) return // cancelled as abandoned (or chat-ended): the chat must close in this batch
  // a miss or a decline bars the agent from this visit; a dropped link puts the chat at the front instead
  if (e._tag !== "OfferCancelled") exclude(chat, a.id)
  else chat.front = true
  v.enterLine(chat)
  if (chat.maxWaitDeadlineMs !== undefined && v.nowMs >= chat.maxWaitDeadlineMs) chat.mustLeaveLine = true
}
