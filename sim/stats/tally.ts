/**
 * The counters one replication keeps per queue and per report interval of a queue (sums and
 * counts, never ratios), in the shape the summary reads and a worker thread sends back. A
 * threshold index refers to the run's tracked thresholds (`trackedThresholdsMs`).
 */
import type { Histogram } from "hdr-histogram-js"
import type { Scenario } from "../scenario/model.ts"
import { intervalCount } from "../workload/roster.ts"

export interface Tally {
  arrived: number
  answered: number
  /** Counted chats whose first offer came at their arrival instant (they did not wait in line). */
  offeredAtOnce: number
  abandoned: number
  expired: number
  dropped: number
  transfers: number
  offers: number
  ronas: number
  /** Answered chats: arrival to accept. */
  waitSumMs: number
  /** Answered chats: arrival to first offer. */
  queueWaitSumMs: number
  /** Answered chats: the answering offer to its accept. */
  acceptDelaySumMs: number
  /** Abandoned chats: arrival to leaving. */
  abandonWaitSumMs: number
  ahtSumMs: number
  ahtCount: number
  readonly withinThreshold: Array<number>
  readonly waits: Histogram
  readonly abandonWaits: Histogram
}

export const newTally = (thresholds: number, histogram: () => Histogram): Tally => ({
  arrived: 0,
  answered: 0,
  offeredAtOnce: 0,
  abandoned: 0,
  expired: 0,
  dropped: 0,
  transfers: 0,
  offers: 0,
  ronas: 0,
  waitSumMs: 0,
  queueWaitSumMs: 0,
  acceptDelaySumMs: 0,
  abandonWaitSumMs: 0,
  ahtSumMs: 0,
  ahtCount: 0,
  withinThreshold: new Array<number>(thresholds).fill(0),
  waits: histogram(),
  abandonWaits: histogram()
})

export interface IntervalTally {
  arrived: number
  answered: number
  offeredAtOnce: number
  abandoned: number
  expired: number
  waitSumMs: number
  queueWaitSumMs: number
  readonly withinThreshold: Array<number>
  queueLengthMsSum: number
}

/** One agent group's time integrals within one report interval. */
export interface GroupIntervalTally {
  usedSlotMs: number
  staffedSlotMs: number
  busyAgentMs: number
  loggedInAgentMs: number
}

export const newGroupIntervals = (intervals: number): Array<GroupIntervalTally> =>
  Array.from({ length: intervals }, () => ({ usedSlotMs: 0, staffedSlotMs: 0, busyAgentMs: 0, loggedInAgentMs: 0 }))

/** One row per report interval from warm-up to horizon. */
export const newIntervalRows = (
  span: { readonly warmupMs: number; readonly horizonMs: number; readonly intervalMs: number },
  thresholds: number
): Array<IntervalTally> => Array.from({ length: intervalCount(span) }, () => emptyIntervalTally(thresholds))

/** An interval's counts before anything happened in it. */
export const emptyIntervalTally = (thresholds: number): IntervalTally => ({
  arrived: 0,
  answered: 0,
  offeredAtOnce: 0,
  abandoned: 0,
  expired: 0,
  waitSumMs: 0,
  queueWaitSumMs: 0,
  queueLengthMsSum: 0,
  withinThreshold: new Array<number>(thresholds).fill(0)
})

/** The thresholds a run tracks: the global ones, then each queue's own threshold not among them. */
export const trackedThresholdsMs = (
  globalMs: ReadonlyArray<number>,
  queueOwnMs: ReadonlyArray<number>
): Array<number> => {
  const out = [...globalMs]
  for (const ms of queueOwnMs) if (!out.includes(ms)) out.push(ms)
  return out
}

/** The thresholds a scenario's metrics track, in tally order. */
export const scenarioThresholdsMs = (s: Scenario): Array<number> =>
  trackedThresholdsMs(
    s.serviceLevelThresholdsMs,
    s.queues.map((q) => q.serviceLevelThresholdMs)
  )
