/**
 * The HTTP side: agent login (password -> signed session token), customer chat start (durable,
 * idempotent per key, returns a token scoped to the new chat), the queue list, /healthz, /metrics
 * and static pages from live/pages/. Invariants: bodies are bounded (16 KiB) and Schema-decoded
 * strictly; a request with a foreign Origin is refused; errors use the WebSocket error shape and
 * never say whether an agent id exists (an unknown id costs the same password hashing, and the
 * per-account lock applies to any id typed); a chat starts at most once per idempotency key; an
 * answer that may tell of an input (chat start, health, metrics) waits for that input's commit.
 *
 * Routing decision (issue #11): the routes run on effect's HttpRouter, served by
 * @effect/platform-node's request handler on the server's own node:http server; the WebSocket
 * upgrade stays on raw `ws` (live/ws-server.ts), the socket hot path. Measured with
 * `npm run bench -- --only live-relay`, six runs of each, alternating, same machine and load
 * (2 shared cores, load average 2-6): hand-routed median 5,794 msgs/s (tmpfs 6,395), router
 * median 5,874 msgs/s (tmpfs 6,670): no cost to the relay within the noise, so adopted. Plain
 * GET /api/queues from 20 in-process clients does cost: about 3,600 req/s against 4,500 (-20%);
 * no HTTP route is on the hot path (login is scrypt-bound, a chat start waits for its commit).
 */
import { randomBytes } from "node:crypto"
import { existsSync, readFileSync } from "node:fs"
import type { IncomingMessage, ServerResponse } from "node:http"
import { fileURLToPath } from "node:url"
import { NodeHttpServer } from "@effect/platform-node"
import type { SchemaIssue } from "effect"
import { ByteSize, Effect, Option, Result, Schema, Scope } from "effect"
import { HttpIncomingMessage, HttpRouter, HttpServerError, HttpServerRequest, HttpServerResponse } from "effect/http"
import { issueProblems, problemLine } from "../input/issues.ts"
import type { LiveConfig } from "./config.ts"
import type { HandlerContext } from "./handlers.ts"
import { LimiterTable } from "./limiter-table.ts"
import { LoginGuard } from "./login-guard.ts"
import { hashPassword, verifyPasswordAsync } from "./passwords.ts"
import { Id, Name, Text } from "./protocol.ts"
import { isBlank } from "./text.ts"
import { credentialTag, issueToken, verifyToken } from "./tokens.ts"

export interface HttpOptions {
  readonly ctx: HandlerContext
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
const TYPES: Readonly<Record<string, string>> = {
  html: "text/html; charset=utf-8",
  js: "text/javascript; charset=utf-8",
  css: "text/css; charset=utf-8"
}

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
  customerId:
    "customerId is not set in the body: it is bound to the customer token (send an earlier chat's token as Authorization: Bearer <token>)"
}
const strict = { onExcessProperty: "error", reportInput: true } as const
const decodeLogin = Schema.decodeUnknownResult(Login, strict)
const decodeStart = Schema.decodeUnknownResult(StartChat, strict)

type Response = HttpServerResponse.HttpServerResponse

const json = (status: number, body: unknown): Response =>
  HttpServerResponse.text(JSON.stringify(body), {
    status,
    contentType: "application/json",
    headers: { "cache-control": "no-store" }
  })
const fail = (status: number, code: string, message: string, extra: Record<string, unknown> = {}): Response =>
  json(status, { type: "error", code, message, ...extra })

const schemaFail = (issue: SchemaIssue.Issue): Response => {
  const first = issueProblems(issue)[0] ?? { path: [], message: "invalid body" }
  return fail(400, "SCHEMA", problemLine(first, "body").slice(0, 300), { path: first.path.map(String) })
}

const tooLarge = (e: unknown): boolean =>
  HttpServerError.isHttpServerError(e) && e.reason._tag === "RequestParseError" && e.reason.reason === "BodyTooLarge"

/** The JSON body (at most 16 KiB), or the error response. */
const readJson = Effect.gen(function* () {
  const request = yield* HttpServerRequest.HttpServerRequest
  const text = yield* Effect.result(
    request.text.pipe(Effect.provideService(HttpIncomingMessage.MaxBodySize, ByteSize.bytes(MAX_BODY_BYTES)))
  )
  if (Result.isFailure(text)) {
    return Result.fail(
      tooLarge(text.failure)
        ? fail(413, "TOO_BIG", `the body is over ${MAX_BODY_BYTES} bytes`)
        : fail(400, "BAD_JSON", "the body could not be read")
    )
  }
  try {
    return Result.succeed(JSON.parse(text.success) as unknown)
  } catch {
    return Result.fail(fail(400, "BAD_JSON", "the body is not valid JSON"))
  }
})

