// What the pages showed wrong, at the protocol level: the customer's first question (typed in the
// pre-chat form) comes with the chat start, so the offer an agent sees already carries it; and a
// supervisor watching the floor is not logged in as an agent unless it chooses to be.
import { randomUUID } from "node:crypto"
import { afterAll, beforeAll, describe, expect, it } from "vitest"
import type { RunningServer } from "../../live/server.ts"
import type { Frame } from "./support.ts"
import { ackOf, availableAgent, Client, login, post, startTestServer, type } from "./support.ts"

let server: RunningServer
beforeAll(async () => {
  server = await startTestServer()
})
afterAll(async () => {
  await server.close()
})

describe("live protocol for the pages", () => {
  it("the first question comes with the chat start: the offer carries it; the customer sees it as seq 1", async () => {
    const agent = await availableAgent(server.url, "a2")
    const r = await post(server.url, "/api/chat", {
      queueId: "billing",
      customerName: "Quinn",
      idempotencyKey: randomUUID(),
      message: "Why was I charged twice?"
    })
    expect(r.status).toBe(201)
    const offer = await agent.next(type("offer"))
    expect((offer["thread"] as Array<Frame>).map((m) => [m["seq"], m["sender"], m["text"]])).toEqual([
      [1, "customer", "Why was I charged twice?"]
    ])
    const customer = await Client.open(server.url, "customer", r.body.token)
    customer.send({ type: "hello" })
    const w = await customer.next(type("welcome"))
    expect((w["messages"] as Array<Frame>).map((m) => m["text"])).toEqual(["Why was I charged twice?"])
    const blank = await post(server.url, "/api/chat", {
      queueId: "billing",
      customerName: "Quinn",
      idempotencyKey: randomUUID(),
      message: "\u200b "
    })
    expect(blank.status).toBe(400)
    expect(blank.body).toMatchObject({ code: "EMPTY_MESSAGE", path: ["message"] })
    agent.send({ type: "decline", offerId: offer["offerId"], ref: "no" })
    await agent.next(ackOf("no"))
    agent.close()
    customer.close()
  })

  it("a supervisor observing is not logged in as an agent; its desktop still is, and closing the board does not disconnect it", async () => {
    const token = await login(server.url, "a1")
    const board = await Client.open(server.url, "agent", token)
    board.send({ type: "hello", observe: true })
    const w = await board.next(type("welcome"))
    expect(w).toMatchObject({ supervisor: true, presence: "LoggedOut" })
    expect(server.center.state.agents.get("a1")!.presence._tag).toBe("LoggedOut")
    board.send({ type: "stats", ref: "s" })
    expect(await board.next(type("stats"))).toBeDefined()
    // it chooses to work: the desktop logs it in; the board closing leaves it connected
    const desk = await Client.open(server.url, "agent", token)
    desk.send({ type: "hello" })
    await desk.next(type("welcome"))
    expect(server.center.state.agents.get("a1")!.presence._tag).toBe("Idle")
    board.close()
    await board.waitClose()
    await new Promise((r) => setTimeout(r, 200))
    expect(server.center.state.agents.get("a1")!.connected).toBe(true)
    // an agent that is not a supervisor cannot observe
    const plain = await Client.open(server.url, "agent", await login(server.url, "a3"))
    plain.send({ type: "hello", observe: true })
    expect(await plain.next(type("error"))).toMatchObject({ code: "FORBIDDEN", path: ["observe"] })
    desk.close()
    plain.close()
  })
})
