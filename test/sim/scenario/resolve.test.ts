// The scenario file -> resolved model: the minimal example scenario as written, every
// default, unit conversion (durations in ms, rates per hour), ramping stages, JSON = YAML.
import { describe, expect, it } from "vitest"
import { DEFAULTS } from "../../../core/config.ts"
import { parseDuration } from "../../../input/duration.ts"
import { rateStages, SCENARIO_DEFAULTS } from "../../../sim/scenario/resolve.ts"
import { fixture, loaded, loadFile, loadYaml, MINIMAL } from "./support.ts"

describe("durations", () => {
  it("parses k6-style strings to integer ms", () => {
    expect(parseDuration("250ms")).toBe(250)
    expect(parseDuration("20s")).toBe(20_000)
    expect(parseDuration("5m")).toBe(300_000)
    expect(parseDuration("8h")).toBe(28_800_000)
    expect(parseDuration("1h30m")).toBe(5_400_000)
    expect(parseDuration("1.5s")).toBe(1_500)
    expect(parseDuration("0s")).toBe(0)
  })
  it("rejects anything else", () => {
    for (const bad of ["8 hours", "", "10", "5d", "1h 30m", "-5s", "s", "1.s"])
      expect(parseDuration(bad)).toBeUndefined()
  })
})

describe("the minimal example scenario", () => {
  const s = loadFile(fixture("design-minimal.yaml"))

  it("resolves the top level in model units", () => {
    expect(s).toMatchObject({
      name: "erlang-a-demo",
      description: "",
      seed: 7,
      horizonMs: 8 * 3_600_000,
      warmupMs: 3_600_000,
      replications: 20,
      serviceLevelThresholdsMs: [20_000, 60_000],
      intervalMs: 1_800_000,
      routing: {
        policy: "longest-available",
        offerTimeoutMs: 30_000,
        onTransferNotAccepted: "drop",
        disconnectGraceMs: 30_000
      },
      queues: [{ id: "support", name: "support", priority: 0, skill: "support", serviceLevelThresholdMs: 20_000 }],
      wrapUpReasons: [...DEFAULTS.wrapUpReasons],
      proactive: [],
      faults: { disconnects: undefined },
      thresholds: { "waitMs{queue:support}": ["p(95)<60000"], abandonRate: ["rate<0.05"] }
    })
    expect(s.routing.autoWrapUpMs).toBeUndefined()
  })

  it("turns 19 per 1m into 1140 per hour over [0, horizon)", () => {
    expect(s.arrivals).toEqual([
      {
        queueId: "support",
        executor: "constant-arrival-rate",
        stages: [{ startMs: 0, endMs: 28_800_000, fromPerHour: 1140, toPerHour: 1140 }]
      }
    ])
  })

  it("resolves customers and the agent group", () => {
    expect(s.customers).toEqual({
      patience: { _tag: "exponential", mean: 120_000 },
      messages: undefined,
      leaveDuringChatProbability: 0
    })
    expect(s.agents).toHaveLength(1)
    expect(s.agents[0]).toMatchObject({
      id: "tier1",
      count: 100,
      queues: ["support"],
      capacity: 1,
      handleTime: { _tag: "exponential", mean: 300_000 },
      acceptDelay: { _tag: "fixed", value: 0 },
      missProbability: 0,
      wrapUp: { _tag: "fixed", value: 0 }
    })
  })

  it("JSON and YAML give the same Scenario", () => {
    expect(loadFile(fixture("design-minimal.json"))).toEqual(s)
  })
})

describe("defaults", () => {
  const s = loaded(loadYaml(MINIMAL))

  it("fills every top-level default", () => {
    expect(s).toMatchObject({
      description: SCENARIO_DEFAULTS.description,
      seed: 1,
      warmupMs: 0,
      replications: 10,
      serviceLevelThresholdsMs: [20_000, 60_000],
      intervalMs: 30 * 60_000,
      routing: {
        policy: "longest-available",
        offerTimeoutMs: 30_000,
        onTransferNotAccepted: "drop",
        disconnectGraceMs: 30_000
      },
      wrapUpReasons: [...DEFAULTS.wrapUpReasons],
      proactive: [],
      customers: { patience: undefined, messages: undefined, leaveDuringChatProbability: 0 },
      faults: { disconnects: undefined },
      thresholds: {}
    })
    expect("autoWrapUpMs" in s.routing).toBe(false)
  })

  it("fills every queue default", () => {
    expect(s.queues).toEqual([{ id: "q", name: "q", priority: 0, skill: "q", serviceLevelThresholdMs: 20_000 }])
  })

  it("uses timeUnit 1s like k6", () => {
    expect(s.arrivals[0]?.stages).toEqual([{ startMs: 0, endMs: 3_600_000, fromPerHour: 3600, toPerHour: 3600 }])
  })

  it("fills every agent group default", () => {
    expect(s.agents[0]).toEqual({
      id: "g",
      count: 2,
      queues: ["q"],
      skills: {},
      capacity: 5,
      shiftStartMs: 0,
      shiftEndMs: Infinity,
      breaks: [],
      acceptDelay: { _tag: "fixed", value: 0 },
      missProbability: 0,
      ronaRecovery: { _tag: "fixed", value: 30_000 },
      declineProbability: 0,
      declineRecovery: { _tag: "fixed", value: 10_000 },
      handleTime: { _tag: "fixed", value: 60_000 },
      transfer: { probability: 0, targets: [] },
      conference: { probability: 0, duration: { _tag: "fixed", value: 0 } },
      wrapUp: { _tag: "fixed", value: 0 },
      wrapUpReasons: DEFAULTS.wrapUpReasons.map((reason) => ({ reason, weight: 1 })),
      costPerHour: 1,
      shrinkage: undefined
    })
  })
})

