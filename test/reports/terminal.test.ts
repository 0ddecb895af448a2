// The terminal summary: key numbers with their CI, aligned columns, colour only when asked, the
// theory comparison (prediction beside the 99% CI, or the reasons it does not apply).
import { describe, expect, it } from "vitest"
import { renderTerminal } from "../../reports/terminal.ts"
import { ci, erlangSummary, livechatSummary } from "./fixture.ts"

const text = renderTerminal(livechatSummary)
const tableLines = (output: string, title: string): Array<string> => {
  const lines = output.split("\n")
  const start = lines.indexOf(title)
  const end = lines.indexOf("", start)
  return lines.slice(start + 1, end).filter((l) => !l.startsWith("  Counts") && !l.startsWith("  RONA"))
}

describe("renderTerminal", () => {
  it("shows the run's identity: scenario, seed, replications, digest", () => {
    expect(text).toContain("livechat-sim: monday-peak")
    expect(text).toContain("seed 42")
    expect(text).toContain("replications 20")
    expect(text).toContain("digest 9f2c41d7a08e5b3c6e1d2f4a7b9c0e8d")
    expect(text).toContain("audit on, 6,412,880 events checked")
  })

  it("shows overall and per-queue counts and rates with their 95% half-width", () => {
    const overall = tableLines(text, "Service").find((l) => l.trimStart().startsWith("overall"))
    expect(overall?.split(/\s{2,}/).map((s) => s.trim()).filter(Boolean)).toEqual([
      "overall", "84,420", "82,170", "2,250", "2.67% ±0.23", "83.6% ±1.2", "92.5% ±0.6", "13.0 s ±1.1", "55.8 s"
    ])
    for (const q of ["support", "sales"]) expect(tableLines(text, "Service").some((l) => l.trimStart().startsWith(q))).toBe(true)
    expect(text).toContain("over 20 replications")
    const handling = tableLines(text, "Handling").find((l) => l.trimStart().startsWith("support"))
    expect(handling).toContain("87.4% ±0.4")
    expect(handling).toContain("3.1% ±0.4")
    expect(handling).toContain("0.81% ±0.13")
  })

  it("never shows more decimals on a mean than on its half-width", () => {
    const pairs = [...renderTerminal(erlangSummary).concat(text).matchAll(/(\d+(?:\.(\d+))?)(?:%| s)? ±(\d+(?:\.(\d+))?)/g)]
    expect(pairs.length).toBeGreaterThan(30)
    for (const m of pairs) expect(m[2]?.length ?? 0, m[0]).toBe(m[4]?.length ?? 0)
  })

  it("aligns every row of a table to its header", () => {
    for (const title of ["Service", "Handling", "Agent groups"]) {
      const lines = tableLines(text, title)
      expect(new Set(lines.map((l) => l.length)).size, title).toBe(1)
    }
  })

  it("shows the funnel, dropped chats and thresholds", () => {
    expect(text).toMatch(/RONA \(expired\)\s+2,470\s+2\.9% of offered/)
    expect(text).toMatch(/dropped on transfer\s+542/)
    expect(text).toMatch(/FAIL\s+waitMs\{queue:support\}\s+p\(95\)<60000\s+61,500/)
    expect(text).toContain("1 of 4 failed")
  })

  it("lists why theory does not apply", () => {
    expect(text).toContain("Erlang C / Erlang A do not apply")
    expect(text).toContain("  - agent group tier1 misses offers (missProbability 0.03, RONA)")
  })

  it("puts the prediction beside the simulated mean and its 99% interval", () => {
    const erlang = renderTerminal(erlangSummary)
    expect(erlang).toContain("Erlang A with c = 100 servers")
    expect(erlang).toMatch(/probWait\s+41\.27%\s+41\.0% ±2\.6\s+\[38\.4, 43\.6\]%\s+inside/)
    expect(erlang).toMatch(/asaMs\s+21\.95 s\s+21\.4 s ±2\.4\s+\[19\.0, 23\.8\] s\s+inside/)
    const theory = erlangSummary.theory
    if (!theory.applicable) throw new Error("fixture")
    const off = { ...erlangSummary, theory: { ...theory, rows: [{ metric: "probWait", predicted: 0.5, simulated: ci(0.41, 0.009) }] } }
    expect(renderTerminal(off)).toMatch(/probWait\s+50\.00%\s+41\.0% ±2\.6\s+\[38\.4, 43\.6\]%\s+OUTSIDE/)
  })

  it("shows n when it differs from the replications, and no interval for n = 1", () => {
    const m = livechatSummary.overall.metrics
    const partial = { ...livechatSummary, overall: { ...livechatSummary.overall, metrics: { ...m, asaMs: ci(12_970, 519, 10), occupancy: ci(0.85, 0, 1) } } }
    const out = renderTerminal(partial)
    expect(out).toContain("13.0 s ±1.2 (n=10)")
    expect(out).toContain("85.0% (n=1)")
  })

  it("colours only when asked, without moving a column", () => {
    expect(text).not.toContain("\u001b[")
    const coloured = renderTerminal(livechatSummary, { color: true })
    expect(coloured).toContain("\u001b[31m")
    expect(coloured.replace(/\u001b\[\d+m/g, "")).toBe(text)
  })
})
