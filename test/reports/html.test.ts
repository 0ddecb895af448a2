// The HTML report as a string: every chart present with an accessible SVG, summary text escaped,
// nothing loaded from outside the file, and sensible output for a run without intervals or groups.
import { describe, expect, it } from "vitest"
import { renderHtml } from "../../reports/html.ts"
import { erlangSummary, livechatSummary } from "./fixture.ts"

const charts = [
  "service-level",
  "queue-length",
  "wait-distribution",
  "wait-percentiles",
  "utilization",
  "offer-funnel",
  "dropped-on-transfer"
]
const figures = (html: string): Map<string, string> =>
  new Map([...html.matchAll(/<figure data-chart="([^"]+)">([\s\S]*?)<\/figure>/g)].map((m) => [m[1] ?? "", m[2] ?? ""]))

describe("renderHtml", () => {
  const html = renderHtml(livechatSummary)

  it("holds every chart in a data-chart element with a titled, described SVG and drawn marks", () => {
    const found = figures(html)
    expect([...found.keys()]).toEqual(charts)
    for (const [name, body] of found) {
      expect(body, name).toMatch(/<svg [^>]*role="img" aria-labelledby="[^"]+"/)
      expect(body, name).toMatch(/<title id="[^"]+">[^<]+<\/title><desc id="[^"]+">[^<]+<\/desc>/)
      expect(body, name).toContain('class="mark')
    }
    expect(html).not.toMatch(/NaN|undefined|Infinity/)
  })

  it("labels axes with units and the wait chart as percentiles", () => {
    const found = figures(html)
    expect(found.get("wait-percentiles")).toContain("wait (s)")
    const distribution = found.get("wait-distribution") ?? ""
    expect(distribution).toContain("answered chats (%)")
    expect(distribution).toContain("wait (s)")
    // one curve per group (overall + 2 queues), and the 20s threshold drawn where the axis reaches it
    expect(distribution.match(/<path [^>]*class="mark/g)?.length).toBe(3)
    expect(distribution).toMatch(/<line class="threshold"[^>]*\/><text class="note"[^>]*>20s<\/text>/)
    expect(found.get("wait-percentiles")).toContain("Abandoned chats are not in it")
    expect(found.get("service-level")).toContain("service level (%)")
    expect(found.get("service-level")).toContain("simulated time (h:mm)")
    expect(found.get("utilization")).toContain("share of time (%)")
    expect(found.get("utilization")).toContain("agent occupancy")
    expect(found.get("dropped-on-transfer")).toContain("542 chats dropped")
  })

  it("includes the tables of the terminal report, thresholds and the theory comparison", () => {
    for (const id of ["service", "waiting", "handling", "agent-groups", "funnel", "thresholds", "theory"])
      expect(html).toContain(`id="${id}"`)
    expect(html).toContain('<td class="num">83.6% ±1.2</td>')
    expect(html).toContain('<td class="fail">FAIL</td>')
    expect(html).toContain("1 of 4 thresholds failed")
    expect(html).toContain("<li>2 queues; theory needs exactly one</li>")
    expect(html).toContain('<th scope="col" class="num" title="answered within 20s / arrived">SL 20s</th>')
    expect(html).toContain("<li>SL 20s: answered within 20s / arrived</li>")
    expect(html).toContain("definitions: docs/metrics.md")
    const erlang = renderHtml(erlangSummary)
    expect(erlang).toContain(
      '<td>SL 20s</td><td class="num">71.01%</td><td class="num">70.2% ±1.2</td><td class="num">[69.0, 71.4]%</td><td class="pass">consistent</td>'
    )
    expect(erlang).toContain("metrics consistent with theory")
  })

  it("escapes every text taken from the summary", () => {
    const hostile = {
      ...livechatSummary,
      scenario: `<script>alert("x")</script>`,
      queues: { "<img src=x onerror=alert(1)>": livechatSummary.overall },
      intervals: livechatSummary.intervals.map((r) => ({ ...r, queueId: `q"><b>` })),
      agentGroups: [{ ...livechatSummary.agentGroups[0]!, group: "a&b" }]
    }
    const out = renderHtml(hostile)
    expect(out).not.toMatch(/<script|<img|<b>/)
    expect(out).toContain("&lt;script&gt;alert(&quot;x&quot;)&lt;/script&gt;")
    expect(out).toContain("&lt;img src=x onerror=alert(1)&gt;")
    expect(out).toContain("a&amp;b")
  })

  it("loads nothing from outside the file", () => {
    for (const out of [html, renderHtml(erlangSummary)]) {
      expect(out).not.toMatch(/\b(src|href)\s*=\s*["']?\s*(https?:|\/\/)/i)
      expect(out).not.toMatch(/\b(src|href)\s*=/i)
      expect(out).not.toMatch(/url\(|@import|<link|<script/i)
      expect(out).toContain(`content="default-src 'none'; style-src 'unsafe-inline'"`)
    }
  })

  it("still renders every chart for a run without intervals, groups or offers", () => {
    const bare = {
      ...erlangSummary,
      intervals: [],
      agentGroups: [],
      funnel: { offered: 0, accepted: 0, rona: 0, declined: 0, cancelled: 0 }
    }
    const out = renderHtml(bare)
    expect([...figures(out).keys()]).toEqual(charts)
    expect(out).toContain("No interval data in this summary")
    expect(out).toContain("No agent groups in this summary")
    expect(out).not.toContain("NaN")
  })
})
