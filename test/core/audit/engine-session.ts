/**
 * Test helper for scripted engine sessions: `yield* session(config)` builds the engine's layer from
 * the config over the test host (test/support/engine-host.ts: RoutingEngine with the one timer
 * table), obtains the engine as a service and drives it like a host does (timers fired in time, then
 * start order), feeding every command and event to an Auditor. The session's methods are plain
 * calls, as a host's loop makes them; it reads the state only through test/support/engine-view.ts.
 * Also a seeded random "soak" workload that plays mostly-valid commands against the live state.
 */

import { Effect } from "effect"
import type { Violation } from "../../../core/audit/auditor.ts"
import { Auditor } from "../../../core/audit/auditor.ts"
import type { Command } from "../../../core/commands.ts"
import type { EngineConfig } from "../../../core/config.ts"
import { RoutingEngine } from "../../../core/engine.ts"
import type { Event } from "../../../core/events.ts"
import type { EngineState } from "../../../core/state.ts"
import type { TimerTable } from "../../../core/timer-table.ts"
import { HostTimers, hostLayer } from "../../support/engine-host.ts"
import * as view from "../../support/engine-view.ts"

export class EngineSession {
  readonly state: EngineState
  readonly auditor: Auditor
  readonly events: Array<Event> = []
  nowMs = 0
  private readonly engine: RoutingEngine["Service"]
  private readonly timers: TimerTable

  constructor(engine: RoutingEngine["Service"], timers: TimerTable, config: EngineConfig) {
    this.engine = engine
    this.timers = timers
    this.state = engine.state
    this.auditor = new Auditor(config)
  }

  get violation(): Violation | undefined {
    return this.auditor.violation
  }

  /** Run one command at the current time. */
  send(command: Command): ReadonlyArray<Event> {
    this.auditor.input(command, this.nowMs)
    const { events } = this.engine.submitSync(command, this.nowMs) // its timers go to the table
    for (const e of events) this.auditor.event(e)
    this.events.push(...events)
    return events
  }

  /** Fire due timers up to `ms` (inclusive), then run the command at `ms`. */
  at(ms: number, command: Command): ReadonlyArray<Event> {
    this.advance(ms)
    return this.send(command)
  }

  /** Fire every timer due at or before `ms`, in order; the clock ends at `ms`. */
  advance(ms: number): void {
    for (let n = 0; n < 100_000; n++) {
      const due = this.timers.popDue(ms)
      if (due === undefined) break
      this.nowMs = Math.max(this.nowMs, due.atMs)
      this.send({ _tag: "TimerFired", timer: due.timer })
    }
    this.nowMs = Math.max(this.nowMs, ms)
  }

  /** The pending offer for this agent (and chat), as the agent's desktop would show it. */
  offer(agentId: string, chatId?: string): number {
    const id = view.offerIdOf(this.state, agentId, chatId)
    if (id !== undefined) return id
    throw new Error(`no pending offer for ${agentId}${chatId === undefined ? "" : ` / ${chatId}`} at ${this.nowMs} ms`)
  }

  accept(agentId: string, chatId?: string): ReadonlyArray<Event> {
    return this.send({ _tag: "AcceptOffer", agentId, offerId: this.offer(agentId, chatId) })
  }

  /** The agent that has the pending route/transfer offer of this chat. */
  offeredTo(chatId: string): string {
    const agentId = view.offeredTo(this.state, chatId)
    if (agentId === undefined) throw new Error(`chat ${chatId} has no pending offer at ${this.nowMs} ms`)
    return agentId
  }

  /** Whoever has the chat's offer accepts it; returns that agent. */
  take(chatId: string): string {
    const agentId = this.offeredTo(chatId)
    this.accept(agentId, chatId)
    return agentId
  }

  owner(chatId: string): string {
    const owner = view.chatOf(this.state, chatId)?.owner
    if (owner === undefined) throw new Error(`chat ${chatId} has no owner at ${this.nowMs} ms`)
    return owner
  }

  /** How many events of this tag the session produced. */
  count(tag: Event["_tag"], pred: (e: Event) => boolean = () => true): number {
    return this.events.filter((e) => e._tag === tag && pred(e)).length
  }

  /** Close the last batch and return the first violation. */
  finish(): Violation | undefined {
    this.auditor.end()
    return this.auditor.violation
  }
}

/** A session over a fresh engine built from `config` on the test host (`yield* RoutingEngine`). */
export const session = (config: EngineConfig): Effect.Effect<EngineSession> =>
  Effect.gen(function* () {
    const engine = yield* RoutingEngine
    const timers = yield* HostTimers
    return new EngineSession(engine, timers, config)
  }).pipe(Effect.provide(hostLayer(config)))

