// The Markdown report: the same numbers as the terminal, as GFM tables, with summary text escaped.
import { describe, expect, it } from "vitest"
import { renderMarkdown } from "../../reports/markdown.ts"
import { erlangSummary, livechatSummary } from "./fixture.ts"

describe("renderMarkdown", () => {
  const md = renderMarkdown(livechatSummary)

  it("heads the document with the scenario, the verdict and the run's identity", () => {
    expect(md.startsWith("# livechat-sim: monday-peak\n\n**1 of 4 thresholds failed.**")).toBe(true)
    expect(md).toContain("- **seed**: 42")
    expect(md).toContain("- **digest**: `9f2c41d7a08e5b3c6e1d2f4a7b9c0e8d`")
  })

  it("renders each block as a table with right-aligned numbers and the CI beside each rate", () => {
    expect(md).toContain(
      "| group | arrived | answered | abandoned | expired | SL 20s | SL 1m | SL own | abandon rate | expiry rate |"
    )
    expect(md).toContain("| :--- | ---: | ---: | ---: | ---: | ---: | ---: | ---: | ---: | ---: |")
    expect(md).toContain(
      "| overall | 84,420 | 82,170 | 2,250 | 0 | 83.6% ±1.2 | 92.5% ±0.6 | _n/a_ | 2.67% ±0.23 | 0% ±0 |"
    )
    expect(md).toContain("| **FAIL** | waitMs{queue:support} | p(95)&lt;60000 | 61,500 |")
    expect(md).toContain("| dropped on transfer | 542 | 0.660% of answered |")
    expect(md).toContain("- SL 20s: answered within 20s / arrived")
  })

  it("shows the theory comparison or its reasons", () => {
    expect(md).toContain("- agent group tier2 transfers chats (probability 0.05)")
    const erlang = renderMarkdown(erlangSummary)
    expect(erlang).toContain("| SL 20s | 71.01% | 70.2% ±1.2 | \\[69.0, 71.4\\]% | consistent |")
    expect(erlang).toContain("No thresholds defined.")
  })

  it("escapes names so they cannot break a table or inject HTML", () => {
    const hostile = {
      ...livechatSummary,
      scenario: "peak <script>alert(1)</script> | *x*",
      queues: { "a|b": livechatSummary.overall },
      theory: { applicable: false as const, reasons: ["- not a list item", "1. nor this"] }
    }
    const out = renderMarkdown(hostile)
    expect(out).not.toContain("<script>")
    expect(out).toContain("# livechat-sim: peak &lt;script&gt;alert(1)&lt;/script&gt; \\| \\*x\\*")
    expect(out).toContain("| a\\|b | 84,420 |")
    expect(out).toContain("- \\- not a list item")
    expect(out).toContain("- 1\\. nor this")
  })
})
