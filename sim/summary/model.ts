/**
 * sim/summary/: the run summary. Its JSON model (this module), the metric catalog every report and
 * selector reads (catalog.ts), metric selectors (selector.ts), and the step from replications to
 * the summary (summarize.ts).
 *
 * The run summary: the JSON `run --json` writes and every report renders (docs/metrics.md defines
 * every field). Replicated metrics carry the mean over replications, its standard error, 95% and
 * 99% Student-t intervals and the number of replications that define it; with n < 2 there is no
 * interval (null), with n = 0 no mean either. Distributions add pooled percentiles.
 */
import * as Schema from "effect/Schema"

const Interval = Schema.Tuple([Schema.Number, Schema.Number])

export const MetricCI = Schema.Struct({
  /** Mean over the replications that define the metric; null when none does. */
  mean: Schema.NullOr(Schema.Number),
  stderr: Schema.NullOr(Schema.Number),
  ci95: Schema.NullOr(Interval),
  ci99: Schema.NullOr(Interval),
  n: Schema.Int
})
export type MetricCI = typeof MetricCI.Type

/** A pooled distribution (all replications together) as percentiles, beside its replicated mean. */
export const Distribution = Schema.Struct({
  ...MetricCI.fields,
  /** Values pooled into the percentiles. */
  count: Schema.Int,
  p50: Schema.NullOr(Schema.Number),
  p90: Schema.NullOr(Schema.Number),
  p95: Schema.NullOr(Schema.Number),
  p99: Schema.NullOr(Schema.Number),
  /** The quantile function: [percentile, ms]. Empty when nothing was recorded. */
  quantiles: Schema.Array(Schema.Tuple([Schema.Number, Schema.Number]))
})
export type Distribution = typeof Distribution.Type

export const GroupMetrics = Schema.Struct({
  probWait: MetricCI,
  abandonRate: MetricCI,
  expiredRate: MetricCI,
  asaMs: MetricCI,
  queueWaitMs: MetricCI,
  acceptDelayMs: MetricCI,
  /** Per threshold label ("20s"): answered within it / arrived. A queue adds its own threshold. */
  serviceLevel: Schema.Record(Schema.String, MetricCI),
  slotUtilization: MetricCI,
  agentOccupancy: MetricCI,
  ronaRate: MetricCI,
  transferRate: MetricCI,
  droppedRate: MetricCI,
  ahtMs: MetricCI,
  meanQueueLength: MetricCI,
  /** Arrival to accept of answered chats. */
  waitMs: Distribution,
  /** Arrival to leaving of abandoned chats. */
  timeToAbandonMs: Distribution
})
export type GroupMetrics = typeof GroupMetrics.Type

export const GroupSummary = Schema.Struct({
  arrived: Schema.Int,
  answered: Schema.Int,
  abandoned: Schema.Int,
  expired: Schema.Int,
  /** A queue's own service-level threshold, whose label is among `metrics.serviceLevel` (queues only). */
  serviceLevelThresholdMs: Schema.optionalKey(Schema.Int),
  metrics: GroupMetrics
})
export type GroupSummary = typeof GroupSummary.Type

/** One report interval (default 30 min) of one queue: means over replications; null when undefined. */
export const IntervalRow = Schema.Struct({
  queueId: Schema.String,
  startMs: Schema.Int,
  endMs: Schema.Int,
  arrived: Schema.Number,
  answered: Schema.Number,
  abandoned: Schema.Number,
  /** Keyed by threshold label, like GroupMetrics.serviceLevel; null when no chat arrived in it. */
  serviceLevel: Schema.Record(Schema.String, Schema.NullOr(Schema.Number)),
  asaMs: Schema.NullOr(Schema.Number),
  meanQueueLength: Schema.Number
})
export type IntervalRow = typeof IntervalRow.Type

export const AgentGroupRow = Schema.Struct({
  group: Schema.String,
  agents: Schema.Int,
  slotUtilization: MetricCI,
  agentOccupancy: MetricCI
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

/** A threshold's result: `ok` null means "not judged" (its value is undefined, e.g. an interval with n < 2). */
export const ThresholdResult = Schema.Struct({
  metric: Schema.String,
  expression: Schema.String,
  value: Schema.NullOr(Schema.Number),
  ok: Schema.NullOr(Schema.Boolean)
})
export type ThresholdResult = typeof ThresholdResult.Type

/**
 * The analytic prediction beside the simulated value, or why there is none. Each row's p-value
 * tests "the simulator's true mean is the prediction"; `consistent` judges all rows together at
 * family-wise level `alpha` (Holm), null when a row cannot be judged (fewer than 2 replications).
 */
export const TheoryComparison = Schema.Union([
  Schema.Struct({
    applicable: Schema.Literal(true),
    model: Schema.Literals(["erlang-c", "erlang-a"]),
    servers: Schema.Int,
    alpha: Schema.Number,
    rows: Schema.Array(
      Schema.Struct({
        metric: Schema.String,
        predicted: Schema.Number,
        simulated: MetricCI,
        pValue: Schema.NullOr(Schema.Number),
        consistent: Schema.NullOr(Schema.Boolean)
      })
    )
  }),
  Schema.Struct({ applicable: Schema.Literal(false), reasons: Schema.Array(Schema.String) })
])
export type TheoryComparison = typeof TheoryComparison.Type

const LoadInterval = Schema.Struct({
  startMs: Schema.Int,
  endMs: Schema.Int,
  /** Chats offered per hour x mean slot holding time: busy slots needed on average. */
  erlangs: Schema.Number,
  /** Slots on duty in the scenario's roster (mean over the interval). */
  slots: Schema.Number
})

/** Offered load against the slots on duty, per report interval (from the scenario, not simulated). */
export const OfferedLoad = Schema.Struct({
  meanErlangs: Schema.Number,
  meanSlots: Schema.Number,
  peak: LoadInterval,
  intervals: Schema.Array(LoadInterval)
})
export type OfferedLoad = typeof OfferedLoad.Type

/** Intervals whose offered load is more than the slots on duty. */
export const overloaded = (o: OfferedLoad): OfferedLoad["intervals"] => o.intervals.filter((x) => x.erlangs > x.slots)

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
  offeredLoad: OfferedLoad,
  overall: GroupSummary,
  queues: Schema.Record(Schema.String, GroupSummary),
  intervals: Schema.Array(IntervalRow),
  agentGroups: Schema.Array(AgentGroupRow),
  funnel: OfferFunnel,
  /** Proactive campaigns in the scenario; invitations sent; accepted ones (chats) and their answers. */
  proactive: Schema.Struct({ campaigns: Schema.Int, invited: Schema.Int, arrived: Schema.Int, answered: Schema.Int }),
  /** Chats closed `dropped` after a transfer that was not accepted, total. */
  droppedOnTransfer: Schema.Int,
  theory: TheoryComparison,
  thresholds: Schema.Array(ThresholdResult),
  audit: Schema.Struct({ enabled: Schema.Boolean, events: Schema.Int })
})
export type Summary = typeof Summary.Type
