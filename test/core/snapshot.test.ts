// The engine snapshot: a Schema-checked plain picture of the state; the same commands give the
// same snapshot (determinism of the core), and it survives a JSON round trip through its Schema.
import { describe, expect, it } from "vitest"
import { Schema } from "effect"
import type { Command } from "../../core/commands.ts"
import { makeEngineConfig } from "../../core/config.ts"
import { EngineSnapshot, snapshot } from "../../core/snapshot.ts"
import { initialState } from "../../core/state.ts"
import { step } from "../../core/step.ts"

const config = makeEngineConfig({
  policy: "least-busy",
  queues: [{ id: "sales", priority: 2 }, { id: "support" }],
  agents: [{ id: "b", capacity: 2 }, { id: "a", capacity: 1, queues: ["support"] }]
})

const script: ReadonlyArray<readonly [number, Command]> = [
  [0, { _tag: "Login", agentId: "a" }],
  [0, { _tag: "Login", agentId: "b" }],
  [5, { _tag: "GoAvailable", agentId: "b" }],
  [6, { _tag: "GoAvailable", agentId: "a" }],
  [10, { _tag: "StartChat", chatId: "c1", queueId: "support", customerName: "Ann", proactive: false }],
  [11, { _tag: "StartChat", chatId: "c2", queueId: "sales", customerName: "Bo", proactive: true }],
  [12, { _tag: "StartChat", chatId: "c3", queueId: "support", customerName: "Cy", proactive: false }],
  [20, { _tag: "AcceptOffer", agentId: "b", offerId: 1 }],
  [21, { _tag: "CustomerMessage", chatId: "c1", text: "hello" }]
]

const run = () => {
  const state = initialState(config)
  for (const [t, c] of script) step(state, c, t)
  return snapshot(state)
}

describe("engine snapshot", () => {
  it("is identical for the same commands, and shows routing's result", () => {
    const first = run()
    expect(run()).toEqual(first)
    expect(first.agents.map((a) => [a.id, a.usedSlots])).toEqual([["a", 1], ["b", 2]])
    expect(first.chats.map((c) => [c.id, c.status, c.owner ?? "-"])).toEqual([
      ["c1", "Active", "b"],
      ["c2", "Offered", "-"],
      ["c3", "Offered", "-"]
    ])
    expect(first.chats.find((c) => c.id === "c1")?.messages).toBe(1)
  })

  it("round-trips through JSON with its Schema", () => {
    const snap = run()
    const json = JSON.stringify(Schema.encodeSync(EngineSnapshot)(snap))
    expect(Schema.decodeUnknownSync(EngineSnapshot)(JSON.parse(json))).toEqual(snap)
  })
})
