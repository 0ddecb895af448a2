/**
 * The scenario FILE format (.json/.yaml) as an Effect Schema: field names, types and single-value
 * ranges, with k6 words where they fit (executor, rate, timeUnit, startRate, stages, thresholds).
 * Durations stay strings here (`20s`, `1h30m`); defaults, unit conversion and cross-field checks
 * belong to `resolve.ts` and `checks.ts`. The editor JSON Schema is generated from `ScenarioFile`.
 * Every check carries its own `message`, which `issues.ts` turns into `path: message` lines.
 * Agent groups are in file-agents.ts, distributions in file-dists.ts, scalars in file-scalars.ts.
 */
import { Schema } from "effect"
import { RoutingPolicy, TransferFallback } from "../../core/config.ts"
import { AgentGroupFile } from "./file-agents.ts"
import { CountDist, TimeDist } from "./file-dists.ts"
import { duration, id, list, nonEmptyList, nonEmptyText, nonNegative, opt, positiveDuration, probability, text, whole, wholeAtLeast } from "./file-scalars.ts"

const Id = id()
const Duration = duration()
const PositiveDuration = positiveDuration()

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
