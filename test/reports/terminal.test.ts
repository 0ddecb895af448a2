// The terminal summary: key numbers with their 95% CI, aligned columns with their definitions,
// colour only when asked, the theory comparison (prediction beside the 95% CI with a Holm verdict,
// or one line saying it does not apply).
import { describe, expect, it } from "vitest"
import { renderTerminal } from "../../reports/terminal.ts"
import { ci, erlangSummary, judged, livechatSummary } from "./fixture.ts"

const text = renderTerminal(livechatSummary)
const tableLines = (output: string, title: string): Array<string> => {
  const lines = output.split("\n")
  const start = lines.indexOf(title)
  const end = lines.indexOf("", start)
  // the table itself: its header, rule and rows (notes and the indented legend left out)
  return lines
    .slice(start + 1, end)
    .filter((l) => /^ {2}\S/.test(l) && !l.startsWith("  A queue's") && !l.startsWith("  Totals"))
}

describe("renderTerminal", () => {
  it("shows the run's identity: scenario, seed, replications, digest", () => {
    expect(text).toContain("livechat-sim: monday-peak")
    expect(text).toContain("seed 42")
    expect(text).toContain("replications 20")
    expect(text).toContain("digest 9f2c41d7a08e5b3c6e1d2f4a7b9c0e8d")
    expect(text).toContain("audit on, 6,412,880 events checked")
  })

  const row = (title: string, group: string): Array<string> | undefined =>
    tableLines(text, title)
      .find((l) => l.trimStart().startsWith(group))
      ?.split(/\s{2,}/)
      .map((s) => s.trim())
      .filter(Boolean)

  it("shows overall and per-queue counts and rates with their 95% half-width, and each queue's own service level", () => {
    expect(row("Service", "overall")).toEqual([
      "overall",
      "84,420",
      "82,170",
      "2,250",
      "0",
      "83.6% ±1.2",
      "92.5% ±0.6",
      "n/a",
      "2.67% ±0.23",
      "0% ±0"
    ])
    expect(row("Service", "sales")?.[7]).toBe("95.5% ±0.6 @1m")
    expect(row("Waiting", "overall")).toEqual([
      "overall",
      "41.0% ±1.9",
      "13.0 s ±1.1",
      "13.0 s ±1.1",
      "0 s ±0",
      "3.50 s",
      "55.8 s",
      "240 s"
    ])
    expect(text).toContain("counts are totals over 20 replications; rates are mean ±95% CI half-width")
    expect(text).toContain("definitions: docs/metrics.md")
    const handling = row("Handling", "support")
    expect(handling).toContain("87.4% ±0.4")
    expect(handling).toContain("3.1% ±0.4")
    expect(handling).toContain("0.81% ±0.13")
  })

  it("puts offered load against the slots on duty in the header, and warns where it exceeds them", () => {
    expect(text).toContain(
      "  offered load: mean 61.2 Erlangs against 180 slots on duty; peak 96.4 Erlangs at 2:30-3:00 against 90 slots"
    )
    expect(text).toContain(
      "  warning: offered load exceeds the slots on duty in 1 interval: 2:30-3:00 (96.4 Erlangs, 90 slots); chats will queue up"
    )
    expect(renderTerminal(erlangSummary)).not.toContain("warning")
  })

  it("says what each column is, once per report", () => {
    expect(text).toContain("    SL 20s: answered within 20s / arrived")
    expect(text).toContain("    ASA: mean time from arrival to accept, over answered chats (accept time included)")
    expect(text).toContain("    P(wait): chats that waited in line (first offer after arrival, or none) / arrived")
    expect(text.match(/slot utilization: time-average used slots/g)).toHaveLength(1)
  })

  it("never shows more decimals on a mean than on its half-width", () => {
    const pairs = [
      ...renderTerminal(erlangSummary)
        .concat(text)
        .matchAll(/(\d+(?:\.(\d+))?)(?:%| s)? ±(\d+(?:\.(\d+))?)/g)
    ]
    expect(pairs.length).toBeGreaterThan(30)
    for (const m of pairs) expect(m[2]?.length ?? 0, m[0]).toBe(m[4]?.length ?? 0)
  })

  it("aligns every row of a table to its header", () => {
    for (const title of ["Service", "Waiting", "Handling", "Agent groups"]) {
      const lines = tableLines(text, title)
      expect(new Set(lines.map((l) => l.length)).size, title).toBe(1)
    }
  })

  it("shows the chat and offer funnel, dropped chats and thresholds", () => {
    expect(text).toMatch(/expired\s+0\s+0% of arrived/)
    expect(text).toMatch(/RONA \(expired\)\s+2,470\s+2\.85% of offered/)
    expect(text).toMatch(/dropped on transfer\s+542\s+0\.660% of answered/)
    expect(text).toMatch(/proactive invited\s+9,800/)
    expect(text).toMatch(/FAIL\s+waitMs\{queue:support\}\s+p\(95\)<60000\s+61,500/)
    expect(text).toContain("3 passed, 1 failed, 0 not judged")
  })

  it("leaves out the proactive rows when the scenario has no campaign", () => {
    expect(renderTerminal(erlangSummary)).not.toContain("proactive")
  })

  it("says in one line that theory does not apply, and lists every reason when verbose", () => {
    expect(text).toContain("  - Erlang C / Erlang A do not apply: 5 reasons, see the HTML report or --verbose")
    expect(text).not.toContain("misses offers")
    expect(renderTerminal(livechatSummary, { verbose: true })).toContain(
      "  - agent group tier1 misses offers (missProbability 0.03, RONA)"
    )
  })

  it("puts the prediction beside the simulated mean and its 95% interval, with a family-wise verdict", () => {
    const erlang = renderTerminal(erlangSummary)
    expect(erlang).toContain("Erlang A with c = 100 servers")
    expect(erlang).toMatch(/P\(wait\)\s+41\.27%\s+41\.0% ±1\.9\s+\[39\.1, 42\.9\]%\s+consistent/)
    expect(erlang).toMatch(/ASA\s+21\.95 s\s+21\.4 s ±1\.8\s+\[19\.6, 23\.2\] s\s+consistent/)
    const theory = erlangSummary.theory
    if (!theory.applicable) throw new Error("fixture")
    const off = {
      ...erlangSummary,
      theory: { ...theory, rows: judged([{ metric: "probWait", predicted: 0.5, simulated: ci(0.41, 0.009) }]) }
    }
    expect(renderTerminal(off)).toMatch(/P\(wait\)\s+50\.00%\s+41\.0% ±1\.9\s+\[39\.1, 42\.9\]%\s+OUTSIDE/)
    const one = {
      ...erlangSummary,
      theory: { ...theory, rows: judged([{ metric: "probWait", predicted: 0.5, simulated: ci(0.41, 0, 1) }]) }
    }
    expect(renderTerminal(one)).toMatch(/P\(wait\)\s+50\.00%\s+41\.0% ±n\/a\s+n\/a\s+not judged/)
  })

  it("shows n when it differs from the replications, and n/a for the interval with n = 1", () => {
    const m = livechatSummary.overall.metrics
    const partial = {
      ...livechatSummary,
      overall: {
        ...livechatSummary.overall,
        metrics: { ...m, asaMs: ci(12_970, 519, 10), agentOccupancy: ci(0.85, 0, 1) }
      }
    }
    const out = renderTerminal(partial)
    expect(out).toContain("13.0 s ±1.2 (n=10)")
    expect(out).toContain("85.0% ±n/a")
    expect(out).not.toMatch(/±0\.0 |\[85\.0, 85\.0\]/)
  })

  it("writes small shares with significant digits and one replication in the singular", () => {
    const tiny = {
      ...livechatSummary,
      replications: 1,
      overall: { ...livechatSummary.overall, arrived: 955_000, abandoned: 136 }
    }
    const out = renderTerminal(tiny)
    expect(out).toMatch(/abandoned\s+136\s+0\.0142% of arrived/)
    expect(out).toContain("totals over 1 replication;")
  })

  it("colours only when asked, without moving a column", () => {
    expect(text).not.toContain("\u001b[")
    const coloured = renderTerminal(livechatSummary, { color: true })
    expect(coloured).toContain("\u001b[31m")
    // biome-ignore lint/suspicious/noControlCharactersInRegex: stripping ANSI colour codes
    expect(coloured.replace(/\u001b\[\d+m/g, "")).toBe(text)
  })
})
