/**
 * The live server's configuration file (YAML or JSON): queues, agents with credentials, capacity,
 * wrap-up reasons, idle codes, templates, routing knobs, allowed origins and limits. Read by the
 * one document loader (input/document.ts), decoded with Schema (every problem with its path, in
 * the words of input/issues.ts, excess keys refused), then cross-checked with the core's
 * `configProblems`, durations read by input/duration.ts. Invariants: a `LiveConfig` has a self-consistent engine configuration, every
 * agent has a password hash (plain passwords are hashed at load and dropped), every limit is positive.
 */
import { createHash } from "node:crypto"
import * as Result from "effect/Result"
import * as Schema from "effect/Schema"
import type { EngineConfig } from "../core/config.ts"
import { configProblems, makeEngineConfig, RoutingPolicy, TransferFallback } from "../core/config.ts"
import { loadDocument } from "../input/document.ts"
import { DurationShape, readDuration } from "../input/duration.ts"
import { issueLines } from "../input/issues.ts"
import type { Limits } from "./limits.ts"
import { LimitsFile, resolveLimits } from "./limits.ts"
import { hashPassword, isPasswordHash } from "./passwords.ts"
import { DEFAULT_SERVICE_WINDOW_MS } from "./service-level.ts"

/** Its shape only: the value is read by input/duration.ts with the cross-field checks (all problems at once). */
const Duration = DurationShape
const opt = Schema.optionalKey

export const ConfigFile = Schema.Struct({
  server: opt(
    Schema.Struct({
      host: opt(Schema.String),
      port: opt(Schema.Int.check(Schema.isBetween({ minimum: 0, maximum: 65535 }))),
      allowedOrigins: opt(Schema.Array(Schema.String)),
      agentTokenTtl: opt(Duration),
      customerTokenTtl: opt(Duration),
      serviceLevelWindow: opt(Duration)
    })
  ),
  limits: opt(LimitsFile),
  routing: opt(
    Schema.Struct({
      policy: opt(RoutingPolicy),
      offerTimeout: opt(Duration),
      onTransferNotAccepted: opt(TransferFallback),
      disconnectGrace: opt(Duration),
      autoWrapUp: opt(Duration)
    })
  ),
  queues: Schema.Array(
    Schema.Struct({
      id: Schema.NonEmptyString,
      name: opt(Schema.String),
      priority: opt(Schema.Int),
      skill: opt(Schema.String),
      serviceLevelThreshold: opt(Duration),
      maxWait: opt(Duration),
      overflowTo: opt(Schema.String)
    })
  ).check(Schema.isMinLength(1)),
  agents: Schema.Array(
    Schema.Struct({
      id: Schema.String.check(Schema.isBetweenLength(1, 64)),
      name: opt(Schema.String),
      password: opt(Schema.String.check(Schema.isMinLength(4))),
      passwordHash: opt(Schema.String),
      capacity: opt(Schema.Int),
      queues: opt(Schema.Array(Schema.String)),
      skills: opt(Schema.Record(Schema.String, Schema.Finite)),
      transferQueues: opt(Schema.Array(Schema.String)),
      supervisor: opt(Schema.Boolean)
    })
  ).check(Schema.isMinLength(1)),
  wrapUpReasons: opt(Schema.Array(Schema.NonEmptyString)),
  defaultWrapUpReason: opt(Schema.NonEmptyString),
  idleCodes: opt(Schema.Array(Schema.NonEmptyString)),
  templates: opt(Schema.Record(Schema.String, Schema.String))
})
export type ConfigFile = typeof ConfigFile.Type

export type { Limits } from "./limits.ts"
export { DEFAULT_LIMITS } from "./limits.ts"

export interface Credential {
  readonly agentId: string
  readonly passwordHash: string
  readonly supervisor: boolean
  /**
   * Stands for the configured password (sha256 of the plain password or of the given hash), so
   * tokens can carry a keyed tag of it: a changed password voids the tokens issued under the old one.
   */
  readonly fingerprint: string
}

export interface LiveConfig {
  readonly host: string
  readonly port: number
  /** Exact allowed Origin values; undefined: http://127.0.0.1:<port> and http://localhost:<port>. */
  readonly allowedOrigins: ReadonlyArray<string> | undefined
  readonly agentTokenTtlMs: number
  readonly customerTokenTtlMs: number
  /** The supervisor's service level counts the arrivals of this rolling window. */
  readonly serviceLevelWindowMs: number
  readonly limits: Limits
  readonly engine: EngineConfig
  readonly credentials: ReadonlyMap<string, Credential>
}

export type Loaded =
  | { readonly _tag: "Loaded"; readonly config: LiveConfig }
  | { readonly _tag: "Invalid"; readonly problems: ReadonlyArray<string> }

const decodeFile = Schema.decodeUnknownResult(ConfigFile, {
  errors: "all",
  onExcessProperty: "error",
  reportInput: true
})

/** The file's Schema alone: the decoded file, or every problem as a `path: message` line. */
export const decodeConfigFile = (value: unknown): Result.Result<ConfigFile, ReadonlyArray<string>> => {
  const r = decodeFile(value)
  return Result.isSuccess(r) ? Result.succeed(r.success) : Result.fail(issueLines(r.failure.issue, [], "config"))
}

