// `livechat-sim compare` end to end in a child process: the main use (default
// scenario vs a least-busy variant prints paired CIs and verdicts; --fail-if exits 99 when its
// condition holds, naming it), the JSON shape and reports, and exit 2 for every kind of bad input,
// naming the variant or condition, without a stack trace. Horizons are cut short to keep it quick.
import { mkdtempSync, readFileSync } from "node:fs"
import { tmpdir } from "node:os"
import { join } from "node:path"
import { describe, expect, it } from "vitest"
import { compareReportPath } from "../../cli/compare.ts"
import { loadScenario } from "../../sim/scenario/load.ts"
import { cli } from "../support/cli.ts"

const dir = mkdtempSync(join(tmpdir(), "livechat-sim-compare-"))

const short = ["--replications", "4", "--set", "horizon=1h30m", "--set", "warmup=15m"]
const lb = ["compare", "scenarios/default.yaml", "--variant", "lb:routing.policy=least-busy", ...short]

describe("livechat-sim compare", () => {
  it("names its default report after the scenario and variants, so another comparison never overwrites it", () => {
    const loaded = loadScenario("scenarios/default.yaml")
    if (loaded._tag !== "Loaded") throw new Error("default.yaml")
    const s = loaded.scenario
    const v = (name: string, overrides: Array<string>) => ({ name, overrides, scenario: s })
    const lbPath = compareReportPath(s, [v("lb", ["routing.policy=least-busy"])], [])
    expect(lbPath).toMatch(/^reports\/out\/default-vs-lb-[0-9a-f]{8}\.html$/)
    expect(compareReportPath(s, [v("lb", ["routing.policy=least-busy"])], [])).toBe(lbPath)
    expect(compareReportPath(s, [v("lb", ["routing.policy=round-robin"])], [])).not.toBe(lbPath)
    expect(compareReportPath(s, [v("lb", ["routing.policy=least-busy"])], ["horizon=2h"])).not.toBe(lbPath)
    expect(compareReportPath(s, [v("a", []), v("b/../x", [])], [])).toMatch(
      /^reports\/out\/default-vs-a_b_\.\._x-[0-9a-f]{8}\.html$/
    )
  })

  it("default vs least-busy: paired CIs and verdicts, JSON, HTML with the difference chart, Markdown; exit 0", () => {
    const [json, html, md] = ["c.json", "c.html", "c.md"].map((f) => join(dir, f))
    const r = cli([...lb, "--json", json!, "--report", html!, "--markdown", md!])
    expect(r.code, r.stderr).toBe(0)
    expect(r.stdout).toContain("paired difference [95% CI]")
    expect(r.stdout).toMatch(/SL 20s\s+lb\s+[\d.]+%\s+[\d.]+%\s+[+-]?[\d.]+ pp \[[+-]?[\d.]+, [+-]?[\d.]+\]/)
    expect(r.stdout).toMatch(/AHT .*(lower|higher|no significant difference)/)
    expect(r.stdout).toContain("Queue support")
    const c = JSON.parse(readFileSync(json!, "utf8"))
    expect(c).toMatchObject({ scenario: "default", baseline: "baseline", replications: 4 })
    expect(c.variants.map((v: { name: string }) => v.name)).toEqual(["lb"])
    const sl = c.variants[0].overall["serviceLevel.20s"]
    expect(Object.keys(sl).sort()).toEqual([
      "baselineMean",
      "direction",
      "metric",
      "paired",
      "unpaired",
      "variantMean",
      "verdict"
    ])
    expect(sl.paired.n).toBe(4)
    expect(sl.paired.ci95).toHaveLength(2)
    expect(sl.unpaired.ci95).toHaveLength(2)
    expect(Object.keys(c.variants[0].queues)).toEqual(["sales", "billing", "support"])
    for (const key of [
      "probWait",
      "abandonRate",
      "asaMs",
      "serviceLevel.1m",
      "slotUtilization",
      "agentOccupancy",
      "ronaRate",
      "transferRate",
      "droppedRate",
      "ahtMs",
      "meanQueueLength"
    ]) {
      expect(c.variants[0].queues.support).toHaveProperty([key, "verdict"])
    }
    const page = readFileSync(html!, "utf8")
    expect(page).toContain(`data-chart="diff-percent"`)
    expect(page).toMatch(/class="whisker"/)
    expect(page).not.toMatch(/<script/i)
    expect(readFileSync(md!, "utf8")).toContain("| metric | variant |")
  })

  it("--fail-if exits 99 when the condition holds for the variant, naming it; 0 when none holds", () => {
    // least-busy spreads chats away from the longest-idle agents: handle time drops significantly here
    const held = cli([
      ...lb,
      "--report",
      join(dir, "f.html"),
      "--fail-if",
      "ahtMs decreases",
      "--fail-if",
      "ahtMs increases"
    ])
    expect(held.code, held.stderr).toBe(99)
    expect(held.stderr).toContain(`fail-if holds: "ahtMs decreases" for variant lb`)
    expect(held.stderr).not.toContain(`"ahtMs increases"`)
    const same = cli([
      "compare",
      "scenarios/default.yaml",
      "--variant",
      "same:routing.policy=longest-available",
      ...short,
      "--report",
      join(dir, "g.html"),
      "--fail-if",
      "serviceLevel.20s changes"
    ])
    expect(same.code, same.stderr).toBe(0)
  })

  it("exits 2 listing every bad variant, override and condition, naming each, with no stack trace", () => {
    const r = cli([
      "compare",
      "scenarios/default.yaml",
      "--variant",
      "lb:routing.polcy=least-busy",
      "--variant",
      "nocolon",
      "--variant",
      "s:seed=9",
      "--fail-if",
      "serviceLevel.20s drops",
      ...short
    ])
    expect(r.code).toBe(2)
    expect(r.stderr).toMatch(
      /variant lb: --set routing\.polcy=least-busy: unknown field "polcy" in routing \(did you mean "policy"\?\)/
    )
    expect(r.stderr).toMatch(/--variant "nocolon": no name/)
    expect(r.stderr).toMatch(/variant s: changes seed/)
    expect(r.stderr).toMatch(/--fail-if "serviceLevel\.20s drops": unknown change "drops"/)
    expect(r.stderr).not.toMatch(/\bat .*\.ts:\d+/)
    const none = cli(["compare", "scenarios/default.yaml", ...short])
    expect(none.code).toBe(2)
    expect(none.stderr).toMatch(/no --variant given/)
    const one = cli([
      "compare",
      "scenarios/default.yaml",
      "--variant",
      "lb:routing.policy=least-busy",
      "--replications",
      "1"
    ])
    expect(one.code).toBe(2)
    expect(one.stderr).toMatch(/at least 2/)
  })
})
