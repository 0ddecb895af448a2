// The bundled scenarios: the committed JSON Schema is the one the file Schema generates (stale
// fails), every file under scenarios/ loads, says what it is for in its own fields, and runs a short
// audited replication of itself with no violation and nothing stuck.
import { readdirSync, readFileSync } from "node:fs"
import { join } from "node:path"
import { describe, expect, it } from "vitest"
import { runReplication } from "../../../sim/run/replication.ts"
import { SCHEMA_PATH, scenarioJsonSchemaText } from "../../../sim/scenario/json-schema.ts"
import type { Scenario } from "../../../sim/scenario/model.ts"
import { isApplicable, theoryFor } from "../../../sim/theory/applicability.ts"
import { loadFile, root } from "./support.ts"

const scenarioDir = join(root, "scenarios")
const files = readdirSync(scenarioDir)
  .filter((f) => f.endsWith(".yaml") || f.endsWith(".json"))
  .filter((f) => f !== "scenario.schema.json")
const load = (name: string, sets: ReadonlyArray<string> = []): Scenario => loadFile(join(scenarioDir, name), sets)

/** Expected chats per replication: the integral of every arrival and accepted-invitation rate. */
const expectedChats = (s: Scenario): number => {
  const perStage = (st: { startMs: number; endMs: number; fromPerHour: number; toPerHour: number }) =>
    (((st.endMs - st.startMs) / 3_600_000) * (st.fromPerHour + st.toPerHour)) / 2
  const inbound = s.arrivals.flatMap((a) => a.stages).reduce((n, st) => n + perStage(st), 0)
  const proactive = s.proactive.reduce(
    (n, c) => n + c.acceptProbability * c.stages.reduce((m, st) => m + perStage(st), 0),
    0
  )
  return inbound + proactive
}

describe("scenarios/scenario.schema.json", () => {
  it("is what `npm run gen:schema` writes from sim/scenario/file.ts (regenerate it if this fails)", () => {
    expect(readFileSync(join(root, SCHEMA_PATH), "utf8")).toBe(scenarioJsonSchemaText())
  })
})

describe("bundled scenarios", () => {
  it("include every scenario the simulator issue names", () => {
    for (const name of [
      "default",
      "erlang-a",
      "intraday-peak",
      "rona-storm",
      "transfer-conference-heavy",
      "proactive-campaign",
      "enterprise"
    ]) {
      expect(files).toContain(`${name}.yaml`)
    }
  })

  it("default: a few queues, proactive, RONA, transfers, wrap-up over a working day", () => {
    const s = load("default.yaml")
    expect(s.queues.length).toBeGreaterThanOrEqual(3)
    expect(s.proactive.length).toBeGreaterThan(0)
    expect(s.agents.some((g) => g.missProbability > 0)).toBe(true)
    expect(s.agents.some((g) => g.transfer.probability > 0)).toBe(true)
    expect(s.agents.every((g) => g.wrapUpReasons.length > 0)).toBe(true)
    expect(s.horizonMs).toBeGreaterThanOrEqual(8 * 3_600_000)
  })

  it("erlang-a is Erlang-compatible (the report can show the prediction)", () => {
    const theory = theoryFor(load("erlang-a.yaml"))
    expect(isApplicable(theory), "reasons" in theory ? theory.reasons.join("; ") : "").toBe(true)
  })

  it("intraday-peak ramps arrivals and staffs with shifts and breaks", () => {
    const s = load("intraday-peak.yaml")
    expect(s.arrivals.some((a) => a.executor === "ramping-arrival-rate")).toBe(true)
    expect(s.agents.some((g) => g.shiftStartMs > 0 || Number.isFinite(g.shiftEndMs))).toBe(true)
    expect(s.agents.some((g) => g.breaks.length > 0)).toBe(true)
  })

  it("rona-storm, transfer-conference-heavy and proactive-campaign stress what they are named for", () => {
    expect(load("rona-storm.yaml").agents.some((g) => g.missProbability >= 0.2)).toBe(true)
    const tc = load("transfer-conference-heavy.yaml").agents
    expect(tc.some((g) => g.transfer.probability >= 0.2) && tc.some((g) => g.conference.probability >= 0.1)).toBe(true)
    expect(load("proactive-campaign.yaml").proactive.length).toBeGreaterThan(0)
  })

  it("enterprise has at least 2,000 agents and 1,000,000 chats", () => {
    const s = load("enterprise.yaml")
    expect(s.agents.reduce((n, g) => n + g.count, 0)).toBeGreaterThanOrEqual(2_000)
    expect(expectedChats(s)).toBeGreaterThanOrEqual(1_000_000)
  })

  // One audited replication of each, cut to 90 minutes so the suite stays fast (enterprise is cut
  // to 3 minutes: its full size is the benchmark's job).
  it.each(files)("%s runs audited with no violation and drains", (name) => {
    const horizon = name === "enterprise.yaml" ? "3m" : "90m"
    const s = load(name, [`horizon=${horizon}`, "warmup=0s", "replications=1"])
    const r = runReplication(s, { seed: s.seed, audit: true })
    expect(r.violation, r.violation && `${r.violation.rule}: ${r.violation.message}`).toBeUndefined()
    expect(r.stuckChats).toBe(0)
    expect(r.chats).toBeGreaterThan(0)
  })
})
