// Bad input: every problem is listed with its path (exit code 2), syntax errors
// carry line and column, and nothing throws whatever the input.
import { describe, expect, it } from "vitest"
import { loadScenario, loadScenarioText } from "../../../sim/scenario/load.ts"
import { resolveScenario } from "../../../sim/scenario/resolve.ts"
import { fixture, loadYaml, MINIMAL, problems } from "./support.ts"

describe("a file with many mistakes", () => {
  const found = problems(loadScenario(fixture("bad.yaml")))

  it("lists every problem with its path, Schema and cross-field ones together", () => {
    expect([...found].sort()).toEqual([
      `agents[0].capacity: expected a whole number from 1 to 10, got 12`,
      `agents[0].handleTime.max: must be >= min`,
      `agents[0].missProbability: expected a probability from 0 to 1, got 1.5`,
      `agents[0].queues[1]: unknown queue "sales"`,
      `agents[0].transfer.targets[0]: give exactly one of queue or agentGroup`,
      `agents[0].wrapUpReasons[1]: unknown wrap-up reason "Sold"`,
      `agents[1].breaks[0].start: starts before the shift (2h)`,
      `agents[1].handleTime: is required`,
      `agents[1].shift.end: must be after shift.start (2h)`,
      `arrivals[0].rate: expected a number >= 0, got -19`,
      `arrivals[1].queue: unknown queue "sales"`,
      `arrivals[2].stages[0].duration: expected a duration longer than 0s, got "0s"`,
      `customers.patience.dist: expected one of fixed, exponential, lognormal, gamma, uniform, empirical, got "normal"`,
      `horizon: "8 hours" is not a duration (use 250ms, 20s, 5m, 8h)`,
      `queues[0].overflowTo: unknown queue "escalation"`,
      `queues[1].id: duplicate id "support" (also queues[0])`,
      `replicatons: unknown field (did you mean "replications"?)`,
      `routing.policy: expected one of longest-available, least-busy, round-robin, skills-best, got "fastest"`
    ])
  })

  it("reports each problem once, at 18 distinct places", () => {
    expect(new Set(found).size).toBe(found.length)
    expect(new Set(found.map((line) => line.slice(0, line.indexOf(": ")))).size).toBe(18)
  })
})

describe("tagged unions: one line per mistake, at the field", () => {
  const withArrival = (arrival: string) =>
    problems(
      loadYaml(
        MINIMAL.replace("arrivals: [{ queue: q, executor: constant-arrival-rate, rate: 1 }]", `arrivals: [${arrival}]`)
      )
    )

  it("a missing rate, a wrong or missing executor, a field of the other executor", () => {
    expect(withArrival("{ queue: q, executor: constant-arrival-rate }")).toEqual(["arrivals[0].rate: is required"])
    expect(withArrival("{ queue: q, executor: constant, rate: 3 }")).toEqual([
      `arrivals[0].executor: expected one of constant-arrival-rate, ramping-arrival-rate, got "constant"`
    ])
    expect(withArrival("{ queue: q, rate: 3 }")).toEqual([
      "arrivals[0].executor: is required (one of constant-arrival-rate, ramping-arrival-rate)"
    ])
    expect(
      withArrival(
        "{ queue: q, executor: ramping-arrival-rate, startRate: 1, stages: [{ duration: 1m, target: 2 }], rate: 3 }"
      )
    ).toEqual(["arrivals[0].rate: unknown field"])
  })
  it("a distribution missing a field", () => {
    expect(problems(loadYaml(MINIMAL, ["agents.g.handleTime={dist: gamma, mean: 5m}"]))).toEqual([
      "agents[0].handleTime.cv: is required"
    ])
  })
})

