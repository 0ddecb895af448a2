/**
 * Decoded client frames -> engine commands, authorized against the engine state first: the actor
 * comes from the connection's token; an agent may name only offers made to it and chats it owns,
 * joined as participant, or wraps up; a customer only its own chat. Everything runs synchronously
 * inside one socket callback (no await), so each frame is one step of the single sequential
 * handler. Answers: `ack` once the input is durable, `error` with a documented code otherwise.
 * A message is refused before the engine when it shows nothing (EMPTY_MESSAGE), is too long, or
 * would take its chat past what a chat may hold (CHAT_FULL); views and `history` carry pages, never a
 * whole thread; a supervisor's `hello {observe}` stays out of the engine; a logout revokes tokens.
 */
import type { Command } from "../core/commands.ts"
import { directory } from "../core/directory.ts"
import { fillTemplate, templateParams } from "../core/templates.ts"
import type { Center } from "./center.ts"
import type { Limits } from "./config.ts"
import type { ServerMetrics } from "./metrics.ts"
import { latestPage } from "./paging.ts"
import type { AgentFrame, CustomerFrame, ErrorCode } from "./protocol.ts"
import { PROTOCOL_VERSION } from "./protocol.ts"
import type { AgentWelcome, ServerFrame } from "./server-frames.ts"
import type { Conn, Registry } from "./sessions.ts"
import { statsFrame } from "./stats.ts"
import { isBlank } from "./text.ts"
import type { ChatRecord } from "./transcripts.ts"
import { chatView, messageFrame, pendingOfferFrame, presenceFields, queueName, wrapUpView } from "./views.ts"

export interface HandlerContext {
  readonly center: Center
  readonly registry: Registry
  readonly limits: Limits
  readonly metrics: ServerMetrics
  readonly supervisors: ReadonlySet<string>
}

export const errorFrame = (
  code: ErrorCode,
  message: string,
  extra: { path?: ReadonlyArray<string>; ref?: string | undefined; retryAfterMs?: number } = {}
): ServerFrame => ({
  type: "error",
  code,
  message,
  ...(extra.path === undefined ? {} : { path: extra.path }),
  ...(extra.ref === undefined ? {} : { ref: extra.ref }),
  ...(extra.retryAfterMs === undefined ? {} : { retryAfterMs: extra.retryAfterMs })
})

const limitsView = (l: Limits) => ({
  maxPayloadBytes: l.maxPayloadBytes,
  maxTextChars: l.maxTextChars,
  maxChatMessages: l.maxChatMessages,
  maxChatBytes: l.maxChatBytes,
  rateBurst: l.rateBurst,
  ratePerSec: l.ratePerSec
})

/** Submit and answer the sender; true when the input was applied (or was a duplicate). */
const run = (ctx: HandlerContext, conn: Conn, command: Command, ref: string | undefined): boolean => {
  const actor = `${conn.role}:${conn.subject}`
  const r = ctx.center.submit(command, actor, ref)
  switch (r._tag) {
    case "Applied":
    case "Duplicate":
      conn.send(r.ack)
      return true
    case "Rejected":
      conn.send(errorFrame(r.code as ErrorCode, r.message, { ref }))
      return false
    case "NoEffect":
      conn.send(ref === undefined ? { type: "ack" } : { type: "ack", ref })
      return true
  }
}

const forbidden = (conn: Conn, what: string, ref: string | undefined, path: ReadonlyArray<string>): void =>
  conn.send(errorFrame("FORBIDDEN", `${what} is not yours`, { ref, path }))

/** A message the chat cannot take: blank, over maxTextChars, or the chat is full (count or bytes); answered here. */
const refusedText = (
  ctx: HandlerContext,
  conn: Conn,
  chatId: string,
  text: string,
  ref: string | undefined
): boolean => {
  const l = ctx.limits
  if (isBlank(text)) {
    conn.send(
      errorFrame(
        "EMPTY_MESSAGE",
        "a message needs some visible text (white space and zero-width characters do not count)",
        { ref, path: ["text"] }
      )
    )
    return true
  }
  if (text.length > l.maxTextChars) {
    conn.send(
      errorFrame("SCHEMA", `text is ${text.length} characters, the limit is ${l.maxTextChars}`, { ref, path: ["text"] })
    )
    return true
  }
  const record = ctx.center.transcripts.openRecord(chatId)
  if (record === undefined) return false // a closed or unknown chat: the engine answers
  if (record.messages.length + 1 > l.maxChatMessages) {
    conn.send(
      errorFrame(
        "CHAT_FULL",
        `this chat holds ${record.messages.length} messages, the limit is ${l.maxChatMessages}; start a new chat`,
        { ref, path: ["text"] }
      )
    )
    return true
  }
  const bytes = Buffer.byteLength(text)
  if (record.textBytes + bytes > l.maxChatBytes) {
    conn.send(
      errorFrame(
        "CHAT_FULL",
        `this chat holds ${record.textBytes} bytes of text and this message ${bytes} more, the limit is ${l.maxChatBytes}; send less, or start a new chat`,
        { ref, path: ["text"] }
      )
    )
    return true
  }
  return false
}

