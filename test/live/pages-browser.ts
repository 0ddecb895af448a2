// What the live pages' browser tests share: Debian's chromium through playwright-core (skipped
// only when /usr/bin/chromium is absent outside CI; with CI=true a missing browser fails), the
// center they run against, and `usePagesBrowser`, which launches the browser for the calling
// describe block and gives bounded waits and the steps every scenario takes (log an agent in,
// open the supervisor view, start a chat in the widget, submit a wrap-up). Console errors of
// every page are collected in `errors`; screenshots go to reports/out/live-*.png.
import { mkdirSync } from "node:fs"
import { dirname, join, resolve } from "node:path"
import { fileURLToPath } from "node:url"
import type { Browser, Page } from "playwright-core"
import { afterAll, beforeAll } from "vitest"
import type { ConfigFile } from "../../live/config.ts"
import type { RunningServer } from "../../live/server.ts"
import { launchBrowser } from "../support/browser.ts"

export { executablePath, skip, warnIfSkipped } from "../support/browser.ts"
export const root = resolve(dirname(fileURLToPath(import.meta.url)), "../..")
export const out = join(root, "reports/out")

/** Every wait is bounded, generously: the test machine may be a loaded 2-core box. */
export const WAIT_MS = 30_000

export const centerFile = (offerTimeout: string): ConfigFile => ({
  routing: { offerTimeout },
  queues: [
    { id: "support", name: "Support" },
    { id: "billing", name: "Billing" }
  ],
  agents: [
    { id: "a1", name: "Ann", password: "pw-a1", capacity: 3, queues: ["support"] },
    { id: "a2", name: "Ben", password: "pw-a2", capacity: 3, queues: ["billing"] },
    { id: "a3", name: "Cat", password: "pw-a3", capacity: 3, queues: ["billing"] },
    { id: "sup", name: "Sam", password: "pw-sup", capacity: 1, queues: [], supervisor: true }
  ],
  templates: { greet: "Hi <customerName>, how can I help?" }
})

/** Launch the browser for the calling describe block (closed, with `servers`, after it). */
export const usePagesBrowser = () => {
  let browser: Browser | undefined
  const servers: Array<RunningServer> = []
  const errors: Array<string> = []

  beforeAll(async () => {
    mkdirSync(out, { recursive: true })
    browser = await launchBrowser()
  }, 60_000)

  afterAll(async () => {
    await browser?.close()
    for (const s of servers) await s.close()
  })

  /** A fresh browser context (own storage) with one page whose console errors are collected. */
  const open = async (base: string, path: string, name: string): Promise<Page> => {
    if (browser === undefined) throw new Error("browser did not start")
    const context = await browser.newContext({ viewport: { width: 1280, height: 820 } })
    context.setDefaultTimeout(WAIT_MS)
    const page = await context.newPage()
    page.on("console", (m) => {
      if (m.type() === "error") errors.push(`${name} console: ${m.text()}`)
    })
    page.on("pageerror", (e) => errors.push(`${name} page error: ${e.message}`))
    await page.goto(`${base}${path}`, { waitUntil: "load" })
    return page
  }

  const until = async (what: string, check: () => Promise<boolean>, timeoutMs = WAIT_MS): Promise<void> => {
    const deadline = Date.now() + timeoutMs
    while (!(await check())) {
      if (Date.now() > deadline) throw new Error(`timed out after ${timeoutMs} ms waiting for: ${what}`)
      await new Promise((r) => setTimeout(r, 100))
    }
  }
  const text = async (page: Page, testid: string): Promise<string> =>
    (await page.getByTestId(testid).first().textContent()) ?? ""
  const texts = (page: Page, testid: string): Promise<Array<string>> => page.getByTestId(testid).allTextContents()
  const waitText = (page: Page, testid: string, expected: string | RegExp) =>
    until(`${testid} to show ${String(expected)}`, async () => {
      const t = await text(page, testid)
      return typeof expected === "string" ? t.includes(expected) : expected.test(t)
    })
  const waitTexts = (page: Page, testid: string, expected: Array<string>) =>
    until(
      `${testid} to be ${JSON.stringify(expected)}`,
      async () => JSON.stringify(await texts(page, testid)) === JSON.stringify(expected)
    )

  const loginAgent = async (base: string, agentId: string, available = true): Promise<Page> => {
    const page = await open(base, "/agent.html", agentId)
    await page.getByTestId("login-agent").fill(agentId)
    await page.getByTestId("login-password").fill(`pw-${agentId}`)
    await page.getByTestId("login-submit").click()
    await waitText(page, "conn-status", "Connected")
    if (available) {
      await page.getByTestId("presence-select").selectOption("Available")
      await waitText(page, "presence-badge", "Available")
    }
    return page
  }

  const loginSupervisor = async (base: string): Promise<Page> => {
    const page = await open(base, "/supervisor.html", "supervisor")
    await page.getByTestId("login-agent").fill("sup")
    await page.getByTestId("login-password").fill("pw-sup")
    await page.getByTestId("login-submit").click()
    await waitText(page, "conn-status", "Live")
    return page
  }

  const startWidgetChat = async (base: string, name: string, queueId: string, question: string): Promise<Page> => {
    const page = await open(base, "/widget.html", "widget")
    await page.getByTestId("widget-name").fill(name)
    await until(
      "queues loaded in the widget",
      async () => (await page.getByTestId("widget-queue").locator("option").count()) > 0
    )
    await page.getByTestId("widget-queue").selectOption(queueId)
    await page.getByTestId("widget-question").fill(question)
    await page.getByTestId("widget-start").click()
    await page.getByTestId("widget-chat").waitFor({ state: "visible" })
    return page
  }

  const submitWrapUp = async (page: Page, search: string, reason: string): Promise<void> => {
    await page.getByTestId("wrapup-dialog").waitFor({ state: "visible" })
    await page.getByTestId("wrapup-search").fill(search)
    await page.locator(`[data-testid="wrapup-option"][data-id="${reason}"]`).click()
    await page.getByTestId("wrapup-submit").click()
    await page.getByTestId("wrapup-dialog").waitFor({ state: "hidden" })
  }

  return {
    servers,
    errors,
    until,
    text,
    waitText,
    waitTexts,
    loginAgent,
    loginSupervisor,
    startWidgetChat,
    submitWrapUp
  }
}
