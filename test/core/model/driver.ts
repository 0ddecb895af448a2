/**
 * Runs model-test actions through the engine: resolves "smart" actions against the live state (read
 * through test/support/engine-view.ts), runs the engine as a host does (`modelRun` obtains it as a
 * service from its layer over the test host, test/support/engine-host.ts: RoutingEngine with the
 * one timer table, cancelling or not), fires due timers in (time, start order) with plain calls,
 * feeds every command and event to the auditor, and stops at the first violation. An action whose
 * command would run exactly at a timer's instant can run before it.
 */

import * as Effect from "effect/Effect"
import type { Violation } from "../../../core/audit/auditor.ts"
import { Auditor } from "../../../core/audit/auditor.ts"
import type { Command } from "../../../core/commands.ts"
import type { EngineConfig } from "../../../core/config.ts"
import { RoutingEngine } from "../../../core/engine.ts"
import type { EngineState } from "../../../core/state.ts"
import type { TimerTable } from "../../../core/timer-table.ts"
import type { HostOptions } from "../../support/engine-host.ts"
import { HostTimers, hostLayer } from "../../support/engine-host.ts"
import * as view from "../../support/engine-view.ts"
import type { Action, Smart } from "./arbitraries.ts"
import { AGENTS, QUEUES } from "./arbitraries.ts"

const nth = <T>(items: ReadonlyArray<T>, k: number): T | undefined =>
  items.length === 0 ? undefined : items[k % items.length]

/** Virtual time the drain lets pass: far beyond every timer the configs can set, finite. */
const DRAIN_MS = 600_000

const IDLE = ["Break", "Lunch", "Nap"] as const

const ownerCommand = (state: EngineState, s: Extract<Smart, { _tag: "Owner" }>): Command | undefined => {
  const held = view
    .openChats(state)
    .flatMap((c) =>
      [c.owner, c.participant].filter((a): a is string => a !== undefined).map((agentId) => ({ agentId, chatId: c.id }))
    )
  const h = nth(held, s.pick)
  if (h === undefined) return undefined
  // mostly a target that can take the chat now, sometimes any agent (busy, Idle, the owner itself)
  const free = view.freeAgentIds(state).filter((id) => id !== h.agentId)
  const other = (s.arg % 4 !== 0 ? nth(free, s.arg) : undefined) ?? AGENTS[s.arg % AGENTS.length]!
  switch (s.act) {
    case 0:
      return { _tag: "AgentMessage", ...h, text: s.arg % 4 === 0 ? "use <b>" : "how can I help" }
    case 1:
      return { _tag: "AgentTemplate", ...h, templateId: "greet", params: s.arg % 3 === 0 ? {} : { name: "Zoe" } }
    case 2:
      return { _tag: "TransferToAgent", ...h, targetAgentId: other }
    case 3:
      return { _tag: "TransferToQueue", ...h, queueId: QUEUES[s.arg % QUEUES.length]! }
    case 4:
      return { _tag: "RequestConference", ...h, targetAgentId: other }
    case 5:
      return { _tag: "EndConference", ...h }
    default:
      return { _tag: "EndChat", ...h }
  }
}

export const resolve = (state: EngineState, s: Smart, nextChat: () => string): Command | undefined => {
  switch (s._tag) {
    case "Answer": {
      const offer = nth(view.pendingOffers(state), s.pick)
      if (offer === undefined) return undefined
      const agentId = s.wrongAgent ? AGENTS[(s.pick + 1) % AGENTS.length]! : offer.agentId
      return { _tag: s.accept ? "AcceptOffer" : "DeclineOffer", agentId, offerId: offer.id }
    }
    case "Owner":
      return ownerCommand(state, s)
    case "WrapUp": {
      const w = nth(view.pendingWrapUps(state), s.pick)
      return w && { _tag: "SubmitWrapUp", ...w, reason: s.valid ? "Resolved" : "Unknown" }
    }
    case "Presence": {
      const agentId = AGENTS[s.agent % AGENTS.length]!
      const tags = [
        "GoAvailable",
        "Login",
        "GoAvailable",
        "GoIdle",
        "GoAvailable",
        "Logout",
        "AgentDisconnect",
        "AgentReconnect"
      ] as const
      const tag = tags[s.act % tags.length]!
      return tag === "GoIdle" ? { _tag: tag, agentId, code: IDLE[s.agent % IDLE.length]! } : { _tag: tag, agentId }
    }
    case "Start":
      return {
        _tag: "StartChat",
        chatId: nextChat(),
        queueId: QUEUES[s.queue] ?? "nowhere",
        customerName: "Zoe",
        proactive: s.proactive,
        ...(s.patience === 0 ? {} : { patienceMs: s.patience * 1_500 }),
        ...(s.priority === 0 ? {} : { priority: s.priority - 1 }),
        ...(s.customer === 0 ? {} : { customerId: `k${s.customer}` })
      }
    case "Customer": {
      const chat = nth(view.openChats(state), s.pick)
      if (chat === undefined) return undefined
      return s.leave
        ? { _tag: "CustomerLeave", chatId: chat.id }
        : { _tag: "CustomerMessage", chatId: chat.id, text: "hi" }
    }
  }
}

