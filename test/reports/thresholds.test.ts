// k6-style thresholds: the grammar (selectors, tags, aggregations, every operator), evaluation
// against a summary, and problems reported as "path: message", all at once, never thrown.
import { describe, expect, it } from "vitest"
import type { KnownNames, RawThresholds } from "../../reports/thresholds.ts"
import { checkThresholds, evaluateThresholds, parseThresholds } from "../../reports/thresholds.ts"
import { ci, livechatSummary } from "./fixture.ts"

const problemsOf = (raw: RawThresholds, known?: KnownNames) => {
  const result = parseThresholds(raw, known === undefined ? {} : { known })
  return "problems" in result ? result.problems : []
}
const one = (metric: string, expression: string) => {
  const [result] = evaluateThresholds(livechatSummary, { [metric]: [expression] })
  return result
}

describe("parseThresholds", () => {
  it("parses selectors with and without a queue tag, and every aggregation", () => {
    const result = parseThresholds({
      "waitMs{queue:support}": ["p(95)<60000", " p( 99 ) <= 1.5e5 "],
      abandonRate: ["rate<0.05"],
      "serviceLevel.20s": ["value>=0.8", "ci95.lo>0.75"],
      asaMs: ["avg<30000", "mean!=0", "stderr<5000", "ci99.hi<40000"]
    })
    expect("parsed" in result).toBe(true)
    if (!("parsed" in result)) return
    expect(result.parsed).toHaveLength(9)
    expect(result.parsed[0]).toEqual({
      metric: "waitMs{queue:support}",
      expression: "p(95)<60000",
      name: "waitMs",
      queue: "support",
      aggregation: "p95",
      operator: "<",
      bound: 60000
    })
    expect(result.parsed[1]).toMatchObject({ aggregation: "p99", operator: "<=", bound: 150000 })
    expect(result.parsed[3]).toMatchObject({ name: "serviceLevel", label: "20s", aggregation: "mean", operator: ">=" })
    expect(result.parsed[3]).not.toHaveProperty("queue")
    expect(result.parsed.map((p) => p.aggregation).slice(4)).toEqual(["ci95.lo", "mean", "mean", "stderr", "ci99.hi"])
  })

  it("names the bad selector or expression with its path, and reports every problem at once", () => {
    const problems = problemsOf({
      queueWaiting: ["p(95)<1"],
      "serviceLevel.": ["value>0.8"],
      "asaMs.20s": ["avg<1"],
      "waitMs{skill:chat}": ["p(95)<1"],
      "waitMs{queue:}": ["p(95)<1"],
      "waitMs{queue:a,queue:b}": ["p(95)<1"],
      "waitMs{queue:support": ["p(95)<1"],
      waitMs: ["p(97)<1", "p(95)", "p(95)<abc", "<5", "median<5", "p(95)===5"],
      asaMs: ["p(95)<30000", "avg<30000ms"],
      agentOccupancy: []
    })
    expect(problems).toEqual([
      `thresholds["queueWaiting"]: unknown metric "queueWaiting"; known metrics: probWait, abandonRate, expiredRate, asaMs, ` +
        `queueWaitMs, acceptDelayMs, serviceLevel.<threshold>, slotUtilization, agentOccupancy, ronaRate, transferRate, ` +
        `droppedRate, ahtMs, meanQueueLength, waitMs, timeToAbandonMs`,
      `thresholds["serviceLevel."]: serviceLevel needs a threshold after the dot, e.g. "serviceLevel.20s"`,
      `thresholds["asaMs.20s"]: "asaMs" takes no ".20s" suffix (only serviceLevel has thresholds)`,
      `thresholds["waitMs{skill:chat}"]: unknown tag "skill"; only {queue:<id>} is supported`,
      `thresholds["waitMs{queue:}"]: bad tag "queue:"; expected {queue:<id>}`,
      `thresholds["waitMs{queue:a,queue:b}"]: tag "queue" given twice`,
      `thresholds["waitMs{queue:support"]: bad selector "waitMs{queue:support"; expected "<metric>" or "<metric>{queue:<id>}", e.g. "asaMs{queue:support}"`,
      `thresholds["waitMs"][0]: unsupported percentile "p(97)"; waitMs has p(50), p(90), p(95), p(99)`,
      `thresholds["waitMs"][1]: no comparison operator (< <= > >= == !=) in "p(95)"; expected "<aggregation> <operator> <number>", e.g. "p(95)<60000" or "rate<0.05"`,
      `thresholds["waitMs"][2]: bad number "abc" after "<"`,
      `thresholds["waitMs"][3]: missing aggregation before "<"; expected "<aggregation> <operator> <number>", e.g. "p(95)<60000" or "rate<0.05"`,
      `thresholds["waitMs"][4]: unknown aggregation "median"; expected avg, mean, value, rate, stderr, ci95.lo, ci95.hi, ci99.lo, ci99.hi or p(50|90|95|99)`,
      `thresholds["waitMs"][5]: bad number "=5" after "=="`,
      `thresholds["asaMs"][0]: p(95) applies only to waitMs and timeToAbandonMs (pooled percentiles)`,
      `thresholds["asaMs"][1]: bad number "30000ms" after "<"`,
      `thresholds["agentOccupancy"]: no expressions`
    ])
  })

  const known: KnownNames = {
    queues: ["support", "sales"],
    thresholdsMs: [20_000, 60_000],
    ownThresholdMs: { support: 20_000, sales: 30_000 }
  }

  it("checks queues and service-level thresholds against known names, matching labels as durations", () => {
    expect(
      problemsOf(
        {
          "waitMs{queue:sales}": ["p(95)<1"],
          "serviceLevel.60s": ["value>0.9"],
          "serviceLevel.20000ms": ["value>0.8"]
        },
        known
      )
    ).toEqual([])
    expect(problemsOf({ "waitMs{queue:billing}": ["p(95)<1"], "serviceLevel.30s": ["value>0.9"] }, known)).toEqual([
      `thresholds["waitMs{queue:billing}"]: unknown queue "billing"; known queues: support, sales`,
      `thresholds["serviceLevel.30s"]: unknown service-level threshold "30s"; the run has 20s, 1m`
    ])
  })

  it("reads serviceLevel{queue:<id>} as that queue's own threshold; without a queue it needs one", () => {
    expect(
      problemsOf(
        { "serviceLevel{queue:sales}": ["value>=0.9"], "serviceLevel.30s{queue:sales}": ["value>=0.9"] },
        known
      )
    ).toEqual([])
    expect(problemsOf({ serviceLevel: ["value>=0.9"] }, known)).toEqual([
      `thresholds["serviceLevel"]: serviceLevel needs a threshold (e.g. "serviceLevel.20s"), or a queue tag for that queue's own ` +
        `threshold (e.g. "serviceLevel{queue:support}")`
    ])
  })

  it("refuses a bound outside [0, 1] on a ratio, suggesting the ratio a percentage meant", () => {
    expect(
      problemsOf({ "serviceLevel.20s": ["value>=80"], abandonRate: ["rate<5", "rate<-0.1"], asaMs: ["avg<80"] })
    ).toEqual([
      `thresholds["serviceLevel.20s"][0]: serviceLevel is a ratio in [0, 1]; did you mean 0.8?`,
      `thresholds["abandonRate"][0]: abandonRate is a ratio in [0, 1]; did you mean 0.05?`,
      `thresholds["abandonRate"][1]: abandonRate is a ratio in [0, 1]`
    ])
  })

  it("uses the caller's path and never throws on values a loose YAML decode could produce", () => {
    const loose = { asaMs: "avg<1", ahtMs: [42, "avg<1"] } as unknown as RawThresholds
    expect(parseThresholds(loose, { path: "scenarios/peak.yaml: thresholds" })).toEqual({
      problems: [
        `scenarios/peak.yaml: thresholds["asaMs"]: expected a list of expressions, e.g. ["p(95)<60000"]`,
        `scenarios/peak.yaml: thresholds["ahtMs"][0]: expected a string like "p(95)<60000"`
      ]
    })
  })
})

