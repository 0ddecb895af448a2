/**
 * The chaos phase's agents: how they answer offers (accept after a random delay, exactly at the
 * deadline, after it, twice; decline; never), what an owner does with an accepted chat (messages,
 * some with reserved characters, templates with a parameter missing, transfers to agents or
 * queues, conferences, end), wrap-ups (sometimes an unknown reason first, sometimes left to auto
 * wrap-up), recovery from RONA and declines, and per-agent faults (disconnects with reconnects
 * within or past the grace period, breaks, shift ends, commands out of turn). Transfer and
 * conference targets sometimes leave right after being targeted.
 * Invariant kept: nothing here submits re-entrantly; reactions are scheduled on the kernel.
 */
import type { Command } from "../../core/commands.ts"
import type { Event, EventOf } from "../../core/events.ts"
import type { ChatState, EngineState } from "../../core/state.ts"
import { isFree, mayTake } from "../../core/state.ts"
import type { SwarmEvent } from "./acts.ts"
import type { Center } from "./center.ts"
import type { Harness } from "./harness.ts"
import type { Rng } from "./rng.ts"

export interface ChaosCtx {
  readonly h: Harness
  readonly center: Center
  readonly offers: Rng
  readonly handling: Rng
  readonly customers: Rng
  readonly faults: Rng
  readonly stale: Rng
  readonly schedule: (atMs: number, e: SwarmEvent) => void
  /** Submit `command` at `atMs` before any timer due at that instant fires (the other tie order). */
  readonly scheduleFirst: (atMs: number, command: Command) => void
}

const send = (ctx: ChaosCtx, atMs: number, command: Command): void => ctx.schedule(atMs, { _tag: "Send", command })

const idleCode = (ctx: ChaosCtx, r: Rng): string =>
  r.chance(0.05)
    ? "Nap"
    : (r.pick(ctx.center.config.idleCodes.filter((c) => c !== "NotReady" && c !== "Declined")) ?? "Break")

/** A target that leaves right after being targeted: idle, disconnect (maybe back later), logout. */
const targetLeaves = (ctx: ChaosCtx, agentId: string, atMs: number): void => {
  const r = ctx.offers
  const u = r.next()
  if (u < 0.5) return send(ctx, atMs, { _tag: "GoIdle", agentId, code: idleCode(ctx, r) })
  if (u < 0.9) {
    send(ctx, atMs, { _tag: "AgentDisconnect", agentId })
    if (r.chance(0.6))
      send(ctx, atMs + r.int(1, 2 * ctx.center.config.disconnectGraceMs), { _tag: "AgentReconnect", agentId })
    return
  }
  send(ctx, atMs, { _tag: "Logout", agentId })
}

export const onOfferMade = (ctx: ChaosCtx, e: EventOf<"OfferMade">): void => {
  const r = ctx.offers
  const rates = ctx.center.rates
  const timeoutMs = e.deadlineMs - e.atMs
  const { agentId, offerId } = e
  const u = r.next()
  let acceptAtMs: number | undefined
  if (u < rates.missChance) acceptAtMs = undefined
  else if (u < rates.missChance + rates.declineChance) {
    const declineAtMs = r.chance(0.1) ? e.deadlineMs : e.atMs + r.int(0, timeoutMs - 1)
    send(ctx, declineAtMs, { _tag: "DeclineOffer", agentId, offerId })
  } else if (u < rates.missChance + rates.declineChance + rates.edgeAcceptChance) acceptAtMs = e.deadlineMs
  else if (u < rates.missChance + rates.declineChance + rates.edgeAcceptChance + rates.lateAcceptChance)
    acceptAtMs = e.deadlineMs + r.int(1, 3_000)
  else acceptAtMs = e.atMs + Math.floor(timeoutMs * 0.9 * r.next() ** 2)
  if (acceptAtMs === e.deadlineMs && r.chance(0.5))
    ctx.scheduleFirst(acceptAtMs, { _tag: "AcceptOffer", agentId, offerId })
  else if (acceptAtMs !== undefined) send(ctx, acceptAtMs, { _tag: "AcceptOffer", agentId, offerId })
  if (acceptAtMs !== undefined) {
    if (r.chance(rates.duplicateAcceptChance))
      send(ctx, acceptAtMs + r.int(0, 1_500), { _tag: "AcceptOffer", agentId, offerId })
  }
  if (e.kind !== "route" && r.chance(rates.targetLeavesChance)) targetLeaves(ctx, agentId, e.atMs + r.int(0, 500))
  const leave = e.kind === "route" ? rates.customerLeavesChance : 2 * rates.customerLeavesChance
  if (r.chance(leave)) send(ctx, e.atMs + r.int(0, timeoutMs), { _tag: "CustomerLeave", chatId: e.chatId })
}

