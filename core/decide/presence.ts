/**
 * Presence commands: login, logout (refused while offers, chats or wrap-ups are open), Available,
 * Idle with a configured code, and the link to a live agent: a disconnect cancels the agent's
 * pending offers at once (no RONA for a dropped link); a reconnect within the grace period keeps
 * everything else; when the grace period ends its chats are requeued at the front, its wrap-ups
 * submitted and its session ends. Invariant kept: no offer is ever pending on a disconnected agent.
 */
import type { CommandOf } from "../commands.ts"
import { AVAILABLE, idle, presenceLabel } from "../presence.ts"
import type { AgentState } from "../state.ts"
import { hasOpenWork } from "../state.ts"
import type { DecideContext } from "./context.ts"
import { agentFor, reject } from "./context.ts"
import { endConference, enqueue, offerEnded, startWrapUp } from "./lifecycle.ts"

type PresenceCommand = CommandOf<"Login" | "Logout" | "GoAvailable" | "GoIdle">

export const decidePresence = (ctx: DecideContext, cmd: PresenceCommand): void => {
  const agent = agentFor(ctx, cmd)
  if (agent === undefined) return
  const at = { agentId: agent.id, atMs: ctx.nowMs }
  const loggedIn = agent.presence._tag !== "LoggedOut"
  if (cmd._tag === "Login") {
    if (loggedIn) return reject(ctx, cmd, "ALREADY_LOGGED_IN", `agent "${agent.id}" is already logged in`)
    return void ctx.out.push({ _tag: "AgentLoggedIn", ...at })
  }
  if (!loggedIn) return reject(ctx, cmd, "NOT_LOGGED_IN", `agent "${agent.id}" is logged out`)
  switch (cmd._tag) {
    case "Logout":
      if (hasOpenWork(agent)) {
        const open = `${agent.offers.size} offer(s), ${agent.chats.size} chat(s), ${agent.wrapUps.size} wrap-up(s)`
        return reject(ctx, cmd, "LOGOUT_REFUSED", `agent "${agent.id}" still has ${open} open`)
      }
      return void ctx.out.push({ _tag: "AgentLoggedOut", ...at, cause: "agent" })
    case "GoAvailable":
      if (agent.presence._tag === "Available") {
        return reject(ctx, cmd, "ALREADY_IN_PRESENCE", `agent "${agent.id}" is already Available`)
      }
      return void ctx.out.push({ _tag: "PresenceChanged", ...at, presence: AVAILABLE, cause: "agent" })
    case "GoIdle":
      if (!ctx.state.config.idleCodes.includes(cmd.code)) {
        return reject(ctx, cmd, "UNKNOWN_IDLE_CODE", `idle code "${cmd.code}" is not configured`)
      }
      if (agent.presence._tag === "Idle" && agent.presence.code === cmd.code) {
        return reject(
          ctx,
          cmd,
          "ALREADY_IN_PRESENCE",
          `agent "${agent.id}" is already ${presenceLabel(agent.presence)}`
        )
      }
      return void ctx.out.push({ _tag: "PresenceChanged", ...at, presence: idle(cmd.code), cause: "agent" })
  }
}

export const decideLink = (ctx: DecideContext, cmd: CommandOf<"AgentDisconnect" | "AgentReconnect">): void => {
  const agent = agentFor(ctx, cmd, true)
  if (agent === undefined) return
  if (agent.presence._tag === "LoggedOut") {
    return reject(ctx, cmd, "NOT_LOGGED_IN", `agent "${agent.id}" is logged out`)
  }
  if (cmd._tag === "AgentReconnect") {
    if (agent.connected) return reject(ctx, cmd, "ALREADY_CONNECTED", `agent "${agent.id}" is connected`)
    return void ctx.out.push({ _tag: "AgentReconnected", agentId: agent.id, atMs: ctx.nowMs })
  }
  if (!agent.connected) return reject(ctx, cmd, "NOT_CONNECTED", `agent "${agent.id}" is already disconnected`)
  const graceDeadlineMs = ctx.nowMs + ctx.state.config.disconnectGraceMs
  ctx.out.push({ _tag: "AgentDisconnected", agentId: agent.id, graceDeadlineMs, atMs: ctx.nowMs })
  // a route offer's chat goes back to the front of its visit, a transfer is not accepted, a
  // conference request ends; the agent could not answer, so it is neither sent to RONA nor barred
  for (const offerId of agent.offers) offerEnded(ctx, ctx.state.offers.get(offerId)!, "disconnect")
}

/**
 * The grace period ran out (its offers were cancelled at the disconnect): end its conferences and
 * the conference requests it made, requeue the chats it owns at the front of their queue,
 * auto-submit every wrap-up with the default reason, and end the session (logout).
 */
export const graceExpired = (ctx: DecideContext, agent: AgentState): void => {
  const { state } = ctx
  const wrapUps = [...agent.wrapUps.keys()]
  for (const chatId of agent.chats) {
    const chat = state.chats.get(chatId)!
    if (chat.participant === agent.id) {
      endConference(ctx, chat, agent.id, chat.nextSeq)
    } else {
      if (chat.conferenceOfferId !== undefined) {
        offerEnded(ctx, state.offers.get(chat.conferenceOfferId)!, "disconnect")
      }
      if (chat.participant !== undefined) endConference(ctx, chat, agent.id, chat.nextSeq)
      startWrapUp(ctx, agent.id, chat.id)
      enqueue(ctx, chat, chat.queueId, "disconnect", chat.enqueuedAtMs)
    }
    wrapUps.push(chat.id)
  }
  const reason = state.config.defaultWrapUpReason
  for (const chatId of wrapUps) {
    ctx.out.push({ _tag: "WrapUpSubmitted", agentId: agent.id, chatId, reason, auto: true, atMs: ctx.nowMs })
  }
  ctx.out.push({ _tag: "AgentLoggedOut", agentId: agent.id, cause: "disconnect", atMs: ctx.nowMs })
}
