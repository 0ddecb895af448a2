/**
 * POST /api/chat: a customer starts a chat, with its first message (the pre-chat form's
 * question) written with the chat start at the same instant; the answer carries a customer token
 * scoped to the new chat. Invariants: a chat starts at most once per idempotency key, durably,
 * before the answer is sent (a key used before, however long ago, answers 200 with the same
 * chat); the customer sets neither the priority (its queue's) nor its customer id (bound into the
 * token: a returning customer shows an earlier chat's token as Bearer); per address a token bucket
 * (429); no start beyond maxWaitingChats waiting (503 QUEUE_FULL); the first message is admitted
 * like any message (visible text, at most maxTextChars).
 */
import { randomBytes } from "node:crypto"
import * as Effect from "effect/Effect"
import { HttpServerRequest } from "effect/http"
import * as Result from "effect/Result"
import * as Schema from "effect/Schema"
import type { Center } from "./center.ts"
import type { LiveConfig } from "./config.ts"
import type { HandlerContext } from "./handlers.ts"
import { AddressBuckets, readJson } from "./http-request.ts"
import type { Response } from "./http-response.ts"
import { afterCommit, fail, json, schemaFail, strict } from "./http-response.ts"
import { Id, Name, Text } from "./protocol.ts"
import { actorOf } from "./submission.ts"
import { isBlank } from "./text.ts"
import { issueToken, verifyToken } from "./tokens.ts"

const QUEUE_FULL_RETRY_MS = 5_000

const StartChat = Schema.Struct({
  queueId: Id,
  customerName: Name,
  idempotencyKey: Schema.String.check(Schema.isPattern(/^[A-Za-z0-9_.:-]{16,64}$/)),
  proactive: Schema.optionalKey(Schema.Boolean),
  /** The customer's first message (the pre-chat form's question), written with the chat start. */
  message: Schema.optionalKey(Text)
})
type StartChat = typeof StartChat.Type
const decodeStart = Schema.decodeUnknownResult(StartChat, strict)

/** Fields a customer may not set: they come from the queue, or from the customer token. */
const NOT_THE_CUSTOMERS: Readonly<Record<string, string>> = {
  priority: "priority is not set by the customer: a chat's priority comes from its queue",
  customerId:
    "customerId is not set in the body: it is bound to the customer token (send an earlier chat's token as Authorization: Bearer <token>)"
}

interface Deps {
  readonly ctx: HandlerContext
  readonly config: LiveConfig
  readonly secret: Buffer
}

/** The chat-start route's handler (its buckets live as long as it does). */
export const chatStartRoute = (ctx: HandlerContext, config: LiveConfig, secret: Buffer) => {
  const d: Deps = { ctx, config, secret }
  const buckets = new AddressBuckets(ctx.limits.chatStartBurst, ctx.limits.chatStartPerSec)
  return Effect.gen(function* () {
    const request = yield* HttpServerRequest.HttpServerRequest
    const wait = buckets.take(request, ctx.center.nowMs())
    if (wait !== undefined)
      return fail(429, "RATE_LIMITED", "too many chats started from this address", { retryAfterMs: wait })
    const known = customerOf(d, request.headers["authorization"])
    if (known === "invalid")
      return fail(
        401,
        "UNAUTHORIZED",
        "the Authorization header is not a valid customer token (Bearer <token of an earlier chat>)"
      )
    const body = yield* readJson
    if (Result.isFailure(body)) return body.failure
    const b = admitBody(d, body.success)
    if (Result.isFailure(b)) return b.failure
    return yield* start(d, b.success, known)
  })
}

/** The customer behind a request: the one of the earlier chat's token it carries, or a new one. */
const customerOf = (d: Deps, auth: string | undefined): string | undefined | "invalid" => {
  if (auth === undefined) return undefined
  const m = /^Bearer (\S+)$/.exec(auth)
  const v = m === null ? undefined : verifyToken(d.secret, m[1], "c", d.ctx.center.nowMs())
  if (v === undefined || v._tag === "Invalid") return "invalid"
  return v.claims.cus ?? `u_${v.claims.sub}`
}

