/**
 * From replications to the summary (definitions: docs/metrics.md): per-replication metric values
 * for the whole center and each queue, turned into means with Student-t confidence intervals (a
 * replication that does not define a metric, e.g. ASA without answered chats, is left out of it);
 * pooled wait and time-to-abandon percentiles; per-interval rows averaged over the replications
 * that define them; slot utilization and agent occupancy per agent group. Each queue reports its
 * service level at the global thresholds and at its own.
 */

import type { Histogram } from "hdr-histogram-js"
import hdr from "hdr-histogram-js"
import type { Scenario } from "../scenario/model.ts"
import { metricCI } from "../stats/intervals.ts"
import type { Measurements } from "../stats/measurements.ts"
import type { IntervalTally, Tally } from "../stats/tally.ts"
import { newTally, scenarioThresholdsMs } from "../stats/tally.ts"
import { durationLabel } from "./labels.ts"
import type { AgentGroupRow, Distribution, GroupSummary, IntervalRow, MetricCI } from "./model.ts"

/** Where a distribution is sampled for `quantiles`: every 5th percentile and the tail. */
export const WAIT_PERCENTILES = [
  0, 5, 10, 15, 20, 25, 30, 35, 40, 45, 50, 55, 60, 65, 70, 75, 80, 85, 90, 95, 97.5, 99, 99.5, 99.9, 100
]

const ratio = (a: number, b: number): number => (b === 0 ? Number.NaN : a / b)

const histogram = (): Histogram =>
  hdr.build({ lowestDiscernibleValue: 1, highestTrackableValue: 3_600_000 * 24, numberOfSignificantValueDigits: 3 })

/** [label, tally index] of the service levels a group reports: the global ones, then a queue's own. */
export type Labels = ReadonlyArray<readonly [string, number]>

export const labelsFor = (s: Scenario, ownMs: number | undefined): Labels => {
  const tracked = scenarioThresholdsMs(s)
  const global = s.serviceLevelThresholdsMs.map((ms, i) => [durationLabel(ms), i] as const)
  if (ownMs === undefined || s.serviceLevelThresholdsMs.includes(ownMs)) return global
  return [...global, [durationLabel(ownMs), tracked.indexOf(ownMs)] as const]
}

const sumTallies = (tallies: ReadonlyArray<Tally>, thresholds: number): Tally => {
  const t = newTally(thresholds, histogram)
  for (const x of tallies) {
    t.arrived += x.arrived
    t.answered += x.answered
    t.offeredAtOnce += x.offeredAtOnce
    t.abandoned += x.abandoned
    t.expired += x.expired
    t.dropped += x.dropped
    t.transfers += x.transfers
    t.offers += x.offers
    t.ronas += x.ronas
    t.waitSumMs += x.waitSumMs
    t.queueWaitSumMs += x.queueWaitSumMs
    t.acceptDelaySumMs += x.acceptDelaySumMs
    t.abandonWaitSumMs += x.abandonWaitSumMs
    t.ahtSumMs += x.ahtSumMs
    t.ahtCount += x.ahtCount
    x.withinThreshold.forEach((v, i) => {
      t.withinThreshold[i]! += v
    })
    t.waits.add(x.waits)
    t.abandonWaits.add(x.abandonWaits)
  }
  return t
}

interface RepView {
  readonly tally: Tally
  readonly slotUtilization: number
  readonly agentOccupancy: number
  readonly queueLengthMs: number
}

/** A pooled distribution beside its replicated mean. */
const distribution = (mean: MetricCI, histograms: ReadonlyArray<Histogram>): Distribution => {
  const pooled = histogram()
  for (const h of histograms) pooled.add(h)
  const empty = pooled.totalCount === 0
  const p = (q: number) => (empty ? null : pooled.getValueAtPercentile(q))
  return {
    ...mean,
    count: pooled.totalCount,
    p50: p(50),
    p90: p(90),
    p95: p(95),
    p99: p(99),
    quantiles: empty ? [] : WAIT_PERCENTILES.map((q) => [q, pooled.getValueAtPercentile(q)] as const)
  }
}

