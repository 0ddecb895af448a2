/**
 * Erlang-compatible scenarios built in code: one queue, constant Poisson arrivals, one agent group
 * with no accept delay, no RONA, no declines, no transfers, no wrap-up, exponential handle time and
 * optional exponential patience. For c = agents x capacity servers these are M/M/c (Erlang C) or
 * M/M/c+M (Erlang A) queues; the benchmark and the theory tests use them.
 */
import type { Scenario } from "./model.ts"

const fixed0 = { _tag: "fixed", value: 0 } as const
const HOUR_MS = 3_600_000

export interface ErlangStyle {
  readonly agents: number
  readonly capacity?: number
  /** Offered load per server: arrival rate x mean handle time / (agents x capacity). */
  readonly load: number
  readonly handleMs: number
  /** Mean patience; absent: nobody abandons (Erlang C). */
  readonly patienceMs?: number
  readonly horizonMs: number
  readonly warmupMs?: number
  readonly replications?: number
  readonly seed?: number
  readonly thresholdsMs?: ReadonlyArray<number>
}

/** Arrivals per hour that give `load` on agents x capacity servers. */
export const ratePerHour = (p: Pick<ErlangStyle, "agents" | "capacity" | "load" | "handleMs">): number =>
  (p.agents * (p.capacity ?? 1) * p.load * HOUR_MS) / p.handleMs

export const erlangScenario = (p: ErlangStyle): Scenario => {
  const perHour = ratePerHour(p)
  return {
    name: "erlang-style",
    description: `M/M/${p.agents * (p.capacity ?? 1)}${p.patienceMs === undefined ? "" : "+M"} at load ${p.load}`,
    seed: p.seed ?? 1,
    horizonMs: p.horizonMs,
    warmupMs: p.warmupMs ?? 0,
    replications: p.replications ?? 1,
    serviceLevelThresholdsMs: p.thresholdsMs ?? [20_000],
    intervalMs: Math.max(HOUR_MS, Math.ceil((p.horizonMs - (p.warmupMs ?? 0)) / 48)),
    routing: {
      policy: "longest-available",
      offerTimeoutMs: 30_000,
      onTransferNotAccepted: "drop",
      disconnectGraceMs: 30_000
    },
    queues: [{ id: "support", name: "support", priority: 0, skill: "support", serviceLevelThresholdMs: 20_000 }],
    wrapUpReasons: ["Resolved"],
    arrivals: [
      {
        queueId: "support",
        executor: "constant-arrival-rate",
        stages: [{ startMs: 0, endMs: p.horizonMs, fromPerHour: perHour, toPerHour: perHour }]
      }
    ],
    proactive: [],
    customers: {
      patience: p.patienceMs === undefined ? undefined : { _tag: "exponential", mean: p.patienceMs },
      messages: undefined,
      leaveDuringChatProbability: 0
    },
    agents: [
      {
        id: "tier1",
        count: p.agents,
        queues: ["support"],
        skills: {},
        capacity: p.capacity ?? 1,
        shiftStartMs: 0,
        shiftEndMs: Number.POSITIVE_INFINITY,
        breaks: [],
        acceptDelay: fixed0,
        missProbability: 0,
        ronaRecovery: fixed0,
        declineProbability: 0,
        declineRecovery: fixed0,
        handleTime: { _tag: "exponential", mean: p.handleMs },
        transfer: { probability: 0, targets: [] },
        conference: { probability: 0, duration: fixed0 },
        wrapUp: fixed0,
        wrapUpReasons: [{ reason: "Resolved", weight: 1 }],
        costPerHour: 1,
        shrinkage: undefined
      }
    ],
    faults: { disconnects: undefined },
    thresholds: {}
  }
}

/** The benchmark case of the performance targets: 100 agents, load 0.95, handle 300 s, patience 120 s. */
export const benchmarkScenario = (chats: number): Scenario => {
  const base = { agents: 100, load: 0.95, handleMs: 300_000, patienceMs: 120_000 }
  return erlangScenario({ ...base, horizonMs: Math.ceil((chats / ratePerHour(base)) * HOUR_MS) })
}