/** Reads a config duration; a bad one is a problem line (the one duration message). */
type ReadMs = (value: number | string | undefined, path: ReadonlyArray<PropertyKey>) => number | undefined

/** Resolve a decoded file; problems collect every bad duration, credential and cross-reference. */
export const resolveConfig = (file: ConfigFile): Loaded => {
  const problems: Array<string> = []
  const ms: ReadMs = (value, path) => {
    if (value === undefined) return undefined
    const r = readDuration(value, path)
    if (Result.isFailure(r)) problems.push(r.failure)
    return Result.isSuccess(r) ? r.success : undefined
  }
  const r = file.routing ?? {}
  const offerTimeoutMs = ms(r.offerTimeout, ["routing", "offerTimeout"])
  if (offerTimeoutMs === 0) problems.push("routing.offerTimeout: must be more than 0")
  const autoWrapUpMs = ms(r.autoWrapUp, ["routing", "autoWrapUp"])
  const engine = makeEngineConfig({
    policy: r.policy,
    offerTimeoutMs,
    onTransferNotAccepted: r.onTransferNotAccepted,
    disconnectGraceMs: ms(r.disconnectGrace, ["routing", "disconnectGrace"]),
    ...(autoWrapUpMs === undefined ? {} : { autoWrapUpMs }),
    queues: file.queues.map((q, i) => ({
      id: q.id,
      name: q.name,
      priority: q.priority,
      skill: q.skill,
      serviceLevelThresholdMs: ms(q.serviceLevelThreshold, ["queues", i, "serviceLevelThreshold"]),
      maxWaitMs: ms(q.maxWait, ["queues", i, "maxWait"]),
      overflowTo: q.overflowTo
    })),
    agents: file.agents.map((a) => ({
      id: a.id,
      name: a.name,
      capacity: a.capacity,
      queues: a.queues,
      skills: a.skills,
      transferQueues: a.transferQueues
    })),
    wrapUpReasons: file.wrapUpReasons,
    defaultWrapUpReason: file.defaultWrapUpReason,
    idleCodes: file.idleCodes,
    templates: file.templates
  })
  problems.push(...configProblems(engine))
  const credentials = new Map<string, Credential>()
  file.agents.forEach((a, i) => {
    if (a.password !== undefined && a.passwordHash !== undefined)
      problems.push(`agents[${i}]: give password or passwordHash, not both`)
    else if (a.password === undefined && a.passwordHash === undefined)
      problems.push(`agents[${i}]: needs a password or passwordHash`)
    else if (a.passwordHash !== undefined && !isPasswordHash(a.passwordHash)) {
      problems.push(
        `agents[${i}].passwordHash: expected scrypt$N$r$p$salt$hash (see livechat-sim serve --hash-password)`
      )
    }
    const passwordHash = a.passwordHash ?? (a.password === undefined ? "" : hashPassword(a.password))
    const fingerprint = createHash("sha256")
      .update(a.passwordHash !== undefined ? `hash:${a.passwordHash}` : `plain:${a.password ?? ""}`)
      .digest("hex")
    credentials.set(a.id, { agentId: a.id, passwordHash, supervisor: a.supervisor ?? false, fingerprint })
  })
  const s = file.server ?? {}
  const limits = resolveLimits(file.limits ?? {}, ms, problems)
  ;(s.allowedOrigins ?? []).forEach((o, i) => {
    if (!/^https?:\/\/[^/\s]+$/.test(o))
      problems.push(`server.allowedOrigins[${i}]: expected scheme://host[:port] with no path, got "${o}"`)
  })
  const agentTokenTtlMs = ms(s.agentTokenTtl, ["server", "agentTokenTtl"])
  const customerTokenTtlMs = ms(s.customerTokenTtl, ["server", "customerTokenTtl"])
  const serviceLevelWindowMs = ms(s.serviceLevelWindow, ["server", "serviceLevelWindow"])
  if (problems.length > 0) return { _tag: "Invalid", problems }
  return {
    _tag: "Loaded",
    config: {
      host: s.host ?? "127.0.0.1",
      port: s.port ?? 8080,
      allowedOrigins: s.allowedOrigins,
      agentTokenTtlMs: agentTokenTtlMs ?? 12 * 3_600_000,
      customerTokenTtlMs: customerTokenTtlMs ?? 24 * 3_600_000,
      serviceLevelWindowMs: serviceLevelWindowMs ?? DEFAULT_SERVICE_WINDOW_MS,
      limits,
      engine,
      credentials
    }
  }
}

/** Decode a parsed document (YAML or JSON value). */
export const decodeConfig = (value: unknown): Loaded => {
  const r = decodeConfigFile(value)
  return Result.isSuccess(r) ? resolveConfig(r.success) : { _tag: "Invalid", problems: r.failure }
}

/** Read and check a config file (input/document.ts); every problem names its path (or file:line:column for syntax). */
export const loadConfig = (path: string): Loaded => {
  const loaded = loadDocument(path, "a server config file")
  return Result.isSuccess(loaded) ? decodeConfig(loaded.success) : { _tag: "Invalid", problems: loaded.failure }
}
