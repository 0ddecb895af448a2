// Realistic run summaries for the report tests. `livechatSummary`: a Monday-peak livechat run with
// two queues, three agent groups, 14 half-hour intervals, RONA, transfers and drops, where Erlang
// theory does not apply. `erlangSummary`: an Erlang A run (one queue, one group, capacity 1, no
// RONA) where it does. Numbers are consistent: counts reconcile and intervals are Student t.
import type { Distribution, GroupSummary, IntervalRow, MetricCI, Summary } from "../../sim/summary/model.ts"
import { holmRejected, pValue } from "../../sim/theory/verdict.ts"

const t95: Record<number, number> = { 5: 2.776, 10: 2.262, 20: 2.093 }
const t99: Record<number, number> = { 5: 4.604, 10: 3.25, 20: 2.861 }

/** A replicated metric with Student-t intervals for `n` replications. */
export const ci = (mean: number, stderr: number, n = 20): MetricCI => {
  if (n < 2) return { mean: n === 0 ? null : mean, stderr: null, ci95: null, ci99: null, n }
  const a = (t95[n] ?? 2) * stderr
  const b = (t99[n] ?? 2.6) * stderr
  return { mean, stderr, ci95: [mean - a, mean + a], ci99: [mean - b, mean + b], n }
}

const wait = (asa: MetricCI, p50: number, p90: number, p95: number, p99: number): Distribution => ({
  ...asa,
  count: 1000,
  p50,
  p90,
  p95,
  p99,
  quantiles: [
    [0, 1],
    [25, p50 / 4],
    [50, p50],
    [75, (p50 + p90) / 2],
    [90, p90],
    [95, p95],
    [99, p99],
    [100, p99 * 1.6]
  ]
})

interface GroupSpec {
  readonly arrived: number
  readonly answered: number
  readonly abandoned: number
  readonly sl: readonly [number, number]
  readonly asaMs: number
  readonly waits: readonly [number, number, number, number]
  readonly occupancy: number
  readonly rona: number
  readonly transfer: number
  readonly dropped: number
  readonly queueLength: number
  readonly n?: number
  /** A queue's own service-level threshold (its label must be "20s" or "1m" here). */
  readonly ownMs?: number
}

const group = (g: GroupSpec): GroupSummary => {
  const n = g.n ?? 20
  const asa = ci(g.asaMs, g.asaMs * 0.04, n)
  return {
    arrived: g.arrived,
    answered: g.answered,
    abandoned: g.abandoned,
    expired: 0,
    ...(g.ownMs === undefined ? {} : { serviceLevelThresholdMs: g.ownMs }),
    metrics: {
      probWait: ci(0.41, 0.009, n),
      abandonRate: ci(g.abandoned / g.arrived, 0.0011, n),
      expiredRate: ci(0, 0, n),
      asaMs: asa,
      queueWaitMs: asa,
      acceptDelayMs: ci(0, 0, n),
      serviceLevel: { "20s": ci(g.sl[0], 0.0058, n), "1m": ci(g.sl[1], 0.0031, n) },
      slotUtilization: ci(g.occupancy, 0.0021, n),
      agentOccupancy: ci(g.occupancy, 0.0021, n),
      ronaRate: ci(g.rona, g.rona === 0 ? 0 : 0.0017, n),
      transferRate: ci(g.transfer, g.transfer === 0 ? 0 : 0.0024, n),
      droppedRate: ci(g.dropped, g.dropped === 0 ? 0 : 0.0006, n),
      ahtMs: ci(412_000, 2_300, n),
      meanQueueLength: ci(g.queueLength, g.queueLength * 0.05, n),
      waitMs: wait(asa, ...g.waits),
      timeToAbandonMs: wait(ci(95_000, 3_000, n), 61_000, 170_000, 240_000, 410_000)
    }
  }
}

/** A smooth Monday shape: busy at 2:00-4:00, calmer later. */
const load = (i: number): number => 1 + 0.35 * Math.sin((i / 13) * Math.PI * 1.4)

