// The simulator against queueing theory: on Erlang-compatible scenarios the Erlang C / Erlang A
// value of every metric must be consistent with the simulated estimate, judged for all rows of all
// cases of one seed set together (Holm's correction, sim/theory/verdict.ts) at family-wise level
// 0.001 / SEED_SETS. So a correct simulator passes this file with probability above 99.9% whatever
// the seeds, while a biased one fails: the last test runs the same check on a simulator whose
// arrivals are 3% too many and requires it to be caught. Intervals must also be tight, so a pass
// is not bought with noise. THEORY_BUDGET=large runs 8 times more chats and holds every metric to
// the 5% bound; THEORY_SEED=n starts the seed sets elsewhere.
import { describe, expect, it } from "vitest"
import { runScenario } from "../../sim/run/assemble.ts"
import type { ErlangStyle } from "../../sim/scenario/erlang-style.ts"
import { erlangScenario } from "../../sim/scenario/erlang-style.ts"
import type { Scenario } from "../../sim/scenario/model.ts"
import { compareWithTheory, theoryFor } from "../../sim/theory/applicability.ts"
import { holmRejected, pValue } from "../../sim/theory/verdict.ts"

const HOUR = 3_600_000
const large = process.env["THEORY_BUDGET"] === "large"
const scale = large ? 8 : 1
const firstSeed = Number(process.env["THEORY_SEED"] ?? 1)
const SEED_SETS = 3
const FAMILY_ALPHA = 0.001 / SEED_SETS

type Case = Omit<ErlangStyle, "horizonMs"> & { readonly name: string; readonly hours: number }

const cases: ReadonlyArray<Case> = [
  {
    name: "one agent, load 0.5, no abandonment (Erlang C)",
    agents: 1,
    load: 0.5,
    handleMs: 60_000,
    hours: 200,
    warmupMs: 2 * HOUR
  },
  {
    name: "5 agents, load 0.8, with abandonment",
    agents: 5,
    load: 0.8,
    handleMs: 300_000,
    patienceMs: 120_000,
    hours: 200,
    warmupMs: 2 * HOUR
  },
  {
    name: "100 agents, load 0.95",
    agents: 100,
    load: 0.95,
    handleMs: 300_000,
    patienceMs: 120_000,
    hours: 20,
    warmupMs: HOUR
  },
  {
    name: "50 agents, overloaded at 1.2",
    agents: 50,
    load: 1.2,
    handleMs: 300_000,
    patienceMs: 120_000,
    hours: 24,
    warmupMs: HOUR
  },
  {
    name: "25 agents with capacity 4 = 100 servers",
    agents: 25,
    capacity: 4,
    load: 0.9,
    handleMs: 300_000,
    patienceMs: 180_000,
    hours: 16,
    warmupMs: HOUR
  },
  {
    name: "500 agents, load 0.98",
    agents: 500,
    load: 0.98,
    handleMs: 300_000,
    patienceMs: 120_000,
    hours: 10,
    warmupMs: HOUR
  }
]

/** Largest relative 95% half-width allowed: 5% for the headline metrics, and for all in the large budget. */
const tightness = (metric: string): number =>
  large || metric.startsWith("serviceLevel") || metric === "slotUtilization" ? 0.05 : 0.25

interface Row {
  readonly where: string
  readonly p: number | null
  readonly relativeHalf: number
  readonly limit: number
}

/**
 * Every theory row of every case for one seed set. `simulate` may differ from `told`: the biased
 * check runs one scenario and asks theory about another.
 */
const rowsOf = (seed: number, bias: (s: Scenario) => Scenario = (s) => s): Array<Row> =>
  cases.flatMap((c) => {
    const told = erlangScenario({ ...c, horizonMs: c.hours * HOUR * scale, replications: 10, seed })
    const r = runScenario(bias(told), { audit: false })
    if (r._tag !== "Done") throw new Error(`invariant ${r.violation.rule}: ${r.violation.message}`)
    const theory = compareWithTheory(theoryFor(told), r.summary.overall.metrics, told.serviceLevelThresholdsMs)
    if (!theory.applicable) throw new Error(`not Erlang-compatible: ${theory.reasons.join("; ")}`)
    expect(theory.servers).toBe(c.agents * (c.capacity ?? 1))
    return theory.rows.map((row) => {
      const [lo, hi] = row.simulated.ci95 ?? [Number.NaN, Number.NaN]
      return {
        where: `${c.name}, seed ${seed}: ${row.metric} predicted ${row.predicted}, simulated 95% CI [${lo}, ${hi}]`,
        p: pValue(row.predicted, row.simulated),
        relativeHalf: row.predicted === 0 ? 0 : (hi - lo) / 2 / Math.abs(row.predicted),
        limit: tightness(row.metric)
      }
    })
  })

const inconsistent = (rows: ReadonlyArray<Row>): Array<string> => {
  const rejected = holmRejected(
    rows.map((r) => r.p),
    FAMILY_ALPHA
  )
  return rows.flatMap((r, i) => (rejected[i] === true ? [`${r.where} (p = ${r.p})`] : []))
}

describe("simulator vs Erlang C / Erlang A", () => {
  it.each(Array.from({ length: SEED_SETS }, (_, k) => firstSeed + k))(
    "seed set %i: every prediction consistent, every interval tight",
    (seed) => {
      const rows = rowsOf(seed)
      expect(rows.every((r) => r.p !== null)).toBe(true)
      expect(inconsistent(rows)).toEqual([])
      for (const r of rows) expect(r.relativeHalf, `${r.where} is too wide`).toBeLessThan(r.limit)
    }
  )

  it("catches a simulator whose arrivals are 3% too many", () => {
    const biased = (s: Scenario): Scenario => ({
      ...s,
      arrivals: s.arrivals.map((a) => ({
        ...a,
        stages: a.stages.map((st) => ({ ...st, fromPerHour: st.fromPerHour * 1.03, toPerHour: st.toPerHour * 1.03 }))
      }))
    })
    expect(inconsistent(rowsOf(firstSeed, biased)).length).toBeGreaterThan(0)
  })
})
