/**
 * The server's `limits` (config file section and resolved values): what one connection, one
 * principal (agent or customer), one client address, one chat and the whole server may use, with
 * their defaults (docs/protocol.md section 9 states each with its error). Invariants: every limit is
 * positive; the per-principal frame bucket defaults to the per-connection one; the reserved agent
 * connections stay below the connection cap.
 */
import * as Schema from "effect/Schema"
import { DurationShape } from "../input/duration.ts"

/** Its shape only: config.ts reads the value with the one duration reader. */
const Duration = DurationShape
const Positive = Schema.Int.check(Schema.isGreaterThan(0))
const opt = Schema.optionalKey

export const LimitsFile = Schema.Struct({
  maxConnections: opt(Positive),
  maxConnectionsPerAgent: opt(Positive),
  maxConnectionsPerCustomer: opt(Positive),
  reservedAgentConnections: opt(Schema.Int.check(Schema.isGreaterThanOrEqualTo(0))),
  maxWaitingChats: opt(Positive),
  maxPayloadBytes: opt(Positive),
  maxBufferedBytes: opt(Positive),
  maxTextChars: opt(Positive),
  maxChatMessages: opt(Positive),
  maxChatBytes: opt(Positive),
  offerThreadMessages: opt(Positive),
  pageMessages: opt(Positive),
  pageBytes: opt(Positive),
  rateBurst: opt(Positive),
  ratePerSec: opt(Schema.Finite.check(Schema.isGreaterThan(0))),
  floodBurst: opt(Positive),
  principalRateBurst: opt(Positive),
  principalRatePerSec: opt(Schema.Finite.check(Schema.isGreaterThan(0))),
  chatStartBurst: opt(Positive),
  chatStartPerSec: opt(Schema.Finite.check(Schema.isGreaterThan(0))),
  loginBurst: opt(Positive),
  loginPerSec: opt(Schema.Finite.check(Schema.isGreaterThan(0))),
  loginFailuresBeforeLock: opt(Positive),
  loginLock: opt(Duration),
  loginMaxLock: opt(Duration),
  heartbeat: opt(Duration),
  helloTimeout: opt(Duration)
})
export type LimitsFile = typeof LimitsFile.Type

export interface Limits {
  readonly maxConnections: number
  /** Connections one agent (token subject) or one customer may hold at once (more: close 4029). */
  readonly maxConnectionsPerAgent: number
  readonly maxConnectionsPerCustomer: number
  /** Connections customers can never take; undefined: min(maxConnections / 2, agents x per-agent cap). */
  readonly reservedAgentConnections: number | undefined
  /** Chats waiting for an agent (queued or offered) over all queues; more: POST /api/chat 503 QUEUE_FULL. */
  readonly maxWaitingChats: number
  readonly maxPayloadBytes: number
  readonly maxBufferedBytes: number
  readonly maxTextChars: number
  /** A chat holds at most this many messages and this many UTF-8 bytes of text (CHAT_FULL). */
  readonly maxChatMessages: number
  readonly maxChatBytes: number
  /** An offer carries the chat's last messages: at most this many (and pageBytes / 4). */
  readonly offerThreadMessages: number
  /** A chat view, welcome or history page carries at most this many messages and bytes. */
  readonly pageMessages: number
  readonly pageBytes: number
  readonly rateBurst: number
  readonly ratePerSec: number
  readonly floodBurst: number
  /** Frame bucket shared by all connections of one principal (agent or customer). */
  readonly principalRateBurst: number
  readonly principalRatePerSec: number
  /** Per client address: chat starts and login attempts. */
  readonly chatStartBurst: number
  readonly chatStartPerSec: number
  readonly loginBurst: number
  readonly loginPerSec: number
  /** Wrong passwords in a row (per agent id, known or not) before the account is locked for loginLockMs, doubling up to loginMaxLockMs. */
  readonly loginFailuresBeforeLock: number
  readonly loginLockMs: number
  readonly loginMaxLockMs: number
  readonly heartbeatMs: number
  readonly helloTimeoutMs: number
}

export const DEFAULT_LIMITS: Limits = {
  maxConnections: 10_000,
  maxConnectionsPerAgent: 8,
  maxConnectionsPerCustomer: 4,
  reservedAgentConnections: undefined,
  maxWaitingChats: 5_000,
  maxPayloadBytes: 64 * 1024,
  maxBufferedBytes: 1024 * 1024,
  maxTextChars: 4_000,
  maxChatMessages: 2_000,
  maxChatBytes: 256 * 1024,
  offerThreadMessages: 10,
  pageMessages: 100,
  pageBytes: 64 * 1024,
  rateBurst: 30,
  ratePerSec: 10,
  floodBurst: 60,
  principalRateBurst: 30,
  principalRatePerSec: 10,
  chatStartBurst: 60,
  chatStartPerSec: 20,
  loginBurst: 10,
  loginPerSec: 0.5,
  loginFailuresBeforeLock: 5,
  loginLockMs: 30_000,
  loginMaxLockMs: 15 * 60_000,
  heartbeatMs: 30_000,
  helloTimeoutMs: 10_000
}

/** Resolve the file's limits; `ms` parses a duration (reporting a bad one), `problems` collects the rest. */
export const resolveLimits = (
  l: LimitsFile,
  ms: (value: number | string | undefined, path: ReadonlyArray<PropertyKey>) => number | undefined,
  problems: Array<string>
): Limits => {
  // the counts and rates as given, over the defaults; the durations are parsed (and reported) here
  const { loginLock, loginMaxLock, heartbeat, helloTimeout, ...given } = l
  const limits: Limits = {
    ...DEFAULT_LIMITS,
    ...given,
    // a principal's bucket defaults to a connection's: one connection at full rate, or several sharing it
    principalRateBurst: l.principalRateBurst ?? l.rateBurst ?? DEFAULT_LIMITS.principalRateBurst,
    principalRatePerSec: l.principalRatePerSec ?? l.ratePerSec ?? DEFAULT_LIMITS.principalRatePerSec,
    loginLockMs: ms(loginLock, ["limits", "loginLock"]) ?? DEFAULT_LIMITS.loginLockMs,
    loginMaxLockMs: ms(loginMaxLock, ["limits", "loginMaxLock"]) ?? DEFAULT_LIMITS.loginMaxLockMs,
    heartbeatMs: ms(heartbeat, ["limits", "heartbeat"]) ?? DEFAULT_LIMITS.heartbeatMs,
    helloTimeoutMs: ms(helloTimeout, ["limits", "helloTimeout"]) ?? DEFAULT_LIMITS.helloTimeoutMs
  }
  if (limits.heartbeatMs < 10) problems.push("limits.heartbeat: at least 10ms")
  if (limits.reservedAgentConnections !== undefined && limits.reservedAgentConnections >= limits.maxConnections) {
    problems.push(
      `limits.reservedAgentConnections: must be below maxConnections (${limits.maxConnections}), got ${limits.reservedAgentConnections}`
    )
  }
  return limits
}
