// The supervisor's live service level: counted from the engine's events per queue (answered within
// the queue's threshold of arrival, over chats answered or abandoned), with RONA and transfers.
import { describe, expect, it } from "vitest"
import type { Event } from "../../core/events.ts"
import { makeEngineConfig } from "../../core/config.ts"
import { ServiceTally } from "../../live/service-level.ts"

const config = makeEngineConfig({
  queues: [{ id: "q", serviceLevelThresholdMs: 20_000 }, { id: "r", serviceLevelThresholdMs: 60_000 }],
  agents: [{ id: "a" }]
})
const arrived = (chatId: string, queueId: string, atMs: number): Event =>
  ({ _tag: "ChatArrived", chatId, queueId, customerName: "C", proactive: false, priority: 0, atMs })
const accepted = (chatId: string, atMs: number, kind: "route" | "transfer" | "conference" = "route"): Event =>
  ({ _tag: "OfferAccepted", offerId: atMs, kind, chatId, agentId: "a", atMs })
const closed = (chatId: string, outcome: "completed" | "abandoned", answered: boolean, atMs: number): Event =>
  ({ _tag: "ChatClosed", chatId, outcome, answered, atMs })

describe("live service level", () => {
  it("counts answers within the threshold over chats answered or abandoned, per queue", () => {
    const t = new ServiceTally(config)
    expect(t.rows().map((r) => r.serviceLevel)).toEqual([null, null])
    for (const e of [
      arrived("c1", "q", 0), accepted("c1", 20_000), // exactly at the threshold: within
      arrived("c2", "q", 0), accepted("c2", 20_001), // one ms over
      arrived("c3", "q", 0), closed("c3", "abandoned", false, 5_000),
      arrived("c4", "q", 0), // still waiting: not settled
      accepted("c1", 30_000, "transfer"), accepted("c1", 31_000, "conference"), // later accepts change nothing
      arrived("c5", "r", 0), accepted("c5", 50_000),
      { _tag: "OfferExpired", offerId: 9, kind: "route", chatId: "c4", agentId: "a", atMs: 40_000 } as Event,
      { _tag: "TransferRequested", chatId: "c1", fromAgentId: "a", target: { _tag: "ToQueue", queueId: "r" }, atMs: 29_000 } as Event
    ]) t.apply(e)
    const [q, r] = t.rows()
    expect(q).toMatchObject({ arrived: 4, answered: 2, answeredWithin: 1, abandoned: 1 })
    expect(q!.serviceLevel).toBeCloseTo(1 / 3, 12)
    expect(r).toMatchObject({ arrived: 1, answered: 1, answeredWithin: 1, abandoned: 0, serviceLevel: 1 })
    expect([t.rona, t.transfers]).toEqual([1, 1])
  })
})