const intervalRows = (queueId: string, perInterval: number, slBase: number, queueScale: number): Array<IntervalRow> =>
  Array.from({ length: 14 }, (_, i) => {
    const arrived = Math.round(perInterval * load(i) * 10) / 10
    const strain = load(i) - 1
    const abandoned = Math.round(arrived * (0.02 + 0.05 * Math.max(0, strain)) * 10) / 10
    return {
      queueId,
      startMs: 3_600_000 + i * 1_800_000,
      endMs: 3_600_000 + (i + 1) * 1_800_000,
      arrived,
      answered: Math.round((arrived - abandoned) * 10) / 10,
      abandoned,
      serviceLevel: {
        "20s": Math.min(0.99, slBase - 0.3 * strain),
        "1m": Math.min(0.995, slBase + 0.09 - 0.18 * strain)
      },
      asaMs: Math.round(9_000 + 40_000 * Math.max(0, strain)),
      meanQueueLength: Math.round(queueScale * (1.2 + 9 * Math.max(0, strain) ** 1.5) * 100) / 100
    }
  })

const support = group({
  arrived: 60_240,
  answered: 58_410,
  abandoned: 1_830,
  sl: [0.8231, 0.9137],
  asaMs: 14_230,
  waits: [4_100, 38_200, 61_500, 142_000],
  occupancy: 0.874,
  rona: 0.031,
  transfer: 0.062,
  dropped: 0.0081,
  queueLength: 3.42,
  ownMs: 20_000
})
const sales = group({
  arrived: 24_180,
  answered: 23_760,
  abandoned: 420,
  sl: [0.8712, 0.9551],
  asaMs: 9_840,
  waits: [2_300, 24_900, 39_800, 97_000],
  occupancy: 0.812,
  rona: 0.024,
  transfer: 0.018,
  dropped: 0.0029,
  queueLength: 1.17,
  ownMs: 60_000
})
const overall = group({
  arrived: 84_420,
  answered: 82_170,
  abandoned: 2_250,
  sl: [0.8357, 0.9251],
  asaMs: 12_970,
  waits: [3_500, 34_100, 55_800, 131_000],
  occupancy: 0.851,
  rona: 0.029,
  transfer: 0.049,
  dropped: 0.0066,
  queueLength: 4.59
})

export const livechatSummary: Summary = {
  scenario: "monday-peak",
  seed: 42,
  replications: 20,
  engineVersion: "0.1.0",
  digest: "9f2c41d7a08e5b3c6e1d2f4a7b9c0e8d",
  horizonMs: 8 * 3_600_000,
  warmupMs: 3_600_000,
  intervalMs: 1_800_000,
  offeredLoad: {
    meanErlangs: 61.2,
    meanSlots: 180,
    peak: { startMs: 9_000_000, endMs: 10_800_000, erlangs: 96.4, slots: 90 },
    intervals: Array.from({ length: 14 }, (_, i) => ({
      startMs: 3_600_000 + i * 1_800_000,
      endMs: 5_400_000 + i * 1_800_000,
      erlangs: i === 3 ? 96.4 : 55,
      slots: i === 3 ? 90 : 186
    }))
  },
  overall,
  queues: { support, sales },
  intervals: [...intervalRows("support", 215, 0.86, 1), ...intervalRows("sales", 86, 0.9, 0.35)],
  agentGroups: [
    { group: "tier1", agents: 60, slotUtilization: ci(0.702, 0.0024), agentOccupancy: ci(0.902, 0.0024) },
    { group: "tier2", agents: 20, slotUtilization: ci(0.661, 0.0041), agentOccupancy: ci(0.861, 0.0041) },
    { group: "sales", agents: 25, slotUtilization: ci(0.574, 0.0052), agentOccupancy: ci(0.774, 0.0052) }
  ],
  funnel: { offered: 86_540, accepted: 84_030, rona: 2_470, declined: 0, cancelled: 40 },
  proactive: { campaigns: 1, invited: 9_800, arrived: 2_150, answered: 2_098 },
  droppedOnTransfer: 542,
  theory: {
    applicable: false,
    reasons: [
      "2 queues; theory needs exactly one",
      "agent group tier1: handle time is lognormal (mean 7m, sd 3m), theory needs exponential",
      "agent group tier1 misses offers (missProbability 0.03, RONA)",
      "agent group tier2 transfers chats (probability 0.05)",
      "agent group sales: wrap-up is fixed 30s, theory needs 0"
    ]
  },
  thresholds: [
    { metric: "waitMs{queue:support}", expression: "p(95)<60000", value: 61_500, ok: false },
    { metric: "abandonRate", expression: "rate<0.05", value: 2_250 / 84_420, ok: true },
    { metric: "serviceLevel.20s", expression: "value>=0.8", value: 0.8357, ok: true },
    { metric: "asaMs", expression: "avg<30000", value: 12_970, ok: true }
  ],
  audit: { enabled: true, events: 6_412_880 }
}