describe("conversions", () => {
  const s = loaded(
    loadYaml(`
name: full
horizon: 2h
routing: { autoWrapUp: 45s }
queues: [{ id: a, maxWait: 2m, overflowTo: b }, { id: b, name: Bee, priority: 3, skill: billing, serviceLevelThreshold: 1m }]
wrapUpReasons: [Done, Later]
arrivals:
  - { queue: a, executor: ramping-arrival-rate, startRate: 10, timeUnit: 1m, stages: [{ duration: 30m, target: 20 }] }
proactive:
  - { id: p, queue: b, rate: 60, timeUnit: 1h, acceptProbability: 0.5 }
customers:
  patience: { dist: lognormal, mean: 3m, sd: 1m }
  messages: { count: { dist: empirical, values: [1, 2, 5] }, gap: { dist: gamma, mean: 20s, cv: 0.5 } }
  leaveDuringChatProbability: 0.1
faults: { disconnects: { rate: 2, timeUnit: 1h, duration: { dist: uniform, min: 5s, max: 1m } } }
agents:
  - id: g
    count: 3
    capacity: 2
    skills: { billing: 7 }
    shift: { start: 30m, end: 1h30m }
    breaks: [{ start: 1h, duration: 10m, code: Lunch }, { start: 1h15m, duration: 5m }]
    handleTime: { dist: empirical, values: [1m, 2m] }
    transfer: { probability: 0.2, targets: [{ queue: b, weight: 2 }, { agentGroup: g }] }
    conference: { probability: 0.1, duration: { dist: exponential, mean: 2m } }
    wrapUpReasons: [Done, { reason: Later, weight: 3 }]
`)
  )

  it("converts queues, routing and faults", () => {
    expect(s.queues[0]).toEqual({
      id: "a",
      name: "a",
      priority: 0,
      skill: "a",
      serviceLevelThresholdMs: 20_000,
      maxWaitMs: 120_000,
      overflowTo: "b"
    })
    expect(s.queues[1]).toEqual({
      id: "b",
      name: "Bee",
      priority: 3,
      skill: "billing",
      serviceLevelThresholdMs: 60_000
    })
    expect(s.routing.autoWrapUpMs).toBe(45_000)
    expect(s.faults.disconnects).toEqual({ perAgentPerHour: 2, duration: { _tag: "uniform", min: 5_000, max: 60_000 } })
  })

  it("ramps from startRate, then holds the last target to the horizon", () => {
    expect(s.arrivals[0]?.stages).toEqual([
      { startMs: 0, endMs: 1_800_000, fromPerHour: 600, toPerHour: 1200 },
      { startMs: 1_800_000, endMs: 7_200_000, fromPerHour: 1200, toPerHour: 1200 }
    ])
    expect(s.proactive).toEqual([
      {
        id: "p",
        queueId: "b",
        acceptProbability: 0.5,
        stages: [{ startMs: 0, endMs: 7_200_000, fromPerHour: 60, toPerHour: 60 }]
      }
    ])
  })

  it("converts customers and agents", () => {
    expect(s.customers).toEqual({
      patience: { _tag: "lognormal", mean: 180_000, sd: 60_000 },
      messages: { count: { _tag: "empirical", values: [1, 2, 5] }, gap: { _tag: "gamma", mean: 20_000, cv: 0.5 } },
      leaveDuringChatProbability: 0.1
    })
    expect(s.agents[0]).toMatchObject({
      shiftStartMs: 1_800_000,
      shiftEndMs: 5_400_000,
      skills: { billing: 7 },
      breaks: [
        { startMs: 3_600_000, durationMs: 600_000, code: "Lunch" },
        { startMs: 4_500_000, durationMs: 300_000, code: "Break" }
      ],
      handleTime: { _tag: "empirical", values: [60_000, 120_000] },
      transfer: {
        probability: 0.2,
        targets: [
          { weight: 2, queueId: "b" },
          { weight: 1, agentGroup: "g" }
        ]
      },
      conference: { probability: 0.1, duration: { _tag: "exponential", mean: 120_000 } },
      wrapUpReasons: [
        { reason: "Done", weight: 1 },
        { reason: "Later", weight: 3 }
      ]
    })
  })

  it("cuts a ramp at the horizon at the rate it has reached", () => {
    expect(
      rateStages(
        0,
        [
          { durationMs: 100, targetPerHour: 100 },
          { durationMs: 100, targetPerHour: 300 }
        ],
        150
      )
    ).toEqual([
      { startMs: 0, endMs: 100, fromPerHour: 0, toPerHour: 100 },
      { startMs: 100, endMs: 150, fromPerHour: 100, toPerHour: 200 }
    ])
  })
})
