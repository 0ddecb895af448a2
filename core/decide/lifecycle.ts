/**
 * Event sequences shared by several commands: a chat leaving a queue visit (overflow, expiry),
 * an offer ending without accept, a transfer not accepted, the end of a conversation with its
 * wrap-ups, abandonment. Each appends events computed from the state before the command.
 */

import { DECLINED_IDLE_CODE } from "../config.ts"
import type { CancelReason, Outcome, Party, QueueReason } from "../events.ts"
import { idle, RONA } from "../presence.ts"
import type { AgentState, ChatState, OfferState } from "../state.ts"
import type { DecideContext } from "./context.ts"

const maxWaitDeadline = (ctx: DecideContext, queueId: string): number | undefined => {
  const maxWaitMs = ctx.state.queues.get(queueId)!.config.maxWaitMs
  return maxWaitMs === undefined ? undefined : ctx.nowMs + maxWaitMs
}

/** A new queue segment for `chat` in `queueId`. */
export const enqueue = (
  ctx: DecideContext,
  chat: Pick<ChatState, "id" | "segment">,
  queueId: string,
  reason: QueueReason,
  enqueuedAtMs: number,
  excludedAgentIds?: ReadonlyArray<string>
): void => {
  const maxWaitDeadlineMs = maxWaitDeadline(ctx, queueId)
  const chatId = chat.id
  const segment = chat.segment + 1
  const front = reason === "disconnect"
  const atMs = ctx.nowMs
  // optional keys present only when set, in the schema's order (written out: no spreads on this path)
  if (excludedAgentIds === undefined) {
    ctx.out.push(
      maxWaitDeadlineMs === undefined
        ? { _tag: "ChatQueued", chatId, queueId, segment, reason, enqueuedAtMs, front, atMs }
        : { _tag: "ChatQueued", chatId, queueId, segment, reason, enqueuedAtMs, front, maxWaitDeadlineMs, atMs }
    )
    return
  }
  ctx.out.push(
    maxWaitDeadlineMs === undefined
      ? { _tag: "ChatQueued", chatId, queueId, segment, reason, enqueuedAtMs, front, excludedAgentIds, atMs }
      : {
          _tag: "ChatQueued",
          chatId,
          queueId,
          segment,
          reason,
          enqueuedAtMs,
          front,
          maxWaitDeadlineMs,
          excludedAgentIds,
          atMs
        }
  )
}

/** Max wait reached while queued: overflow to the next queue, or close `expired`. */
export const overflowOrExpire = (ctx: DecideContext, chat: ChatState): void => {
  const overflowTo = ctx.state.queues.get(chat.queueId)!.config.overflowTo
  if (overflowTo !== undefined) return enqueue(ctx, chat, overflowTo, "overflow", ctx.nowMs)
  close(ctx, chat, "expired")
}

export const close = (ctx: DecideContext, chat: ChatState, outcome: Outcome): void => {
  ctx.out.push({ _tag: "ChatClosed", chatId: chat.id, outcome, answered: chat.answered, atMs: ctx.nowMs })
}

/** A transfer target did not take the chat: drop it, or requeue it to its queue, oldest first. */
const transferNotAccepted = (ctx: DecideContext, chat: ChatState, target: string): void => {
  if (ctx.state.config.onTransferNotAccepted === "drop") return close(ctx, chat, "dropped")
  enqueue(ctx, chat, chat.queueId, "transfer-not-accepted", chat.enqueuedAtMs, [target])
}

/**
 * An offer ends without accept. Declines and expiries also set the agent's presence; a route offer
 * returns the chat to its queue visit (evolve), then overflows it if max wait passed meanwhile.
 */
