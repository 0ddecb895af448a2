/**
 * The scenario FILE format (.json/.yaml) as an Effect Schema: field names, types and single-value
 * ranges, with k6 words where they fit (executor, rate, timeUnit, startRate, stages, thresholds).
 * Durations stay strings here (`20s`, `1h30m`); defaults, unit conversion and cross-field checks
 * belong to `resolve.ts` and `checks.ts`. The editor JSON Schema is generated from `ScenarioFile`,
 * so every field carries a description stating its unit, default and effect in the simulation.
 * Every check carries its own `message`, which `issues.ts` turns into `path: message` lines.
 * This module holds the top level, routing, queues and faults; agent groups are in file-agents.ts,
 * the workload in file-workload.ts, distributions in file-dists.ts, scalars in file-scalars.ts.
 */
import * as Schema from "effect/Schema"
import { RoutingPolicy, TransferFallback } from "../../core/config.ts"
import { DISTRIBUTIONS, KNOWN_METRICS_TEXT } from "../summary/catalog.ts"
import { AgentGroupFile } from "./file-agents.ts"
import { TimeDist } from "./file-dists.ts"
import {
  duration,
  id,
  list,
  nonEmptyList,
  nonEmptyText,
  nonNegative,
  opt,
  positiveDuration,
  text,
  whole,
  wholeAtLeast
} from "./file-scalars.ts"
import { ArrivalsFile, CampaignFile, CustomersFile } from "./file-workload.ts"

// ---- center -----------------------------------------------------------------------------------

export const RoutingFile = Schema.Struct({
  policy: opt(
    RoutingPolicy.annotate({
      description:
        "Which Available agent with a free slot gets an arriving chat (default longest-available): " +
        "longest-available (Available or last freed slot longest ago), least-busy (fewest used slots), round-robin " +
        "(next agent id after the queue's last), skills-best (highest proficiency in the queue's skill). Ties go by agent id.",
      default: "longest-available"
    })
  ),
  offerTimeout: opt(
    positiveDuration({
      description:
        "How long an offer waits for the agent's answer, longer than 0s (default 30s). Then it expires: the " +
        "agent goes RONA and the chat returns to its queue with its original enqueue time.",
      default: "30s"
    })
  ),
  onTransferNotAccepted: opt(
    TransferFallback.annotate({
      description:
        "What happens to a chat transferred to an agent who declines or lets the offer expire (default drop): " +
        "drop ends it with outcome dropped; requeue returns it to the queue it came from with its original enqueue time.",
      default: "drop"
    })
  ),
  disconnectGrace: opt(
    duration({
      description:
        "How long a disconnected agent keeps its chats (default 30s). Then its offers are cancelled, its chats " +
        "requeued at the front of their queues, its wrap-ups submitted with the default reason and it is logged out.",
      default: "30s"
    })
  ),
  autoWrapUp: opt(
    duration({
      description:
        "Submit the default reason (the first of wrapUpReasons) for an agent still in wrap-up this long " +
        "after it started (default: off, the agent's own wrapUp time decides)."
    })
  )
}).annotate({
  description: "Engine configuration: routing policy, offer timeout, transfer fallback, disconnects, auto wrap-up."
})

export const QueueFile = Schema.Struct({
  id: id({
    description:
      "Unique queue id (letters, digits, _ and -). Arrivals, campaigns, agent groups, overflow and transfer " +
      "targets and `{queue:<id>}` threshold tags refer to it."
  }),
  name: opt(
    text({ description: "Display name, shown to agents in offers and in the transfer directory (default: the id)." })
  ),
  priority: opt(
    whole({
      description:
        "Whole number; an agent with a free slot takes a chat of a higher-priority queue first, then the " +
        "oldest (default 0).",
      default: 0
    })
  ),
  serviceLevelThreshold: opt(
    duration({
      description:
        "The queue's own service-level threshold (default 20s): its report adds serviceLevel at this threshold, " +
        "which thresholds select as serviceLevel{queue:<id>}.",
      default: "20s"
    })
  ),
  maxWait: opt(
    positiveDuration({
      description:
        "Longest a chat waits in this queue before an accept, from entering it, longer than 0s (default: no " +
        "limit). Then it moves to overflowTo, or without one closes as expired."
    })
  ),
  overflowTo: opt(
    id({
      description:
        "Id of the queue a chat moves to when maxWait runs out, as a new queue visit at the back of that " +
        "queue; needs maxWait. Without it the chat expires."
    })
  ),
  skill: opt(
    nonEmptyText({
      description: "The skill routing.policy skills-best ranks agents by for this queue (default: the queue id)."
    })
  )
})

