/**
 * An agent's decoded frames -> engine commands, authorized against the engine state first: an
 * agent may name only offers made to it and chats it owns, joined as participant, or wraps up;
 * `stats` is for supervisors; a supervisor's `hello {observe}` stays out of the engine; a logout
 * revokes the agent's session tokens and closes its connections.
 * Invariants: synchronous, no await (one step of the single sequential handler); the actor is the
 * connection's token subject; a message is admitted (live/message-admission.ts) before the engine
 * sees it; answers `ack` once the input is durable, `error` with a documented code otherwise.
 */
import { directory } from "../core/directory.ts"
import type { EngineState } from "../core/state.ts"
import { fillTemplate } from "../core/templates.ts"
import { history, typing } from "./chat-relay.ts"
import { errorFrame } from "./error-frame.ts"
import type { HandlerContext } from "./handlers.ts"
import { ackRef, forbidden, pong, run } from "./handlers.ts"
import { refusedText } from "./message-admission.ts"
import type { AgentFrame } from "./protocol.ts"
import type { ServerFrame } from "./server-frames.ts"
import type { Conn } from "./sessions.ts"
import { statsFrame } from "./stats.ts"
import { actorOf } from "./submission.ts"
import { presenceFields } from "./views.ts"
import { agentWelcome } from "./welcome.ts"

type FrameOf<T extends AgentFrame["type"]> = Extract<AgentFrame, { readonly type: T }>

export const handleAgentFrame = (ctx: HandlerContext, conn: Conn, f: AgentFrame): void => {
  const me = conn.subject
  if (f.type === "hello") return agentHello(ctx, conn, f.resume ?? {}, f.observe ?? false)
  if (f.type === "ping") return conn.send(pong(ctx, f.ref))
  const ref = "ref" in f ? f.ref : undefined
  if ("chatId" in f && f.type !== "wrapUp" && f.type !== "history" && !holds(ctx, me, f.chatId))
    return forbidden(conn, `chat "${f.chatId}"`, ref, ["chatId"])
  switch (f.type) {
    case "setPresence":
      return void run(ctx, conn, presenceCommand(me, f), ref)
    case "accept":
    case "decline":
      return answerOffer(ctx, conn, f, ref)
    case "send":
      if (refusedText(ctx, conn, f.chatId, f.text, ref)) return
      return void run(ctx, conn, { _tag: "AgentMessage", agentId: me, chatId: f.chatId, text: f.text }, ref)
    case "sendTemplate":
      return sendTemplate(ctx, conn, f, ref)
    case "typing":
      return typing(ctx, f.chatId, "agent", ctx.center.state.agents.get(me)?.config.name ?? me, f.active, me)
    case "transfer":
      return void run(ctx, conn, transferCommand(me, f), ref)
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
      if (!wrapsUp(ctx, me, f.chatId)) return forbidden(conn, `wrap-up of chat "${f.chatId}"`, ref, ["chatId"])
      return void run(ctx, conn, { _tag: "SubmitWrapUp", agentId: me, chatId: f.chatId, reason: f.reason }, ref)
    case "history":
      if (!holds(ctx, me, f.chatId) && !wrapsUp(ctx, me, f.chatId))
        return forbidden(conn, `chat "${f.chatId}"`, ref, ["chatId"])
      return history(ctx, conn, ctx.center.transcripts.openRecord(f.chatId), f.chatId, f, ref, true)
    case "directory":
      return conn.send(directoryFrame(ctx.center.state, me, ref))
    case "stats":
      if (!ctx.supervisors.has(me))
        return conn.send(errorFrame("FORBIDDEN", "stats are for supervisors", { ref, path: ["type"] }))
      return conn.send(statsFrame(ctx.center.state, ctx.center.service, ctx.center.nowMs(), ref))
    case "logout":
      return logout(ctx, conn, ref)
  }
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
  if (!observe && a.presence._tag === "LoggedOut")
    ctx.center.submit({ _tag: "Login", agentId: a.id }, actorOf("agent", a.id))
  else if (!observe && !a.connected)
    ctx.center.submit({ _tag: "AgentReconnect", agentId: a.id }, actorOf("agent", a.id))
  const { welcome, refused } = agentWelcome(ctx, a.id, resume)
  conn.helloDone = true
  ctx.registry.subscribe(conn)
  conn.send(welcome)
  for (const id of refused) forbidden(conn, `chat "${id.slice(0, 64)}"`, undefined, ["resume", id])
}

const holds = (ctx: HandlerContext, agentId: string, chatId: string): boolean =>
  ctx.center.state.agents.get(agentId)?.chats.has(chatId) === true

const wrapsUp = (ctx: HandlerContext, agentId: string, chatId: string): boolean =>
  ctx.center.state.agents.get(agentId)?.wrapUps.has(chatId) === true

const presenceCommand = (me: string, f: FrameOf<"setPresence">) =>
  f.presence === "Available"
    ? ({ _tag: "GoAvailable", agentId: me } as const)
    : ({ _tag: "GoIdle", agentId: me, code: f.code } as const)

const transferCommand = (me: string, f: FrameOf<"transfer">) =>
  "toQueue" in f
    ? ({ _tag: "TransferToQueue", agentId: me, chatId: f.chatId, queueId: f.toQueue } as const)
    : ({ _tag: "TransferToAgent", agentId: me, chatId: f.chatId, targetAgentId: f.toAgent } as const)

/** Accept or decline: only an offer made to this agent (an unknown one is the engine's to refuse). */
const answerOffer = (ctx: HandlerContext, conn: Conn, f: FrameOf<"accept" | "decline">, ref: string | undefined) => {
  const state = ctx.center.state
  const offer = state.offers.get(f.offerId) ?? state.expiredOffers.get(f.offerId)
  if (offer !== undefined && offer.agentId !== conn.subject)
    return forbidden(conn, `offer ${f.offerId}`, ref, ["offerId"])
  const tag = f.type === "accept" ? "AcceptOffer" : "DeclineOffer"
  return void run(ctx, conn, { _tag: tag, agentId: conn.subject, offerId: f.offerId }, ref)
}

/** A template is admitted as the text it fills to (one that does not fill is the engine's to refuse). */
const sendTemplate = (ctx: HandlerContext, conn: Conn, f: FrameOf<"sendTemplate">, ref: string | undefined) => {
  const template = ctx.center.state.config.templates[f.templateId]
  const filled = template === undefined ? undefined : fillTemplate(template, f.params)
  if (filled?._tag === "Filled" && refusedText(ctx, conn, f.chatId, filled.text, ref)) return
  const command = {
    _tag: "AgentTemplate",
    agentId: conn.subject,
    chatId: f.chatId,
    templateId: f.templateId,
    params: { ...f.params }
  } as const
  return void run(ctx, conn, command, ref)
}

const directoryFrame = (state: EngineState, me: string, ref: string | undefined): ServerFrame => {
  const d = directory(state, me)!
  return {
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
  }
}

/** A refused engine logout (open work) keeps the session; otherwise the token dies with it. */
const logout = (ctx: HandlerContext, conn: Conn, ref: string | undefined): void => {
  const me = conn.subject
  const inEngine = ctx.center.state.agents.get(me)?.presence._tag !== "LoggedOut"
  if (inEngine && !run(ctx, conn, { _tag: "Logout", agentId: me }, ref)) return
  if (!inEngine) conn.send(ackRef(ref))
  if (!ctx.center.revocations.revoke(`agent:${me}`, ctx.center.nowMs())) return
  for (const c of ctx.registry.agentConns(me)) c.close(1000, "logged out")
}
