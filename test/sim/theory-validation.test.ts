// The simulator against queueing theory (DESIGN section 5): on Erlang-compatible scenarios the
// Erlang C / Erlang A value of every metric lies inside the simulated 99% confidence interval, and
// the interval is tight. The CI budget is small; THEORY_BUDGET=large runs 8 times more chats and
// holds every metric to the 5% bound. Seeds are fixed (a run is a pure function of them); with
// about 36 rows checked at 99%, roughly one seed set in three has a row outside by chance alone,
// so a failure after a change is a reason to look, and other seeds are a quick second opinion
// (THEORY_SEED=n).
import { describe, expect, it } from "vitest"
import { runScenario } from "../../sim/runner.ts"
import type { ErlangStyle } from "../../sim/scenario/erlang-style.ts"
import { erlangScenario } from "../../sim/scenario/erlang-style.ts"

const HOUR = 3_600_000
const large = process.env["THEORY_BUDGET"] === "large"
const scale = large ? 8 : 1
const seed = Number(process.env["THEORY_SEED"] ?? 1)

type Case = Omit<ErlangStyle, "horizonMs"> & { readonly name: string; readonly hours: number }

const cases: ReadonlyArray<Case> = [
  { name: "one agent, load 0.5, no abandonment (Erlang C)", agents: 1, load: 0.5, handleMs: 60_000, hours: 300, warmupMs: 2 * HOUR },
  { name: "5 agents, load 0.8, with abandonment", agents: 5, load: 0.8, handleMs: 300_000, patienceMs: 120_000, hours: 300, warmupMs: 2 * HOUR },
  { name: "100 agents, load 0.95 (the DESIGN case)", agents: 100, load: 0.95, handleMs: 300_000, patienceMs: 120_000, hours: 24, warmupMs: HOUR },
  { name: "50 agents, overloaded at 1.2", agents: 50, load: 1.2, handleMs: 300_000, patienceMs: 120_000, hours: 36, warmupMs: HOUR },
  { name: "25 agents with capacity 4 = 100 servers", agents: 25, capacity: 4, load: 0.9, handleMs: 300_000, patienceMs: 180_000, hours: 24, warmupMs: HOUR },
  { name: "500 agents, load 0.98", agents: 500, load: 0.98, handleMs: 300_000, patienceMs: 120_000, hours: 8, warmupMs: HOUR }
]

/** Largest relative 99% half-width allowed: 5% for the headline metrics, and for all in the large budget. */
const tightness = (metric: string): number =>
  large || metric.startsWith("serviceLevel") || metric === "occupancy" ? 0.05 : 0.25

describe("simulator vs Erlang C / Erlang A", () => {
  it.each(cases)("$name", (c) => {
    const scenario = erlangScenario({ ...c, horizonMs: c.hours * HOUR * scale, replications: 10, seed })
    const r = runScenario(scenario, { audit: false })
    if (r._tag !== "Done") throw new Error(`invariant ${r.violation.rule}: ${r.violation.message}`)
    const theory = r.summary.theory
    if (!theory.applicable) throw new Error(`not Erlang-compatible: ${theory.reasons.join("; ")}`)
    expect(theory.servers).toBe(c.agents * (c.capacity ?? 1))
    expect(theory.model).toBe(c.patienceMs === undefined ? "erlang-c" : "erlang-a")
    for (const row of theory.rows) {
      const [lo, hi] = row.simulated.ci99
      const where = `${row.metric}: predicted ${row.predicted}, simulated 99% CI [${lo}, ${hi}]`
      expect(row.predicted, where).toBeGreaterThanOrEqual(lo)
      expect(row.predicted, where).toBeLessThanOrEqual(hi)
      if (row.predicted === 0) continue
      expect((hi - lo) / 2 / Math.abs(row.predicted), `${where} is too wide`).toBeLessThan(tightness(row.metric))
    }
  })
})
