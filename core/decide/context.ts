/**
 * What every decision handler works with: the state (read only), the command's time and the list
 * of events being built. `reject` makes the single `CommandRejected` event of a refused command.
 */
import type { Command } from "../commands.ts"
import type { Event } from "../events.ts"
import type { RejectionCode } from "../rejections.ts"
import type { AgentState, ChatState, EngineState } from "../state.ts"

export interface DecideContext {
  readonly state: EngineState
  readonly nowMs: number
  readonly out: Array<Event>
}

export const reject = (ctx: DecideContext, cmd: Command, code: RejectionCode, message: string): void => {
  const agentId = "agentId" in cmd ? cmd.agentId : undefined
  const chatId = "chatId" in cmd ? cmd.chatId : undefined
  ctx.out.push({
    _tag: "CommandRejected",
    command: cmd._tag,
    code,
    message,
    ...(agentId === undefined ? {} : { agentId }),
    ...(chatId === undefined ? {} : { chatId }),
    atMs: ctx.nowMs
  })
}

/** The agent a command names, or a rejection (unknown agent; disconnected unless `anyLink`). */
export const agentFor = (
  ctx: DecideContext,
  cmd: Command & { readonly agentId: string },
  anyLink = false
): AgentState | undefined => {
  const agent = ctx.state.agents.get(cmd.agentId)
  if (agent === undefined) return void reject(ctx, cmd, "UNKNOWN_AGENT", `no agent "${cmd.agentId}"`)
  if (!anyLink && !agent.connected) {
    return void reject(ctx, cmd, "NOT_CONNECTED", `agent "${agent.id}" is disconnected`)
  }
  return agent
}

/** The open chat a command names, or a rejection. */
export const chatFor = (ctx: DecideContext, cmd: Command & { readonly chatId: string }): ChatState | undefined => {
  const chat = ctx.state.chats.get(cmd.chatId)
  if (chat === undefined) reject(ctx, cmd, "UNKNOWN_CHAT", `no open chat "${cmd.chatId}"`)
  return chat
}

/** Is there a pending offer of this chat to this agent? */
export const hasOfferFor = (state: EngineState, agent: AgentState, chatId: string): boolean => {
  for (const id of agent.offers) if (state.offers.get(id)?.chatId === chatId) return true
  return false
}

/** The agent's role in an open chat, with the rejection to give when it is not the owner. */
export const ownerCheck = (
  state: EngineState,
  agent: AgentState,
  chat: ChatState
): { readonly code: RejectionCode; readonly message: string } | undefined => {
  if (chat.owner === agent.id) return undefined
  if (chat.participant === agent.id) {
    return {
      code: "NOT_OWNER",
      message: `agent "${agent.id}" is a conference participant of "${chat.id}", not its owner`
    }
  }
  if (hasOfferFor(state, agent, chat.id)) {
    return { code: "NOT_ACCEPTED_YET", message: `agent "${agent.id}" has not accepted "${chat.id}" yet` }
  }
  return { code: "NOT_PARTICIPANT", message: `agent "${agent.id}" is not in chat "${chat.id}"` }
}
