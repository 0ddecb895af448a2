// Soak: the simulator drives the engine through every behaviour under each routing policy and
// several seeds with the auditor on; no invariant breaks and every chat reaches an outcome.
import { describe, expect, it } from "vitest"
import { runReplication } from "../../sim/run/replication.ts"
import { richScenario } from "../support/rich-scenario.ts"

const policies = ["longest-available", "least-busy", "round-robin", "skills-best"] as const

describe("simulator soak", () => {
  it.each(policies)("%s: 6 seeds, audited, nothing stuck", (policy) => {
    for (let seed = 1; seed <= 6; seed++) {
      const r = runReplication(richScenario(policy), { seed: seed * 7919, audit: true })
      expect(r.violation, r.violation && `${r.violation.rule}: ${r.violation.message}`).toBeUndefined()
      expect(r.stuckChats).toBe(0)
      expect(r.chats).toBeGreaterThan(300)
    }
  })
})

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