describe("cross-field checks", () => {
  const check = (extra: string, sets: ReadonlyArray<string> = []) => problems(loadYaml(MINIMAL + extra, sets))

  it("warmup must be shorter than the horizon", () => {
    expect(check("warmup: 1h\n")).toEqual(["warmup: must be shorter than horizon (1h)"])
  })
  it("overflowTo needs maxWait and an existing queue", () => {
    expect(check("", ["queues.q.overflowTo=q"])).toEqual([
      "queues[0].overflowTo: needs maxWait (how long before the chat moves)"
    ])
    expect(check("", ["queues.q.overflowTo=x", "queues.q.maxWait=1m"])).toEqual([
      `queues[0].overflowTo: unknown queue "x"`
    ])
  })
  it("allows overflow cycles", () => {
    const yaml = MINIMAL.replace(
      "queues: [{ id: q }]",
      "queues: [{ id: q, maxWait: 1m, overflowTo: r }, { id: r, maxWait: 1m, overflowTo: q }]"
    )
    expect(loadYaml(yaml)._tag).toBe("Loaded")
  })
  it("transfer targets must exist and be given when transfers happen", () => {
    expect(check("", ["agents.g.transfer={probability: 0.5, targets: [{agentGroup: h}]}"])).toEqual([
      `agents[0].transfer.targets[0].agentGroup: unknown agent group "h"`
    ])
    expect(check("", ["agents.g.transfer={probability: 0.5}"])).toEqual([
      "agents[0].transfer.targets: at least one target is needed when probability > 0"
    ])
  })
  it("ids are unique, empirical lists are not empty, breaks do not overlap", () => {
    expect(
      check(
        "proactive: [{ id: p, queue: q, rate: 1, acceptProbability: 0.1 }, { id: p, queue: q, rate: 1, acceptProbability: 0.1 }]\n"
      )
    ).toEqual([`proactive[1].id: duplicate id "p" (also proactive[0])`])
    expect(check("", ["agents.g.handleTime={dist: empirical, values: []}"])).toEqual([
      "agents[0].handleTime.values: expected a non-empty list, got []"
    ])
    expect(check("", ["agents.g.breaks=[{start: 10m, duration: 10m}, {start: 15m, duration: 1m}]"])).toEqual([
      "agents[0].breaks[1].start: overlaps agents[0].breaks[0]"
    ])
  })
  it("something must arrive", () => {
    expect(check("", ["arrivals=[]"])).toEqual([
      "arrivals: no arrival streams and no proactive campaigns: nothing would arrive"
    ])
  })
})

describe("syntax errors", () => {
  it("YAML errors give the line and column", () => {
    const r = loadScenarioText("name: x\nqueues: [a, b\nagents: []\n", "yaml", [], "s.yaml")
    expect(problems(r)).toEqual([expect.stringMatching(/^s\.yaml:3:1: /)])
    expect(problems(loadScenarioText("name: a\nname: b\n", "yaml", [], "s.yaml"))).toEqual([
      "s.yaml:2:1: Map keys must be unique"
    ])
  })
  it("JSON errors give the line and column, in JSON's words", () => {
    expect(problems(loadScenarioText(`{\n  "name": "x",\n  "horizon": }`, "json", [], "s.json"))).toEqual([
      `s.json:3:14: expected a value (a "quoted" string, a number, true, false, null, an object or a list), got nothing`
    ])
    expect(problems(loadScenarioText(`{ "name": tru }`, "json", [], "s.json"))).toEqual([
      `s.json:1:11: expected a value (a "quoted" string, a number, true, false, null, an object or a list), got "tru"`
    ])
    expect(problems(loadScenarioText(`{ "a": 1 `, "json", [], "s.json"))).toEqual([
      `s.json:1:10: Flow map must end with a }`
    ])
    expect(problems(loadScenarioText(`{ "name": "a", "name": "b" }`, "json", [], "s.json"))).toEqual([
      `s.json:1:16: Map keys must be unique`
    ])
    expect(problems(loadScenarioText(``, "json", [], "s.json"))).toEqual([
      `s.json:1:1: empty document (expected a JSON object)`
    ])
    // a trailing comma is forgiven: the document is read, and checked as a scenario
    expect(
      problems(loadScenarioText(`{ "name": "x", "horizon": "1h", }`, "json", [], "s.json")).some((p) =>
        p.startsWith("s.json:1")
      )
    ).toBe(false)
  })
  it("names unreadable and unsupported files", () => {
    expect(problems(loadScenario("nope/missing.yaml"))).toEqual(["nope/missing.yaml: file not found"])
    expect(problems(loadScenario("scenario.toml"))).toEqual([
      "scenario.toml: unsupported file type (use .json, .yaml or .yml)"
    ])
  })
})

describe("never throws", () => {
  const cyclic: Record<string, unknown> = { name: "c" }
  cyclic["self"] = cyclic
  it.each([null, undefined, 0, "text", [], [1], { queues: "x" }, { agents: [null] }, cyclic])("input %#", (input) => {
    const r = resolveScenario(input)
    expect(r._tag).toBe("Failure")
  })
  it("an empty YAML file is a problem, not a crash", () => {
    expect(problems(loadScenarioText("", "yaml"))).toEqual(["scenario: expected a mapping (key: value), got null"])
  })
})
