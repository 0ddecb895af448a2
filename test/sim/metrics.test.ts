// The metrics module on a hand-built event stream: every metric of the summary, the warm-up and
// horizon boundaries, the intervals and the time integrals, each computed by hand below (times in
// ms). Two agents: a1 (group g1, capacity 2, logged in from 0) and a2 (group g2, capacity 1,
// logged in 20,000-80,000). Warm-up 1,000, horizon 100,000, intervals of 50,000. Queue q has its
// own service-level threshold 5s beside the global 20s.
import { describe, expect, it } from "vitest"
import type { Event } from "../../core/events.ts"
import { chatIndexOf } from "../../sim/run/world.ts"
import { loadScenarioText } from "../../sim/scenario/load.ts"
import { Measurer } from "../../sim/stats/measurer.ts"
import { scenarioThresholdsMs } from "../../sim/stats/tally.ts"
import { summarizeGroups, summarizeIntervals, summarizeQueues } from "../../sim/summary/summarize.ts"

const loaded = loadScenarioText(
  `
name: hand-built
horizon: 100s
warmup: 1s
interval: 50s
replications: 1
serviceLevelThresholds: [20s]
queues: [{ id: q, serviceLevelThreshold: 5s }]
arrivals: [{ queue: q, executor: constant-arrival-rate, rate: 1, timeUnit: 1m }]
agents:
  - { id: g1, count: 1, queues: [q], capacity: 2, handleTime: { dist: fixed, value: 1m } }
  - { id: g2, count: 1, queues: [q], capacity: 1, handleTime: { dist: fixed, value: 1m } }
`,
  "yaml"
)
if (loaded._tag !== "Loaded") throw new Error(loaded.problems.join("; "))
const scenario = loaded.scenario

type Step = readonly [atMs: number, waitingDelta: number, event: Event]
const at = (atMs: number) => ({ atMs })
const arrived = (t: number, chatId: string): Event => ({
  _tag: "ChatArrived",
  chatId,
  queueId: "q",
  customerName: chatId,
  proactive: false,
  priority: 0,
  ...at(t)
})
const offer = (
  t: number,
  offerId: number,
  chatId: string,
  agentId: string,
  kind: "route" | "transfer" = "route"
): Event => ({ _tag: "OfferMade", offerId, kind, chatId, agentId, queueId: "q", deadlineMs: t + 30_000, ...at(t) })
const accepted = (
  t: number,
  offerId: number,
  chatId: string,
  agentId: string,
  kind: "route" | "transfer" = "route"
): Event => ({ _tag: "OfferAccepted", offerId, kind, chatId, agentId, ...at(t) })
const wrapStart = (t: number, agentId: string, chatId: string): Event => ({
  _tag: "WrapUpStarted",
  agentId,
  chatId,
  ...at(t)
})
const wrapDone = (t: number, agentId: string, chatId: string): Event => ({
  _tag: "WrapUpSubmitted",
  agentId,
  chatId,
  reason: "Resolved",
  auto: false,
  ...at(t)
})
const closed = (
  t: number,
  chatId: string,
  outcome: "completed" | "abandoned" | "dropped" | "expired",
  answered: boolean
): Event => ({ _tag: "ChatClosed", chatId, outcome, answered, ...at(t) })

