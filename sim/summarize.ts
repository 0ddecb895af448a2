/**
 * From replications to the summary of DESIGN section 5: per-replication metric values for the
 * whole center and each queue, turned into means with Student-t confidence intervals; pooled wait
 * percentiles; per-interval rows averaged over replications; occupancy per agent group; the offer
 * funnel and the other totals.
 */
import hdr from "hdr-histogram-js"
import type { Measurements } from "./measurements.ts"
import type { Tally } from "./metrics.ts"
import { newTally } from "./metrics.ts"
import type { Scenario } from "./scenario/model.ts"
import { metricCI } from "./stats.ts"
import type { AgentGroupRow, GroupSummary, IntervalRow, MetricCI } from "./summary.ts"
import { durationLabel } from "./theory/labels.ts"

/** Where the wait distribution is sampled for `waitMs.quantiles`: every 5th percentile and the tail. */
export const WAIT_PERCENTILES = [0, 5, 10, 15, 20, 25, 30, 35, 40, 45, 50, 55, 60, 65, 70, 75, 80, 85, 90, 95, 97.5, 99, 99.5, 99.9, 100]

const ratio = (a: number, b: number): number => (b === 0 ? Number.NaN : a / b)

const sumTallies = (tallies: ReadonlyArray<Tally>, thresholds: number): Tally => {
  const t = newTally(thresholds)
  for (const x of tallies) {
    t.arrived += x.arrived
    t.answered += x.answered
    t.answeredAtOnce += x.answeredAtOnce
    t.abandoned += x.abandoned
    t.expired += x.expired
    t.dropped += x.dropped
    t.transfers += x.transfers
    t.offers += x.offers
    t.ronas += x.ronas
    t.waitSumMs += x.waitSumMs
    t.ahtSumMs += x.ahtSumMs
    t.ahtCount += x.ahtCount
    x.withinThreshold.forEach((v, i) => (t.withinThreshold[i]! += v))
    t.waits.add(x.waits)
  }
  return t
}

interface RepView {
  readonly tally: Tally
  readonly occupancy: number
  readonly queueLengthMs: number
}

const groupSummary = (s: Scenario, reps: ReadonlyArray<RepView>): GroupSummary => {
  const spanMs = s.horizonMs - s.warmupMs
  const ci = (f: (r: RepView) => number): MetricCI => metricCI(reps.map(f))
  const pooled = hdr.build({ lowestDiscernibleValue: 1, highestTrackableValue: 3_600_000 * 24, numberOfSignificantValueDigits: 3 })
  for (const r of reps) pooled.add(r.tally.waits)
  const total = (f: (t: Tally) => number) => reps.reduce((sum, r) => sum + f(r.tally), 0)
  const serviceLevel: Record<string, MetricCI> = {}
  s.serviceLevelThresholdsMs.forEach((ms, i) => {
    serviceLevel[durationLabel(ms)] = ci((r) => ratio(r.tally.withinThreshold[i]!, r.tally.arrived))
  })
  const asa = ci((r) => ratio(r.tally.waitSumMs, r.tally.answered))
  const p = (q: number) => (pooled.totalCount === 0 ? 0 : pooled.getValueAtPercentile(q))
  return {
    arrived: total((t) => t.arrived),
    answered: total((t) => t.answered),
    abandoned: total((t) => t.abandoned),
    metrics: {
      probWait: ci((r) => ratio(r.tally.arrived - r.tally.answeredAtOnce, r.tally.arrived)),
      abandonRate: ci((r) => ratio(r.tally.abandoned, r.tally.arrived)),
      asaMs: asa,
      serviceLevel,
      occupancy: ci((r) => r.occupancy),
      ronaRate: ci((r) => ratio(r.tally.ronas, r.tally.offers)),
      transferRate: ci((r) => ratio(r.tally.transfers, r.tally.answered)),
      droppedRate: ci((r) => ratio(r.tally.dropped, r.tally.answered)),
      ahtMs: ci((r) => ratio(r.tally.ahtSumMs, r.tally.ahtCount)),
      meanQueueLength: ci((r) => r.queueLengthMs / spanMs),
      waitMs: {
        ...asa, p50: p(50), p90: p(90), p95: p(95), p99: p(99),
        quantiles: pooled.totalCount === 0 ? [] : WAIT_PERCENTILES.map((q) => [q, p(q)] as const)
      }
    }
  }
}

/** Used / staffed slot time of the groups in `groups` (indices). */
const occupancyOf = (m: Measurements, groups: ReadonlyArray<number>): number =>
  ratio(groups.reduce((s, g) => s + m.usedSlotMs[g]!, 0), groups.reduce((s, g) => s + m.staffedSlotMs[g]!, 0))

export const summarizeQueues = (s: Scenario, runs: ReadonlyArray<Measurements>) => {
  const thresholds = s.serviceLevelThresholdsMs.length
  const allGroups = s.agents.map((_, g) => g)
  const overall = groupSummary(s, runs.map((m) => ({
    tally: sumTallies(m.queues, thresholds),
    occupancy: occupancyOf(m, allGroups),
    queueLengthMs: m.queueLengthMs.reduce((a, b) => a + b, 0)
  })))
  const queues: Record<string, GroupSummary> = {}
  s.queues.forEach((q, i) => {
    const serving = allGroups.filter((g) => s.agents[g]!.queues.includes(q.id))
    queues[q.id] = groupSummary(s, runs.map((m) => ({
      tally: m.queues[i]!,
      occupancy: occupancyOf(m, serving),
      queueLengthMs: m.queueLengthMs[i]!
    })))
  })
  return { overall, queues }
}

export const summarizeIntervals = (s: Scenario, runs: ReadonlyArray<Measurements>): Array<IntervalRow> => {
  const n = runs.length
  return s.queues.flatMap((q, qi) =>
    runs[0]!.intervals[qi]!.map((_, i) => {
      const rows = runs.map((m) => m.intervals[qi]![i]!)
      const startMs = s.warmupMs + i * s.intervalMs
      const endMs = Math.min(s.horizonMs, startMs + s.intervalMs)
      const mean = (f: (r: (typeof rows)[number]) => number) => rows.reduce((a, r) => a + f(r), 0) / n
      const serviceLevel: Record<string, number> = {}
      s.serviceLevelThresholdsMs.forEach((ms, k) => {
        serviceLevel[durationLabel(ms)] = mean((r) => (r.arrived === 0 ? 0 : r.withinThreshold[k]! / r.arrived))
      })
      return {
        queueId: q.id,
        startMs,
        endMs,
        arrived: mean((r) => r.arrived),
        answered: mean((r) => r.answered),
        abandoned: mean((r) => r.abandoned),
        serviceLevel,
        asaMs: mean((r) => (r.answered === 0 ? 0 : r.waitSumMs / r.answered)),
        meanQueueLength: mean((r) => r.queueLengthMsSum / Math.max(1, endMs - startMs))
      }
    })
  )
}

export const summarizeGroups = (s: Scenario, runs: ReadonlyArray<Measurements>): Array<AgentGroupRow> =>
  s.agents.map((g, gi) => ({ group: g.id, agents: g.count, occupancy: metricCI(runs.map((m) => occupancyOf(m, [gi]))) }))