/** A small deterministic PRNG (mulberry32). */
export const prng = (seed: number): (() => number) => {
  let a = seed >>> 0
  return () => {
    a = (a + 0x6d2b79f5) >>> 0
    let t = a
    t = Math.imul(t ^ (t >>> 15), t | 1)
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61)
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296
  }
}

/**
 * A random but mostly valid workload: customers arrive and chat, agents answer, talk, transfer,
 * conference, end, wrap up, go idle/available, disconnect and come back. Stops at `commands` or at
 * the first violation.
 */
export const soak = (session: EngineSession, seed: number, commands: number): void => {
  const rnd = prng(seed)
  const pick = <T>(xs: ReadonlyArray<T>): T | undefined =>
    xs.length === 0 ? undefined : xs[Math.floor(rnd() * xs.length)]
  const state = session.state
  const agents = state.config.agents.map((a) => a.id)
  const queues = state.config.queues.map((q) => q.id)
  const reasons = state.config.wrapUpReasons
  let chatNo = 0
  for (let i = 0; i < commands && session.violation === undefined; i++) {
    const t = session.nowMs + Math.floor(rnd() * rnd() * 4_000)
    const r = rnd()
    const agentId = pick(agents)!
    const agent = state.agents.get(agentId)!
    let cmd: Command | undefined
    if (r < 0.1) {
      const patience = rnd() < 0.5 ? { patienceMs: Math.floor(rnd() * 60_000) } : {}
      const priority = rnd() < 0.2 ? { priority: Math.floor(rnd() * 3) } : {}
      cmd = {
        _tag: "StartChat",
        chatId: `c${++chatNo}`,
        queueId: pick(queues)!,
        customerName: "Ann",
        proactive: rnd() < 0.1,
        ...patience,
        ...priority
      }
    } else if (r < 0.35) {
      const offer = pick([...state.offers.values()])
      if (offer !== undefined)
        cmd = { _tag: rnd() < 0.85 ? "AcceptOffer" : "DeclineOffer", agentId: offer.agentId, offerId: offer.id }
    } else if (r < 0.62) {
      const held = [...state.agents.values()].flatMap((a) => [...a.chats].map((chatId) => [a.id, chatId] as const))
      const [agentId, chatId] = pick(held) ?? []
      if (agentId !== undefined && chatId !== undefined) {
        const x = rnd()
        const free = [...state.agents.values()].filter(
          (a) => a.id !== agentId && a.presence._tag === "Available" && a.connected && a.usedSlots < a.config.capacity
        )
        const other = (rnd() < 0.8 ? pick(free)?.id : undefined) ?? pick(agents)!
        if (x < 0.35) cmd = { _tag: "AgentMessage", agentId, chatId, text: "ok" }
        else if (x < 0.45) cmd = { _tag: "TransferToAgent", agentId, chatId, targetAgentId: other }
        else if (x < 0.52) cmd = { _tag: "TransferToQueue", agentId, chatId, queueId: pick(queues)! }
        else if (x < 0.62) cmd = { _tag: "RequestConference", agentId, chatId, targetAgentId: other }
        else if (x < 0.7) cmd = { _tag: "EndConference", agentId, chatId }
        else cmd = { _tag: "EndChat", agentId, chatId }
      }
    } else if (r < 0.75) {
      const pending = [...state.agents.values()].flatMap((a) =>
        [...a.wrapUps.keys()].map((chatId) => [a.id, chatId] as const)
      )
      const [agentId, chatId] = pick(pending) ?? []
      if (agentId !== undefined && chatId !== undefined)
        cmd = { _tag: "SubmitWrapUp", agentId, chatId, reason: pick(reasons)! }
    } else if (r < 0.8) {
      const chat = pick([...state.chats.values()])
      if (chat !== undefined)
        cmd =
          rnd() < 0.4
            ? { _tag: "CustomerLeave", chatId: chat.id }
            : { _tag: "CustomerMessage", chatId: chat.id, text: "hi" }
    } else {
      const x = rnd()
      const p = agent.presence._tag
      if (p === "LoggedOut") cmd = { _tag: "Login", agentId }
      else if (!agent.connected) cmd = x < 0.7 ? { _tag: "AgentReconnect", agentId } : undefined
      else if (p !== "Available") cmd = x < 0.9 ? { _tag: "GoAvailable", agentId } : { _tag: "Logout", agentId }
      else if (x < 0.3) cmd = { _tag: "GoIdle", agentId, code: "Break" }
      else if (x < 0.38) cmd = { _tag: "AgentDisconnect", agentId }
      else if (x < 0.42) cmd = { _tag: "Logout", agentId }
    }
    if (cmd !== undefined) session.at(t, cmd)
    else session.advance(t)
  }
}