const groupSummary = (s: Scenario, reps: ReadonlyArray<RepView>, labels: Labels, ownMs?: number): GroupSummary => {
  const spanMs = s.horizonMs - s.warmupMs
  const ci = (f: (t: Tally) => number): MetricCI => metricCI(reps.map((r) => f(r.tally)))
  const total = (f: (t: Tally) => number) => reps.reduce((sum, r) => sum + f(r.tally), 0)
  const serviceLevel: Record<string, MetricCI> = {}
  for (const [label, i] of labels) serviceLevel[label] = ci((t) => ratio(t.withinThreshold[i]!, t.arrived))
  const asaMs = ci((t) => ratio(t.waitSumMs, t.answered))
  const abandonMs = ci((t) => ratio(t.abandonWaitSumMs, t.abandoned))
  return {
    arrived: total((t) => t.arrived),
    answered: total((t) => t.answered),
    abandoned: total((t) => t.abandoned),
    expired: total((t) => t.expired),
    ...(ownMs === undefined ? {} : { serviceLevelThresholdMs: ownMs }),
    metrics: {
      probWait: ci((t) => ratio(t.arrived - t.offeredAtOnce, t.arrived)),
      abandonRate: ci((t) => ratio(t.abandoned, t.arrived)),
      expiredRate: ci((t) => ratio(t.expired, t.arrived)),
      asaMs,
      queueWaitMs: ci((t) => ratio(t.queueWaitSumMs, t.answered)),
      acceptDelayMs: ci((t) => ratio(t.acceptDelaySumMs, t.answered)),
      serviceLevel,
      slotUtilization: metricCI(reps.map((r) => r.slotUtilization)),
      agentOccupancy: metricCI(reps.map((r) => r.agentOccupancy)),
      ronaRate: ci((t) => ratio(t.ronas, t.offers)),
      transferRate: ci((t) => ratio(t.transfers, t.answered)),
      droppedRate: ci((t) => ratio(t.dropped, t.answered)),
      ahtMs: ci((t) => ratio(t.ahtSumMs, t.ahtCount)),
      meanQueueLength: metricCI(reps.map((r) => r.queueLengthMs / spanMs)),
      waitMs: distribution(
        asaMs,
        reps.map((r) => r.tally.waits)
      ),
      timeToAbandonMs: distribution(
        abandonMs,
        reps.map((r) => r.tally.abandonWaits)
      )
    }
  }
}

const sumOver = (values: ReadonlyArray<number>, groups: ReadonlyArray<number>): number =>
  groups.reduce((s, g) => s + values[g]!, 0)

/** Used / staffed slot time, and busy / logged-in agent time, of the groups in `groups` (indices). */
const utilizationOf = (m: Measurements, groups: ReadonlyArray<number>) => ({
  slotUtilization: ratio(sumOver(m.usedSlotMs, groups), sumOver(m.staffedSlotMs, groups)),
  agentOccupancy: ratio(sumOver(m.busyAgentMs, groups), sumOver(m.loggedInAgentMs, groups))
})

export const summarizeQueues = (s: Scenario, runs: ReadonlyArray<Measurements>) => {
  const thresholds = scenarioThresholdsMs(s).length
  const allGroups = s.agents.map((_, g) => g)
  const overall = groupSummary(
    s,
    runs.map((m) => ({
      tally: sumTallies(m.queues, thresholds),
      ...utilizationOf(m, allGroups),
      queueLengthMs: m.queueLengthMs.reduce((a, b) => a + b, 0)
    })),
    labelsFor(s, undefined)
  )
  const queues: Record<string, GroupSummary> = {}
  s.queues.forEach((q, i) => {
    const serving = allGroups.filter((g) => s.agents[g]!.queues.includes(q.id))
    queues[q.id] = groupSummary(
      s,
      runs.map((m) => ({
        tally: m.queues[i]!,
        ...utilizationOf(m, serving),
        queueLengthMs: m.queueLengthMs[i]!
      })),
      labelsFor(s, q.serviceLevelThresholdMs),
      q.serviceLevelThresholdMs
    )
  })
  return { overall, queues }
}

/** Mean of the defined values (null when none is). */
const meanDefined = (values: ReadonlyArray<number>): number | null => {
  const xs = values.filter(Number.isFinite)
  return xs.length === 0 ? null : xs.reduce((a, b) => a + b, 0) / xs.length
}

const intervalRow = (
  s: Scenario,
  queueId: string,
  labels: Labels,
  i: number,
  rows: ReadonlyArray<IntervalTally>
): IntervalRow => {
  const startMs = s.warmupMs + i * s.intervalMs
  const endMs = Math.min(s.horizonMs, startMs + s.intervalMs)
  const mean = (f: (r: IntervalTally) => number) => rows.reduce((a, r) => a + f(r), 0) / rows.length
  const serviceLevel: Record<string, number | null> = {}
  for (const [label, k] of labels)
    serviceLevel[label] = meanDefined(rows.map((r) => ratio(r.withinThreshold[k]!, r.arrived)))
  return {
    queueId,
    startMs,
    endMs,
    arrived: mean((r) => r.arrived),
    answered: mean((r) => r.answered),
    abandoned: mean((r) => r.abandoned),
    serviceLevel,
    asaMs: meanDefined(rows.map((r) => ratio(r.waitSumMs, r.answered))),
    meanQueueLength: mean((r) => r.queueLengthMsSum / Math.max(1, endMs - startMs))
  }
}

export const summarizeIntervals = (s: Scenario, runs: ReadonlyArray<Measurements>): Array<IntervalRow> =>
  s.queues.flatMap((q, qi) => {
    const labels = labelsFor(s, q.serviceLevelThresholdMs)
    return runs[0]!.intervals[qi]!.map((_, i) =>
      intervalRow(
        s,
        q.id,
        labels,
        i,
        runs.map((m) => m.intervals[qi]![i]!)
      )
    )
  })

export const summarizeGroups = (s: Scenario, runs: ReadonlyArray<Measurements>): Array<AgentGroupRow> =>
  s.agents.map((g, gi) => {
    const per = runs.map((m) => utilizationOf(m, [gi]))
    return {
      group: g.id,
      agents: g.count,
      slotUtilization: metricCI(per.map((p) => p.slotUtilization)),
      agentOccupancy: metricCI(per.map((p) => p.agentOccupancy))
    }
  })
