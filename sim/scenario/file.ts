/**
 * The scenario FILE format (.json/.yaml) as an Effect Schema: field names, types and single-value
 * ranges, with k6 words where they fit (executor, rate, timeUnit, startRate, stages, thresholds).
 * Durations stay strings here (`20s`, `1h30m`); defaults, unit conversion and cross-field checks
 * belong to `resolve.ts` and `checks.ts`. The editor JSON Schema is generated from `ScenarioFile`.
 * Every check carries its own `message`, which `issues.ts` turns into `path: message` lines.
 */
import { Schema } from "effect"
import type { SchemaAST } from "effect"
import { RoutingPolicy, TransferFallback } from "../../core/config.ts"
import { DURATION_HINT, DURATION_PATTERN, parseDuration } from "./duration.ts"

const m = (message: string) => ({ message })
const opt = Schema.optionalKey

// ---- scalars ----------------------------------------------------------------------------------

/** Editor help attached to the base node (annotating after `.check` would nest it in an allOf). */
interface Doc<T> {
  readonly description?: string
  readonly default?: T
}

const POSITIVE_DURATION_PATTERN = `^(?!(?:0+(?:\\.0+)?(?:ms|s|m|h))+$)${DURATION_PATTERN.slice(1)}`

const isDuration = Schema.makeFilter(
  (s: string) => parseDuration(s) !== undefined || `"${s}" is not a duration (${DURATION_HINT})`,
  { toJsonSchema: () => ({ pattern: DURATION_PATTERN }) }
)
const isPositiveDuration = Schema.makeFilter(
  (s: string) => {
    const ms = parseDuration(s)
    if (ms === undefined) return `"${s}" is not a duration (${DURATION_HINT})`
    return ms > 0 || `expected a duration longer than 0s, got "${s}"`
  },
  { toJsonSchema: () => ({ pattern: POSITIVE_DURATION_PATTERN }) }
)

const duration = (doc: Doc<string> = {}) =>
  Schema.String.annotate({ ...m(`expected a duration string (${DURATION_HINT})`), ...doc }).check(isDuration)
const positiveDuration = (doc: Doc<string> = {}) =>
  Schema.String.annotate({ ...m(`expected a duration string longer than 0s (${DURATION_HINT})`), ...doc })
    .check(isPositiveDuration)

/** A duration string: `250ms`, `20s`, `5m`, `8h`, `1h30m`. */
export const Duration = duration()
/** A duration string longer than zero. */
export const PositiveDuration = positiveDuration()

const bounded = (message: string, checks: (a: { message: string }) => ReadonlyArray<SchemaAST.Check<number>>) =>
(doc: Doc<number> = {}) => {
  const [first, ...rest] = checks(m(message))
  const base = Schema.Finite.annotate({ ...m(message), ...doc })
  return first === undefined ? base : base.check(first, ...rest)
}
const nonNegative = bounded("expected a number >= 0", (a) => [Schema.isGreaterThanOrEqualTo(0, a)])
const positive = bounded("expected a number > 0", (a) => [Schema.isGreaterThan(0, a)])
const anyNumber = bounded("expected a number", () => [])
const probability = bounded("expected a probability from 0 to 1", (a) => [Schema.isBetween({ minimum: 0, maximum: 1 }, a)])
const whole = bounded("expected a whole number", (a) => [Schema.isInt(a)])
const wholeAtLeast = (min: number) =>
  bounded(`expected a whole number >= ${min}`, (a) => [Schema.isInt(a), Schema.isGreaterThanOrEqualTo(min, a)])
const capacity = bounded("expected a whole number from 1 to 10", (a) => [Schema.isInt(a), Schema.isBetween({ minimum: 1, maximum: 10 }, a)])

const text = (doc: Doc<string> = {}) => Schema.String.annotate({ ...m("expected a string"), ...doc })
const nonEmptyText = (doc: Doc<string> = {}) =>
  Schema.String.annotate({ ...m("expected a non-empty string"), ...doc }).check(Schema.isNonEmpty(m("expected a non-empty string")))
const ID_MESSAGE = "expected an id (letters, digits, _ and -)"
/** Queue, agent group and campaign ids: they also address list elements in `--set` overrides. */
const id = (doc: Doc<string> = {}) =>
  Schema.String.annotate({ ...m(ID_MESSAGE), ...doc }).check(Schema.isPattern(/^[A-Za-z0-9_][A-Za-z0-9_-]*$/u, m(ID_MESSAGE)))