export const onOfferAccepted = (ctx: ChaosCtx, e: EventOf<"OfferAccepted">): void => {
  const r = ctx.handling
  if (e.kind !== "conference") {
    return ctx.schedule(e.atMs + r.int(500, 30_000), { _tag: "Handle", agentId: e.agentId, chatId: e.chatId, step: 0 })
  }
  if (r.chance(0.6))
    ctx.schedule(e.atMs + r.int(2_000, 60_000), {
      _tag: "EndConference",
      chatId: e.chatId,
      byParticipant: r.chance(0.5)
    })
  if (r.chance(0.5))
    send(ctx, e.atMs + r.int(500, 20_000), {
      _tag: "AgentMessage",
      agentId: e.agentId,
      chatId: e.chatId,
      text: "Joining to help"
    })
  if (r.chance(2 * ctx.center.rates.customerLeavesChance))
    send(ctx, e.atMs + r.int(0, 30_000), { _tag: "CustomerLeave", chatId: e.chatId })
}

export const onWrapUpStarted = (ctx: ChaosCtx, e: EventOf<"WrapUpStarted">): void => {
  const r = ctx.handling
  const { agentId, chatId } = e
  if (r.chance(0.1)) send(ctx, e.atMs + r.int(0, 3_000), { _tag: "SubmitWrapUp", agentId, chatId, reason: "Bogus" })
  if (e.autoDeadlineMs !== undefined && r.chance(0.5)) return
  const atMs = e.atMs + r.int(0, 20_000)
  const reason = r.pick(ctx.center.config.wrapUpReasons)!
  send(ctx, atMs, { _tag: "SubmitWrapUp", agentId, chatId, reason })
  if (r.chance(0.05)) send(ctx, atMs + r.int(0, 2_000), { _tag: "SubmitWrapUp", agentId, chatId, reason })
}

export const onAgentEvent = (ctx: ChaosCtx, e: Event): void => {
  const r = ctx.faults
  if (e._tag === "PresenceChanged" && e.cause !== "agent") {
    ctx.schedule(e.atMs + r.int(500, 20_000), { _tag: "Recover", agentId: e.agentId })
  } else if (e._tag === "AgentLoggedOut" && e.cause === "disconnect" && r.chance(0.7)) {
    ctx.schedule(e.atMs + r.int(5_000, 120_000), { _tag: "Rejoin", agentId: e.agentId })
  }
}

const conferenceOpen = (chat: ChatState): boolean =>
  chat.participant !== undefined || chat.conferenceOfferId !== undefined

/** Mostly a target that can take the chat now; sometimes any other agent (refused). */
const targetFor = (s: EngineState, r: Rng, chat: ChatState, self: string): string | undefined => {
  const others = s.agentsById.filter((a) => a.id !== self)
  const free = others.filter((a) => isFree(a) && mayTake(a, chat))
  return (r.chance(0.85) ? r.pick(free) : undefined)?.id ?? r.pick(others)?.id
}

const message = (ctx: ChaosCtx, r: Rng, agentId: string, chatId: string): Command => {
  const u = r.next()
  if (u < ctx.center.rates.reservedTextChance)
    return { _tag: "AgentMessage", agentId, chatId, text: r.chance(0.5) ? "use <b>bold</b>" : "x > y" }
  if (u < 0.35) {
    const params = r.chance(0.8) ? { customerName: "Zoe", agentName: agentId } : { customerName: "Zoe" }
    return { _tag: "AgentTemplate", agentId, chatId, templateId: r.pick(["greet", "thanks", "bye", "nope"])!, params }
  }
  return { _tag: "AgentMessage", agentId, chatId, text: "How can I help?" }
}

