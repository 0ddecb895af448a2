/**
 * Session tokens: `v1.<payload>.<signature>`, the payload base64url JSON `{r, sub, iat, exp}` plus
 * `cus` (customer tokens: the customer id the server bound to the chat) and `cred` (agent tokens: a
 * fingerprint of the agent's password hash, so a changed password revokes every earlier token)
 * (`r` "a" agent / "c" customer, `sub` the agent id or the chat id), signed with HMAC-SHA256 under
 * the data directory's secret. Invariants: a token verifies only with its role, its exact bytes
 * and an unexpired `exp`; comparison is constant-time; the payload is read into a fresh object.
 */
import { createHmac, timingSafeEqual } from "node:crypto"

export type TokenRole = "a" | "c"
export interface TokenClaims {
  readonly role: TokenRole
  readonly sub: string
  readonly iatMs: number
  readonly expMs: number
  readonly cus?: string
  readonly cred?: string
}

export interface TokenExtra {
  readonly cus?: string
  readonly cred?: string
}

const sign = (secret: Buffer, body: string): string => createHmac("sha256", secret).update(body).digest("base64url")

export const issueToken = (
  secret: Buffer,
  role: TokenRole,
  sub: string,
  nowMs: number,
  ttlMs: number,
  extra: TokenExtra = {}
): string => {
  const body = `v1.${Buffer.from(JSON.stringify({ r: role, sub, iat: nowMs, exp: nowMs + ttlMs, ...extra })).toString("base64url")}`
  return `${body}.${sign(secret, body)}`
}

export type Verified =
  | { readonly _tag: "Valid"; readonly claims: TokenClaims }
  | { readonly _tag: "Invalid"; readonly reason: "malformed" | "signature" | "expired" | "role" }

export const verifyToken = (secret: Buffer, token: string | undefined, role: TokenRole, nowMs: number): Verified => {
  if (token === undefined || token.length > 2_048) return { _tag: "Invalid", reason: "malformed" }
  const parts = token.split(".")
  if (parts.length !== 3 || parts[0] !== "v1") return { _tag: "Invalid", reason: "malformed" }
  const expected = Buffer.from(sign(secret, `${parts[0]}.${parts[1]}`))
  const given = Buffer.from(parts[2]!)
  if (given.length !== expected.length || !timingSafeEqual(given, expected))
    return { _tag: "Invalid", reason: "signature" }
  let payload: unknown
  try {
    payload = JSON.parse(Buffer.from(parts[1]!, "base64url").toString("utf8"))
  } catch {
    return { _tag: "Invalid", reason: "malformed" }
  }
  const p = payload as { r?: unknown; sub?: unknown; iat?: unknown; exp?: unknown; cus?: unknown; cred?: unknown }
  if (typeof p.sub !== "string" || typeof p.exp !== "number" || typeof p.iat !== "number")
    return { _tag: "Invalid", reason: "malformed" }
  if (p.r !== role) return { _tag: "Invalid", reason: "role" }
  if (nowMs >= p.exp) return { _tag: "Invalid", reason: "expired" }
  return {
    _tag: "Valid",
    claims: {
      role,
      sub: p.sub,
      iatMs: p.iat,
      expMs: p.exp,
      ...(typeof p.cus === "string" ? { cus: p.cus } : {}),
      ...(typeof p.cred === "string" ? { cred: p.cred } : {})
    }
  }
}

/** The keyed tag of a credential fingerprint an agent token carries as `cred` (reveals nothing without the secret). */
export const credentialTag = (secret: Buffer, fingerprint: string): string =>
  createHmac("sha256", secret).update(`cred:${fingerprint}`).digest("base64url").slice(0, 22)