const steps: ReadonlyArray<Step> = [
  [0, 0, { _tag: "AgentLoggedIn", agentId: "a1", ...at(0) }],
  [500, 0, arrived(500, "c0")], // before the warm-up: simulated, not counted
  [500, 0, offer(500, 1, "c0", "a1")],
  [600, 0, accepted(600, 1, "c0", "a1")],
  [2_000, 0, arrived(2_000, "c1")], // interval 0
  [2_000, 0, offer(2_000, 2, "c1", "a1")], // offered at once: did not wait in line
  [3_000, 1, arrived(3_000, "c2")], // waits (a1 full)
  [4_000, 1, arrived(4_000, "c3")], // waits
  [5_000, 0, accepted(5_000, 2, "c1", "a1")], // wait 3,000 = queue wait 0 + accept delay 3,000
  [10_000, 0, wrapStart(10_000, "a1", "c0")],
  [10_000, 0, closed(10_000, "c0", "completed", true)],
  [12_000, 0, wrapDone(12_000, "a1", "c0")],
  [12_000, -1, offer(12_000, 3, "c2", "a1")], // c2 first offered after 9,000 in line
  [20_000, 0, { _tag: "AgentLoggedIn", agentId: "a2", ...at(20_000) }],
  [20_000, -1, offer(20_000, 4, "c3", "a2")], // c3: queue wait 16,000
  [21_000, 0, accepted(21_000, 4, "c3", "a2")], // wait 17,000 (within 20s, not within 5s), accept delay 1,000
  [30_000, 0, wrapStart(30_000, "a1", "c1")],
  [30_000, 0, closed(30_000, "c1", "completed", true)],
  [35_000, 0, wrapDone(35_000, "a1", "c1")], // c1 handled 5,000 -> 35,000: 30,000
  [42_000, 1, { _tag: "OfferExpired", offerId: 3, kind: "route", chatId: "c2", agentId: "a1", ...at(42_000) }], // RONA, back in line
  [50_000, -1, closed(50_000, "c2", "abandoned", false)], // time to abandon 47,000
  [55_000, 0, wrapStart(55_000, "a2", "c3")],
  [55_000, 0, closed(55_000, "c3", "completed", true)],
  [58_000, 0, wrapDone(58_000, "a2", "c3")], // c3 handled 21,000 -> 58,000: 37,000
  [60_000, 0, arrived(60_000, "c4")], // interval 1
  [60_000, 0, offer(60_000, 5, "c4", "a2")],
  [60_000, 0, accepted(60_000, 5, "c4", "a2")], // wait 0
  [
    70_000,
    0,
    {
      _tag: "TransferRequested",
      chatId: "c4",
      fromAgentId: "a2",
      target: { _tag: "ToAgent", agentId: "a1" },
      ...at(70_000)
    }
  ],
  [70_000, 0, wrapStart(70_000, "a2", "c4")],
  [70_000, 0, offer(70_000, 6, "c4", "a1", "transfer")],
  [72_000, 0, { _tag: "OfferDeclined", offerId: 6, kind: "transfer", chatId: "c4", agentId: "a1", ...at(72_000) }],
  [72_000, 0, closed(72_000, "c4", "dropped", true)],
  [74_000, 0, wrapDone(74_000, "a2", "c4")], // c4 handled 60,000 -> 74,000: 14,000
  [80_000, 0, { _tag: "AgentLoggedOut", agentId: "a2", cause: "agent", ...at(80_000) }],
  [90_000, 1, arrived(90_000, "c5")], // still waiting at the horizon
  [91_000, 1, arrived(91_000, "c6")],
  [95_000, -1, closed(95_000, "c6", "expired", false)]
]

const run = (): Measurer => {
  const line = { size: 0 }
  const m = new Measurer({
    queueIds: ["q"],
    agents: [
      { id: "a1", group: 0, capacity: 2 },
      { id: "a2", group: 1, capacity: 1 }
    ],
    groups: 2,
    thresholdsMs: scenarioThresholdsMs(scenario),
    warmupMs: scenario.warmupMs,
    horizonMs: scenario.horizonMs,
    intervalMs: scenario.intervalMs,
    waitingLines: [line],
    chatKey: chatIndexOf
  })
  for (const [t, delta, e] of steps) {
    m.advance(t) // as the replication loop does: the integrals run up to now before the event applies
    line.size += delta
    m.onEvent(e)
  }
  m.close() // the last event is at 95,000: the state holds to the horizon
  return m
}

