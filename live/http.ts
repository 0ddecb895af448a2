/**
 * The HTTP side: agent login (password -> signed session token), customer chat start (durable,
 * idempotent per key, returns a token scoped to the new chat), the queue list, /healthz, /metrics
 * and static pages from live/pages/. Invariants: bodies are bounded (16 KiB) and Schema-decoded
 * strictly; a request with a foreign Origin is refused; errors use the WebSocket error shape and
 * never say whether an agent id exists (an unknown id costs the same password hashing, and the
 * per-account lock applies to any id typed); a chat starts at most once per idempotency key; an answer
 * that may tell of an input (chat start, health, metrics) waits for that input's commit.
 */
import { randomBytes } from "node:crypto"
import { existsSync, readFileSync } from "node:fs"
import type { IncomingMessage, ServerResponse } from "node:http"
import { fileURLToPath } from "node:url"
import { Result, Schema, SchemaIssue } from "effect"
import { issueProblems, problemLine } from "../input/issues.ts"
import type { LiveConfig } from "./config.ts"
import type { Ctx } from "./handlers.ts"
import { LoginGuard } from "./login-guard.ts"
import { hashPassword, verifyPasswordAsync } from "./passwords.ts"
import { Id, Name, Text } from "./protocol.ts"
import { LimiterTable } from "./limiter-table.ts"
import { isBlank } from "./text.ts"
import { credentialTag, issueToken, verifyToken } from "./tokens.ts"

export interface HttpOptions {
  readonly ctx: Ctx
  readonly config: LiveConfig
  readonly secret: Buffer
  readonly allowedOrigins: ReadonlySet<string>
  readonly startedAtMs: number
  readonly isDraining: () => boolean
}

const MAX_BODY_BYTES = 16 * 1024
/** Client addresses whose login and chat-start buckets are kept (least recently used evicted). */
const ADDRESSES_KEPT = 10_000
const QUEUE_FULL_RETRY_MS = 5_000
const PAGES_DIR = fileURLToPath(new URL("./pages/", import.meta.url))
const STATIC = /^\/([a-z0-9-]{1,64})\.(html|js|css)$/
const TYPES: Readonly<Record<string, string>> = { html: "text/html; charset=utf-8", js: "text/javascript; charset=utf-8", css: "text/css; charset=utf-8" }

const Login = Schema.Struct({ agentId: Id, password: Schema.String.check(Schema.isMaxLength(200)) })
const StartChat = Schema.Struct({
  queueId: Id,
  customerName: Name,
  idempotencyKey: Schema.String.check(Schema.isPattern(/^[A-Za-z0-9_.:-]{16,64}$/)),
  proactive: Schema.optionalKey(Schema.Boolean),
  /** The customer's first message (the pre-chat form's question), written with the chat start. */
  message: Schema.optionalKey(Text)
})
/** Fields a customer may not set: they come from the queue, or from the customer token. */
const NOT_THE_CUSTOMERS: Readonly<Record<string, string>> = {
  priority: "priority is not set by the customer: a chat's priority comes from its queue",
  customerId: "customerId is not set in the body: it is bound to the customer token (send an earlier chat's token as Authorization: Bearer <token>)"
}
const strict = { onExcessProperty: "error" } as const
const decodeLogin = Schema.decodeUnknownResult(Login, strict)
const decodeStart = Schema.decodeUnknownResult(StartChat, strict)

const json = (res: ServerResponse, status: number, body: unknown, headers: Record<string, string> = {}): void => {
  const text = JSON.stringify(body)
  res.writeHead(status, { "content-type": "application/json", "content-length": Buffer.byteLength(text), "cache-control": "no-store", ...headers })
  res.end(text)
}
const fail = (res: ServerResponse, status: number, code: string, message: string, extra: Record<string, unknown> = {}): void =>
  json(res, status, { type: "error", code, message, ...extra })

const readJson = (req: IncomingMessage, res: ServerResponse, then: (value: unknown) => void): void => {
  const chunks: Array<Buffer> = []
  let size = 0
  let over = false
  req.on("data", (c: Buffer) => {
    size += c.length
    if (size > MAX_BODY_BYTES && !over) {
      over = true
      fail(res, 413, "TOO_BIG", `the body is over ${MAX_BODY_BYTES} bytes`)
      req.destroy()
    }
    if (!over) chunks.push(c)
  })
  req.on("end", () => {
    if (over) return
    try {
      then(JSON.parse(Buffer.concat(chunks).toString("utf8")))
    } catch {
      fail(res, 400, "BAD_JSON", "the body is not valid JSON")
    }
  })
}