export class ModelRun {
  readonly state: EngineState
  readonly auditor: Auditor
  readonly log: Array<string> = []
  private readonly engine: RoutingEngine["Service"]
  private readonly timers: TimerTable
  private nowMs = 0
  private chats = 0
  private last: Command | undefined

  /** With `warm`, every agent logs in and goes Available at 0 ms (through the engine, audited). */
  constructor(engine: RoutingEngine["Service"], timers: TimerTable, config: EngineConfig, warm: boolean) {
    this.engine = engine
    this.timers = timers
    this.state = engine.state
    this.auditor = new Auditor(config)
    if (!warm) return
    for (const agent of config.agents) {
      this.submit({ _tag: "Login", agentId: agent.id })
      this.submit({ _tag: "GoAvailable", agentId: agent.id })
    }
  }

  get violation(): Violation | undefined {
    return this.auditor.violation
  }

  submit(command: Command): void {
    this.last = command
    this.log.push(`${this.nowMs} ${JSON.stringify(command)}`)
    this.auditor.input(command, this.nowMs)
    const { events } = this.engine.submitSync(command, this.nowMs) // its timers go to the table
    for (const e of events) this.auditor.event(e)
  }

  /** Fire every timer due strictly before `untilMs` (or at it, when `inclusive`), in order. */
  fireDue(untilMs: number, inclusive: boolean): void {
    for (
      let next = this.timers.popDue(untilMs, inclusive);
      next !== undefined;
      next = this.timers.popDue(untilMs, inclusive)
    ) {
      this.nowMs = Math.max(this.nowMs, next.atMs)
      this.submit({ _tag: "TimerFired", timer: next.timer })
    }
  }

  private smart(s: Smart): void {
    const command = resolve(this.state, s, () => `c${++this.chats}`)
    if (command !== undefined) this.submit(command)
  }

  /** Move the clock forward, firing every timer due on the way (those due at the end too). */
  private advance(dtMs: number): void {
    const atMs = this.nowMs + dtMs
    this.fireDue(atMs, true)
    this.nowMs = atMs
  }

  run(action: Action): void {
    switch (action._tag) {
      case "Smart":
      case "Raw":
        this.advance(action.dtMs)
        return action._tag === "Smart" ? this.smart(action.smart) : this.submit(action.command)
      case "JumpToTimer": {
        const next = this.timers.peek()
        if (next === undefined) return
        this.fireDue(next.atMs, false)
        this.nowMs = next.atMs
        if (action.actFirst !== undefined) this.smart(action.actFirst)
        return this.fireDue(next.atMs, true)
      }
      case "Duplicate":
        if (this.last !== undefined) this.submit(this.last)
    }
  }

  /**
   * Let the timers run for a bounded stretch of time, so pending offers, patience and wrap-ups
   * settle (a chat overflowing around a cycle of queues nobody serves would never stop).
   */
  drain(): void {
    this.fireDue(this.nowMs + DRAIN_MS, true)
    this.auditor.end()
  }
}

/** A model run over a fresh engine built from `config` on the test host (`yield* RoutingEngine`). */
export const modelRun = (config: EngineConfig, warm: boolean, host: HostOptions = {}): Effect.Effect<ModelRun> =>
  Effect.gen(function* () {
    const engine = yield* RoutingEngine
    const timers = yield* HostTimers
    return new ModelRun(engine, timers, config, warm)
  }).pipe(Effect.provide(hostLayer(config, host)))
