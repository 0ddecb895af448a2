// The RoutingEngine service: outputs reach the Timers and Outbox ports, time comes from the Clock,
// and the directory lists what an agent may transfer or conference to. A host builds one at once
// (buildEngine) over the one timer table, and a wrapper (wrapEngine) changes what it does, submit
// included.
import { assert, describe, it } from "@effect/vitest"
import * as Effect from "effect/Effect"
import * as Layer from "effect/Layer"
import { TestClock } from "effect/testing"
import type { Command } from "../../core/commands.ts"
import { makeEngineConfig } from "../../core/config.ts"
import { buildEngine, Outbox, RoutingEngine, Timers, wrapEngine } from "../../core/engine.ts"
import type { Event } from "../../core/events.ts"
import type { OfferView, Recipient } from "../../core/outputs.ts"
import { TimerTable } from "../../core/timer-table.ts"
import type { TimerKey } from "../../core/timers.ts"
import { timerId } from "../../core/timers.ts"

const config = makeEngineConfig({
  queues: [{ id: "support", priority: 1 }, { id: "billing" }],
  agents: [
    { id: "ann", name: "Ann", capacity: 2, queues: ["support"], transferQueues: ["billing"] },
    { id: "bob", name: "Bob", capacity: 1, queues: ["support", "billing"] },
    { id: "cy", name: "Cy", capacity: 1 }
  ]
})

/** An outbox that keeps each notification with its recipient. */
const sentTo = (sent: Array<{ party: Recipient; message: Event }>) =>
  Outbox.of({
    toAgent: (agentId, message) => void sent.push({ party: { _tag: "Agent", agentId }, message }),
    toCustomer: (chatId, message) => void sent.push({ party: { _tag: "Customer", chatId }, message })
  })

const recorded = () => {
  const timers = new Map<string, number>()
  const sent: Array<{ party: Recipient; message: Event }> = []
  const ports = Layer.mergeAll(
    Layer.succeed(
      Timers,
      Timers.of({
        start: (t: TimerKey, atMs: number) => void timers.set(timerId(t), atMs),
        cancel: (t: TimerKey) => void timers.delete(timerId(t))
      })
    ),
    Layer.succeed(Outbox, sentTo(sent))
  )
  return { timers, sent, layer: RoutingEngine.layer(config).pipe(Layer.provide(ports)) }
}

const submitAll = (engine: RoutingEngine["Service"], commands: ReadonlyArray<Command>) =>
  Effect.forEach(commands, (c) => engine.submit(c))

