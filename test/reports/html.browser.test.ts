// The HTML report in a real browser (Debian's chromium through playwright-core): opened from a
// file:// URL with every network request refused, each [data-chart] must draw an SVG with visible
// marks, the console and the page must report no error, and the layout must not overflow. Saves
// reports/out/report.png. Skips only when /usr/bin/chromium is absent outside CI; with CI=true a
// missing browser fails the test.
import { mkdirSync, mkdtempSync, rmSync, writeFileSync } from "node:fs"
import { tmpdir } from "node:os"
import { dirname, join, resolve } from "node:path"
import { fileURLToPath, pathToFileURL } from "node:url"
import type { Browser } from "playwright-core"
import { afterAll, beforeAll, describe, expect, it } from "vitest"
import { renderHtml } from "../../reports/html.ts"
import type { Summary } from "../../sim/summary/model.ts"
import { executablePath, launchBrowser, skip, warnIfSkipped } from "../support/browser.ts"
import { erlangSummary, livechatSummary } from "./fixture.ts"

const root = resolve(dirname(fileURLToPath(import.meta.url)), "../..")
warnIfSkipped("html.browser.test")

const charts = [
  "service-level",
  "queue-length",
  "wait-distribution",
  "wait-percentiles",
  "utilization",
  "offer-funnel",
  "dropped-on-transfer"
]

interface ChartCheck {
  readonly name: string
  readonly svgs: number
  readonly width: number
  readonly height: number
  readonly marks: number
  readonly visibleMarks: number
}

describe.skipIf(skip)(`HTML report in ${executablePath}`, () => {
  let browser: Browser | undefined
  const work = mkdtempSync(join(tmpdir(), "livechat-report-"))

  beforeAll(async () => {
    browser = await launchBrowser()
  }, 60_000)

  afterAll(async () => {
    await browser?.close()
    rmSync(work, { recursive: true, force: true })
  })

  const open = async (summary: Summary, file: string) => {
    if (browser === undefined) throw new Error("browser did not start")
    const path = join(work, file)
    writeFileSync(path, renderHtml(summary))
    const page = await browser.newPage({ viewport: { width: 1280, height: 900 } })
    const errors: Array<string> = []
    const outside: Array<string> = []
    page.on("console", (m) => {
      if (m.type() === "error" || m.type() === "warning") errors.push(`console ${m.type()}: ${m.text()}`)
    })
    page.on("pageerror", (e) => errors.push(`page error: ${e.message}`))
    await page.route("**/*", (route) => {
      const url = route.request().url()
      if (url.startsWith("file:")) return route.continue()
      outside.push(url)
      return route.abort()
    })
    await page.goto(pathToFileURL(path).href, { waitUntil: "load" })
    const checks = await page.$$eval("[data-chart]", (elements) =>
      elements.map((el) => {
        const svg = el.querySelector("svg")
        const box = svg?.getBoundingClientRect()
        const marks = [...el.querySelectorAll("svg .mark")]
        const visibleMarks = marks.filter((m) => {
          const b = m.getBoundingClientRect()
          return b.width > 0 && b.height > 0
        }).length
        return {
          name: el.getAttribute("data-chart") ?? "",
          svgs: el.querySelectorAll("svg").length,
          width: box?.width ?? 0,
          height: box?.height ?? 0,
          marks: marks.length,
          visibleMarks
        }
      })
    )
    const overflow = await page.$eval("html", (el) => el.scrollWidth - el.clientWidth)
    return { page, errors, outside, checks: checks as Array<ChartCheck>, overflow }
  }

  it("draws every chart of the livechat report, without errors or requests, and saves a screenshot", async () => {
    const { page, errors, outside, checks, overflow } = await open(livechatSummary, "livechat.html")
    expect(checks.map((c) => c.name)).toEqual(charts)
    for (const c of checks) {
      expect(c.svgs, c.name).toBe(1)
      expect(c.width, c.name).toBeGreaterThan(300)
      expect(c.height, c.name).toBeGreaterThan(150)
      expect(c.visibleMarks, c.name).toBeGreaterThan(0)
    }
    expect(errors).toEqual([])
    expect(outside).toEqual([])
    expect(overflow).toBeLessThanOrEqual(0)
    expect(await page.title()).toBe("livechat-sim: monday-peak")
    mkdirSync(join(root, "reports/out"), { recursive: true })
    await page.screenshot({ path: join(root, "reports/out/report.png"), fullPage: true })
    await page.close()
  }, 60_000)

  it("draws the Erlang report (one queue, theory applicable) as well", async () => {
    const { page, errors, outside, checks } = await open(erlangSummary, "erlang.html")
    expect(checks.map((c) => [c.name, c.visibleMarks > 0])).toEqual(charts.map((n) => [n, true]))
    expect(await page.locator("#theory td.pass").count()).toBe(6)
    expect(errors).toEqual([])
    expect(outside).toEqual([])
    await page.close()
  }, 60_000)
})
