// Clean streams from the real engine pass the auditor: scripted sessions (every routing policy, RONA,
// decline, transfer, conference, abandonment, disconnect grace, max-wait overflow and expiry, auto
// wrap-up), each an Effect program over the engine's layer, each command and event fed to the
// auditor as a host would. Random command sequences are the model test's (test/core/model/).
import { describe, expect, it } from "@effect/vitest"
import * as Effect from "effect/Effect"
import type { EngineConfigInput, RoutingPolicy } from "../../../core/config.ts"
import { makeEngineConfig } from "../../../core/config.ts"
import * as view from "../../support/engine-view.ts"
import type { EngineSession } from "./engine-session.ts"
import { session } from "./engine-session.ts"

const POLICIES: ReadonlyArray<RoutingPolicy> = ["longest-available", "least-busy", "round-robin", "skills-best"]

const config = (extra: Partial<EngineConfigInput> = {}) =>
  makeEngineConfig({
    offerTimeoutMs: 30_000,
    disconnectGraceMs: 30_000,
    queues: [{ id: "sales", priority: 1 }, { id: "support" }],
    agents: [
      { id: "ann", name: "Ann", capacity: 2, queues: ["sales", "support"], skills: { sales: 3, support: 1 } },
      { id: "bob", name: "Bob", capacity: 3, queues: ["support"], skills: { support: 4 } },
      { id: "cid", name: "Cid", capacity: 1, queues: ["sales", "support"], skills: { sales: 5 } }
    ],
    templates: { greet: "Hi <name>, how can I help?" },
    ...extra
  })

const start = (s: EngineSession, t: number, chatId: string, queueId: string, patienceMs?: number) =>
  s.at(t, {
    _tag: "StartChat",
    chatId,
    queueId,
    customerName: "Zoe",
    proactive: false,
    ...(patienceMs === undefined ? {} : { patienceMs })
  })

const ready = (s: EngineSession, t: number, ...agents: ReadonlyArray<string>) => {
  for (const agentId of agents) {
    s.at(t, { _tag: "Login", agentId })
    s.send({ _tag: "GoAvailable", agentId })
  }
}

/** Every agent that is logged in but not Available goes Available. */
const allAvailable = (s: EngineSession, t: number) => {
  s.advance(t)
  for (const a of view.agents(s.state)) {
    if (a.presence._tag !== "Available" && a.presence._tag !== "LoggedOut")
      s.send({ _tag: "GoAvailable", agentId: a.id })
  }
}
const takeAll = (s: EngineSession, t: number) => {
  s.advance(t)
  for (const o of view.pendingOffers(s.state)) s.send({ _tag: "AcceptOffer", agentId: o.agentId, offerId: o.id })
}
const endAll = (s: EngineSession, t: number) => {
  s.advance(t)
  for (const c of view.openChats(s.state))
    if (c.owner !== undefined) s.send({ _tag: "EndChat", agentId: c.owner, chatId: c.id })
}
const wrapAll = (s: EngineSession, t: number) => {
  s.advance(t)
  for (const { agentId, chatId } of view.pendingWrapUps(s.state))
    s.send({ _tag: "SubmitWrapUp", agentId, chatId, reason: "Resolved" })
}

const clean = (s: EngineSession) => {
  const v = s.finish()
  expect(v, v && `${v.rule} at record ${v.index}: ${v.message}`).toBeUndefined()
}

