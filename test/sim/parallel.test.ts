// Parallel replications: worker threads give the very summary and digest a serial run gives
// (histogram percentiles included), whatever the number of workers.
import { describe, expect, it } from "vitest"
import { samplerFor } from "../../sim/compare/sampler.ts"
import { sampleReplication } from "../../sim/compare/samples.ts"
import { runScenarioParallel } from "../../sim/parallel/pool.ts"
import { decodeOutcome, encodeOutcome } from "../../sim/parallel/transfer.ts"
import { assemble, runScenario } from "../../sim/run/assemble.ts"
import { runOne } from "../../sim/run/replications.ts"
import { richScenario } from "../support/rich-scenario.ts"

const scenario = { ...richScenario("least-busy"), replications: 5 }

describe("parallel replications", () => {
  const serial = runScenario(scenario, { audit: true })
  if (serial._tag !== "Done") throw new Error("violation")

  it.each([2, 3])("%s workers: the same summary and digest as a serial run", async (workers) => {
    const seen: Array<number> = []
    const parallel = await runScenarioParallel(scenario, {
      audit: true,
      workers,
      onReplication: (done) => seen.push(done)
    })
    if (parallel._tag !== "Done") throw new Error("violation")
    expect(parallel.summary.digest).toBe(serial.summary.digest)
    expect(parallel.summary).toEqual(serial.summary)
    expect(seen).toEqual([1, 2, 3, 4, 5])
  })

  it("an outcome survives encoding for postMessage unchanged", () => {
    const one = runOne(scenario, 1, { audit: false })
    const back = decodeOutcome(structuredClone(encodeOutcome(one)))
    expect(back.digest.hex()).toBe(one.digest.hex())
    const a = assemble(scenario, [one], { audit: false })
    const b = assemble(scenario, [back], { audit: false })
    expect(b).toEqual(a)
  })

  it("assembles outcomes that arrive out of order as a serial run would", () => {
    const outcomes = [3, 0, 4, 1, 2].map((r) => runOne(scenario, r, { audit: false }))
    const a = assemble(scenario, outcomes, { audit: true })
    if (a._tag !== "Done") throw new Error("violation")
    expect(a.summary.digest).toBe(serial.summary.digest)
  })

  it("a thread pool serves several batches, with or without a progress callback, in job order", async () => {
    const small = { ...scenario, horizonMs: 3_600_000, warmupMs: 0 }
    const jobs = [0, 1, 2].map((replication) => ({ scenario: small, replication, audit: false }))
    const local = jobs.map((j) => sampleReplication(j.scenario, j.replication, false))
    const sampler = samplerFor(2)
    try {
      expect(await sampler.sample(jobs)).toEqual(local)
      const seen: Array<number> = []
      expect(await sampler.sample(jobs, (done) => seen.push(done))).toEqual(local)
      expect(seen).toEqual([1, 2, 3])
    } finally {
      await sampler.close()
    }
  })
})
