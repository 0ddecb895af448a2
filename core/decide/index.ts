/**
 * `decide(state, command, nowMs)`: the events a command causes, computed from the state before it,
 * without changing it. Refusals are a single `CommandRejected`; a stale timer yields nothing.
 * Routing offers are not decided here but by the routing pass that `step` runs afterwards.
 */
import type { Command } from "../commands.ts"
import type { Event } from "../events.ts"
import type { EngineState } from "../state.ts"
import type { TimerKey } from "../timers.ts"
import type { DecideContext } from "./context.ts"
import { autoWrapUp, decideEndChat, decideSpeak, decideWrapUp } from "./conversation.ts"
import { decideCustomer, decideStartChat } from "./customer.ts"
import { decideEndConference, decideHandoff } from "./handoff.ts"
import { abandon, overflowOrExpire } from "./lifecycle.ts"
import { decideOfferAnswer, offerDeadline } from "./offers.ts"
import { decideLink, decidePresence, graceExpired } from "./presence.ts"

const timerFired = (ctx: DecideContext, timer: TimerKey): void => {
  const { state } = ctx
  switch (timer._tag) {
    case "OfferDeadline":
      return offerDeadline(ctx, timer.offerId)
    case "Patience": {
      const chat = state.chats.get(timer.chatId)
      const due = chat?.patienceDeadlineMs !== undefined && ctx.nowMs >= chat.patienceDeadlineMs
      if (due && !chat.answered && (chat.status === "Queued" || chat.status === "Offered")) abandon(ctx, chat)
      return
    }
    case "MaxWait": {
      const chat = state.chats.get(timer.chatId)
      const due = chat?.maxWaitDeadlineMs !== undefined && ctx.nowMs >= chat.maxWaitDeadlineMs
      if (due && chat.segment === timer.segment && chat.status === "Queued") overflowOrExpire(ctx, chat)
      return
    }
    case "AutoWrapUp":
      return autoWrapUp(ctx, timer.agentId, timer.chatId)
    case "DisconnectGrace": {
      const agent = state.agents.get(timer.agentId)
      const due = agent?.graceDeadlineMs !== undefined && ctx.nowMs >= agent.graceDeadlineMs
      if (due && !agent.connected && agent.presence._tag !== "LoggedOut") graceExpired(ctx, agent)
      return
    }
  }
}

export const decide = (state: EngineState, cmd: Command, nowMs: number): Array<Event> => {
  const ctx: DecideContext = { state, nowMs, out: [] }
  switch (cmd._tag) {
    case "Login":
    case "Logout":
    case "GoAvailable":
    case "GoIdle":
      decidePresence(ctx, cmd)
      break
    case "AgentDisconnect":
    case "AgentReconnect":
      decideLink(ctx, cmd)
      break
    case "StartChat":
      decideStartChat(ctx, cmd)
      break
    case "CustomerLeave":
    case "CustomerMessage":
      decideCustomer(ctx, cmd)
      break
    case "AcceptOffer":
    case "DeclineOffer":
      decideOfferAnswer(ctx, cmd)
      break
    case "AgentMessage":
    case "AgentTemplate":
      decideSpeak(ctx, cmd)
      break
    case "TransferToAgent":
    case "TransferToQueue":
    case "RequestConference":
      decideHandoff(ctx, cmd)
      break
    case "EndConference":
      decideEndConference(ctx, cmd)
      break
    case "EndChat":
      decideEndChat(ctx, cmd)
      break
    case "SubmitWrapUp":
      decideWrapUp(ctx, cmd)
      break
    case "TimerFired":
      timerFired(ctx, cmd.timer)
      break
  }
  return ctx.out
}
