/**
 * POST /api/agent/login: an agent's password -> a signed session token bound to its current
 * credential. Invariants: the answer never says whether an agent id exists (an unknown id is
 * checked against a throwaway hash, so it costs what a wrong password of a real agent costs, and
 * gets the same 401); per address a token bucket (429 RATE_LIMITED), per account id, known or not,
 * the lock after repeated failures (live/login-guard.ts); a correct password clears the count; a
 * token is issued no earlier than the agent's last revocation (a logout), so it is not born void.
 */
import { randomBytes } from "node:crypto"
import * as Effect from "effect/Effect"
import { HttpServerRequest } from "effect/http"
import * as Result from "effect/Result"
import * as Schema from "effect/Schema"
import type { Credential, LiveConfig } from "./config.ts"
import type { HandlerContext } from "./handlers.ts"
import { AddressBuckets, readJson } from "./http-request.ts"
import type { Response } from "./http-response.ts"
import { fail, json, schemaFail, strict } from "./http-response.ts"
import { LoginGuard } from "./login-guard.ts"
import { hashPassword, verifyPasswordAsync } from "./passwords.ts"
import { Id } from "./protocol.ts"
import { credentialTag, issueToken } from "./tokens.ts"

const Login = Schema.Struct({ agentId: Id, password: Schema.String.check(Schema.isMaxLength(200)) })
const decodeLogin = Schema.decodeUnknownResult(Login, strict)

/** The login route's handler (its buckets and lock table live as long as it does). */
export const loginRoute = (ctx: HandlerContext, config: LiveConfig, secret: Buffer) => {
  const { center, limits } = ctx
  const buckets = new AddressBuckets(limits.loginBurst, limits.loginPerSec)
  const guard = new LoginGuard(limits.loginFailuresBeforeLock, limits.loginLockMs, limits.loginMaxLockMs)
  // an unknown id is checked against this hash, so it costs what a wrong password of a real agent costs
  const unknownAgentHash = hashPassword(randomBytes(16).toString("hex"))

  return Effect.gen(function* () {
    const request = yield* HttpServerRequest.HttpServerRequest
    const wait = buckets.take(request, center.nowMs())
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
    return session(ctx, config, secret, cred)
  })
}

/** The 200 answer of a good login: a token issued no earlier than the agent's last revocation. */
const session = (ctx: HandlerContext, config: LiveConfig, secret: Buffer, cred: Credential): Response => {
  const { center } = ctx
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
}
