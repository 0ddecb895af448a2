// Parallel replications: worker threads give the very summary and digest a serial run gives
// (histogram percentiles included), whatever the number of workers.
import { describe, expect, it } from "vitest"
import { runScenarioParallel } from "../../sim/parallel/pool.ts"
import { decodeOutcome, encodeOutcome } from "../../sim/parallel/transfer.ts"
import { assemble, runOne, runScenario } from "../../sim/runner.ts"
import { richScenario } from "../support/rich-scenario.ts"

const scenario = { ...richScenario("least-busy"), replications: 5 }

describe("parallel replications", () => {
  const serial = runScenario(scenario, { audit: true })
  if (serial._tag !== "Done") throw new Error("violation")

  it.each([2, 3])("%s workers: the same summary and digest as a serial run", async (workers) => {
    const seen: Array<number> = []
    const parallel = await runScenarioParallel(scenario, { audit: true, workers, onReplication: (done) => seen.push(done) })
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
})