describe("evaluateThresholds", () => {
  it("compares with every operator, including equality at the boundary", () => {
    // overall asaMs mean is 12,970 ms
    const cases: ReadonlyArray<readonly [string, boolean]> = [
      ["avg<13000", true],
      ["avg<12970", false],
      ["avg<=12970", true],
      ["avg<=12969", false],
      ["avg>12000", true],
      ["avg>12970", false],
      ["avg>=12970", true],
      ["avg>=12971", false],
      ["avg==12970", true],
      ["avg==12971", false],
      ["avg!=12971", true],
      ["avg!=12970", false]
    ]
    for (const [expression, ok] of cases)
      expect(one("asaMs", expression), expression).toMatchObject({ value: 12970, ok })
  })

  it("reads a queue's metrics through the tag and overall without it", () => {
    expect(one("waitMs{queue:support}", "p(95)<60000")).toEqual({
      metric: "waitMs{queue:support}",
      expression: "p(95)<60000",
      value: 61500,
      ok: false
    })
    expect(one("waitMs{queue:sales}", "p(95)<60000")).toMatchObject({ value: 39800, ok: true })
    expect(one("waitMs", "p(95)<60000")).toMatchObject({ value: 55800, ok: true })
    expect(one("ronaRate{queue:sales}", "rate<0.03")).toMatchObject({ value: 0.024, ok: true })
  })

  it("reads every percentile and interval bound", () => {
    expect(one("waitMs", "p(50)<1")?.value).toBe(3500)
    expect(one("waitMs", "p(90)<1")?.value).toBe(34100)
    expect(one("waitMs", "p(99)<1")?.value).toBe(131000)
    const sl = livechatSummary.overall.metrics.serviceLevel["20s"]!
    expect(one("serviceLevel.20s", "ci95.lo>0")?.value).toBe(sl.ci95![0])
    expect(one("serviceLevel.20s", "ci95.hi>0")?.value).toBe(sl.ci95![1])
    expect(one("serviceLevel.20s", "ci99.lo>0")?.value).toBe(sl.ci99![0])
    expect(one("serviceLevel.60s", "value>=0.9")).toMatchObject({ value: 0.9251, ok: true })
  })

  it("reproduces the fixture's stored results from its thresholds", () => {
    const raw = {
      "waitMs{queue:support}": ["p(95)<60000"],
      abandonRate: ["rate<0.05"],
      "serviceLevel.20s": ["value>=0.8"],
      asaMs: ["avg<30000"]
    }
    expect(evaluateThresholds(livechatSummary, raw)).toEqual(livechatSummary.thresholds)
  })

  it("fails what it cannot evaluate, with the reason from checkThresholds", () => {
    const raw = { "waitMs{queue:billing}": ["p(95)<60000"], bogus: ["avg<1"], asaMs: ["avg<30000", "avg<"] }
    const { results, problems } = checkThresholds(livechatSummary, raw)
    expect(results.map((r) => [r.metric, r.expression, r.ok])).toEqual([
      ["waitMs{queue:billing}", "p(95)<60000", false],
      ["bogus", "avg<1", false],
      ["asaMs", "avg<30000", true],
      ["asaMs", "avg<", false]
    ])
    expect(results[0]?.value).toBeNull()
    expect(problems).toHaveLength(3)
    expect(problems[0]).toBe(
      `thresholds["waitMs{queue:billing}"]: unknown queue "billing"; known queues: support, sales`
    )
  })

  it("never passes nor fails a threshold whose value the run does not define: it is not judged", () => {
    const m = livechatSummary.overall.metrics
    const empty = {
      ...livechatSummary,
      overall: { ...livechatSummary.overall, metrics: { ...m, asaMs: ci(0, 0, 0), ahtMs: ci(400_000, 0, 1) } }
    }
    expect(evaluateThresholds(empty, { asaMs: ["avg!=5", "avg<30000"] }).map((r) => [r.value, r.ok])).toEqual([
      [null, null],
      [null, null]
    ])
    // one replication: the mean is judged, its interval bounds are not
    expect(evaluateThresholds(empty, { ahtMs: ["avg<500000", "ci95.hi<500000", "stderr<1"] }).map((r) => r.ok)).toEqual(
      [true, null, null]
    )
  })

  it("reads a queue's own service level through serviceLevel{queue:<id>}", () => {
    expect(one("serviceLevel{queue:support}", "value>=0.8")).toMatchObject({ value: 0.8231, ok: true })
    expect(one("serviceLevel{queue:sales}", "value>=0.96")).toMatchObject({ value: 0.9551, ok: false })
  })
})
