/**
 * Engine configuration: queues, agents, routing knobs, wrap-up reasons, idle codes, templates.
 * Owns the defaults (docs/rules.md) and `makeEngineConfig`, which fills them in.
 * Invariant kept: a resolved config is self-consistent (see `configProblems`): every id is unique,
 * every queue an agent serves or overflows to exists, capacity is 1-10, the default wrap-up reason
 * is in the list, the system idle codes are present, and every template is non-empty text whose
 * `<` and `>` only enclose `<name>` placeholders.
 */
import * as Schema from "effect/Schema"
import { AgentId, QueueId } from "./ids.ts"
import { strayBracket } from "./templates.ts"

export const RoutingPolicy = Schema.Literals(["longest-available", "least-busy", "round-robin", "skills-best"])
export type RoutingPolicy = typeof RoutingPolicy.Type

export const TransferFallback = Schema.Literals(["drop", "requeue"])
export type TransferFallback = typeof TransferFallback.Type

const Ms = Schema.Int.check(Schema.isGreaterThanOrEqualTo(0))

export const QueueConfig = Schema.Struct({
  id: QueueId,
  name: Schema.String,
  priority: Schema.Int,
  /** The skill an agent needs for `skills-best`; defaults to the queue id. */
  skill: Schema.String,
  serviceLevelThresholdMs: Ms,
  maxWaitMs: Schema.optionalKey(Ms),
  /** With maxWaitMs: the queue a chat moves to; without it the chat closes `expired`. */
  overflowTo: Schema.optionalKey(QueueId)
})
export type QueueConfig = typeof QueueConfig.Type

export const AgentConfig = Schema.Struct({
  id: AgentId,
  name: Schema.String,
  capacity: Schema.Int.check(Schema.isBetween({ minimum: 1, maximum: 10 })),
  queues: Schema.Array(QueueId),
  /** Proficiency per skill (higher is better), used by `skills-best`. */
  skills: Schema.Record(Schema.String, Schema.Finite),
  /** Queues this agent may transfer to; all queues when absent. */
  transferQueues: Schema.optionalKey(Schema.Array(QueueId))
})
export type AgentConfig = typeof AgentConfig.Type

export const EngineConfig = Schema.Struct({
  policy: RoutingPolicy,
  offerTimeoutMs: Schema.Int.check(Schema.isGreaterThan(0)),
  onTransferNotAccepted: TransferFallback,
  disconnectGraceMs: Ms,
  queues: Schema.Array(QueueConfig),
  agents: Schema.Array(AgentConfig),
  wrapUpReasons: Schema.Array(Schema.NonEmptyString),
  defaultWrapUpReason: Schema.NonEmptyString,
  /** Submit `defaultWrapUpReason` this long after wrap-up starts; absent: wait for the agent. */
  autoWrapUpMs: Schema.optionalKey(Ms),
  idleCodes: Schema.Array(Schema.NonEmptyString),
  templates: Schema.Record(Schema.String, Schema.String)
})
export type EngineConfig = typeof EngineConfig.Type

/** Idle codes the engine itself uses: after login, and after a declined offer. */
export const LOGIN_IDLE_CODE = "NotReady"
export const DECLINED_IDLE_CODE = "Declined"

export const DEFAULTS = {
  policy: "longest-available",
  offerTimeoutMs: 30_000,
  onTransferNotAccepted: "drop",
  disconnectGraceMs: 30_000,
  capacity: 5,
  serviceLevelThresholdMs: 20_000,
  wrapUpReasons: ["Resolved", "Follow-up", "Escalated", "No response"],
  idleCodes: [LOGIN_IDLE_CODE, DECLINED_IDLE_CODE, "Break", "Lunch", "Meeting", "Training"]
} as const

type Partial<T> = { readonly [K in keyof T]?: T[K] | undefined }
export type QueueInput = Partial<QueueConfig> & { readonly id: string }
export type AgentInput = Partial<AgentConfig> & { readonly id: string }
export type EngineConfigInput = Partial<Omit<EngineConfig, "queues" | "agents">> & {
  readonly queues: ReadonlyArray<QueueInput>
  readonly agents: ReadonlyArray<AgentInput>
}

