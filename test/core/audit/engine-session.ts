/**
 * Test helper for scripted engine sessions: `yield* session(config)` builds the engine's layer from
 * the config over the test host (test/support/engine-host.ts: RoutingEngine with the one timer
 * table), obtains the engine as a service and drives it like a host does (timers fired in time, then
 * start order), feeding every command and event to an Auditor. The session's methods are plain
 * calls, as a host's loop makes them; it reads the state only through test/support/engine-view.ts.
 */

import * as Effect from "effect/Effect"
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
