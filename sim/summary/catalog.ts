/**
 * Every metric of the run summary, defined once: its JSON key, the one display name every report
 * uses (terminal, Markdown, HTML, compare, staff), its unit, which way is better, how more agents
 * move it (for staffing targets), and the one-line definition that table headers and notes quote.
 * docs/metrics.md is the long form of the same definitions. Thresholds, `compare --fail-if` and
 * `staff --target` read metric names from here, so an unknown name lists exactly these.
 */

/** ratio: a share in [0, 1] (shown in percent); ms: a duration (shown in seconds); chats: a count. */
export type MetricUnit = "ratio" | "ms" | "chats"

export type Direction = "lower-is-better" | "higher-is-better" | "neutral"

/** How staffing moves a metric: more agents raise it (from-below) or lower it (from-above). */
export type StaffingSide = "from-below" | "from-above"

export interface MetricInfo {
  readonly name: string
  readonly unit: MetricUnit
  readonly direction: Direction
  readonly staffing?: StaffingSide
  /** "answered within 20 s / arrived": numerator / denominator, or what is averaged over what. */
  readonly definition: string
}

/** The replicated metrics other than `serviceLevel` (keyed by threshold) and the distributions. */
export const PLAIN_METRICS = [
  "probWait",
  "abandonRate",
  "expiredRate",
  "asaMs",
  "queueWaitMs",
  "acceptDelayMs",
  "slotUtilization",
  "agentOccupancy",
  "ronaRate",
  "transferRate",
  "droppedRate",
  "ahtMs",
  "meanQueueLength"
] as const
export type PlainMetric = (typeof PLAIN_METRICS)[number]

export const CATALOG: Readonly<Record<PlainMetric, MetricInfo>> = {
  probWait: {
    name: "P(wait)",
    unit: "ratio",
    direction: "lower-is-better",
    staffing: "from-above",
    definition: "chats that waited in line (first offer after arrival, or none) / arrived"
  },
  abandonRate: {
    name: "abandon rate",
    unit: "ratio",
    direction: "lower-is-better",
    staffing: "from-above",
    definition: "chats that left before an agent accepted / arrived"
  },
  expiredRate: {
    name: "expiry rate",
    unit: "ratio",
    direction: "lower-is-better",
    definition: "chats closed by a queue's max wait before an accept / arrived"
  },
  asaMs: {
    name: "ASA",
    unit: "ms",
    direction: "lower-is-better",
    staffing: "from-above",
    definition: "mean time from arrival to accept, over answered chats (accept time included)"
  },
  queueWaitMs: {
    name: "queue wait",
    unit: "ms",
    direction: "lower-is-better",
    staffing: "from-above",
    definition: "mean time from arrival to first offer, over answered chats"
  },
  acceptDelayMs: {
    name: "accept delay",
    unit: "ms",
    direction: "lower-is-better",
    definition: "mean time from the answering offer to its accept, over answered chats"
  },
  slotUtilization: {
    name: "slot utilization",
    unit: "ratio",
    direction: "neutral",
    staffing: "from-above",
    definition: "time-average used slots / staffed slots (logged-in agents x capacity)"
  },
  agentOccupancy: {
    name: "agent occupancy",
    unit: "ratio",
    direction: "neutral",
    staffing: "from-above",
    definition: "time-average agents holding an offer, chat or wrap-up / logged-in agents"
  },
  ronaRate: {
    name: "RONA rate",
    unit: "ratio",
    direction: "lower-is-better",
    definition: "offers that expired (RONA) / offers made"
  },
  transferRate: {
    name: "transfer rate",
    unit: "ratio",
    direction: "neutral",
    definition: "transfers requested / answered chats"
  },
  droppedRate: {
    name: "drop rate",
    unit: "ratio",
    direction: "lower-is-better",
    definition: "chats dropped after a transfer was not accepted / answered chats"
  },
  ahtMs: {
    name: "AHT",
    unit: "ms",
    direction: "neutral",
    definition: "mean time from first accept to the end of the last wrap-up, over answered chats"
  },
  meanQueueLength: {
    name: "mean queue",
    unit: "chats",
    direction: "lower-is-better",
    staffing: "from-above",
    definition: "time-average number of chats waiting in line"
  }
}

/** `serviceLevel.<label>` as a catalog entry for its threshold label ("20s"). */
export const serviceLevelInfo = (label: string): MetricInfo => ({
  name: `SL ${label}`,
  unit: "ratio",
  direction: "higher-is-better",
  staffing: "from-below",
  definition: `answered within ${label} / arrived`
})

/** The distributions (pooled percentiles over all replications), by JSON key. */
export const DISTRIBUTIONS = {
  waitMs: { name: "wait", definition: "arrival to accept, answered chats only" },
  timeToAbandonMs: { name: "time to abandon", definition: "arrival to leaving, abandoned chats only" }
} as const
export type DistributionMetric = keyof typeof DISTRIBUTIONS

export const isPlainMetric = (name: string): name is PlainMetric => Object.hasOwn(CATALOG, name)

/** A metric key (`asaMs`, `serviceLevel.20s`) to its catalog entry; undefined for unknown keys. */
export const metricInfo = (key: string): MetricInfo | undefined => {
  if (key.startsWith("serviceLevel.")) return serviceLevelInfo(key.slice("serviceLevel.".length))
  return isPlainMetric(key) ? CATALOG[key] : undefined
}

/** The unit of a metric key, with or without a `{queue:...}` tag; distributions are in ms. */
export const unitOfKey = (key: string): MetricUnit => {
  const bare = key.replace(/\{.*\}$/, "")
  if (bare in DISTRIBUTIONS) return "ms"
  return metricInfo(bare)?.unit ?? "ratio"
}

/** "probWait, abandonRate, ..., serviceLevel.<threshold>, ...": every name a selector may use. */
export const KNOWN_METRICS_TEXT = [
  ...PLAIN_METRICS.slice(0, 6),
  "serviceLevel.<threshold>",
  ...PLAIN_METRICS.slice(6)
].join(", ")

/** Whether a metric is a ratio in [0, 1] (so a bound outside it is a mistake, e.g. 80 for 0.8). */
export const isRatio = (key: string): boolean => unitOfKey(key) === "ratio"
