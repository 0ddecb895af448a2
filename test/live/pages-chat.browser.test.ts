// The live pages in a real browser (Debian's chromium through playwright-core) against a real
// server on 127.0.0.1, one conversation across four pages: a customer starts a chat in the widget,
// agent 1 sees the request popover (customer, queue, agent, live timer) and accepts; messages flow
// both ways in order, with the typing indicator, the reserved-character warning and the server's
// refusal, and a template with its parameter; agent 1 transfers to agent 2 (who accepts and owns
// the chat) and wraps up; agent 2's connection drops and resumes without losing or repeating a
// message; agent 2 conferences agent 3 ("Conference Requested" -> "Conference", "Cat has joined
// the chat"), ends the conference and the chat, and submits a wrap-up reason; the supervisor sees
// the agents, slots, counters and service level meanwhile. No page may log a console error.
// Missed requests and presence: pages-presence.browser.test.ts.
import { join } from "node:path"
import { describe, expect, it } from "vitest"
import { centerFile, executablePath, out, skip, usePagesBrowser, warnIfSkipped } from "./pages-browser.ts"
import { startChat, startTestServer, testConfig } from "./support.ts"

warnIfSkipped("pages-chat.browser.test")

describe.skipIf(skip)(`live pages in ${executablePath}: a conversation`, () => {
  const {
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
  } = usePagesBrowser()

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
})