export const offerEnded = (ctx: DecideContext, offer: OfferState, how: "declined" | "expired" | CancelReason): void => {
  const { id: offerId, kind, chatId, agentId } = offer
  const atMs = ctx.nowMs
  if (how === "declined") ctx.out.push({ _tag: "OfferDeclined", offerId, kind, chatId, agentId, atMs })
  else if (how === "expired") ctx.out.push({ _tag: "OfferExpired", offerId, kind, chatId, agentId, atMs })
  else ctx.out.push({ _tag: "OfferCancelled", offerId, kind, chatId, agentId, atMs, reason: how })
  const agent = ctx.state.agents.get(offer.agentId)!
  if (how === "declined") setPresence(ctx, agent, "declined")
  if (how === "expired") setPresence(ctx, agent, "offer-expired")
  const chat = ctx.state.chats.get(offer.chatId)!
  if (offer.kind === "transfer" && how !== "abandoned" && how !== "chat-ended") {
    transferNotAccepted(ctx, chat, offer.agentId)
  }
  if (offer.kind === "route" && (how === "declined" || how === "expired" || how === "disconnect")) {
    if (chat.maxWaitDeadlineMs !== undefined && ctx.nowMs >= chat.maxWaitDeadlineMs) overflowOrExpire(ctx, chat)
  }
}

/** Expiry sends the agent to RONA; a decline to Idle(Declined), except from RONA, which only the agent's own presence change leaves. */
const setPresence = (ctx: DecideContext, agent: AgentState, cause: "declined" | "offer-expired"): void => {
  if (agent.presence._tag === "RONA") return
  const presence = cause === "declined" ? idle(DECLINED_IDLE_CODE) : RONA
  ctx.out.push({ _tag: "PresenceChanged", agentId: agent.id, presence, cause, atMs: ctx.nowMs })
}

export const startWrapUp = (ctx: DecideContext, agentId: string, chatId: string): void => {
  const autoMs = ctx.state.config.autoWrapUpMs
  const atMs = ctx.nowMs
  ctx.out.push(
    autoMs === undefined
      ? { _tag: "WrapUpStarted", agentId, chatId, atMs }
      : { _tag: "WrapUpStarted", agentId, chatId, autoDeadlineMs: atMs + autoMs, atMs }
  )
}

const systemMessage = (ctx: DecideContext, chat: ChatState, seq: number, text: string): void => {
  ctx.out.push({ _tag: "MessageSent", chatId: chat.id, seq, sender: { _tag: "System" }, text, atMs: ctx.nowMs })
}

export const agentName = (ctx: DecideContext, agentId: string): string => ctx.state.agents.get(agentId)!.config.name

export const joinedMessage = (ctx: DecideContext, chat: ChatState, agentId: string): void =>
  systemMessage(ctx, chat, chat.nextSeq, `${agentName(ctx, agentId)} has joined the chat`)

/** The participant leaves the conference (system message) and wraps up. */
export const endConference = (ctx: DecideContext, chat: ChatState, byAgentId: string, seq: number): void => {
  const participant = chat.participant!
  ctx.out.push({ _tag: "ConferenceEnded", chatId: chat.id, agentId: participant, byAgentId, atMs: ctx.nowMs })
  systemMessage(ctx, chat, seq, `${agentName(ctx, participant)} has left the chat`)
  startWrapUp(ctx, participant, chat.id)
}

/** Cancel the chat's pending route/transfer offer and conference request, if any. */
export const cancelOffers = (ctx: DecideContext, chat: ChatState, reason: CancelReason): void => {
  if (chat.offerId !== undefined) offerEnded(ctx, ctx.state.offers.get(chat.offerId)!, reason)
  if (chat.conferenceOfferId !== undefined) offerEnded(ctx, ctx.state.offers.get(chat.conferenceOfferId)!, reason)
}

/** The conversation is over: cancel pending offers, end the conference, everyone wraps up, close. */
export const endConversation = (ctx: DecideContext, chat: ChatState, by: Party): void => {
  ctx.out.push({ _tag: "ChatEnded", chatId: chat.id, by, atMs: ctx.nowMs })
  cancelOffers(ctx, chat, "chat-ended")
  if (chat.participant !== undefined) endConference(ctx, chat, chat.owner ?? chat.participant, chat.nextSeq)
  if (chat.owner !== undefined) startWrapUp(ctx, chat.owner, chat.id)
  close(ctx, chat, "completed")
}

/** The customer leaves before an agent has the chat: cancel the offer (no RONA), close abandoned. */
export const abandon = (ctx: DecideContext, chat: ChatState): void => {
  cancelOffers(ctx, chat, "abandoned")
  close(ctx, chat, "abandoned")
}
