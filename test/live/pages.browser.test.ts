// The live pages in a real browser (Debian's chromium through playwright-core) against a real
// server on 127.0.0.1: a customer starts a chat in the widget, agent 1 sees the request popover
// (customer, queue, agent, live timer) and accepts; messages flow both ways in order, with the
// typing indicator, the reserved-character warning and the server's refusal, and a template with
// its parameter; agent 1 transfers to agent 2 (who accepts and owns the chat) and wraps up; agent
// 2's connection drops and resumes without losing or repeating a message; agent 2 conferences
// agent 3 ("Conference Requested" -> "Conference", "Cat has joined the chat"), ends the conference
// and the chat, and submits a wrap-up reason. On a second server with a 4 s offer timeout a missed
// request puts the agent in RONA until its manual "Go Available", and the supervisor counts it.
// No page may log a console error. Screenshots go to reports/out/live-*.png. Skips only when
// /usr/bin/chromium is absent outside CI; with CI=true a missing browser fails.
import { execFileSync } from "node:child_process"
import { existsSync, mkdirSync } from "node:fs"
import { dirname, join, resolve } from "node:path"
import { fileURLToPath } from "node:url"
import type { Browser, Page } from "playwright-core"
import { chromium } from "playwright-core"
import { afterAll, beforeAll, describe, expect, it } from "vitest"
import type { ConfigFile } from "../../live/config.ts"
import type { RunningServer } from "../../live/server.ts"
import { startChat, startTestServer, testConfig } from "./support.ts"

const executablePath = "/usr/bin/chromium"
const root = resolve(dirname(fileURLToPath(import.meta.url)), "../..")
const out = join(root, "reports/out")
const present = existsSync(executablePath)
const inCI = process.env.CI === "true"
const skip = !present && !inCI
if (skip)
  console.warn(
    `pages.browser.test: skipped, ${executablePath} not found (install: apt-get install -y chromium; CI=true makes this fail)`
  )

/** Every wait is bounded, generously: the test machine may be a loaded 2-core box. */
const WAIT_MS = 30_000

