// Small edges of the live server's input handling: a message of only invisible characters (zero-width
// spaces and joiners, word joiner, BOM, soft hyphen) is empty; any request with a foreign Origin is
// refused with 403 (GET too, as docs/protocol.md says); HEAD answers like GET without a body.
import { afterAll, beforeAll, describe, expect, it } from "vitest"
import type { RunningServer } from "../../live/server.ts"
import { ackOf, availableAgent, Client, startChat, startTestServer, type } from "./support.ts"

let server: RunningServer
beforeAll(async () => {
  server = await startTestServer()
})
afterAll(async () => {
  await server.close()
})

const INVISIBLE = ["\u200b", "\u200c\u200d", " \u2060 ", "\ufeff", "\u00ad\u200b\n"]

describe("live input edges", () => {
  it("a message of only zero-width characters is refused as EMPTY_MESSAGE, from a customer and from an agent", async () => {
    const agent = await availableAgent(server.url, "a1")
    const chat = await startChat(server.url, "support", "Ghost")
    const offer = await agent.next(type("offer"))
    agent.send({ type: "accept", offerId: offer["offerId"], ref: "acc" })
    await agent.next(ackOf("acc"))
    const customer = await Client.open(server.url, "customer", chat.token)
    customer.send({ type: "hello" })
    await customer.next(type("welcome"))
    for (const [i, text] of INVISIBLE.entries()) {
      customer.send({ type: "send", text, ref: `c${i}` })
      expect(await customer.next(ackOf(`c${i}`))).toMatchObject({ type: "error", code: "EMPTY_MESSAGE" })
      agent.send({ type: "send", chatId: chat.chatId, text, ref: `a${i}` })
      expect(await agent.next(ackOf(`a${i}`))).toMatchObject({ type: "error", code: "EMPTY_MESSAGE" })
    }
    customer.send({ type: "send", text: "\u200bhi\u200b", ref: "real" })
    expect((await customer.next(ackOf("real"))).type).toBe("ack")
    agent.close()
    customer.close()
  })

  it("a GET with a foreign Origin is refused with 403; the server's own origin is served", async () => {
    for (const path of ["/", "/api/queues", "/healthz", "/agent.html"]) {
      const foreign = await fetch(`${server.url}${path}`, { headers: { origin: "http://evil.example" } })
      expect(foreign.status, path).toBe(403)
      const own = await fetch(`${server.url}${path}`, { headers: { origin: `http://127.0.0.1:${server.port}` } })
      expect(own.status, path).toBe(200)
    }
  })

  it("HEAD / and HEAD of a page answer 200 with the GET headers and no body", async () => {
    for (const path of ["/", "/widget.html", "/healthz"]) {
      const head = await fetch(`${server.url}${path}`, { method: "HEAD" })
      expect(head.status, path).toBe(200)
      expect(head.headers.get("content-type")).toBe((await fetch(`${server.url}${path}`)).headers.get("content-type"))
      expect(await head.text()).toBe("")
    }
    expect((await fetch(`${server.url}/nope.html`, { method: "HEAD" })).status).toBe(404)
  })
})