/** The body's first problem, in the words of input/issues.ts. */
const schemaFail = (res: ServerResponse, issue: SchemaIssue.Issue): void => {
  const first = issueProblems(issue)[0] ?? { path: [], message: "invalid body" }
  fail(res, 400, "SCHEMA", problemLine(first, "body").slice(0, 300), { path: first.path.map(String) })
}

export const makeHttpHandler = (o: HttpOptions) => {
  const { ctx, config, secret } = o
  const { center, metrics } = ctx
  const { limits } = ctx
  const loginBuckets = new LimiterTable(limits.loginBurst, limits.loginPerSec, ADDRESSES_KEPT)
  const startBuckets = new LimiterTable(limits.chatStartBurst, limits.chatStartPerSec, ADDRESSES_KEPT)
  const limited = (buckets: LimiterTable, req: IncomingMessage): number | undefined => buckets.take(req.socket.remoteAddress ?? "?", center.nowMs())

  const guard = new LoginGuard(limits.loginFailuresBeforeLock, limits.loginLockMs, limits.loginMaxLockMs)
  // an unknown id is checked against this hash, so it costs what a wrong password of a real agent costs
  const unknownAgentHash = hashPassword(randomBytes(16).toString("hex"))

  const login = (req: IncomingMessage, res: ServerResponse): void => {
    const wait = limited(loginBuckets, req)
    if (wait !== undefined) return fail(res, 429, "RATE_LIMITED", "too many login attempts from this address", { retryAfterMs: wait })
    readJson(req, res, (value) => {
      const r = decodeLogin(value)
      if (Result.isFailure(r)) return schemaFail(res, r.failure.issue)
      const id = r.success.agentId
      const locked = guard.lockedFor(id, center.nowMs())
      if (locked !== undefined) return fail(res, 429, "RATE_LIMITED", "too many failed logins for this account; try again later", { retryAfterMs: locked })
      const cred = config.credentials.get(id)
      void verifyPasswordAsync(r.success.password, cred?.passwordHash ?? unknownAgentHash).then((ok) => {
        if (!ok || cred === undefined) {
          guard.failed(id, center.nowMs())
          return fail(res, 401, "UNAUTHORIZED", "unknown agent or wrong password")
        }
        guard.succeeded(id)
        const now = center.revocations.issueTimeFor(`agent:${cred.agentId}`, center.nowMs())
        const token = issueToken(secret, "a", cred.agentId, now, config.agentTokenTtlMs, { cred: credentialTag(secret, cred.fingerprint) })
        json(res, 200, {
          token, agentId: cred.agentId, agentName: center.state.agents.get(cred.agentId)?.config.name ?? cred.agentId,
          supervisor: cred.supervisor, expiresAtMs: now + config.agentTokenTtlMs, ws: `/ws/agent?token=${token}`
        })
      })
    })
  }

  /** The customer behind a request: the one of the earlier chat's token it carries, or a new one. */
  const customerOf = (req: IncomingMessage): string | undefined | "invalid" => {
    const auth = req.headers.authorization
    if (auth === undefined) return undefined
    const m = /^Bearer (\S+)$/.exec(auth)
    const v = m === null ? undefined : verifyToken(secret, m[1], "c", center.nowMs())
    if (v === undefined || v._tag === "Invalid") return "invalid"
    return v.claims.cus ?? `u_${v.claims.sub}`
  }

  const waitingChats = (): number => {
    let n = center.state.offers.size
    for (const q of center.state.queues.values()) n += q.waiting.size
    return n
  }

  const startChat = (req: IncomingMessage, res: ServerResponse): void => {
    const wait = limited(startBuckets, req)
    if (wait !== undefined) return fail(res, 429, "RATE_LIMITED", "too many chats started from this address", { retryAfterMs: wait })
    const known = customerOf(req)
    if (known === "invalid") return fail(res, 401, "UNAUTHORIZED", "the Authorization header is not a valid customer token (Bearer <token of an earlier chat>)")
    readJson(req, res, (value) => {
      if (typeof value === "object" && value !== null) {
        const taken = Object.keys(NOT_THE_CUSTOMERS).find((k) => Object.hasOwn(value, k))
        if (taken !== undefined) return fail(res, 400, "SCHEMA", NOT_THE_CUSTOMERS[taken]!, { path: [taken] })
      }
      const r = decodeStart(value)
      if (Result.isFailure(r)) return schemaFail(res, r.failure.issue)
      const b = r.success
      if (b.message !== undefined && isBlank(b.message)) return fail(res, 400, "EMPTY_MESSAGE", "the first message needs some visible text", { path: ["message"] })
      if (b.message !== undefined && b.message.length > limits.maxTextChars) {
        return fail(res, 400, "SCHEMA", `message is ${b.message.length} characters, the limit is ${limits.maxTextChars}`, { path: ["message"] })
      }
      // every answer waits for the commit of the inputs applied before it (group commit)
      const answer = (status: number, chatId: string, duplicate: boolean): void => center.batch.emit(() => {
        const customerId = center.state.chats.get(chatId)?.customerId ?? center.transcripts.get(chatId)?.customerId
        const token = issueToken(secret, "c", chatId, center.nowMs(), config.customerTokenTtlMs, customerId === undefined ? {} : { cus: customerId })
        const queueId = center.transcripts.get(chatId)?.queueId ?? b.queueId
        json(res, status, {
          chatId, token, queueId, queueName: center.state.queues.get(queueId)?.config.name ?? queueId,
          ws: `/ws/customer?token=${token}`, duplicate
        })
      })
      const dup = center.duplicateOf("http", b.idempotencyKey)
      if (dup?.chatId !== undefined) return answer(200, dup.chatId, true)
      const waiting = waitingChats()
      if (waiting >= limits.maxWaitingChats) {
        return fail(res, 503, "QUEUE_FULL", `the queues are full (${waiting} chats waiting for an agent, the limit is ${limits.maxWaitingChats}); try again later`, { retryAfterMs: QUEUE_FULL_RETRY_MS })
      }
      const chatId = `c_${randomBytes(16).toString("base64url")}`
      const customerId = known ?? `u_${randomBytes(12).toString("base64url")}`
      const first = b.message === undefined ? [] : [{ command: { _tag: "CustomerMessage", chatId, text: b.message } as const, actor: `customer:${chatId}` }]
      const outcome = center.submitTogether({
        _tag: "StartChat", chatId, queueId: b.queueId, customerName: b.customerName, proactive: b.proactive ?? false, customerId
      }, "http", b.idempotencyKey, first)
      switch (outcome._tag) {
        case "Applied":
          return answer(201, chatId, false)
        case "Duplicate":
          return answer(200, outcome.ack.chatId ?? chatId, true)
        case "Rejected":
          return center.batch.emit(() => fail(res, outcome.code === "UNKNOWN_QUEUE" ? 404 : outcome.code === "CUSTOMER_HAS_OPEN_CHAT" ? 409 : 400, outcome.code, outcome.message))
        case "NoEffect":
          return fail(res, 500, "INTERNAL", "the chat was not started")
      }
    })
  }

  const page = (res: ServerResponse, name: string, ext: string): void => {
    const path = `${PAGES_DIR}${name}.${ext}`
    if (!existsSync(path)) return fail(res, 404, "NOT_FOUND", "no such page")
    const body = readFileSync(path)
    res.writeHead(200, { "content-type": TYPES[ext]!, "content-length": body.length, "x-content-type-options": "nosniff" })
    res.end(body)
  }

  return (req: IncomingMessage, res: ServerResponse): void => {
    const url = new URL(req.url ?? "/", "http://localhost")
    const origin = req.headers.origin
    if (origin !== undefined && !o.allowedOrigins.has(origin)) return fail(res, 403, "FORBIDDEN", "origin not allowed")
    // HEAD is routed as GET; node sends the headers and drops the body
    const method = req.method === "HEAD" ? "GET" : req.method
    const route = `${method} ${url.pathname}`
    if (o.isDraining() && method === "POST") return fail(res, 503, "UNAVAILABLE", "the server is shutting down")
    switch (route) {
      case "POST /api/agent/login":
        return login(req, res)
      case "POST /api/chat":
        return startChat(req, res)
      case "GET /api/queues":
        return json(res, 200, { queues: center.state.config.queues.map((q) => ({ id: q.id, name: q.name })) })
      case "GET /healthz":
        return center.batch.emit(() => json(res, 200, {
          status: "ok", uptimeMs: center.nowMs() - o.startedAtMs, inputs: center.log.count,
          connections: { agent: ctx.registry.count("agent"), customer: ctx.registry.count("customer") }
        }))
      case "GET /metrics":
        return center.batch.emit(() => {
          void metrics.render().then((text) => {
            res.writeHead(200, { "content-type": metrics.contentType })
            res.end(text)
          }, () => fail(res, 500, "INTERNAL", "the metrics could not be read"))
        })
      case "GET /":
        return page(res, "index", "html")
    }
    const m = method === "GET" ? STATIC.exec(url.pathname) : null
    if (m !== null) return page(res, m[1]!, m[2]!)
    fail(res, 404, "NOT_FOUND", `no route ${req.method} ${url.pathname}`)
  }
}
