// A swarm across worker threads reports exactly what a serial swarm reports: the same counters,
// inputs and virtual time, in any number of blocks.
import { mkdtempSync } from "node:fs"
import { tmpdir } from "node:os"
import { join } from "node:path"
import { describe, expect, it } from "vitest"
import { runSwarmParallel } from "../../../sim/swarm/parallel.ts"
import { runSwarm } from "../../../sim/swarm/swarm.ts"

describe("swarm on worker threads", () => {
  it("gives the serial report", async () => {
    const outDir = mkdtempSync(join(tmpdir(), "livechat-swarm-par-"))
    const options = { seeds: 60, from: 41, outDir }
    const serial = runSwarm(options)
    const parallel = await runSwarmParallel({ ...options, workers: 3 })
    expect(parallel.failure).toBeUndefined()
    expect([parallel.seedsRun, parallel.inputs, parallel.virtualMs]).toEqual([
      serial.seedsRun,
      serial.inputs,
      serial.virtualMs
    ])
    expect([...parallel.coverage.counts]).toEqual([...serial.coverage.counts])
    expect(serial.inputs).toBeGreaterThan(10_000)
  })
})
