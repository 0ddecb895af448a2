// Determinism: the same scenario and seed give the same digest twice, in a
// separate process, and with the auditor on or off; per-chat draws do not move when the routing
// policy changes (common random numbers); every invariant holds on a run that uses every behaviour.
import { execFileSync } from "node:child_process"
import { describe, expect, it } from "vitest"
import type { Command } from "../../core/commands.ts"
import { runScenario } from "../../sim/run/assemble.ts"
import { runReplication } from "../../sim/run/replication.ts"
import { richScenario } from "../support/rich-scenario.ts"

const digestOf = (audit: boolean) => {
  const r = runScenario(richScenario(), { audit })
  if (r._tag !== "Done") throw new Error(`violation: ${r.violation.rule}: ${r.violation.message}`)
  expect(r.stuckChats).toBe(0)
  return r.summary
}

describe("determinism", () => {
  it("runs every behaviour with the auditor on and no violation, and the same digest twice", () => {
    const a = digestOf(true)
    expect(a.overall.arrived).toBeGreaterThan(100)
    expect(a.funnel.rona).toBeGreaterThan(0)
    expect(a.overall.metrics.transferRate.mean).toBeGreaterThan(0)
    expect(a.proactive.arrived).toBeGreaterThan(0)
    expect(digestOf(true).digest).toBe(a.digest)
  })

  it("gives the same digest with the auditor off", () => {
    expect(digestOf(false).digest).toBe(digestOf(true).digest)
  })

  it("gives the same digest in a separate process", () => {
    const script = [
      `import { runScenario } from "./sim/run/assemble.ts"`,
      `import { richScenario } from "./test/support/rich-scenario.ts"`,
      `const r = runScenario(richScenario(), { audit: false })`,
      `console.log(r._tag === "Done" ? r.summary.digest : "violation")`
    ].join("\n")
    const out = execFileSync(process.execPath, ["--input-type=module", "-e", script], { encoding: "utf8" }).trim()
    expect(out).toBe(digestOf(false).digest)
  })

  it("draws the same patience for every chat whatever the routing policy (common random numbers)", () => {
    const patience = (policy: "longest-available" | "least-busy") => {
      const seen = new Map<string, number | undefined>()
      runReplication(richScenario(policy), {
        seed: 3,
        audit: false,
        observe: (c: Command) => {
          if (c._tag === "StartChat") seen.set(c.chatId, c.patienceMs)
        }
      })
      return seen
    }
    const a = patience("longest-available")
    const b = patience("least-busy")
    expect(a.size).toBeGreaterThan(100)
    expect([...b.entries()]).toEqual([...a.entries()])
  })
})