describe("auditor on real engine sessions", () => {
  for (const policy of POLICIES) {
    it.effect(`a working day under ${policy}: routing, messages, decline, RONA, end, wrap-up, logout`, () =>
      Effect.gen(function* () {
        const s = yield* session(config({ policy }))
        ready(s, 0, "ann")
        ready(s, 100, "bob")
        ready(s, 200, "cid")
        start(s, 1_000, "c1", "support")
        start(s, 1_200, "c2", "sales")
        start(s, 1_400, "c3", "support")
        start(s, 1_500, "c4", "support")
        start(s, 1_600, "c5", "sales")
        s.advance(2_000)
        const owner = s.take("c1")
        s.send({ _tag: "CustomerMessage", chatId: "c1", text: "hello" })
        s.send({ _tag: "AgentMessage", agentId: owner, chatId: "c1", text: "hi, one moment" })
        s.send({ _tag: "AgentTemplate", agentId: owner, chatId: "c1", templateId: "greet", params: { name: "Zoe" } })
        s.send({ _tag: "AgentMessage", agentId: owner, chatId: "c1", text: "use <b>" })
        s.at(3_000, { _tag: "DeclineOffer", agentId: s.offeredTo("c3"), offerId: view.chatOf(s.state, "c3")!.offerId! })
        allAvailable(s, 3_100)
        s.advance(40_000) // every offer left pending expires: RONA
        allAvailable(s, 41_000)
        takeAll(s, 42_000)
        takeAll(s, 43_000)
        endAll(s, 50_000)
        wrapAll(s, 51_000)
        for (let i = 6; i <= 12; i++) start(s, 52_000 + i * 100, `c${i}`, i % 2 === 0 ? "sales" : "support")
        takeAll(s, 53_000)
        takeAll(s, 54_000)
        s.at(55_000, {
          _tag: "CustomerLeave",
          chatId: view.openChats(s.state).find((c) => c.owner !== undefined)!.id
        })
        for (let round = 0; round < 4; round++) {
          endAll(s, 60_000 + round * 1_000)
          wrapAll(s, 60_500 + round * 1_000)
          takeAll(s, 60_800 + round * 1_000)
        }
        s.advance(200_000)
        for (const a of ["ann", "bob", "cid"]) s.send({ _tag: "Logout", agentId: a })
        clean(s)
        expect(
          s.count("PresenceChanged", (e) => e._tag === "PresenceChanged" && e.presence._tag === "RONA")
        ).toBeGreaterThan(0)
        expect(s.count("ChatClosed")).toBeGreaterThan(5)
      })
    )
  }

  it.effect("transfers: accepted, declined (drop), to a queue", () =>
    Effect.gen(function* () {
      const s = yield* session(config())
      ready(s, 0, "ann", "bob", "cid")
      start(s, 1_000, "c1", "support")
      s.accept(s.offeredTo("c1"), "c1")
      const first = s.owner("c1")
      const target = ["bob", "cid", "ann"].find(
        (a) => a !== first && view.agentOf(s.state, a).usedSlots < view.agentOf(s.state, a).config.capacity
      )!
      s.at(2_000, { _tag: "TransferToAgent", agentId: first, chatId: "c1", targetAgentId: target })
      s.at(3_000, { _tag: "AcceptOffer", agentId: target, offerId: s.offer(target, "c1") })
      wrapAll(s, 3_500)
      const next = ["ann", "bob", "cid"].find((a) => a !== target && view.presenceOf(s.state, a) === "Available")!
      s.at(4_000, { _tag: "TransferToAgent", agentId: target, chatId: "c1", targetAgentId: next })
      s.at(5_000, { _tag: "DeclineOffer", agentId: next, offerId: s.offer(next, "c1") })
      start(s, 6_000, "c2", "support")
      s.take("c2")
      s.at(7_000, { _tag: "TransferToQueue", agentId: s.owner("c2"), chatId: "c2", queueId: "sales" })
      allAvailable(s, 8_000)
      takeAll(s, 9_000)
      endAll(s, 10_000)
      wrapAll(s, 11_000)
      clean(s)
      expect(s.count("ChatClosed", (e) => e._tag === "ChatClosed" && e.outcome === "dropped")).toBe(1)
      expect(s.count("OfferAccepted", (e) => e._tag === "OfferAccepted" && e.kind === "transfer")).toBe(1)
    })
  )

  it.effect("transfers: missed by the target and requeued (onTransferNotAccepted requeue)", () =>
    Effect.gen(function* () {
      const s = yield* session(config({ onTransferNotAccepted: "requeue" }))
      ready(s, 0, "ann", "bob")
      start(s, 1_000, "c1", "support")
      const first = s.take("c1")
      const target = first === "ann" ? "bob" : "ann"
      s.at(2_000, { _tag: "TransferToAgent", agentId: first, chatId: "c1", targetAgentId: target })
      s.advance(40_000) // the target misses it: RONA, the chat goes back to support, not to the target
      takeAll(s, 41_000)
      endAll(s, 42_000)
      wrapAll(s, 43_000)
      clean(s)
      expect(s.count("ChatQueued", (e) => e._tag === "ChatQueued" && e.reason === "transfer-not-accepted")).toBe(1)
    })
  )

  it.effect("conference: join, talk, leave, missed request, end with a participant", () =>
    Effect.gen(function* () {
      const s = yield* session(
        config({
          agents: [
            { id: "ann", name: "Ann" },
            { id: "bob", name: "Bob" },
            { id: "cid", name: "Cid" }
          ]
        })
      )
      ready(s, 0, "ann", "bob", "cid")
      start(s, 1_000, "c1", "support")
      const owner = s.take("c1")
      const [p1, p2] = ["ann", "bob", "cid"].filter((a) => a !== owner) as [string, string]
      s.at(2_000, { _tag: "RequestConference", agentId: owner, chatId: "c1", targetAgentId: p1 })
      s.accept(p1, "c1")
      s.at(2_500, { _tag: "AgentMessage", agentId: p1, chatId: "c1", text: "hello from a colleague" })
      s.at(3_000, { _tag: "EndConference", agentId: p1, chatId: "c1" })
      s.at(3_500, { _tag: "SubmitWrapUp", agentId: p1, chatId: "c1", reason: "Escalated" })
      s.at(4_000, { _tag: "RequestConference", agentId: owner, chatId: "c1", targetAgentId: p2 })
      s.advance(40_000) // missed: RONA for p2, the chat goes on
      allAvailable(s, 41_000)
      s.at(42_000, { _tag: "RequestConference", agentId: owner, chatId: "c1", targetAgentId: p2 })
      s.accept(p2, "c1")
      s.at(43_000, { _tag: "EndChat", agentId: owner, chatId: "c1" })
      wrapAll(s, 44_000)
      clean(s)
      expect(s.count("MessageSent", (e) => e._tag === "MessageSent" && e.sender._tag === "System")).toBe(4)
    })
  )

  it.effect("abandonment: patience while queued and while offered, leaving while queued and after accept", () =>
    Effect.gen(function* () {
      const s = yield* session(config())
      start(s, 0, "c1", "support", 5_000)
      s.advance(6_000)
      ready(s, 6_000, "ann")
      start(s, 7_000, "c2", "sales", 10_000)
      s.advance(18_000) // offered to ann, patience runs out first: offer cancelled, no RONA
      start(s, 19_000, "c3", "sales")
      start(s, 19_500, "c4", "sales")
      start(s, 19_600, "c5", "sales")
      s.at(20_000, { _tag: "CustomerLeave", chatId: "c5" })
      takeAll(s, 21_000)
      s.at(22_000, { _tag: "CustomerLeave", chatId: "c3" })
      endAll(s, 23_000)
      wrapAll(s, 24_000)
      clean(s)
      expect(s.count("ChatClosed", (e) => e._tag === "ChatClosed" && e.outcome === "abandoned")).toBe(3)
      expect(s.count("OfferCancelled", (e) => e._tag === "OfferCancelled" && e.reason === "abandoned")).toBe(1)
    })
  )

  it.effect("disconnect grace: a reconnect in time keeps everything; expiry requeues at the front and logs out", () =>
    Effect.gen(function* () {
      const s = yield* session(
        config({
          agents: [
            { id: "ann", capacity: 3 },
            { id: "bob", capacity: 2 },
            { id: "cid", capacity: 2 }
          ]
        })
      )
      ready(s, 0, "ann")
      start(s, 1_000, "c1", "support")
      s.accept("ann", "c1")
      start(s, 1_500, "c2", "support")
      s.accept("ann", "c2")
      ready(s, 1_800, "bob")
      s.at(1_900, { _tag: "RequestConference", agentId: "ann", chatId: "c2", targetAgentId: "bob" })
      s.accept("bob", "c2")
      s.at(2_000, { _tag: "AgentDisconnect", agentId: "bob" })
      s.at(10_000, { _tag: "AgentReconnect", agentId: "bob" })
      start(s, 11_000, "c3", "support") // offered to ann or bob
      s.at(12_000, { _tag: "AgentDisconnect", agentId: "ann" })
      s.advance(50_000) // ann's grace ends at 42 000: offers cancelled, chats requeued at the front
      ready(s, 50_000, "cid")
      takeAll(s, 51_000)
      takeAll(s, 52_000)
      endAll(s, 53_000)
      wrapAll(s, 54_000)
      clean(s)
      expect(s.count("AgentLoggedOut", (e) => e._tag === "AgentLoggedOut" && e.cause === "disconnect")).toBe(1)
      expect(s.count("ChatQueued", (e) => e._tag === "ChatQueued" && e.reason === "disconnect")).toBe(2)
    })
  )

  it.effect("max wait: overflow to the next queue, expiry there, and expiry on return from a missed offer", () =>
    Effect.gen(function* () {
      const s = yield* session(
        config({
          queues: [
            { id: "chat", maxWaitMs: 10_000, overflowTo: "backup" },
            { id: "backup", maxWaitMs: 20_000 }
          ],
          agents: [
            { id: "ann", queues: ["chat"] },
            { id: "bob", queues: ["backup"] }
          ]
        })
      )
      start(s, 0, "c1", "chat")
      start(s, 5_000, "c2", "chat")
      ready(s, 16_000, "bob") // c2 overflowed at 15 000 and is offered to bob; c1 expired at 30 000
      s.advance(46_000) // bob misses c2 after its backup deadline (35 000): it expires on return
      ready(s, 47_000, "ann")
      clean(s)
      expect(s.count("ChatQueued", (e) => e._tag === "ChatQueued" && e.reason === "overflow")).toBe(2)
      expect(s.count("ChatClosed", (e) => e._tag === "ChatClosed" && e.outcome === "expired")).toBe(2)
    })
  )

  it.effect("auto wrap-up submits the default reason at its deadline", () =>
    Effect.gen(function* () {
      const autoWrapUp = config({ autoWrapUpMs: 5_000 })
      const s = yield* session(autoWrapUp)
      ready(s, 0, "ann", "bob")
      start(s, 1_000, "c1", "support")
      start(s, 1_100, "c2", "support")
      takeAll(s, 1_500)
      endAll(s, 2_000)
      s.at(3_000, { _tag: "SubmitWrapUp", agentId: autoWrapUp.agents[0]!.id, chatId: "c1", reason: "Resolved" })
      s.advance(20_000)
      clean(s)
      expect(s.count("WrapUpSubmitted", (e) => e._tag === "WrapUpSubmitted" && e.auto)).toBeGreaterThan(0)
    })
  )

  // A grace expiry cancels the owner's pending conference offer (freeing the target) and requeues
  // the owner's chat in the same command: the freed agent must still take the best chat it serves.
  it.effect("a grace expiry that frees an agent and requeues a chat serves the best-ranked chat first", () =>
    Effect.gen(function* () {
      const s = yield* session(
        makeEngineConfig({
          disconnectGraceMs: 10_000,
          queues: [
            { id: "q1", priority: 0 },
            { id: "q2", priority: 1 }
          ],
          agents: [
            { id: "d", capacity: 2, queues: ["q1"] },
            { id: "a", capacity: 1, queues: ["q1", "q2"] }
          ]
        })
      )
      s.at(0, { _tag: "Login", agentId: "d" })
      s.send({ _tag: "GoAvailable", agentId: "d" })
      s.send({ _tag: "Login", agentId: "a" })
      s.at(1_000, { _tag: "StartChat", chatId: "c1", queueId: "q1", customerName: "Ann", proactive: false })
      s.at(2_000, { _tag: "AcceptOffer", agentId: "d", offerId: s.offer("d", "c1") })
      s.at(5_000, { _tag: "GoAvailable", agentId: "a" })
      s.at(6_000, { _tag: "RequestConference", agentId: "d", chatId: "c1", targetAgentId: "a" }) // a's only slot
      s.at(7_000, { _tag: "StartChat", chatId: "x", queueId: "q2", customerName: "Bob", proactive: false }) // waits
      s.at(8_000, { _tag: "AgentDisconnect", agentId: "d" })
      s.advance(20_000) // grace ends at 18 000: a must take x (q2, priority 1), c1 waits in q1
      expect(s.offer("a", "x")).toBeGreaterThan(0)
      const v = s.finish()
      expect(v, v && `${v.rule}: ${v.message}`).toBeUndefined()
    })
  )
})