describe("metrics on a hand-built stream", () => {
  const m = run()
  const { overall, queues } = summarizeQueues(scenario, [m])
  const o = overall.metrics

  it("counts only chats that arrived in [warm-up, horizon), each in exactly one outcome", () => {
    expect([overall.arrived, overall.answered, overall.abandoned, overall.expired]).toEqual([6, 3, 1, 1])
    expect(m.funnel).toEqual({ offered: 5, accepted: 2 + 1 + 0, rona: 1, declined: 1, cancelled: 0 })
  })

  it("computes every replicated metric as the definitions say", () => {
    expect(o.probWait.mean).toBeCloseTo(4 / 6, 12) // c2, c3, c5, c6 waited in line; c1 and c4 were offered at once
    expect(o.abandonRate.mean).toBeCloseTo(1 / 6, 12)
    expect(o.expiredRate.mean).toBeCloseTo(1 / 6, 12)
    expect(o.asaMs.mean).toBeCloseTo((3_000 + 17_000 + 0) / 3, 9)
    expect(o.queueWaitMs.mean).toBeCloseTo((0 + 16_000 + 0) / 3, 9)
    expect(o.acceptDelayMs.mean).toBeCloseTo((3_000 + 1_000 + 0) / 3, 9)
    expect(o.serviceLevel["20s"]!.mean).toBeCloseTo(3 / 6, 12)
    expect(Object.keys(o.serviceLevel)).toEqual(["20s"])
    expect(o.ronaRate.mean).toBeCloseTo(1 / 5, 12)
    expect(o.transferRate.mean).toBeCloseTo(1 / 3, 12)
    expect(o.droppedRate.mean).toBeCloseTo(1 / 3, 12)
    expect(o.ahtMs.mean).toBeCloseTo((30_000 + 37_000 + 14_000) / 3, 9)
  })

  it("reports the queue's own threshold beside the global ones", () => {
    const q = queues["q"]!
    expect(q.serviceLevelThresholdMs).toBe(5_000)
    expect(Object.keys(q.metrics.serviceLevel)).toEqual(["20s", "5s"])
    expect(q.metrics.serviceLevel["5s"]!.mean).toBeCloseTo(2 / 6, 12) // c1 (3,000) and c4 (0)
  })

  it("integrates waiting chats, slots and busy agents from the warm-up to the horizon, closing at the horizon", () => {
    // waiting: c2 3,000-12,000 and 42,000-50,000, c3 4,000-20,000, c5 90,000-100,000, c6 91,000-95,000
    expect(o.meanQueueLength.mean).toBeCloseTo((9_000 + 8_000 + 16_000 + 10_000 + 4_000) / 99_000, 12)
    // a1 used 1 slot 1,000-2,000, 2 to 35,000, 1 to 42,000, 1 during 70,000-72,000; a2 1 during 20,000-58,000 and 60,000-74,000
    expect(o.slotUtilization.mean).toBeCloseTo(
      (1_000 + 66_000 + 7_000 + 2_000 + 38_000 + 14_000) / (2 * 99_000 + 60_000),
      12
    )
    // a1 busy 1,000-42,000 and 70,000-72,000 of 99,000 logged in; a2 busy 52,000 of 60,000
    expect(o.agentOccupancy.mean).toBeCloseTo((41_000 + 2_000 + 52_000) / (99_000 + 60_000), 12)
    const [g1, g2] = summarizeGroups(scenario, [m])
    expect(g1!.slotUtilization.mean).toBeCloseTo(76_000 / 198_000, 12)
    expect(g1!.agentOccupancy.mean).toBeCloseTo(43_000 / 99_000, 12)
    expect(g2!.agentOccupancy.mean).toBeCloseTo(52_000 / 60_000, 12)
  })

  it("gives each interval the chats that arrived in it, and no value where none did", () => {
    const [i0, i1] = summarizeIntervals(scenario, [m])
    expect(i0).toMatchObject({ startMs: 1_000, endMs: 51_000, arrived: 3, answered: 2, abandoned: 1, asaMs: 10_000 })
    expect(i0!.serviceLevel["20s"]).toBeCloseTo(2 / 3, 12)
    expect(i0!.meanQueueLength).toBeCloseTo(33_000 / 50_000, 12)
    expect(i1).toMatchObject({ startMs: 51_000, endMs: 100_000, arrived: 3, answered: 1, abandoned: 0, asaMs: 0 })
    expect(i1!.meanQueueLength).toBeCloseTo(14_000 / 49_000, 12)
    // a run whose second interval has no arrivals: its service level and ASA are undefined, not 0
    const quiet = new Measurer({
      queueIds: ["q"],
      agents: [],
      groups: 0,
      thresholdsMs: [20_000],
      warmupMs: 0,
      horizonMs: 100_000,
      intervalMs: 50_000,
      waitingLines: [{ size: 0 }],
      chatKey: chatIndexOf
    })
    quiet.onEvent(arrived(10_000, "x"))
    const rows = summarizeIntervals(
      { ...scenario, warmupMs: 0, agents: [], queues: [{ ...scenario.queues[0]!, serviceLevelThresholdMs: 20_000 }] },
      [quiet]
    )
    expect(rows[1]!.serviceLevel["20s"]).toBeNull()
    expect(rows[1]!.asaMs).toBeNull()
    expect(rows[0]!.serviceLevel["20s"]).toBe(0)
  })

  it("keeps a 0 ms wait as 0 and says which chats each distribution holds", () => {
    expect(o.waitMs.count).toBe(3) // answered chats only
    expect(o.waitMs.quantiles[0]).toEqual([0, 0])
    expect(o.waitMs.p50).toBeGreaterThanOrEqual(3_000)
    expect(o.waitMs.p50).toBeLessThan(3_010)
    expect(o.timeToAbandonMs.count).toBe(1) // abandoned chats only
    expect(o.timeToAbandonMs.mean).toBe(47_000)
    expect(o.timeToAbandonMs.p95).toBeGreaterThanOrEqual(47_000)
    expect(o.timeToAbandonMs.p95).toBeLessThan(47_100)
  })

  it("has no interval with one replication (null, never zero width)", () => {
    expect(o.asaMs).toMatchObject({ n: 1, stderr: null, ci95: null, ci99: null })
  })
})