/** Answer `history`: the newest page of messages in (afterSeq, beforeSeq) of a chat. */
const history = (
  ctx: HandlerContext,
  conn: Conn,
  record: ChatRecord | undefined,
  chatId: string,
  afterSeq: number | undefined,
  beforeSeq: number | undefined,
  ref: string | undefined,
  forAgent: boolean
): void => {
  const w = ctx.center.windows
  const page = latestPage(
    record?.messages ?? [],
    afterSeq ?? 0,
    beforeSeq ?? Number.MAX_SAFE_INTEGER,
    w.pageMessages,
    w.pageBytes
  )
  conn.send({
    type: "history",
    ...(ref === undefined ? {} : { ref }),
    chatId,
    messages: page.messages.map((m) => messageFrame(ctx.center.state, m, forAgent)),
    earlierMessages: page.earlier
  })
}

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

const agentHello = (
  ctx: HandlerContext,
  conn: Conn,
  resume: Readonly<Record<string, number>>,
  observe: boolean
): void => {
  const a = ctx.center.state.agents.get(conn.subject)
  if (a === undefined) return conn.close(4001, "unknown agent")
  if (observe && !ctx.supervisors.has(a.id))
    return conn.send(errorFrame("FORBIDDEN", "only supervisors may observe without logging in", { path: ["observe"] }))
  // a supervisor observing is not an agent unless it chooses to be (a desktop's hello)
  conn.observer = observe
  if (!observe && a.presence._tag === "LoggedOut") ctx.center.submit({ _tag: "Login", agentId: a.id }, `agent:${a.id}`)
  else if (!observe && !a.connected) ctx.center.submit({ _tag: "AgentReconnect", agentId: a.id }, `agent:${a.id}`)
  const { welcome, refused } = agentWelcome(ctx, a.id, resume)
  conn.helloDone = true
  ctx.registry.subscribe(conn)
  conn.send(welcome)
  for (const id of refused) forbidden(conn, `chat "${id.slice(0, 64)}"`, undefined, ["resume", id])
}

const holds = (ctx: HandlerContext, agentId: string, chatId: string): boolean =>
  ctx.center.state.agents.get(agentId)?.chats.has(chatId) === true

