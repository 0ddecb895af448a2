/**
 * sim/scenario/: the scenario. The file format and its Schema, loading and resolving with errors
 * that name their path, overrides, checks and warnings, the offered load it implies, and the
 * resolved model (this module).
 *
 * The resolved scenario: what a scenario file means once parsed, validated and given its defaults.
 * Every duration is integer milliseconds, every rate is per hour, every distribution is a tagged
 * value in the unit it samples (ms for durations, a count for message counts). The simulator reads
 * only this; the file format and its Schema live in `file.ts` and `resolve.ts`.
 */
import type { RoutingPolicy, TransferFallback } from "../../core/config.ts"

export type Dist =
  | { readonly _tag: "fixed"; readonly value: number }
  | { readonly _tag: "exponential"; readonly mean: number }
  | { readonly _tag: "lognormal"; readonly mean: number; readonly sd: number }
  | { readonly _tag: "gamma"; readonly mean: number; readonly cv: number }
  | { readonly _tag: "uniform"; readonly min: number; readonly max: number }
  | { readonly _tag: "empirical"; readonly values: ReadonlyArray<number> }

/** A piecewise-linear rate over time (k6 ramping-arrival-rate); constant is one flat stage. */
export interface RateStage {
  readonly startMs: number
  readonly endMs: number
  readonly fromPerHour: number
  readonly toPerHour: number
}

export interface ArrivalStream {
  readonly queueId: string
  readonly executor: "constant-arrival-rate" | "ramping-arrival-rate"
  /** Covers [0, horizon): after the last stage the last target rate holds. */
  readonly stages: ReadonlyArray<RateStage>
}

export interface ProactiveCampaign {
  readonly id: string
  readonly queueId: string
  /** Invitations sent (per hour, piecewise linear like arrivals). */
  readonly stages: ReadonlyArray<RateStage>
  readonly acceptProbability: number
}

export interface CustomerBehaviour {
  /** Absent: customers never abandon. */
  readonly patience: Dist | undefined
  /** Messages the customer sends once an agent has accepted (count), and the gap before each (ms). */
  readonly messages: { readonly count: Dist; readonly gap: Dist } | undefined
  /** Chance that an answered customer leaves before the agent ends the chat; when, as a share of handle time. */
  readonly leaveDuringChatProbability: number
}

export interface TransferTarget {
  readonly weight: number
  /** Exactly one of the two: a queue, or an agent drawn from a group (one that is free, if any). */
  readonly queueId?: string
  readonly agentGroup?: string
}

/**
 * A break or lunch of an agent group. All at once (no `windowEndMs`): every agent of the group
 * goes Idle{code} at `startMs` for `durationMs`. Staggered: agent n of N starts its break at
 * `startMs + round(n * (windowEndMs - durationMs - startMs) / (N - 1))`, spread evenly so that the
 * first starts at the window's start and the last ends at its end.
 */
export interface BreakPlan {
  readonly startMs: number
  readonly durationMs: number
  readonly code: string
  readonly windowEndMs?: number
}

export interface AgentGroup {
  readonly id: string
  readonly count: number
  readonly queues: ReadonlyArray<string>
  readonly skills: Readonly<Record<string, number>>
  readonly capacity: number
  readonly shiftStartMs: number
  /** Infinity: works until the run ends. */
  readonly shiftEndMs: number
  readonly breaks: ReadonlyArray<BreakPlan>
  readonly acceptDelay: Dist
  readonly missProbability: number
  /** How long an agent stays in RONA before its own "go Available". */
  readonly ronaRecovery: Dist
  readonly declineProbability: number
  /** How long an agent stays Idle(Declined) before going Available again. */
  readonly declineRecovery: Dist
  readonly handleTime: Dist
  readonly transfer: { readonly probability: number; readonly targets: ReadonlyArray<TransferTarget> }
  readonly conference: { readonly probability: number; readonly duration: Dist }
  readonly wrapUp: Dist
  readonly wrapUpReasons: ReadonlyArray<{ readonly reason: string; readonly weight: number }>
  /** Cost of one agent-hour on duty, for staffing by cost (default 1: fewest agents). */
  readonly costPerHour: number
  /** Share of paid time not on duty (breaks, meetings, absence): paid = on duty / (1 - shrinkage). */
  readonly shrinkage: number | undefined
  /**
   * Set by staffing, never by a file: agents on duty per report interval (interval i from
   * warmup + i x interval; the first also covers the warm-up, the last the drain). Replaces the
   * shift and breaks: agent n is on duty in interval i when n < duty[i]; `count` is then max(duty).
   */
  readonly duty?: ReadonlyArray<number>
}

export interface QueueSpec {
  readonly id: string
  readonly name: string
  readonly priority: number
  readonly skill: string
  readonly serviceLevelThresholdMs: number
  readonly maxWaitMs?: number
  readonly overflowTo?: string
}

export interface Faults {
  /** Agent disconnects: per logged-in agent per hour, and how long the link stays down. */
  readonly disconnects: { readonly perAgentPerHour: number; readonly duration: Dist } | undefined
}

export interface Scenario {
  readonly name: string
  readonly description: string
  readonly seed: number
  /** Arrivals stop here; the run then drains in-flight chats. */
  readonly horizonMs: number
  /** Chats arriving earlier are simulated but not counted. */
  readonly warmupMs: number
  readonly replications: number
  readonly serviceLevelThresholdsMs: ReadonlyArray<number>
  /** Width of the per-interval report rows (default 30 min). */
  readonly intervalMs: number
  readonly routing: {
    readonly policy: RoutingPolicy
    readonly offerTimeoutMs: number
    readonly onTransferNotAccepted: TransferFallback
    readonly disconnectGraceMs: number
    readonly autoWrapUpMs?: number
  }
  readonly queues: ReadonlyArray<QueueSpec>
  readonly wrapUpReasons: ReadonlyArray<string>
  readonly arrivals: ReadonlyArray<ArrivalStream>
  readonly proactive: ReadonlyArray<ProactiveCampaign>
  readonly customers: CustomerBehaviour
  readonly agents: ReadonlyArray<AgentGroup>
  readonly faults: Faults
  /** k6-style thresholds: metric selector -> expressions, e.g. `"waitMs{queue:support}": ["p(95)<60000"]`. */
  readonly thresholds: Readonly<Record<string, ReadonlyArray<string>>>
}