describe("RoutingEngine service", () => {
  it.effect("reads time from the Clock and starts the offer timer at offeredAt + offerTimeout", () => {
    const rec = recorded()
    return Effect.gen(function* () {
      const engine = yield* RoutingEngine
      yield* TestClock.adjust("5 seconds")
      yield* submitAll(engine, [
        { _tag: "Login", agentId: "ann" },
        { _tag: "GoAvailable", agentId: "ann" }
      ])
      yield* TestClock.adjust("1 second")
      const r = yield* engine.submit({
        _tag: "StartChat",
        chatId: "c1",
        queueId: "support",
        customerName: "Zoe",
        proactive: false
      })
      const offer = r.events.find((e) => e._tag === "OfferMade")
      assert.strictEqual(offer?.atMs, 6_000)
      assert.strictEqual(rec.timers.get("offer:1"), 36_000)
      const toAnn = rec.sent.filter((s) => s.party._tag === "Agent" && s.party.agentId === "ann")
      assert.deepStrictEqual(
        toAnn.map((s) => s.message._tag),
        ["AgentLoggedIn", "PresenceChanged", "OfferMade"]
      )
      yield* engine.submit({ _tag: "AcceptOffer", agentId: "ann", offerId: 1 })
      assert.isFalse(rec.timers.has("offer:1"), "accept cancels the offer deadline")
    }).pipe(Effect.provide(rec.layer))
  })

  it.effect("submitSync applies a command at an explicit time and hands outputs to the ports", () => {
    const rec = recorded()
    return Effect.gen(function* () {
      const engine = yield* RoutingEngine
      engine.submitSync({ _tag: "Login", agentId: "bob" }, 0)
      engine.submitSync({ _tag: "AgentDisconnect", agentId: "bob" }, 1_000)
      assert.strictEqual(rec.timers.get("grace:bob"), 31_000)
      engine.submitSync({ _tag: "AgentReconnect", agentId: "bob" }, 2_000)
      assert.isFalse(rec.timers.has("grace:bob"))
    }).pipe(Effect.provide(rec.layer))
  })

  it.effect("the directory shows allowed queues with waiting counts and other agents' free slots", () => {
    const rec = recorded()
    return Effect.gen(function* () {
      const engine = yield* RoutingEngine
      for (const agentId of ["ann", "bob", "cy"]) engine.submitSync({ _tag: "Login", agentId }, 0)
      engine.submitSync({ _tag: "GoAvailable", agentId: "bob" }, 0)
      engine.submitSync({ _tag: "StartChat", chatId: "c1", queueId: "billing", customerName: "Z", proactive: false }, 1)
      engine.submitSync({ _tag: "StartChat", chatId: "c2", queueId: "billing", customerName: "Y", proactive: false }, 2)
      const dir = engine.directory("ann")!
      assert.deepStrictEqual(dir.queues, [{ id: "billing", name: "billing", priority: 0, waiting: 1 }])
      assert.deepStrictEqual(
        dir.agents.map((a) => [a.id, a.presence._tag, a.freeSlots, a.canTake]),
        [
          ["bob", "Available", 0, false],
          ["cy", "Idle", 1, false]
        ]
      )
      assert.strictEqual(engine.directory("nobody"), undefined)
      assert.strictEqual(rec.sent.length > 0, true)
    }).pipe(Effect.provide(rec.layer))
  })

  it("buildEngine runs an engine outside Effect, its timers in the one table and the offer view in the outbox", () => {
    const table = new TimerTable()
    const offers: Array<OfferView | undefined> = []
    const engine = buildEngine(config, {
      timers: table,
      outbox: {
        toAgent: (_, message, offer) => void (message._tag === "OfferMade" && offers.push(offer)),
        toCustomer: () => {}
      }
    })
    engine.submitSync({ _tag: "Login", agentId: "ann" }, 0)
    engine.submitSync({ _tag: "GoAvailable", agentId: "ann" }, 0)
    engine.submitSync(
      { _tag: "StartChat", chatId: "c1", queueId: "support", customerName: "Zoe", proactive: false },
      1_000
    )
    assert.deepStrictEqual(
      table.pending().map((p) => [timerId(p.timer), p.atMs]),
      [["offer:1", 31_000]]
    )
    assert.strictEqual(offers[0]?.customerName, "Zoe")
    assert.strictEqual(engine.state.chats.get("c1")?.offerId, 1)
  })

  it.effect("wrapEngine changes submitSync, and submit goes through the wrapper too", () => {
    const rec = recorded()
    const seen: Array<string> = []
    const wrapped = wrapEngine(RoutingEngine.layer, (inner) => (command, nowMs) => {
      seen.push(`${command._tag}@${nowMs}`)
      return command._tag === "Logout" ? { events: [] } : inner.submitSync(command, nowMs)
    })
    const ports = Layer.mergeAll(
      Layer.succeed(Timers, Timers.of({ start: () => {}, cancel: () => {} })),
      Layer.succeed(Outbox, sentTo(rec.sent))
    )
    return Effect.gen(function* () {
      const engine = yield* RoutingEngine
      yield* TestClock.adjust("2 seconds")
      yield* engine.submit({ _tag: "Login", agentId: "ann" })
      engine.submitSync({ _tag: "Logout", agentId: "ann" }, 3_000)
      assert.deepStrictEqual(seen, ["Login@2000", "Logout@3000"])
      assert.strictEqual(engine.state.agents.get("ann")?.presence._tag, "Idle", "the wrapper swallowed the logout")
    }).pipe(Effect.provide(wrapped(config).pipe(Layer.provide(ports))))
  })
})