/** The decoded body, or the 400 that refuses it. */
const admitBody = (d: Deps, value: unknown): Result.Result<StartChat, Response> => {
  const limits = d.ctx.limits
  if (typeof value === "object" && value !== null) {
    const taken = Object.keys(NOT_THE_CUSTOMERS).find((k) => Object.hasOwn(value, k))
    if (taken !== undefined) return Result.fail(fail(400, "SCHEMA", NOT_THE_CUSTOMERS[taken]!, { path: [taken] }))
  }
  const r = decodeStart(value)
  if (Result.isFailure(r)) return Result.fail(schemaFail(r.failure.issue))
  const b = r.success
  if (b.message !== undefined && isBlank(b.message))
    return Result.fail(fail(400, "EMPTY_MESSAGE", "the first message needs some visible text", { path: ["message"] }))
  if (b.message !== undefined && b.message.length > limits.maxTextChars) {
    const message = `message is ${b.message.length} characters, the limit is ${limits.maxTextChars}`
    return Result.fail(fail(400, "SCHEMA", message, { path: ["message"] }))
  }
  return Result.succeed(b)
}

const waitingChats = (center: Center): number => {
  let n = center.state.offers.size
  for (const q of center.state.queues.values()) n += q.waiting.size
  return n
}

/** Start the chat once per key (with its first message), answered after its commit. */
const start = (d: Deps, b: StartChat, known: string | undefined): Effect.Effect<Response> => {
  const { center, limits } = d.ctx
  const dup = center.duplicateOf("http", b.idempotencyKey)
  if (dup?.chatId !== undefined) return answer(d, b, 200, dup.chatId, true)
  const waiting = waitingChats(center)
  if (waiting >= limits.maxWaitingChats) {
    const message = `the queues are full (${waiting} chats waiting for an agent, the limit is ${limits.maxWaitingChats}); try again later`
    return Effect.succeed(fail(503, "QUEUE_FULL", message, { retryAfterMs: QUEUE_FULL_RETRY_MS }))
  }
  const chatId = `c_${randomBytes(16).toString("base64url")}`
  const customerId = known ?? `u_${randomBytes(12).toString("base64url")}`
  const first =
    b.message === undefined
      ? []
      : [{ command: { _tag: "CustomerMessage", chatId, text: b.message } as const, actor: actorOf("customer", chatId) }]
  const command = {
    _tag: "StartChat",
    chatId,
    queueId: b.queueId,
    customerName: b.customerName,
    proactive: b.proactive ?? false,
    customerId
  } as const
  const outcome = center.submitTogether(command, "http", b.idempotencyKey, first)
  switch (outcome._tag) {
    case "Applied":
      return answer(d, b, 201, chatId, false)
    case "Duplicate":
      return answer(d, b, 200, outcome.ack.chatId ?? chatId, true)
    case "Rejected": {
      const status = outcome.code === "UNKNOWN_QUEUE" ? 404 : outcome.code === "CUSTOMER_HAS_OPEN_CHAT" ? 409 : 400
      return afterCommit(center, () => fail(status, outcome.code, outcome.message))
    }
    case "NoEffect":
      return Effect.succeed(fail(500, "INTERNAL", "the chat was not started"))
  }
}

/** The chat's answer, after its commit: a customer token bound to the chat's customer. */
const answer = (d: Deps, b: StartChat, status: number, chatId: string, duplicate: boolean) =>
  afterCommit(d.ctx.center, () => {
    const { center } = d.ctx
    const record = center.transcripts.get(chatId)
    const customerId = center.state.chats.get(chatId)?.customerId ?? record?.customerId
    const token = issueToken(
      d.secret,
      "c",
      chatId,
      center.nowMs(),
      d.config.customerTokenTtlMs,
      customerId === undefined ? {} : { cus: customerId }
    )
    const queueId = record?.queueId ?? b.queueId
    return json(status, {
      chatId,
      token,
      queueId,
      queueName: center.state.queues.get(queueId)?.config.name ?? queueId,
      ws: `/ws/customer?token=${token}`,
      duplicate
    })
  })