export const Id = id()

const list = <S extends Schema.Top>(item: S, doc: Doc<ReadonlyArray<S["Type"]>> = {}) =>
  Schema.Array(item).annotate({ ...m("expected a list"), ...doc })
const nonEmptyList = <S extends Schema.Top>(item: S, doc: Doc<ReadonlyArray<S["Type"]>> = {}) =>
  Schema.Array(item).annotate({ ...m("expected a non-empty list"), ...doc })
    .check(Schema.isMinLength(1, m("expected a non-empty list")))

// ---- distributions ----------------------------------------------------------------------------

/** A random duration; the tag is `dist`. Values are duration strings. */
export const TimeDist = Schema.Union([
  Schema.Struct({ dist: Schema.tag("fixed"), value: Duration }),
  Schema.Struct({ dist: Schema.tag("exponential"), mean: PositiveDuration }),
  Schema.Struct({ dist: Schema.tag("lognormal"), mean: PositiveDuration, sd: Duration }),
  Schema.Struct({ dist: Schema.tag("gamma"), mean: PositiveDuration, cv: positive() }),
  Schema.Struct({ dist: Schema.tag("uniform"), min: Duration, max: Duration }),
  Schema.Struct({ dist: Schema.tag("empirical"), values: nonEmptyList(Duration) })
]).annotate({ identifier: "TimeDist", description: "A random duration, e.g. { dist: exponential, mean: 300s }" })
export type TimeDist = typeof TimeDist.Type

/** A random count (message counts); plain numbers. */
export const CountDist = Schema.Union([
  Schema.Struct({ dist: Schema.tag("fixed"), value: nonNegative() }),
  Schema.Struct({ dist: Schema.tag("exponential"), mean: positive() }),
  Schema.Struct({ dist: Schema.tag("lognormal"), mean: positive(), sd: nonNegative() }),
  Schema.Struct({ dist: Schema.tag("gamma"), mean: positive(), cv: positive() }),
  Schema.Struct({ dist: Schema.tag("uniform"), min: nonNegative(), max: nonNegative() }),
  Schema.Struct({ dist: Schema.tag("empirical"), values: nonEmptyList(nonNegative()) })
]).annotate({ identifier: "CountDist", description: "A random count, e.g. { dist: uniform, min: 2, max: 8 }" })
export type CountDist = typeof CountDist.Type

// ---- workload ---------------------------------------------------------------------------------

const timeUnit = opt(positiveDuration({ description: "The period `rate` counts over, as in k6 (default 1s)", default: "1s" }))

const Stages = nonEmptyList(
  Schema.Struct({
    duration: positiveDuration({ description: "How long this stage ramps" }),
    target: nonNegative({ description: "Rate (per timeUnit) reached at the end of the stage" })
  }),
  { description: "Linear ramps from the previous rate to `target`; the last target holds to the horizon" }
)

export const ArrivalsFile = Schema.Union([
  Schema.Struct({
    queue: Id,
    executor: Schema.tag("constant-arrival-rate"),
    rate: nonNegative({ description: "Chats per timeUnit (Poisson arrivals)" }),
    timeUnit
  }),
  Schema.Struct({
    queue: Id,
    executor: Schema.tag("ramping-arrival-rate"),
    startRate: opt(nonNegative({ description: "Rate per timeUnit at time 0 (default 0)", default: 0 })),
    timeUnit,
    stages: Stages
  })
])

export const CampaignFile = Schema.Struct({
  id: Id,
  queue: Id,
  rate: nonNegative({ description: "Invitations per timeUnit (the start rate when stages are given)" }),
  timeUnit,
  stages: opt(Stages),
  acceptProbability: probability({ description: "Chance a visitor accepts; only accepted invitations enter the queue" })
})

export const CustomersFile = Schema.Struct({
  patience: opt(TimeDist),
  messages: opt(Schema.Struct({ count: CountDist, gap: TimeDist })),
  leaveDuringChatProbability: opt(probability({ description: "Chance an answered customer leaves first", default: 0 }))
})

// ---- agents -----------------------------------------------------------------------------------

const TransferTargetFile = Schema.Struct({
  queue: opt(Id),
  agentGroup: opt(Id),
  weight: opt(nonNegative({ description: "Relative weight (default 1)", default: 1 }))
})

const WrapUpReasonEntry = Schema.Union([
  nonEmptyText(),
  Schema.Struct({ reason: nonEmptyText(), weight: opt(nonNegative({ default: 1 })) })
]).annotate(m("expected a reason, or { reason, weight }"))

