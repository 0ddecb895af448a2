// The live pages in a real browser (Debian's chromium through playwright-core) against a real
// server on 127.0.0.1, presence and missed requests: on a server with a 4 s offer timeout a missed
// request puts the agent in RONA until its manual "Go Available", and the supervisor counts it; a
// proactive chat's request shows its icon and Decline sends the agent to Idle(Declined); a waiting
// customer who leaves sees the chat closed. No page may log a console error. Also keeps the type
// check of the page scripts running. A conversation across the pages: pages-chat.browser.test.ts.
import { execFileSync } from "node:child_process"
import { join } from "node:path"
import { describe, expect, it } from "vitest"
import { centerFile, executablePath, out, root, skip, usePagesBrowser, warnIfSkipped } from "./pages-browser.ts"
import { startTestServer, testConfig } from "./support.ts"

warnIfSkipped("pages-presence.browser.test")

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

describe.skipIf(skip)(`live pages in ${executablePath}: presence`, () => {
  const { servers, errors, waitText, loginAgent, loginSupervisor, startWidgetChat } = usePagesBrowser()

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
