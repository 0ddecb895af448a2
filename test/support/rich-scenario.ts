/**
 * A small scenario that exercises every simulated behaviour at once (RONA, declines, transfers to
 * agents and queues, conferences, wrap-up, messages, mid-chat leaving, breaks, shifts, disconnects,
 * proactive chats, two queues with overflow), for the determinism, parallel and proactive tests
 * that must stay fast.
 */

import { erlangScenario } from "../../sim/scenario/erlang-style.ts"
import type { Scenario } from "../../sim/scenario/model.ts"

const HOUR = 3_600_000

export const richScenario = (policy: Scenario["routing"]["policy"] = "longest-available"): Scenario => {
  const base = erlangScenario({
    agents: 12,
    capacity: 2,
    load: 0.75,
    handleMs: 240_000,
    patienceMs: 180_000,
    horizonMs: 3 * HOUR,
    warmupMs: HOUR / 2,
    replications: 2,
    seed: 5
  })
  const group = base.agents[0]!
  return {
    ...base,
    name: "rich",
    routing: {
      ...base.routing,
      policy,
      offerTimeoutMs: 20_000,
      onTransferNotAccepted: "requeue",
      autoWrapUpMs: 60_000
    },
    queues: [
      { ...base.queues[0]!, maxWaitMs: 600_000, overflowTo: "billing" },
      { id: "billing", name: "Billing", priority: 1, skill: "billing", serviceLevelThresholdMs: 30_000 }
    ],
    wrapUpReasons: ["Resolved", "Escalated"],
    proactive: [
      {
        id: "promo",
        queueId: "support",
        stages: [{ startMs: 0, endMs: 3 * HOUR, fromPerHour: 40, toPerHour: 40 }],
        acceptProbability: 0.3
      }
    ],
    customers: {
      patience: { _tag: "lognormal", mean: 180_000, sd: 90_000 },
      messages: { count: { _tag: "uniform", min: 0, max: 4 }, gap: { _tag: "exponential", mean: 20_000 } },
      leaveDuringChatProbability: 0.05
    },
    agents: [
      {
        ...group,
        id: "tier1",
        count: 8,
        queues: ["support", "billing"],
        skills: { support: 2, billing: 1 },
        acceptDelay: { _tag: "uniform", min: 500, max: 8_000 },
        missProbability: 0.05,
        ronaRecovery: { _tag: "fixed", value: 15_000 },
        declineProbability: 0.03,
        declineRecovery: { _tag: "fixed", value: 5_000 },
        handleTime: { _tag: "gamma", mean: 240_000, cv: 0.8 },
        transfer: {
          probability: 0.1,
          targets: [
            { weight: 2, agentGroup: "tier2" },
            { weight: 1, queueId: "billing" }
          ]
        },
        conference: { probability: 0.05, duration: { _tag: "fixed", value: 60_000 } },
        wrapUp: { _tag: "exponential", mean: 30_000 },
        wrapUpReasons: [
          { reason: "Resolved", weight: 4 },
          { reason: "Escalated", weight: 1 }
        ],
        breaks: [{ startMs: HOUR, durationMs: 15 * 60_000, code: "Break" }]
      },
      {
        ...group,
        id: "tier2",
        count: 4,
        capacity: 3,
        queues: ["billing"],
        skills: { billing: 3 },
        shiftStartMs: 0,
        shiftEndMs: 2.5 * HOUR,
        acceptDelay: { _tag: "fixed", value: 2_000 },
        handleTime: { _tag: "lognormal", mean: 300_000, sd: 120_000 },
        wrapUp: { _tag: "fixed", value: 10_000 }
      }
    ],
    faults: { disconnects: { perAgentPerHour: 0.3, duration: { _tag: "exponential", mean: 20_000 } } }
  }
}