/** Theory rows with their p-values and Holm verdicts at 5%, as the summary computes them. */
export const judged = (rows: ReadonlyArray<{ metric: string; predicted: number; simulated: MetricCI }>) => {
  const p = rows.map((r) => pValue(r.predicted, r.simulated))
  const rejected = holmRejected(p, 0.05)
  return rows.map((r, i) => ({ ...r, pValue: p[i] ?? null, consistent: rejected[i] === null ? null : !rejected[i] }))
}

const erlangGroup = group({
  arrived: 53_310,
  answered: 51_020,
  abandoned: 2_290,
  sl: [0.7023, 0.8389],
  asaMs: 21_400,
  waits: [6_200, 61_000, 88_000, 171_000],
  occupancy: 0.9321,
  rona: 0,
  transfer: 0,
  dropped: 0,
  queueLength: 5.87
})

export const erlangSummary: Summary = {
  scenario: "erlang-a-demo",
  seed: 7,
  replications: 20,
  engineVersion: "0.1.0",
  digest: "0c7d5e11aa93b2f4",
  horizonMs: 8 * 3_600_000,
  warmupMs: 3_600_000,
  intervalMs: 1_800_000,
  offeredLoad: {
    meanErlangs: 95,
    meanSlots: 100,
    peak: { startMs: 3_600_000, endMs: 5_400_000, erlangs: 95, slots: 100 },
    intervals: Array.from({ length: 14 }, (_, i) => ({
      startMs: 3_600_000 + i * 1_800_000,
      endMs: 5_400_000 + i * 1_800_000,
      erlangs: 95,
      slots: 100
    }))
  },
  overall: erlangGroup,
  queues: { support: erlangGroup },
  intervals: intervalRows("support", 190, 0.74, 1.6),
  agentGroups: [
    { group: "tier1", agents: 100, slotUtilization: ci(0.9321, 0.0018), agentOccupancy: ci(0.9321, 0.0018) }
  ],
  funnel: { offered: 51_020, accepted: 51_020, rona: 0, declined: 0, cancelled: 0 },
  proactive: { campaigns: 0, invited: 0, arrived: 0, answered: 0 },
  droppedOnTransfer: 0,
  theory: {
    applicable: true,
    model: "erlang-a",
    servers: 100,
    alpha: 0.05,
    rows: judged([
      { metric: "probWait", predicted: 0.4127, simulated: ci(0.41, 0.009) },
      { metric: "abandonRate", predicted: 0.0421, simulated: ci(2_290 / 53_310, 0.0011) },
      { metric: "asaMs", predicted: 21_950, simulated: erlangGroup.metrics.asaMs },
      { metric: "serviceLevel.20s", predicted: 0.7101, simulated: ci(0.7023, 0.0058) },
      { metric: "slotUtilization", predicted: 0.9335, simulated: ci(0.9321, 0.0018) },
      { metric: "meanQueueLength", predicted: 5.71, simulated: erlangGroup.metrics.meanQueueLength }
    ])
  },
  thresholds: [],
  audit: { enabled: false, events: 0 }
}