export const makeHttpHandler = (o: HttpOptions): ((req: IncomingMessage, res: ServerResponse) => void) => {
  const { ctx, config, secret } = o
  const { center, metrics, limits } = ctx
  const loginBuckets = new LimiterTable(limits.loginBurst, limits.loginPerSec, ADDRESSES_KEPT)
  const startBuckets = new LimiterTable(limits.chatStartBurst, limits.chatStartPerSec, ADDRESSES_KEPT)
  const limited = (buckets: LimiterTable, request: HttpServerRequest.HttpServerRequest): number | undefined =>
    buckets.take(
      Option.getOrElse(request.remoteAddress, () => "?"),
      center.nowMs()
    )
  const guard = new LoginGuard(limits.loginFailuresBeforeLock, limits.loginLockMs, limits.loginMaxLockMs)
  // an unknown id is checked against this hash, so it costs what a wrong password of a real agent costs
  const unknownAgentHash = hashPassword(randomBytes(16).toString("hex"))

  /** Waits for the commit of the inputs applied before it (group commit), then answers. */
  const afterCommit = <A>(f: () => A): Effect.Effect<A> =>
    Effect.callback<A>((resume) => center.batch.emit(() => resume(Effect.succeed(f()))))

  const login = Effect.gen(function* () {
    const request = yield* HttpServerRequest.HttpServerRequest
    const wait = limited(loginBuckets, request)
    if (wait !== undefined)
      return fail(429, "RATE_LIMITED", "too many login attempts from this address", { retryAfterMs: wait })
    const body = yield* readJson
    if (Result.isFailure(body)) return body.failure
    const r = decodeLogin(body.success)
    if (Result.isFailure(r)) return schemaFail(r.failure.issue)
    const id = r.success.agentId
    const locked = guard.lockedFor(id, center.nowMs())
    if (locked !== undefined)
      return fail(429, "RATE_LIMITED", "too many failed logins for this account; try again later", {
        retryAfterMs: locked
      })
    const cred = config.credentials.get(id)
    const ok = yield* Effect.promise(() =>
      verifyPasswordAsync(r.success.password, cred?.passwordHash ?? unknownAgentHash)
    )
    if (!ok || cred === undefined) {
      guard.failed(id, center.nowMs())
      return fail(401, "UNAUTHORIZED", "unknown agent or wrong password")
    }
    guard.succeeded(id)
    const now = center.revocations.issueTimeFor(`agent:${cred.agentId}`, center.nowMs())
    const token = issueToken(secret, "a", cred.agentId, now, config.agentTokenTtlMs, {
      cred: credentialTag(secret, cred.fingerprint)
    })
    return json(200, {
      token,
      agentId: cred.agentId,
      agentName: center.state.agents.get(cred.agentId)?.config.name ?? cred.agentId,
      supervisor: cred.supervisor,
      expiresAtMs: now + config.agentTokenTtlMs,
      ws: `/ws/agent?token=${token}`
    })
  })

  /** The customer behind a request: the one of the earlier chat's token it carries, or a new one. */
  const customerOf = (auth: string | undefined): string | undefined | "invalid" => {
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

  const startChat = Effect.gen(function* () {
    const request = yield* HttpServerRequest.HttpServerRequest
    const wait = limited(startBuckets, request)
    if (wait !== undefined)
      return fail(429, "RATE_LIMITED", "too many chats started from this address", { retryAfterMs: wait })
    const known = customerOf(request.headers["authorization"])
    if (known === "invalid")
      return fail(
        401,
        "UNAUTHORIZED",
        "the Authorization header is not a valid customer token (Bearer <token of an earlier chat>)"
      )
    const body = yield* readJson
    if (Result.isFailure(body)) return body.failure
    const value = body.success
    if (typeof value === "object" && value !== null) {
      const taken = Object.keys(NOT_THE_CUSTOMERS).find((k) => Object.hasOwn(value, k))
      if (taken !== undefined) return fail(400, "SCHEMA", NOT_THE_CUSTOMERS[taken]!, { path: [taken] })
    }
    const r = decodeStart(value)
    if (Result.isFailure(r)) return schemaFail(r.failure.issue)
    const b = r.success
    if (b.message !== undefined && isBlank(b.message))
      return fail(400, "EMPTY_MESSAGE", "the first message needs some visible text", { path: ["message"] })
    if (b.message !== undefined && b.message.length > limits.maxTextChars) {
      return fail(400, "SCHEMA", `message is ${b.message.length} characters, the limit is ${limits.maxTextChars}`, {
        path: ["message"]
      })
    }
    const answer = (status: number, chatId: string, duplicate: boolean) =>
      afterCommit(() => {
        const customerId = center.state.chats.get(chatId)?.customerId ?? center.transcripts.get(chatId)?.customerId
        const token = issueToken(
          secret,
          "c",
          chatId,
          center.nowMs(),
          config.customerTokenTtlMs,
          customerId === undefined ? {} : { cus: customerId }
        )
        const queueId = center.transcripts.get(chatId)?.queueId ?? b.queueId
        return json(status, {
          chatId,
          token,
          queueId,
          queueName: center.state.queues.get(queueId)?.config.name ?? queueId,
          ws: `/ws/customer?token=${token}`,
          duplicate
        })
      })
    const dup = center.duplicateOf("http", b.idempotencyKey)
    if (dup?.chatId !== undefined) return yield* answer(200, dup.chatId, true)
    const waiting = waitingChats()
    if (waiting >= limits.maxWaitingChats) {
      return fail(
        503,
        "QUEUE_FULL",
        `the queues are full (${waiting} chats waiting for an agent, the limit is ${limits.maxWaitingChats}); try again later`,
        { retryAfterMs: QUEUE_FULL_RETRY_MS }
      )
    }
    const chatId = `c_${randomBytes(16).toString("base64url")}`
    const customerId = known ?? `u_${randomBytes(12).toString("base64url")}`
    const first =
      b.message === undefined
        ? []
        : [{ command: { _tag: "CustomerMessage", chatId, text: b.message } as const, actor: `customer:${chatId}` }]
    const outcome = center.submitTogether(
      {
        _tag: "StartChat",
        chatId,
        queueId: b.queueId,
        customerName: b.customerName,
        proactive: b.proactive ?? false,
        customerId
      },
      "http",
      b.idempotencyKey,
      first
    )
    switch (outcome._tag) {
      case "Applied":
        return yield* answer(201, chatId, false)
      case "Duplicate":
        return yield* answer(200, outcome.ack.chatId ?? chatId, true)
      case "Rejected":
        return yield* afterCommit(() =>
          fail(
            outcome.code === "UNKNOWN_QUEUE" ? 404 : outcome.code === "CUSTOMER_HAS_OPEN_CHAT" ? 409 : 400,
            outcome.code,
            outcome.message
          )
        )
      case "NoEffect":
        return fail(500, "INTERNAL", "the chat was not started")
    }
  })

  const page = (name: string, ext: string): Response => {
    const path = `${PAGES_DIR}${name}.${ext}`
    if (!existsSync(path)) return fail(404, "NOT_FOUND", "no such page")
    return HttpServerResponse.uint8Array(readFileSync(path), {
      status: 200,
      contentType: TYPES[ext]!,
      headers: { "x-content-type-options": "nosniff" }
    })
  }

  const router = Effect.runSync(HttpRouter.make)
  const routes = [
    // a login records its failure and a chat start its answer even if the client hangs up meanwhile
    router.add("POST", "/api/agent/login", login, { uninterruptible: true }),
    router.add("POST", "/api/chat", startChat, { uninterruptible: true }),
    router.add(
      "GET",
      "/api/queues",
      Effect.sync(() => json(200, { queues: center.state.config.queues.map((q) => ({ id: q.id, name: q.name })) }))
    ),
    router.add(
      "GET",
      "/healthz",
      afterCommit(() =>
        json(200, {
          status: "ok",
          uptimeMs: center.nowMs() - o.startedAtMs,
          inputs: center.log.count,
          connections: { agent: ctx.registry.count("agent"), customer: ctx.registry.count("customer") }
        })
      )
    ),
    router.add(
      "GET",
      "/metrics",
      Effect.flatMap(
        afterCommit(() => metrics.render()),
        (render) =>
          Effect.match(
            Effect.tryPromise(() => render),
            {
              onSuccess: (text) => HttpServerResponse.text(text, { status: 200, contentType: metrics.contentType }),
              onFailure: () => fail(500, "INTERNAL", "the metrics could not be read")
            }
          )
      )
    ),
    router.add(
      "GET",
      "/",
      Effect.sync(() => page("index", "html"))
    ),
    router.add(
      "GET",
      "/:file",
      Effect.gen(function* () {
        const { file } = yield* HttpRouter.params
        const m = /^([a-z0-9-]{1,64})\.(html|js|css)$/.exec(file ?? "")
        return m === null ? fail(404, "NOT_FOUND", `no route GET /${file ?? ""}`) : page(m[1]!, m[2]!)
      })
    )
  ]
  for (const r of routes) Effect.runSync(r as Effect.Effect<void>)

  const app = Effect.gen(function* () {
    const request = yield* HttpServerRequest.HttpServerRequest
    const origin = request.headers["origin"]
    if (origin !== undefined && !o.allowedOrigins.has(origin)) return fail(403, "FORBIDDEN", "origin not allowed")
    if (o.isDraining() && request.method === "POST") return fail(503, "UNAVAILABLE", "the server is shutting down")
    return yield* router
      .asHttpEffect()
      .pipe(
        Effect.catch((e) =>
          Effect.succeed(
            HttpServerError.isHttpServerError(e) && e.reason._tag === "RouteNotFound"
              ? fail(
                  404,
                  "NOT_FOUND",
                  `no route ${request.method} ${new URL(request.url, "http://localhost").pathname}`
                )
              : fail(500, "INTERNAL", "the request could not be answered")
          )
        )
      )
  })
  return Effect.runSync(NodeHttpServer.makeHandler(app, { scope: Scope.makeUnsafe() }))
}
