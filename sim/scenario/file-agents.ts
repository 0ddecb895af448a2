/**
 * The `agents[]` groups of scenario files: staffing (count, queues, skills, capacity, shift,
 * breaks) and the behaviour every agent of the group follows (answering offers, handling,
 * transfers, conferences, wrap-up). Defaults and cross-field rules live in resolve.ts and checks.ts.
 */
import { Schema } from "effect"
import { TimeDist } from "./file-dists.ts"
import { anyNumber, capacity, duration, id, list, m, nonEmptyList, nonEmptyText, nonNegative, opt, positiveDuration, probability, wholeAtLeast } from "./file-scalars.ts"

const Id = id()

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
  duration: positiveDuration(),
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