export const handleAgentFrame = (ctx: HandlerContext, conn: Conn, f: AgentFrame): void => {
  const me = conn.subject
  const state = ctx.center.state
  if (f.type === "hello") return agentHello(ctx, conn, f.resume ?? {}, f.observe ?? false)
  if (f.type === "ping")
    return conn.send({ type: "pong", ...(f.ref === undefined ? {} : { ref: f.ref }), serverTimeMs: ctx.center.nowMs() })
  const ref = "ref" in f ? f.ref : undefined
  if ("chatId" in f && f.type !== "wrapUp" && f.type !== "history" && !holds(ctx, me, f.chatId))
    return forbidden(conn, `chat "${f.chatId}"`, ref, ["chatId"])
  switch (f.type) {
    case "setPresence":
      return void run(
        ctx,
        conn,
        f.presence === "Available"
          ? { _tag: "GoAvailable", agentId: me }
          : { _tag: "GoIdle", agentId: me, code: f.code },
        ref
      )
    case "accept":
    case "decline": {
      const offer = state.offers.get(f.offerId) ?? state.expiredOffers.get(f.offerId)
      if (offer !== undefined && offer.agentId !== me) return forbidden(conn, `offer ${f.offerId}`, ref, ["offerId"])
      return void run(
        ctx,
        conn,
        { _tag: f.type === "accept" ? "AcceptOffer" : "DeclineOffer", agentId: me, offerId: f.offerId },
        ref
      )
    }
    case "send":
      if (refusedText(ctx, conn, f.chatId, f.text, ref)) return
      return void run(ctx, conn, { _tag: "AgentMessage", agentId: me, chatId: f.chatId, text: f.text }, ref)
    case "sendTemplate": {
      const template = state.config.templates[f.templateId]
      const filled = template === undefined ? undefined : fillTemplate(template, f.params)
      if (filled?._tag === "Filled" && refusedText(ctx, conn, f.chatId, filled.text, ref)) return
      return void run(
        ctx,
        conn,
        { _tag: "AgentTemplate", agentId: me, chatId: f.chatId, templateId: f.templateId, params: { ...f.params } },
        ref
      )
    }
    case "typing":
      return typing(ctx, f.chatId, "agent", state.agents.get(me)?.config.name ?? me, f.active, me)
    case "transfer":
      return void run(
        ctx,
        conn,
        "toQueue" in f
          ? { _tag: "TransferToQueue", agentId: me, chatId: f.chatId, queueId: f.toQueue }
          : { _tag: "TransferToAgent", agentId: me, chatId: f.chatId, targetAgentId: f.toAgent },
        ref
      )
    case "conference":
      return void run(
        ctx,
        conn,
        { _tag: "RequestConference", agentId: me, chatId: f.chatId, targetAgentId: f.agentId },
        ref
      )
    case "endConference":
      return void run(ctx, conn, { _tag: "EndConference", agentId: me, chatId: f.chatId }, ref)
    case "end":
      return void run(ctx, conn, { _tag: "EndChat", agentId: me, chatId: f.chatId }, ref)
    case "wrapUp":
      if (state.agents.get(me)?.wrapUps.has(f.chatId) !== true)
        return forbidden(conn, `wrap-up of chat "${f.chatId}"`, ref, ["chatId"])
      return void run(ctx, conn, { _tag: "SubmitWrapUp", agentId: me, chatId: f.chatId, reason: f.reason }, ref)
    case "history":
      if (!holds(ctx, me, f.chatId) && state.agents.get(me)?.wrapUps.has(f.chatId) !== true)
        return forbidden(conn, `chat "${f.chatId}"`, ref, ["chatId"])
      return history(
        ctx,
        conn,
        ctx.center.transcripts.openRecord(f.chatId),
        f.chatId,
        f.afterSeq,
        f.beforeSeq,
        ref,
        true
      )
    case "directory": {
      const d = directory(state, me)!
      return conn.send({
        type: "directory",
        ...(ref === undefined ? {} : { ref }),
        queues: d.queues.map((q) => ({ ...q })),
        agents: d.agents.map((a) => ({
          id: a.id,
          name: a.name,
          ...presenceFields(a.presence),
          freeSlots: a.freeSlots,
          canTake: a.canTake
        }))
      })
    }
    case "stats":
      if (!ctx.supervisors.has(me))
        return conn.send(errorFrame("FORBIDDEN", "stats are for supervisors", { ref, path: ["type"] }))
      return conn.send(statsFrame(state, ctx.center.service, ctx.center.nowMs(), ref))
    case "logout": {
      // a refused engine logout (open work) keeps the session; otherwise the token dies with it
      const inEngine = state.agents.get(me)?.presence._tag !== "LoggedOut"
      if (inEngine && !run(ctx, conn, { _tag: "Logout", agentId: me }, ref)) return
      if (!inEngine) conn.send(ref === undefined ? { type: "ack" } : { type: "ack", ref })
      if (!ctx.center.revocations.revoke(`agent:${me}`, ctx.center.nowMs())) return
      for (const c of ctx.registry.agentConns(me)) c.close(1000, "logged out")
      return
    }
  }
}

const typing = (
  ctx: HandlerContext,
  chatId: string,
  from: "customer" | "agent",
  name: string,
  active: boolean,
  self?: string
): void => {
  const chat = ctx.center.state.chats.get(chatId)
  if (chat === undefined) return
  const frame: ServerFrame = { type: "typing", chatId, from, name, active }
  for (const agentId of [chat.owner, chat.participant]) {
    if (agentId !== undefined && agentId !== self) ctx.registry.deliver({ _tag: "Agent", agentId }, frame)
  }
  if (from === "agent") ctx.registry.deliver({ _tag: "Customer", chatId }, frame)
}

export const handleCustomerFrame = (ctx: HandlerContext, conn: Conn, f: CustomerFrame): void => {
  const chatId = conn.subject
  const { state, transcripts } = ctx.center
  switch (f.type) {
    case "hello": {
      const record = transcripts.get(chatId)
      if (record === undefined) return conn.close(4001, "unknown chat")
      conn.helloDone = true
      ctx.registry.subscribe(conn)
      const agentId = state.chats.get(chatId)?.owner ?? record.agentId
      const w = ctx.center.windows
      const page = latestPage(record.messages, f.lastSeq ?? 0, Number.MAX_SAFE_INTEGER, w.pageMessages, w.pageBytes)
      return conn.send({
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
      })
    }
    case "ping":
      return conn.send({
        type: "pong",
        ...(f.ref === undefined ? {} : { ref: f.ref }),
        serverTimeMs: ctx.center.nowMs()
      })
    case "send":
      if (refusedText(ctx, conn, chatId, f.text, f.ref)) return
      return void run(ctx, conn, { _tag: "CustomerMessage", chatId, text: f.text }, f.ref)
    case "history":
      return history(ctx, conn, transcripts.get(chatId), chatId, f.afterSeq, f.beforeSeq, f.ref, false)
    case "typing":
      return typing(ctx, chatId, "customer", transcripts.get(chatId)?.customerName ?? "customer", f.active)
    case "leave":
      return void run(ctx, conn, { _tag: "CustomerLeave", chatId }, f.ref)
  }
}
