/**
 * What the summary is computed from: the measured totals of one replication, without the
 * bookkeeping that took them (`Measurer` holds both). A worker thread sends these back as data.
 */
import type { Measurer } from "./measurer.ts"

export type Measurements = Pick<
  Measurer,
  | "queues"
  | "intervals"
  | "groupIntervals"
  | "usedSlotMs"
  | "staffedSlotMs"
  | "busyAgentMs"
  | "loggedInAgentMs"
  | "queueLengthMs"
  | "funnel"
  | "proactive"
  | "droppedOnTransfer"
>