const makeQueue = (q: QueueInput): QueueConfig => ({
  id: q.id,
  name: q.name ?? q.id,
  priority: q.priority ?? 0,
  skill: q.skill ?? q.id,
  serviceLevelThresholdMs: q.serviceLevelThresholdMs ?? DEFAULTS.serviceLevelThresholdMs,
  ...(q.maxWaitMs === undefined ? {} : { maxWaitMs: q.maxWaitMs }),
  ...(q.overflowTo === undefined ? {} : { overflowTo: q.overflowTo })
})

const makeAgent = (a: AgentInput, allQueues: ReadonlyArray<string>): AgentConfig => ({
  id: a.id,
  name: a.name ?? a.id,
  capacity: a.capacity ?? DEFAULTS.capacity,
  queues: a.queues ?? allQueues,
  skills: a.skills ?? {},
  ...(a.transferQueues === undefined ? {} : { transferQueues: a.transferQueues })
})

/** Fills every default; callers validate with `configProblems` before building state. */
export const makeEngineConfig = (input: EngineConfigInput): EngineConfig => {
  const queues = input.queues.map(makeQueue)
  const queueIds = queues.map((q) => q.id)
  const reasons = input.wrapUpReasons ?? DEFAULTS.wrapUpReasons
  const idle = input.idleCodes ?? DEFAULTS.idleCodes
  const systemCodes = [LOGIN_IDLE_CODE, DECLINED_IDLE_CODE].filter((c) => !idle.includes(c))
  return {
    policy: input.policy ?? DEFAULTS.policy,
    offerTimeoutMs: input.offerTimeoutMs ?? DEFAULTS.offerTimeoutMs,
    onTransferNotAccepted: input.onTransferNotAccepted ?? DEFAULTS.onTransferNotAccepted,
    disconnectGraceMs: input.disconnectGraceMs ?? DEFAULTS.disconnectGraceMs,
    queues,
    agents: input.agents.map((a) => makeAgent(a, queueIds)),
    wrapUpReasons: reasons,
    defaultWrapUpReason: input.defaultWrapUpReason ?? reasons[0] ?? "Resolved",
    ...(input.autoWrapUpMs === undefined ? {} : { autoWrapUpMs: input.autoWrapUpMs }),
    idleCodes: [...systemCodes, ...idle],
    templates: input.templates ?? {}
  }
}

const duplicates = (ids: ReadonlyArray<string>): Array<string> => ids.filter((id, i) => ids.indexOf(id) !== i)

/** Every cross-reference problem of a config, as `path: message` lines (empty when consistent). */
export const configProblems = (config: EngineConfig): Array<string> => {
  const problems: Array<string> = []
  const queueIds = new Set(config.queues.map((q) => q.id))
  for (const id of duplicates(config.queues.map((q) => q.id))) problems.push(`queues: duplicate id "${id}"`)
  for (const id of duplicates(config.agents.map((a) => a.id))) problems.push(`agents: duplicate id "${id}"`)
  config.queues.forEach((q, i) => {
    if (q.overflowTo !== undefined && !queueIds.has(q.overflowTo)) {
      problems.push(`queues[${i}].overflowTo: unknown queue "${q.overflowTo}"`)
    }
    if (q.overflowTo !== undefined && q.maxWaitMs === undefined) {
      problems.push(`queues[${i}].overflowTo: needs maxWait`)
    }
  })
  config.agents.forEach((a, i) => {
    a.queues.forEach((q, j) => {
      if (!queueIds.has(q)) problems.push(`agents[${i}].queues[${j}]: unknown queue "${q}"`)
    })
    a.transferQueues?.forEach((q, j) => {
      if (!queueIds.has(q)) problems.push(`agents[${i}].transferQueues[${j}]: unknown queue "${q}"`)
    })
    if (!Number.isInteger(a.capacity) || a.capacity < 1 || a.capacity > 10) {
      problems.push(`agents[${i}].capacity: expected an integer from 1 to 10, got ${a.capacity}`)
    }
  })
  if (!config.wrapUpReasons.includes(config.defaultWrapUpReason)) {
    problems.push(`defaultWrapUpReason: "${config.defaultWrapUpReason}" is not in wrapUpReasons`)
  }
  for (const [id, text] of Object.entries(config.templates)) {
    if (text.trim() === "") problems.push(`templates.${id}: empty template`)
    const stray = strayBracket(text)
    if (stray !== undefined) {
      problems.push(`templates.${id}: stray "${stray.char}" at character ${stray.position}`)
    }
  }
  return problems
}
