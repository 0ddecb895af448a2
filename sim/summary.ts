/**
 * The run summary (DESIGN section 5): the JSON `run --json` writes and every report renders.
 * Replicated metrics carry mean, standard error, 95% and 99% confidence intervals over
 * replications (Student t) and the number of replications; `waitMs` adds pooled percentiles.
 */
import { Schema } from "effect"

const Interval = Schema.Tuple([Schema.Number, Schema.Number])

export const MetricCI = Schema.Struct({
  mean: Schema.Number,
  stderr: Schema.Number,
  ci95: Interval,
  ci99: Interval,
  n: Schema.Int
})
export type MetricCI = typeof MetricCI.Type

export const WaitMetric = Schema.Struct({
  ...MetricCI.fields,
  p50: Schema.Number,
  p90: Schema.Number,
  p95: Schema.Number,
  p99: Schema.Number,
  /** The pooled wait distribution of answered chats as its quantile function: [percentile, waitMs]. */
  quantiles: Schema.Array(Schema.Tuple([Schema.Number, Schema.Number]))
})
export type WaitMetric = typeof WaitMetric.Type

export const GroupMetrics = Schema.Struct({
  /** Share of counted arrivals not answered at once (waited > 0 ms or never answered). */
  probWait: MetricCI,
  /** Abandoned before an answer / arrived. */
  abandonRate: MetricCI,
  /** Mean wait of answered chats, arrival to first accept. */
  asaMs: MetricCI,
  /** Per threshold label ("20s"): answered within it / arrived. */
  serviceLevel: Schema.Record(Schema.String, MetricCI),
  /** Time-average used slots / staffed slots, warmup to horizon. */
  occupancy: MetricCI,
  /** Offers that expired / offers made. */
  ronaRate: MetricCI,
  /** Transfers requested / answered chats. */
  transferRate: MetricCI,
  /** Chats closed `dropped` / answered chats. */
  droppedRate: MetricCI,
  /** Mean time from first accept to the end of the last wrap-up. */
  ahtMs: MetricCI,
  /** Time-average number of waiting chats, warmup to horizon. */
  meanQueueLength: MetricCI,
  waitMs: WaitMetric
})
export type GroupMetrics = typeof GroupMetrics.Type

export const GroupSummary = Schema.Struct({
  arrived: Schema.Int,
  answered: Schema.Int,
  abandoned: Schema.Int,
  metrics: GroupMetrics
})
export type GroupSummary = typeof GroupSummary.Type

/** One report interval (default 30 min) of one queue, pooled over replications (means). */
export const IntervalRow = Schema.Struct({
  queueId: Schema.String,
  startMs: Schema.Int,
  endMs: Schema.Int,
  arrived: Schema.Number,
  answered: Schema.Number,
  abandoned: Schema.Number,
  /** Keyed by threshold label, like GroupMetrics.serviceLevel. */
  serviceLevel: Schema.Record(Schema.String, Schema.Number),
  asaMs: Schema.Number,
  meanQueueLength: Schema.Number
})
export type IntervalRow = typeof IntervalRow.Type

export const AgentGroupRow = Schema.Struct({
  group: Schema.String,
  agents: Schema.Int,
  occupancy: MetricCI
})
export type AgentGroupRow = typeof AgentGroupRow.Type

/** Offers made and how they ended, totals over all replications. */
export const OfferFunnel = Schema.Struct({
  offered: Schema.Int,
  accepted: Schema.Int,
  rona: Schema.Int,
  declined: Schema.Int,
  cancelled: Schema.Int
})

export const ThresholdResult = Schema.Struct({
  metric: Schema.String,
  expression: Schema.String,
  value: Schema.Number,
  ok: Schema.Boolean
})
export type ThresholdResult = typeof ThresholdResult.Type

/** The analytic prediction beside the simulated value, or why there is none. */
export const TheoryComparison = Schema.Union([
  Schema.Struct({
    applicable: Schema.Literal(true),
    model: Schema.Literals(["erlang-c", "erlang-a"]),
    servers: Schema.Int,
    rows: Schema.Array(Schema.Struct({ metric: Schema.String, predicted: Schema.Number, simulated: MetricCI }))
  }),
  Schema.Struct({ applicable: Schema.Literal(false), reasons: Schema.Array(Schema.String) })
])
export type TheoryComparison = typeof TheoryComparison.Type

export const Summary = Schema.Struct({
  scenario: Schema.String,
  seed: Schema.Int,
  replications: Schema.Int,
  engineVersion: Schema.String,
  /** Digest of every replication's event stream, in replication order. */
  digest: Schema.String,
  horizonMs: Schema.Int,
  warmupMs: Schema.Int,
  intervalMs: Schema.Int,
  overall: GroupSummary,
  queues: Schema.Record(Schema.String, GroupSummary),
  intervals: Schema.Array(IntervalRow),
  agentGroups: Schema.Array(AgentGroupRow),
  funnel: OfferFunnel,
  /** Proactive chats (accepted invitations), split out; and invitations sent. */
  proactive: Schema.Struct({ invited: Schema.Int, arrived: Schema.Int, answered: Schema.Int }),
  /** Chats closed `dropped` after a transfer that was not accepted, total. */
  droppedOnTransfer: Schema.Int,
  theory: TheoryComparison,
  thresholds: Schema.Array(ThresholdResult),
  audit: Schema.Struct({ enabled: Schema.Boolean, events: Schema.Int })
})
export type Summary = typeof Summary.Type