const centerFile = (offerTimeout: string): ConfigFile => ({
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

// The page scripts are plain JavaScript with JSDoc types; the root tsconfig has no DOM types, so
// live/pages/tsconfig.json checks them (strict, checkJs) and this test keeps that check running.
describe("live page scripts", () => {
  it("type-check with live/pages/tsconfig.json", () => {
    const tsc = join(root, "node_modules/.bin/tsc")
    let output = ""
    try {
      execFileSync(tsc, ["-p", join(root, "live/pages/tsconfig.json")], {
        encoding: "utf8",
        stdio: "pipe",
        timeout: 60_000
      })
    } catch (e) {
      output = String((e as { stdout?: string }).stdout ?? e)
    }
    expect(output).toBe("")
  }, 90_000)
})

describe.skipIf(skip)(`live pages in ${executablePath}`, () => {
  let browser: Browser | undefined
  const servers: Array<RunningServer> = []
  const errors: Array<string> = []

  beforeAll(async () => {
    expect(present, `${executablePath} is missing: CI must run apt-get install -y chromium`).toBe(true)
    mkdirSync(out, { recursive: true })
    browser = await chromium.launch({
      executablePath,
      args: [
        "--headless",
        "--no-sandbox",
        "--disable-gpu",
        "--disable-quic",
        "--no-first-run",
        "--disable-background-networking",
        "--disable-component-update",
        "--disable-sync"
      ]
    })
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

  it("widget -> accept -> messages -> transfer -> resume -> conference -> end -> wrap-up, across four pages", async () => {
    const server = await startTestServer(testConfig(centerFile("30s")))
    servers.push(server)
    const base = server.url
    const ann = await loginAgent(base, "a1")
    const ben = await loginAgent(base, "a2")
    const cat = await loginAgent(base, "a3")
    const sup = await loginSupervisor(base)

    // a customer starts a chat; Ann (the only Available agent of Support) gets the request popover
    const widget = await startWidgetChat(base, "Dana", "support", "My order has not arrived")
    const offer = ann.getByTestId("offer")
    await offer.waitFor({ state: "visible" })
    expect(await text(ann, "offer-customer")).toBe("Dana")
    expect(await text(ann, "offer-queue")).toBe("Support")
    expect(await text(ann, "offer-agent")).toBe("Ann")
    expect(await text(ann, "offer-date")).not.toBe("")
    expect(await text(ann, "offer-kind")).toBe("Chat request")
    // the question typed in the pre-chat form came with the chat start: the agent sees the topic before accepting
    await waitText(ann, "offer-thread", "My order has not arrived")
    expect(await ann.getByTestId("offer").getByTestId("proactive-icon").count()).toBe(0)
    const timer0 = await text(ann, "offer-timer")
    expect(timer0).toMatch(/^\d+:\d\d$/)
    await until("the request timer to advance", async () => (await text(ann, "offer-timer")) !== timer0, 10_000)
    await ann.screenshot({ path: join(out, "live-agent-offer.png") })
    await ann.getByTestId("offer-accept").click()
    await offer.waitFor({ state: "hidden" })
    await waitText(ann, "chat-customer", "Dana")
    await waitText(ann, "chat-state", "Active")
    await waitText(widget, "widget-status", "Chatting with Ann")

    // messages both ways, in order on both pages; typing; the reserved characters
    await waitTexts(ann, "message-text", ["My order has not arrived"])
    await ann.getByTestId("compose-input").pressSequentially("Hello Dana, let me check")
    await waitText(widget, "widget-typing", "Ann is typing")
    await ann.getByTestId("compose-input").press("Enter")
    await waitTexts(widget, "widget-message-text", ["My order has not arrived", "Hello Dana, let me check"])
    expect(await ann.getByTestId("compose-input").inputValue()).toBe("")
    await widget.getByTestId("widget-input").pressSequentially("Thanks")
    await waitText(ann, "typing-indicator", "Dana is typing")
    await widget.getByTestId("widget-input").press("Enter")
    await waitTexts(ann, "message-text", ["My order has not arrived", "Hello Dana, let me check", "Thanks"])
    await ann.getByTestId("compose-input").fill("see <b>this</b>")
    await ann.getByTestId("compose-warning").waitFor({ state: "visible" })
    await ann.getByTestId("compose-send").click()
    await waitText(ann, "compose-error", "RESERVED_CHARACTERS")
    await ann.getByTestId("compose-input").fill("")
    await ann.getByTestId("compose-warning").waitFor({ state: "hidden" })

    // a template with its parameter
    await ann.getByTestId("template-select").selectOption("greet")
    await ann.getByTestId("template-param-customerName").fill("Dana")
    expect(await text(ann, "template-preview")).toBe("Hi Dana, how can I help?")
    await ann.getByTestId("template-send").click()
    const beforeTransfer = [
      "My order has not arrived",
      "Hello Dana, let me check",
      "Thanks",
      "Hi Dana, how can I help?"
    ]
    await waitTexts(widget, "widget-message-text", beforeTransfer)
    await waitTexts(ann, "message-text", beforeTransfer)

    // transfer to Ben (agent tab, search, refresh); Ann wraps up, Ben accepts and owns the chat
    await ann.getByTestId("btn-transfer").click()
    await ann.getByTestId("transfer-dialog").waitFor({ state: "visible" })
    await ann.getByTestId("transfer-mode-agent").check()
    await ann.getByTestId("transfer-refresh").click()
    await ann.getByTestId("transfer-search").fill("be")
    await until(
      "Ben as the only match",
      async () =>
        JSON.stringify(
          await ann.getByTestId("transfer-option").evaluateAll((els) => els.map((e) => e.getAttribute("data-id")))
        ) === '["a2"]'
    )
    await ann.locator('[data-testid="transfer-option"][data-id="a2"]').click()
    await ann.getByTestId("transfer-submit").click()
    await ann.getByTestId("transfer-dialog").waitFor({ state: "hidden" })
    await ann.getByTestId("wrapup-dialog").waitFor({ state: "visible" })
    await ann.screenshot({ path: join(out, "live-agent-wrapup.png") })
    const benOffer = ben.getByTestId("offer")
    await benOffer.waitFor({ state: "visible" })
    expect(await text(ben, "offer-kind")).toBe("Transfer from Ann")
    expect(await text(ben, "offer-customer")).toBe("Dana")
    await submitWrapUp(ann, "follow", "Follow-up")
    await until("Ann's chat list to empty", async () => (await ann.getByTestId("chat-tab").count()) === 0)

    // meanwhile Ann takes two chats at once and answers each in its own tab
    const gus = await startChat(base, "support", "Gus")
    const hal = await startChat(base, "support", "Hal")
    for (const name of ["Gus", "Hal"]) {
      const o = ann.getByTestId("offer").filter({ hasText: name })
      await o.getByTestId("offer-accept").click()
      await o.waitFor({ state: "hidden" })
    }
    await until("two chat tabs", async () => (await ann.getByTestId("chat-tab").count()) === 2)
    for (const [name, chatId] of [
      ["Gus", gus.chatId],
      ["Hal", hal.chatId]
    ] as const) {
      await ann.getByTestId("chat-tab").filter({ hasText: name }).click()
      await waitText(ann, "chat-customer", name)
      await ann.getByTestId("compose-input").fill(`Hello ${name}`)
      await ann.getByTestId("compose-input").press("Enter")
      await waitTexts(ann, "message-text", [`Hello ${name}`])
      expect(server.center.transcripts.get(chatId)!.messages.map((m) => m.text)).toEqual([`Hello ${name}`])
    }
    await ben.getByTestId("offer-accept").click()
    await benOffer.waitFor({ state: "hidden" })
    await waitText(ben, "chat-customer", "Dana")
    await waitText(ben, "chat-state", "Active")
    await waitTexts(ben, "message-text", beforeTransfer)
    await waitText(widget, "widget-status", "Chatting with Ben")

    // Ben's connection drops; a message sent meanwhile arrives once after the resume
    await ben.evaluate("window.livechatDesktop.drop()")
    await widget.getByTestId("widget-input").fill("Are you there?")
    await widget.getByTestId("widget-send").click()
    await waitText(ben, "conn-status", "Connected")
    await waitTexts(ben, "message-text", [...beforeTransfer, "Are you there?"])
    await ben.getByTestId("compose-input").fill("Ben here, I have your order")
    await ben.getByTestId("compose-send").click()
    await waitTexts(widget, "widget-message-text", [...beforeTransfer, "Are you there?", "Ben here, I have your order"])

    // conference with Cat
    await ben.getByTestId("btn-conference").click()
    await ben.getByTestId("conference-dialog").waitFor({ state: "visible" })
    await ben.getByTestId("conference-search").fill("cat")
    await ben.locator('[data-testid="conference-option"][data-id="a3"]').click()
    await ben.getByTestId("conference-submit").click()
    await ben.getByTestId("conference-dialog").waitFor({ state: "hidden" })
    await waitText(ben, "chat-state", "Conference Requested")
    const catOffer = cat.getByTestId("offer")
    await catOffer.waitFor({ state: "visible" })
    expect(await text(cat, "offer-kind")).toBe("Conference request from Ben")
    await cat.getByTestId("offer-accept").click()
    await catOffer.waitFor({ state: "hidden" })
    await until(
      "Ben's state to become Conference",
      async () => (await ben.getByTestId("chat-state").getAttribute("data-state")) === "Conference"
    )
    expect(await text(ben, "chat-state")).toBe("Conference · Cat")
    for (const page of [ben, cat])
      await page.getByTestId("message").filter({ hasText: "Cat has joined the chat" }).waitFor()
    await widget.getByTestId("widget-message").filter({ hasText: "Cat has joined the chat" }).waitFor()
    await cat.getByTestId("compose-input").fill("Cat from billing here")
    await cat.getByTestId("compose-input").press("Enter")
    await widget.getByTestId("widget-message-text").filter({ hasText: "Cat from billing here" }).waitFor()
    await ben.getByTestId("message-text").filter({ hasText: "Cat from billing here" }).waitFor()

    // screenshots of the busy moment; the supervisor sees the agents and their slots
    await until("the supervisor to list the agents", async () => (await sup.getByTestId("agent-row").count()) === 4)
    await until("the supervisor to show Ben with 1 slot used", async () =>
      (
        (await sup
          .locator('[data-testid="agent-row"][data-agent-id="a2"] [data-testid="agent-slots"]')
          .textContent()) ?? ""
      ).startsWith("1 / 3")
    )
    expect(
      await sup.locator('[data-testid="agent-row"][data-agent-id="a3"] [data-testid="agent-presence"]').textContent()
    ).toBe("Available")
    await until(
      "the supervisor to show Ben connected",
      async () =>
        ((await sup.locator('[data-testid="agent-row"][data-agent-id="a2"]').textContent()) ?? "").includes(
          "connected"
        ) &&
        !((await sup.locator('[data-testid="agent-row"][data-agent-id="a2"]').textContent()) ?? "").includes(
          "disconnected"
        )
    )
    await until(
      "the supervisor's counters to include the messages",
      async () => Number(await text(sup, "fact-messages")) >= 8
    )
    expect(await text(sup, "kpi-transfers")).toBe("1")
    // the chats answered so far were answered within the queue's threshold: a live service level
    await until("the supervisor to show a service level", async () =>
      /^\d+%$/.test(await text(sup, "kpi-service-level"))
    )
    expect(await sup.getByTestId("queue-sl").first().textContent()).toMatch(/within \d+ s|no chat counted yet/)
    expect(await text(sup, "kpi-answered-of-settled")).toMatch(/^\d+%$/)
    await ben.screenshot({ path: join(out, "live-agent-desktop.png") })
    await widget.screenshot({ path: join(out, "live-widget.png") })
    await sup.screenshot({ path: join(out, "live-supervisor.png"), fullPage: true })

    // End Conference: Cat leaves and wraps up; Ben ends the chat and wraps up
    await ben.getByTestId("btn-end-conference").click()
    await waitText(ben, "chat-state", "Active")
    await submitWrapUp(cat, "", "Resolved")
    await until("Cat's chat list to empty", async () => (await cat.getByTestId("chat-tab").count()) === 0)
    await ben.getByTestId("btn-end").click()
    await submitWrapUp(ben, "res", "Resolved")
    await until("Ben's chat list to empty", async () => (await ben.getByTestId("chat-tab").count()) === 0)
    await waitText(widget, "widget-status", "closed")
    expect(await widget.getByTestId("widget-input").isDisabled()).toBe(true)
    expect(errors).toEqual([])
  }, 240_000)

  it("a missed request shows RONA until the agent's manual Go Available; the supervisor counts it", async () => {
    const server = await startTestServer(testConfig(centerFile("4s")))
    servers.push(server)
    const base = server.url
    const ann = await loginAgent(base, "a1")
    const sup = await loginSupervisor(base)
    const erik = await startWidgetChat(base, "Erik", "support", "Hello?")
    await ann.getByTestId("offer").waitFor({ state: "visible" })
    await ann.getByTestId("offer").waitFor({ state: "hidden" })
    await waitText(ann, "presence-badge", "RONA")
    await ann.getByTestId("rona-banner").waitFor({ state: "visible" })
    expect(await ann.getByTestId("presence-select").inputValue()).toBe("RONA")
    await waitText(sup, "kpi-rona", "1")
    await ann.screenshot({ path: join(out, "live-agent-rona.png") })
    await ann.getByTestId("go-available").click()
    await waitText(ann, "presence-badge", "Available")
    await ann.getByTestId("rona-banner").waitFor({ state: "hidden" })

    // a proactive chat: its request shows the proactive icon; Decline sends the agent to Idle(Declined)
    const started = await fetch(`${base}/api/chat`, {
      method: "POST",
      headers: { "content-type": "application/json" },
      body: JSON.stringify({
        queueId: "support",
        customerName: "Fay",
        proactive: true,
        idempotencyKey: "pages-test-proactive-0001"
      })
    })
    expect(started.status).toBe(201)
    const offer = ann.getByTestId("offer").filter({ hasText: "Fay" })
    await offer.waitFor({ state: "visible" })
    expect(await offer.getByTestId("proactive-icon").count()).toBe(1)
    await offer.getByTestId("offer-decline").click()
    await offer.waitFor({ state: "hidden" })
    await waitText(ann, "presence-badge", "Idle · Declined")

    // the waiting customer leaves: the widget says the chat is closed
    await erik.getByTestId("widget-leave").click()
    await waitText(erik, "widget-status", "closed")
    expect(errors).toEqual([])
  }, 120_000)
})