/** The owner's next move; returns the command to submit now (undefined: nothing to do). */
export const handleChat = (
  ctx: ChaosCtx,
  act: Extract<SwarmEvent, { _tag: "Handle" }>,
  nowMs: number
): Command | undefined => {
  const r = ctx.handling
  const s = ctx.h.state
  const { agentId, chatId, step } = act
  const chat = s.chats.get(chatId)
  if (chat === undefined || chat.owner !== agentId || chat.status !== "Active") {
    return r.chance(0.1) ? { _tag: "EndChat", agentId, chatId } : undefined
  }
  const next = (delayMs: number) => ctx.schedule(nowMs + delayMs, { _tag: "Handle", agentId, chatId, step: step + 1 })
  const rates = ctx.center.rates
  if (step < 4 && r.chance(0.5)) {
    next(r.int(1_000, 30_000))
    return message(ctx, r, agentId, chatId)
  }
  if (step < 6 && !conferenceOpen(chat) && r.chance(rates.conferenceChance)) {
    next(r.int(2_000, 40_000))
    const target = targetFor(s, r, chat, agentId)
    return target === undefined ? undefined : { _tag: "RequestConference", agentId, chatId, targetAgentId: target }
  }
  if (step < 8 && r.chance(rates.transferChance)) {
    next(r.int(3_000, 20_000)) // a refused transfer leaves the chat with its owner
    if (r.chance(rates.queueTransferChance)) {
      return { _tag: "TransferToQueue", agentId, chatId, queueId: r.pick(ctx.center.config.queues)!.id }
    }
    const target = targetFor(s, r, chat, agentId)
    return target === undefined ? undefined : { _tag: "TransferToAgent", agentId, chatId, targetAgentId: target }
  }
  return { _tag: "EndChat", agentId, chatId }
}

/** One agent's fault; schedules the next one. */
export const agentFault = (ctx: ChaosCtx, agentId: string, nowMs: number): Command | undefined => {
  const r = ctx.faults
  const s = ctx.h.state
  ctx.schedule(nowMs + r.gapMs(ctx.center.rates.agentFaultGapMs), { _tag: "Fault", agentId })
  const u = r.next()
  if (u < 0.35) {
    if (r.chance(0.75))
      ctx.schedule(nowMs + r.int(1, 2 * ctx.center.config.disconnectGraceMs), {
        _tag: "Send",
        command: { _tag: "AgentReconnect", agentId }
      })
    return { _tag: "AgentDisconnect", agentId }
  }
  if (u < 0.7) {
    ctx.schedule(nowMs + r.int(10_000, 120_000), { _tag: "Recover", agentId })
    return { _tag: "GoIdle", agentId, code: idleCode(ctx, r) }
  }
  if (u < 0.85) {
    ctx.schedule(nowMs, { _tag: "LeaveShift", agentId, tries: 0 })
    return undefined
  }
  // out of turn: someone else's offer, someone else's chat, a conference with oneself
  const offer = r.pick([...s.offers.values()].filter((o) => o.agentId !== agentId))
  if (offer !== undefined && r.chance(0.5)) return { _tag: "AcceptOffer", agentId, offerId: offer.id }
  const chat = r.pick([...s.chats.values()])
  if (chat === undefined) return undefined
  return r.chance(0.5)
    ? { _tag: "EndChat", agentId, chatId: chat.id }
    : { _tag: "RequestConference", agentId, chatId: chat.id, targetAgentId: agentId }
}

/** Staffing down: Idle first, then logout attempts every 10 s until one is accepted (or 12 tries). */
export const leaveShift = (
  ctx: ChaosCtx,
  act: Extract<SwarmEvent, { _tag: "LeaveShift" }>,
  nowMs: number
): Command | undefined => {
  const r = ctx.faults
  const agent = ctx.h.state.agents.get(act.agentId)!
  if (agent.presence._tag === "LoggedOut") {
    if (r.chance(0.5)) ctx.schedule(nowMs + r.int(30_000, 300_000), { _tag: "Rejoin", agentId: act.agentId })
    return undefined
  }
  if (act.tries < 12) ctx.schedule(nowMs + 10_000, { ...act, tries: act.tries + 1 })
  if (act.tries === 0 && agent.presence._tag !== "Idle")
    return { _tag: "GoIdle", agentId: act.agentId, code: idleCode(ctx, r) }
  return { _tag: "Logout", agentId: act.agentId }
}