const BreakFile = Schema.Struct({
  start: duration({ description: "Time since the run started" }),
  duration: PositiveDuration,
  code: opt(nonEmptyText({ description: "Idle code while on break (default Break)", default: "Break" }))
})

export const AgentGroupFile = Schema.Struct({
  id: Id,
  count: wholeAtLeast(0)({ description: "Agents in this group" }),
  queues: opt(nonEmptyList(Id, { description: "Queues served (default: all)" })),
  skills: opt(Schema.Record(Schema.String, anyNumber()).annotate({ description: "Proficiency per skill (skills-best)" })),
  capacity: opt(capacity({ description: "Chat slots per agent, 1-10 (default 5)", default: 5 })),
  shift: opt(Schema.Struct({
    start: opt(duration({ description: "Login time since the run started (default 0s)", default: "0s" })),
    end: opt(duration({ description: "Logout time since the run started (default: never)" }))
  })),
  breaks: opt(list(BreakFile)),
  acceptDelay: opt(TimeDist),
  missProbability: opt(probability({ description: "Chance an offer is ignored until it expires (RONA)", default: 0 })),
  ronaRecovery: opt(TimeDist),
  declineProbability: opt(probability({ description: "Chance an offer is declined", default: 0 })),
  declineRecovery: opt(TimeDist),
  handleTime: TimeDist,
  transfer: opt(Schema.Struct({ probability: probability(), targets: opt(list(TransferTargetFile)) })),
  conference: opt(Schema.Struct({ probability: probability(), duration: TimeDist })),
  wrapUp: opt(TimeDist),
  wrapUpReasons: opt(nonEmptyList(WrapUpReasonEntry))
})

// ---- center -----------------------------------------------------------------------------------

export const RoutingFile = Schema.Struct({
  policy: opt(RoutingPolicy.annotate({ default: "longest-available" })),
  offerTimeout: opt(positiveDuration({ description: "Offer expiry; then RONA (default 30s)", default: "30s" })),
  onTransferNotAccepted: opt(TransferFallback.annotate({ default: "drop" })),
  disconnectGrace: opt(duration({ default: "30s" })),
  autoWrapUp: opt(duration({ description: "Submit the default reason after this long in wrap-up" }))
})

export const QueueFile = Schema.Struct({
  id: Id,
  name: opt(text()),
  priority: opt(whole({ description: "Higher is served first (default 0)", default: 0 })),
  serviceLevelThreshold: opt(duration({ default: "20s" })),
  maxWait: opt(PositiveDuration),
  overflowTo: opt(id({ description: "Queue a chat moves to after maxWait (without it the chat expires)" })),
  skill: opt(nonEmptyText({ description: "Skill for skills-best (default: the queue id)" }))
})

export const FaultsFile = Schema.Struct({
  disconnects: opt(Schema.Struct({
    rate: nonNegative({ description: "Disconnects per logged-in agent per timeUnit" }),
    timeUnit,
    duration: TimeDist
  }))
})

export const ScenarioFile = Schema.Struct({
  $schema: opt(text()),
  name: nonEmptyText(),
  description: opt(text()),
  seed: opt(wholeAtLeast(0)({ default: 1 })),
  horizon: positiveDuration({ description: "Arrivals stop here; in-flight chats then drain" }),
  warmup: opt(duration({ description: "Chats arriving earlier are simulated but not counted", default: "0s" })),
  replications: opt(wholeAtLeast(1)({ default: 10 })),
  serviceLevelThresholds: opt(nonEmptyList(Duration, { default: ["20s", "60s"] })),
  interval: opt(positiveDuration({ description: "Width of the per-interval report rows", default: "30m" })),
  routing: opt(RoutingFile),
  queues: nonEmptyList(QueueFile),
  wrapUpReasons: opt(nonEmptyList(nonEmptyText())),
  arrivals: opt(list(ArrivalsFile)),
  proactive: opt(list(CampaignFile)),
  customers: opt(CustomersFile),
  agents: nonEmptyList(AgentGroupFile),
  faults: opt(FaultsFile),
  thresholds: opt(Schema.Record(Schema.String, list(text())).annotate({
    description: "k6-style thresholds: metric selector -> expressions, e.g. waitMs{queue:support}: [p(95)<60000]"
  }))
}).annotate({ title: "livechat-sim scenario" })
export type ScenarioFile = typeof ScenarioFile.Type
