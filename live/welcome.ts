/**
 * The `welcome` frames a hello is answered with, as functions of the engine state: the agent's
 * (presence, capacity, pending offers, the chats it holds or wraps up, each a paged view resumed
 * from the seq the client names, the codes, reasons, templates and queues it picks from) and the
 * customer's (its chat's status, agent, outcome and newest page of messages), both with the limits
 * a client must respect and the server's time.
 * Invariants: a welcome carries pages, never a whole thread; a customer welcome names the agent
 * but carries no agent id; a chat an agent asks to resume but no longer holds is reported back as
 * refused, never shown.
 */
import { templateParams } from "../core/templates.ts"
import type { Limits } from "./config.ts"
import type { HandlerContext } from "./handlers.ts"
import { latestPage } from "./paging.ts"
import { PROTOCOL_VERSION } from "./protocol.ts"
import type { AgentWelcome, ServerFrame } from "./server-frames.ts"
import type { ChatRecord } from "./transcripts.ts"
import { chatView, messageFrame, pendingOfferFrame, presenceFields, queueName, wrapUpView } from "./views.ts"

const limitsView = (l: Limits) => ({
  maxPayloadBytes: l.maxPayloadBytes,
  maxTextChars: l.maxTextChars,
  maxChatMessages: l.maxChatMessages,
  maxChatBytes: l.maxChatBytes,
  rateBurst: l.rateBurst,
  ratePerSec: l.ratePerSec
})

/** An agent's welcome, resuming each chat after the seq in `resume`; `refused`: chats it no longer holds. */
export const agentWelcome = (
  ctx: HandlerContext,
  agentId: string,
  resume: Readonly<Record<string, number>>
): { welcome: AgentWelcome; refused: ReadonlyArray<string> } => {
  const { state, transcripts } = ctx.center
  const a = state.agents.get(agentId)!
  const held = [...a.chats, ...[...a.wrapUps.keys()].filter((c) => !a.chats.has(c))]
  const w = ctx.center.windows
  const chats = held.flatMap((id) => chatView(state, transcripts, w, id, agentId, resume[id] ?? 0) ?? [])
  const welcome: AgentWelcome = {
    type: "welcome",
    protocol: PROTOCOL_VERSION,
    role: "agent",
    agentId,
    agentName: a.config.name,
    supervisor: ctx.supervisors.has(agentId),
    ...presenceFields(a.presence),
    connected: a.connected,
    capacity: a.config.capacity,
    usedSlots: a.usedSlots,
    offers: [...a.offers].flatMap((id) => pendingOfferFrame(state, w, state.offers.get(id)!) ?? []),
    chats,
    wrapUps: [...a.wrapUps.keys()].map((c) => wrapUpView(state, c)),
    idleCodes: state.config.idleCodes,
    wrapUpReasons: state.config.wrapUpReasons,
    templates: Object.entries(state.config.templates).map(([id, text]) => ({ id, text, params: templateParams(text) })),
    queues: state.config.queues.map((q) => ({ id: q.id, name: q.name })),
    limits: limitsView(ctx.limits),
    serverTimeMs: ctx.center.nowMs()
  }
  return { welcome, refused: Object.keys(resume).filter((id) => !held.includes(id)) }
}

/** A customer's welcome to its chat, with the newest page of messages after `lastSeq`. */
export const customerWelcome = (
  ctx: HandlerContext,
  chatId: string,
  record: ChatRecord,
  lastSeq: number
): ServerFrame => {
  const { state } = ctx.center
  const agentId = state.chats.get(chatId)?.owner ?? record.agentId
  const w = ctx.center.windows
  const page = latestPage(record.messages, lastSeq, Number.MAX_SAFE_INTEGER, w.pageMessages, w.pageBytes)
  return {
    type: "welcome",
    protocol: PROTOCOL_VERSION,
    role: "customer",
    chatId,
    queueId: record.queueId,
    queueName: queueName(state, record.queueId),
    status: record.status,
    agentName: agentId === undefined ? null : (state.agents.get(agentId)?.config.name ?? null),
    outcome: record.outcome ?? null,
    messages: page.messages.map((m) => messageFrame(state, m, false)),
    earlierMessages: page.earlier,
    limits: limitsView(ctx.limits),
    serverTimeMs: ctx.center.nowMs()
  }
}
