// `runComparison` on common random numbers: a variant identical to the baseline differs by
// exactly 0 in every replication, and on a routing-policy change (longest-available vs
// least-busy, a default-like center with a short horizon) the paired CI is narrower than the
// unpaired (Welch) one, which is why compare pairs replications.
import { describe, expect, it } from "vitest"
import type { Comparison } from "../../../sim/compare/model.ts"
import { runComparison } from "../../../sim/compare/run.ts"
import type { Sampler } from "../../../sim/compare/sampler.ts"
import { samplerFor } from "../../../sim/compare/sampler.ts"
import { loadScenario } from "../../../sim/scenario/load.ts"
import type { Scenario } from "../../../sim/scenario/model.ts"

const SHORT = ["horizon=1h", "warmup=10m", "replications=6"]
const load = (sets: ReadonlyArray<string>): Scenario => {
  const loaded = loadScenario("scenarios/default.yaml", [...SHORT, ...sets])
  if (loaded._tag !== "Loaded") throw new Error(loaded.problems.join("\n"))
  return loaded.scenario
}
const compare = async (variant: ReadonlyArray<string>, sampler?: Sampler): Promise<Comparison> => {
  const result = await runComparison(load([]), [{ name: "v", overrides: variant, scenario: load(variant) }], {
    audit: false,
    conditions: [],
    ...(sampler === undefined ? {} : { sampler })
  })
  if (result._tag !== "Done") throw new Error("invariant violated")
  return result.comparison
}
const width = (ci: readonly [number, number]): number => ci[1] - ci[0]

describe("compare on common random numbers", () => {
  it("a variant equal to the baseline differs by exactly 0, everywhere", async () => {
    const c = await compare(["routing.policy=longest-available"])
    const v = c.variants[0]!
    for (const group of [v.overall, ...Object.values(v.queues)]) {
      for (const m of Object.values(group)) {
        if (m.paired.n === 0) continue
        expect(m.paired.ci95, m.metric).toEqual([0, 0])
        expect(m.verdict).toBe("no significant difference")
      }
    }
  })

  it("on a routing-policy change the paired CI is narrower than the unpaired one", async () => {
    const c = await compare(["routing.policy=least-busy"])
    const overall = c.variants[0]!.overall
    for (const key of ["asaMs", "serviceLevel.20s", "slotUtilization", "ahtMs"]) {
      const m = overall[key]!
      expect(m.paired.n, key).toBe(6)
      expect(width(m.paired.ci95), key).toBeGreaterThan(0)
      expect(width(m.paired.ci95), key).toBeLessThan(width(m.unpaired.ci95) / 2)
      expect(m.paired.mean, key).toBeCloseTo(m.unpaired.mean, 9)
    }
  })

  it("gives the same comparison on two worker threads as in this thread", async () => {
    const sampler = samplerFor(2)
    try {
      expect(await compare(["routing.policy=least-busy"], sampler)).toEqual(
        await compare(["routing.policy=least-busy"])
      )
    } finally {
      await sampler.close()
    }
  })
})
