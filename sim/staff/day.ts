/**
 * One simulated day for staffing, as per-interval tallies: replication r of a scenario (seeded as
 * `run` seeds it, so candidates share random numbers), reduced to each queue's interval counters
 * and each agent group's interval time integrals: plain numbers a worker thread sends back. From
 * those, a period's metric values (a period is one or more consecutive report intervals), with
 * the summary's definitions: chats belong to the interval they arrived in.
 */
import type { Violation } from "../../core/audit/auditor.ts"
import { runReplication } from "../run/replication.ts"
import { replicationSeed } from "../run/replications.ts"
import type { Scenario } from "../scenario/model.ts"
import type { GroupIntervalTally, IntervalTally } from "../stats/tally.ts"
import { emptyIntervalTally, scenarioThresholdsMs } from "../stats/tally.ts"
import type { Labels } from "../summary/summarize.ts"
import { labelsFor } from "../summary/summarize.ts"

export interface DayTallies {
  /** Per queue, per report interval. */
  readonly queues: ReadonlyArray<ReadonlyArray<IntervalTally>>
  /** Per agent group, per report interval. */
  readonly groups: ReadonlyArray<ReadonlyArray<GroupIntervalTally>>
}

export type DayResult =
  | { readonly _tag: "Day"; readonly tallies: DayTallies }
  | { readonly _tag: "Violation"; readonly violation: Violation; readonly replicationSeed: number }

export const sampleDay = (scenario: Scenario, r: number, audit: boolean): DayResult => {
  const seed = replicationSeed(scenario.seed, r)
  const result = runReplication(scenario, { seed, audit })
  if (result.violation !== undefined) return { _tag: "Violation", violation: result.violation, replicationSeed: seed }
  return { _tag: "Day", tallies: { queues: result.metrics.intervals, groups: result.metrics.groupIntervals } }
}

/** Consecutive report intervals staffed as one: [first, last]. */
export interface PeriodSpan {
  readonly first: number
  readonly last: number
}

const ratio = (a: number, b: number): number => (b === 0 ? Number.NaN : a / b)

const sumQueue = (rows: ReadonlyArray<IntervalTally>, span: PeriodSpan, thresholds: number): IntervalTally => {
  const t = emptyIntervalTally(thresholds)
  for (let i = span.first; i <= span.last; i++) {
    const r = rows[i]!
    t.arrived += r.arrived
    t.answered += r.answered
    t.offeredAtOnce += r.offeredAtOnce
    t.abandoned += r.abandoned
    t.expired += r.expired
    t.waitSumMs += r.waitSumMs
    t.queueWaitSumMs += r.queueWaitSumMs
    t.queueLengthMsSum += r.queueLengthMsSum
    r.withinThreshold.forEach((v, k) => {
      t.withinThreshold[k]! += v
    })
  }
  return t
}

const sumGroups = (day: DayTallies, groups: ReadonlyArray<number>, span: PeriodSpan): GroupIntervalTally => {
  const t = { usedSlotMs: 0, staffedSlotMs: 0, busyAgentMs: 0, loggedInAgentMs: 0 }
  for (const g of groups) {
    for (let i = span.first; i <= span.last; i++) {
      const r = day.groups[g]![i]!
      t.usedSlotMs += r.usedSlotMs
      t.staffedSlotMs += r.staffedSlotMs
      t.busyAgentMs += r.busyAgentMs
      t.loggedInAgentMs += r.loggedInAgentMs
    }
  }
  return t
}

/** Metric key -> value for one group of chats in one period. */
export type Values = Readonly<Record<string, number>>

const valuesOf = (t: IntervalTally, g: GroupIntervalTally, labels: Labels, spanMs: number): Values => {
  const out: Record<string, number> = {
    probWait: ratio(t.arrived - t.offeredAtOnce, t.arrived),
    abandonRate: ratio(t.abandoned, t.arrived),
    expiredRate: ratio(t.expired, t.arrived),
    asaMs: ratio(t.waitSumMs, t.answered),
    queueWaitMs: ratio(t.queueWaitSumMs, t.answered),
    meanQueueLength: t.queueLengthMsSum / spanMs,
    slotUtilization: ratio(g.usedSlotMs, g.staffedSlotMs),
    agentOccupancy: ratio(g.busyAgentMs, g.loggedInAgentMs)
  }
  for (const [label, k] of labels) out[`serviceLevel.${label}`] = ratio(t.withinThreshold[k]!, t.arrived)
  return out
}

/** The whole center and each queue, in one period of one simulated day. */
export interface PeriodValues {
  readonly overall: Values
  readonly queues: Readonly<Record<string, Values>>
}

export const periodValues = (s: Scenario, day: DayTallies, span: PeriodSpan): PeriodValues => {
  const tracked = scenarioThresholdsMs(s)
  const startMs = s.warmupMs + span.first * s.intervalMs
  const spanMs = Math.min(s.horizonMs, s.warmupMs + (span.last + 1) * s.intervalMs) - startMs
  const allGroups = s.agents.map((_, g) => g)
  const sums = s.queues.map((_, q) => sumQueue(day.queues[q]!, span, tracked.length))
  const total = sumQueue(sums, { first: 0, last: sums.length - 1 }, tracked.length)
  const queues: Record<string, Values> = {}
  s.queues.forEach((q, i) => {
    const labels = labelsFor(s, q.serviceLevelThresholdMs)
    const serving = allGroups.filter((g) => s.agents[g]!.queues.includes(q.id))
    queues[q.id] = valuesOf(sums[i]!, sumGroups(day, serving, span), labels, spanMs)
  })
  return { overall: valuesOf(total, sumGroups(day, allGroups, span), labelsFor(s, undefined), spanMs), queues }
}
