// Proactive campaigns in the simulator: invitations are counted between warm-up and horizon at the
// campaign's rate, and about acceptProbability of them become chats.
import { describe, expect, it } from "vitest"
import { runReplication } from "../../sim/run/replication.ts"
import { richScenario } from "../support/rich-scenario.ts"

describe("proactive campaigns", () => {
  it("count invitations between warmup and horizon, and about acceptProbability of them become chats", () => {
    const scenario = richScenario()
    const r = runReplication(scenario, { seed: 11, audit: false })
    const { invited, arrived } = r.metrics.proactive
    // 40 invitations/h over the 2.5 counted hours: about 100, accepted with probability 0.3
    expect(invited).toBeGreaterThan(60)
    expect(invited).toBeLessThan(140)
    expect(arrived).toBeGreaterThan(0)
    expect(arrived / invited).toBeGreaterThan(0.15)
    expect(arrived / invited).toBeLessThan(0.45)
  })
})
