/**
 * What the summary is computed from: the measured totals of one replication, without the
 * bookkeeping that took them (`Metrics` holds both). A worker thread sends these back as data.
 */
import type { Metrics } from "./metrics.ts"

export type Measurements = Pick<
  Metrics,
  | "queues" | "intervals" | "groupIntervals" | "usedSlotMs" | "staffedSlotMs" | "busyAgentMs" | "loggedInAgentMs" | "queueLengthMs" | "funnel"
  | "proactive" | "droppedOnTransfer"
>
