/**
 * An accepted chat's conversation: agent messages (no `<` or `>`), templates with every parameter
 * filled, End by the owner, and the wrap-up reason each handler must submit from the configured list.
 */
import type { CommandOf } from "../commands.ts"
import { hasReservedCharacters } from "../rejections.ts"
import type { AgentState, ChatState } from "../state.ts"
import { fillTemplate } from "../templates.ts"
import type { DecideContext } from "./context.ts"
import { agentFor, chatFor, hasOfferFor, ownerCheck, reject } from "./context.ts"
import { endConversation } from "./lifecycle.ts"

type Speak = CommandOf<"AgentMessage" | "AgentTemplate">

const speaker = (ctx: DecideContext, cmd: Speak): [AgentState, ChatState] | undefined => {
  const agent = agentFor(ctx, cmd)
  const chat = agent && chatFor(ctx, cmd)
  if (agent === undefined || chat === undefined) return
  if (chat.owner === agent.id || chat.participant === agent.id) return [agent, chat]
  if (hasOfferFor(ctx.state, agent, chat.id)) {
    return void reject(ctx, cmd, "NOT_ACCEPTED_YET", `agent "${agent.id}" has not accepted "${chat.id}" yet`)
  }
  return void reject(ctx, cmd, "NOT_PARTICIPANT", `agent "${agent.id}" is not in chat "${chat.id}"`)
}

const textOf = (ctx: DecideContext, cmd: Speak): string | undefined => {
  if (cmd._tag === "AgentMessage") return cmd.text
  const template = ctx.state.config.templates[cmd.templateId]
  if (template === undefined || !Object.hasOwn(ctx.state.config.templates, cmd.templateId)) {
    return void reject(ctx, cmd, "UNKNOWN_TEMPLATE", `no template "${cmd.templateId}"`)
  }
  const bad = Object.entries(cmd.params).find(([, v]) => hasReservedCharacters(v))
  if (bad !== undefined) {
    return void reject(ctx, cmd, "RESERVED_CHARACTERS", `parameter "${bad[0]}" contains "<" or ">"`)
  }
  const filled = fillTemplate(template, cmd.params)
  if (filled._tag === "Missing") {
    const names = filled.names.map((n) => `"${n}"`).join(", ")
    return void reject(ctx, cmd, "TEMPLATE_PARAM_MISSING", `template "${cmd.templateId}" needs ${names}`)
  }
  return filled.text
}

export const decideSpeak = (ctx: DecideContext, cmd: Speak): void => {
  const who = speaker(ctx, cmd)
  if (who === undefined) return
  const [agent, chat] = who
  const text = textOf(ctx, cmd)
  if (text === undefined) return
  if (cmd._tag === "AgentMessage" && hasReservedCharacters(text)) {
    return reject(ctx, cmd, "RESERVED_CHARACTERS", "< and > are reserved for template parameters")
  }
  if (text.trim() === "") return reject(ctx, cmd, "EMPTY_MESSAGE", "a message needs some text")
  ctx.out.push({
    _tag: "MessageSent",
    chatId: chat.id,
    seq: chat.nextSeq,
    sender: { _tag: "Agent", agentId: agent.id },
    text,
    ...(cmd._tag === "AgentTemplate" ? { templateId: cmd.templateId } : {}),
    atMs: ctx.nowMs
  })
}

export const decideEndChat = (ctx: DecideContext, cmd: CommandOf<"EndChat">): void => {
  const agent = agentFor(ctx, cmd)
  const chat = agent && chatFor(ctx, cmd)
  if (agent === undefined || chat === undefined) return
  const refusal = ownerCheck(ctx.state, agent, chat)
  if (refusal !== undefined) return reject(ctx, cmd, refusal.code, refusal.message)
  endConversation(ctx, chat, { _tag: "Agent", agentId: agent.id })
}

export const decideWrapUp = (ctx: DecideContext, cmd: CommandOf<"SubmitWrapUp">): void => {
  const agent = agentFor(ctx, cmd)
  if (agent === undefined) return
  if (!agent.wrapUps.has(cmd.chatId)) {
    return reject(ctx, cmd, "NO_WRAPUP_PENDING", `agent "${agent.id}" has no wrap-up pending for "${cmd.chatId}"`)
  }
  if (!ctx.state.config.wrapUpReasons.includes(cmd.reason)) {
    const known = ctx.state.config.wrapUpReasons.join(", ")
    return reject(ctx, cmd, "UNKNOWN_WRAPUP_REASON", `"${cmd.reason}" is not a wrap-up reason (known: ${known})`)
  }
  ctx.out.push({
    _tag: "WrapUpSubmitted",
    agentId: agent.id,
    chatId: cmd.chatId,
    reason: cmd.reason,
    auto: false,
    atMs: ctx.nowMs
  })
}

/** Auto wrap-up timer: submit the default reason if the wrap-up is still pending. */
export const autoWrapUp = (ctx: DecideContext, agentId: string, chatId: string): void => {
  const agent = ctx.state.agents.get(agentId)
  const deadline = agent?.wrapUps.get(chatId)
  if (deadline === undefined || ctx.nowMs < deadline) return
  const reason = ctx.state.config.defaultWrapUpReason
  ctx.out.push({ _tag: "WrapUpSubmitted", agentId, chatId, reason, auto: true, atMs: ctx.nowMs })
}
