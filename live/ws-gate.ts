/**
 * The WebSocket admission: the upgrade gate (path -> role, Origin allowlist, draining, a signed
 * token of the path's role, not revoked, and for an agent one issued under its current password)
 * and, once upgraded, the connection caps (the server's, the share kept for agents, one
 * principal's). Both are decisions, not actions: `admit` and `capacityRefusal` read and return a
 * tagged verdict; `refuseUpgrade` writes a refusal on the raw socket.
 * Invariants: the checks run in that order, so a refusal names the first one that failed; a
 * refused upgrade never reaches ws: it is answered as plain HTTP with the WebSocket error shape
 * and the socket destroyed; customers stop short of the connections reserved for agents.
 */
import type { IncomingMessage } from "node:http"
import type { Duplex } from "node:stream"
import type { Credential, Limits } from "./config.ts"
import type { Role } from "./protocol.ts"
import type { Revocations } from "./revocations.ts"
import type { Registry } from "./sessions.ts"
import type { TokenClaims } from "./tokens.ts"
import { credentialTag, verifyToken } from "./tokens.ts"

export interface GateOptions {
  readonly secret: Buffer
  /** Agents' credentials: an agent token must carry the tag of its agent's current one. */
  readonly credentials: ReadonlyMap<string, Credential>
  readonly allowedOrigins: ReadonlySet<string>
  readonly isDraining: () => boolean
}

type RefusalStatus = 401 | 403 | 404 | 503

export type Admission =
  | {
      readonly _tag: "Admitted"
      readonly role: Role
      readonly claims: TokenClaims
      /** Who the limits are per: "agent:<id>" or "customer:<customer id>". */
      readonly principal: string
    }
  | {
      readonly _tag: "Refused"
      readonly status: RefusalStatus
      readonly code: string
      /** The `reason` label of livechat_connections_refused_total. */
      readonly reason: string
      readonly message: string
    }

const STATUS_TEXT: Readonly<Record<RefusalStatus, string>> = {
  401: "Unauthorized",
  403: "Forbidden",
  404: "Not Found",
  503: "Service Unavailable"
}

const refused = (status: RefusalStatus, code: string, reason: string, message: string): Admission => ({
  _tag: "Refused",
  status,
  code,
  reason,
  message
})

const roleOf = (pathname: string): Role | undefined =>
  pathname === "/ws/agent" ? "agent" : pathname === "/ws/customer" ? "customer" : undefined

/** The verdict on an upgrade request, at `nowMs`. */
export const admit = (req: IncomingMessage, o: GateOptions, revocations: Revocations, nowMs: number): Admission => {
  const url = new URL(req.url ?? "/", "http://localhost")
  const role = roleOf(url.pathname)
  if (role === undefined) return refused(404, "NOT_FOUND", "path", "no WebSocket endpoint here")
  const origin = req.headers.origin
  if (origin !== undefined && !o.allowedOrigins.has(origin))
    return refused(403, "FORBIDDEN", "origin", "origin not allowed")
  if (o.isDraining()) return refused(503, "UNAVAILABLE", "draining", "the server is shutting down")
  const v = verifyToken(o.secret, url.searchParams.get("token") ?? undefined, role === "agent" ? "a" : "c", nowMs)
  if (v._tag === "Invalid")
    return refused(401, "UNAUTHORIZED", `token-${v.reason}`, "missing, invalid or expired token")
  const claims = v.claims
  const principal = role === "agent" ? `agent:${claims.sub}` : `customer:${claims.cus ?? claims.sub}`
  if (revocations.isRevoked(principal, claims.iatMs))
    return refused(401, "UNAUTHORIZED", "token-revoked", "this token was revoked (logged out); log in again")
  if (role === "agent" && !currentCredential(o, claims)) {
    const message = "this token was issued under another password; log in again"
    return refused(401, "UNAUTHORIZED", "token-credential", message)
  }
  return { _tag: "Admitted", role, claims, principal }
}

const currentCredential = (o: GateOptions, claims: TokenClaims): boolean => {
  const cred = o.credentials.get(claims.sub)
  return cred !== undefined && claims.cred === credentialTag(o.secret, cred.fingerprint)
}

/** Answer a refused upgrade on the raw socket (plain HTTP, the error shape) and destroy it. */
export const refuseUpgrade = (socket: Duplex, r: Extract<Admission, { _tag: "Refused" }>): void => {
  const body = JSON.stringify({ type: "error", code: r.code, message: r.message })
  socket.end(
    `HTTP/1.1 ${r.status} ${STATUS_TEXT[r.status]}\r\nConnection: close\r\nContent-Type: application/json\r\nContent-Length: ${Buffer.byteLength(body)}\r\n\r\n${body}`
  )
  socket.destroy()
}

export interface CapacityOptions {
  readonly maxConnections: number
  /** Connections customers may never take (kept for agents). */
  readonly reservedAgentConnections: number
}

/** Why an upgraded connection cannot stay (its close code, reason and metric label), or undefined. */
export const capacityRefusal = (
  registry: Registry,
  limits: Limits,
  o: CapacityOptions,
  role: Role,
  principal: string
): { readonly code: number; readonly reason: string; readonly metric: string } | undefined => {
  const full =
    registry.all.size >= o.maxConnections ||
    (role === "customer" && registry.count("customer") >= o.maxConnections - o.reservedAgentConnections)
  if (full) return { code: 4013, reason: "server full", metric: "full" }
  const cap = role === "agent" ? limits.maxConnectionsPerAgent : limits.maxConnectionsPerCustomer
  if (registry.countOf(principal) >= cap)
    return { code: 4029, reason: `too many connections for this ${role} (at most ${cap})`, metric: "principal-cap" }
  return undefined
}
