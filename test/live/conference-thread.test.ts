// A conference participant gets the chat's thread once: the "has joined the chat" line is in the
// chat view it is assigned and is not sent to it again as a live message (no duplicate seq).
import { afterAll, beforeAll, describe, expect, it } from "vitest"
import type { RunningServer } from "../../live/server.ts"
import type { Frame } from "./support.ts"
import { ackOf, availableAgent, Client, startChat, startTestServer, type } from "./support.ts"

let server: RunningServer
beforeAll(async () => {
  server = await startTestServer()
})
afterAll(async () => {
  await server.close()
})

const seqsOf = (frames: ReadonlyArray<Frame>, chatId: string): Array<number> => [
  ...frames
    .filter((f) => f.type === "chatAssigned")
    .flatMap((f) =>
      (f["chat"] as { chatId: string; messages: ReadonlyArray<{ seq: number }> }).chatId === chatId
        ? (f["chat"] as { messages: ReadonlyArray<{ seq: number }> }).messages.map((m) => m.seq)
        : []
    ),
  ...frames.filter((f) => f.type === "message" && f["chatId"] === chatId).map((f) => f["seq"] as number)
]

describe("conference thread", () => {
  it("the participant sees every seq exactly once, the join line included", async () => {
    const base = server.url
    const owner = await availableAgent(base, "a1")
    const chat = await startChat(base, "support", "Dana")
    const customer = await Client.open(base, "customer", chat.token)
    customer.send({ type: "hello" })
    await customer.next(type("welcome"))
    const offer = await owner.next(type("offer"))
    owner.send({ type: "accept", offerId: offer["offerId"], ref: "acc" })
    await owner.next(ackOf("acc"))
    customer.send({ type: "send", text: "hello", ref: "c1" })
    await owner.next((f) => f.type === "message" && f["seq"] === 1)
    const guest = await availableAgent(base, "a2")
    owner.send({ type: "conference", chatId: chat.chatId, agentId: "a2", ref: "conf" })
    await owner.next(ackOf("conf"))
    const invite = await guest.next((f) => f.type === "offer" && f["kind"] === "conference")
    guest.send({ type: "accept", offerId: invite["offerId"], ref: "join" })
    await guest.next(ackOf("join"))
    const assigned = await guest.next(type("chatAssigned"))
    const thread = (assigned["chat"] as { messages: ReadonlyArray<{ seq: number; text: string }> }).messages
    expect(thread.some((m) => m.text.includes("has joined the chat"))).toBe(true)
    customer.send({ type: "send", text: "after the join", ref: "c2" })
    const ack = await customer.next(ackOf("c2"))
    await guest.next((f) => f.type === "message" && f["seq"] === ack["seq"])
    const seqs = seqsOf(guest.frames, chat.chatId)
    expect(seqs).toEqual([...new Set(seqs)])
    expect(seqs).toEqual(Array.from({ length: ack["seq"] as number }, (_, i) => i + 1))
    for (const c of [owner, guest, customer]) c.close()
  })
})