export const FaultsFile = Schema.Struct({
  disconnects: opt(
    Schema.Struct({
      rate: nonNegative({
        description:
          "Mean disconnects per logged-in agent per timeUnit, >= 0 (a Poisson process per agent over its shift)."
      }),
      timeUnit: opt(
        positiveDuration({
          description:
            "The period `rate` counts over (default 1s): rate 0.5 with timeUnit 1h is one disconnect per agent every 2 hours.",
          default: "1s"
        })
      ),
      duration: TimeDist.annotateKey({
        description:
          "How long the agent's link stays down. Past routing.disconnectGrace the engine logs the agent out; " +
          "it logs in again on reconnecting, if its shift is not over."
      })
    }).annotate({
      description: "Agents losing their connection (the engine's disconnect grace period applies). Default: none."
    })
  )
}).annotate({ description: "Injected faults. Default: none." })

// ---- thresholds -------------------------------------------------------------------------------

const METRICS = `${KNOWN_METRICS_TEXT}, ${Object.keys(DISTRIBUTIONS).join(", ")}`

const Thresholds = Schema.Record(
  Schema.String,
  list(text(), {
    description:
      'Expressions `<aggregation> <operator> <number>`, all of which must hold, e.g. ["p(95)<60000"]. ' +
      "Aggregations: avg, mean, value, rate (the mean over replications), stderr, ci95.lo, ci95.hi, ci99.lo, ci99.hi, " +
      "and p(50), p(90), p(95), p(99) for waitMs and timeToAbandonMs. Operators: < <= > >= == !=."
  })
).annotate({
  description:
    "k6-style pass/fail checks of the run; `run` exits 99 when one fails. Keys are metric selectors " +
    `<metric> or <metric>{queue:<id>}; metrics: ${METRICS} (serviceLevel{queue:<id>} is the queue's own threshold). ` +
    'Values are in raw units: ms, and ratios in [0, 1]. E.g. "waitMs{queue:support}": ["p(95)<60000"], abandonRate: ["rate<0.05"].'
})

// ---- the file ---------------------------------------------------------------------------------

export const ScenarioFile = Schema.Struct({
  $schema: opt(
    text({
      description:
        "Path or URL of this JSON Schema, for editors (e.g. ./scenario.schema.json); the simulator ignores it."
    })
  ),
  name: nonEmptyText({
    description: "Scenario name: shown in summaries and reports; the HTML report defaults to reports/out/<name>.html."
  }),
  description: opt(text({ description: "What the scenario is for, in a sentence (documentation only)." })),
  seed: opt(
    wholeAtLeast(0)({
      description:
        "Whole number >= 0 (default 1); replication r uses a seed derived from it and r, so a run is reproducible. `--seed` overrides it.",
      default: 1
    })
  ),
  horizon: positiveDuration({
    description:
      "Simulated time over which chats arrive, longer than 0s, e.g. 8h. Then arrivals stop and chats in progress drain."
  }),
  warmup: opt(
    duration({
      description:
        "Chats arriving before this are simulated (they load the agents) but not counted; shorter than horizon (default 0s).",
      default: "0s"
    })
  ),
  replications: opt(
    wholeAtLeast(1)({
      description:
        "Independent runs with different seeds, >= 1 (default 10); metrics are means over them with confidence " +
        "intervals (at least 2 are needed for an interval). `--replications` overrides it.",
      default: 10
    })
  ),
  serviceLevelThresholds: opt(
    nonEmptyList(duration({ description: "A threshold T, e.g. 20s." }), {
      description:
        "Thresholds T of the serviceLevel.<T> metrics: chats answered within T of arrival / all counted arrivals " +
        "(default [20s, 60s]).",
      default: ["20s", "60s"]
    })
  ),
  interval: opt(
    positiveDuration({
      description: "Width of the per-interval report rows, from the end of the warm-up, longer than 0s (default 30m).",
      default: "30m"
    })
  ),
  routing: opt(RoutingFile),
  queues: nonEmptyList(QueueFile, { description: "The queues chats wait in; at least one, ids unique." }),
  wrapUpReasons: opt(
    nonEmptyList(nonEmptyText({ description: "A wrap-up reason." }), {
      description:
        "The reasons agents may submit after a chat, unique; the first is the default reason (auto wrap-up, " +
        "disconnect). Default: [Resolved, Follow-up, Escalated, No response]."
    })
  ),
  arrivals: opt(
    list(ArrivalsFile, {
      description:
        "Inbound arrival streams, one per entry (a queue may have several). With no arrivals, proactive must " +
        "have a campaign."
    })
  ),
  proactive: opt(list(CampaignFile, { description: "Proactive invitation campaigns. Default: none." })),
  customers: opt(CustomersFile),
  agents: nonEmptyList(AgentGroupFile, {
    description: "Agent groups: agents with the same staffing and behaviour; at least one."
  }),
  faults: opt(FaultsFile),
  thresholds: opt(Thresholds)
}).annotate({ title: "livechat-sim scenario" })
export type ScenarioFile = typeof ScenarioFile.Type
