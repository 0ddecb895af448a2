/**
 * Handing a chat on: transfer to an agent or a queue, and conference. Both need an accepted chat
 * owned by the requester and no conference open or requested; an agent target must be Available
 * with a free slot at request time (a stale directory is re-checked here). A transfer detaches the
 * source at once (it wraps up); a conference adds a participant on accept.
 */
import type { CommandOf } from "../commands.ts"
import type { AgentState, ChatState } from "../state.ts"
import { isFree, mayTake } from "../state.ts"
import type { DecideContext } from "./context.ts"
import { agentFor, chatFor, ownerCheck, reject } from "./context.ts"
import { endConference, enqueue, startWrapUp } from "./lifecycle.ts"

type Handoff = CommandOf<"TransferToAgent" | "TransferToQueue" | "RequestConference">

const ownedChat = (
  ctx: DecideContext,
  cmd: Handoff | CommandOf<"EndConference">
): [AgentState, ChatState] | undefined => {
  const agent = agentFor(ctx, cmd)
  const chat = agent && chatFor(ctx, cmd)
  if (agent === undefined || chat === undefined) return
  if (cmd._tag === "EndConference" && chat.participant === agent.id) return [agent, chat]
  const refusal = ownerCheck(ctx.state, agent, chat)
  if (refusal !== undefined) return void reject(ctx, cmd, refusal.code, refusal.message)
  return [agent, chat]
}

const conferenceOpen = (chat: ChatState): boolean =>
  chat.participant !== undefined || chat.conferenceOfferId !== undefined

const targetAgent = (ctx: DecideContext, cmd: CommandOf<"TransferToAgent" | "RequestConference">, chat: ChatState) => {
  const target = ctx.state.agents.get(cmd.targetAgentId)
  if (target === undefined) return void reject(ctx, cmd, "UNKNOWN_AGENT", `no agent "${cmd.targetAgentId}"`)
  if (target.id === cmd.agentId || !isFree(target) || !mayTake(target, chat)) {
    const why = target.id === cmd.agentId ? "is the requester" : "is not Available with a free slot"
    return void reject(ctx, cmd, "TARGET_UNAVAILABLE", `agent "${target.id}" ${why}`)
  }
  return target
}

const offerTo = (
  ctx: DecideContext,
  chat: ChatState,
  target: AgentState,
  kind: "transfer" | "conference",
  from: string
) => {
  ctx.out.push({
    _tag: "OfferMade",
    offerId: ctx.state.nextOfferId,
    kind,
    chatId: chat.id,
    agentId: target.id,
    queueId: chat.queueId,
    fromAgentId: from,
    deadlineMs: ctx.nowMs + ctx.state.config.offerTimeoutMs,
    atMs: ctx.nowMs
  })
}

export const decideHandoff = (ctx: DecideContext, cmd: Handoff): void => {
  const owned = ownedChat(ctx, cmd)
  if (owned === undefined) return
  const [agent, chat] = owned
  if (conferenceOpen(chat)) {
    return reject(ctx, cmd, "CONFERENCE_OPEN", `chat "${chat.id}" has a conference open or requested`)
  }
  if (cmd._tag === "TransferToQueue") {
    if (!ctx.state.queues.has(cmd.queueId)) return reject(ctx, cmd, "UNKNOWN_QUEUE", `no queue "${cmd.queueId}"`)
    const allowed = agent.config.transferQueues
    if (allowed !== undefined && !allowed.includes(cmd.queueId)) {
      return reject(ctx, cmd, "QUEUE_NOT_ALLOWED", `agent "${agent.id}" may not transfer to "${cmd.queueId}"`)
    }
    const target = { _tag: "ToQueue", queueId: cmd.queueId } as const
    ctx.out.push({ _tag: "TransferRequested", chatId: chat.id, fromAgentId: agent.id, target, atMs: ctx.nowMs })
    startWrapUp(ctx, agent.id, chat.id)
    return enqueue(ctx, chat, cmd.queueId, "transfer", ctx.nowMs)
  }
  const target = targetAgent(ctx, cmd, chat)
  if (target === undefined) return
  if (cmd._tag === "RequestConference") return offerTo(ctx, chat, target, "conference", agent.id)
  const to = { _tag: "ToAgent", agentId: target.id } as const
  ctx.out.push({ _tag: "TransferRequested", chatId: chat.id, fromAgentId: agent.id, target: to, atMs: ctx.nowMs })
  startWrapUp(ctx, agent.id, chat.id)
  offerTo(ctx, chat, target, "transfer", agent.id)
}

export const decideEndConference = (ctx: DecideContext, cmd: CommandOf<"EndConference">): void => {
  const owned = ownedChat(ctx, cmd)
  if (owned === undefined) return
  const [agent, chat] = owned
  if (chat.participant === undefined) {
    return reject(ctx, cmd, "NO_CONFERENCE", `chat "${chat.id}" has no conference participant`)
  }
  endConference(ctx, chat, agent.id, chat.nextSeq)
}
