/**
 * Runs model-test actions through the engine: resolves "smart" actions against the live state,
 * runs the engine as a host does (RoutingEngine with the one timer table,
 * test/support/engine-host.ts) and fires due timers in (time, start order), feeds every command and event to the auditor, and stops at the first
 * violation. An action whose command would run exactly at a timer's instant can run before it.
 */

import type { Violation } from "../../../core/audit/auditor.ts"
import { Auditor } from "../../../core/audit/auditor.ts"
import type { Command } from "../../../core/commands.ts"
import type { EngineConfig } from "../../../core/config.ts"
import type { RoutingEngine } from "../../../core/engine.ts"
import type { EngineState } from "../../../core/state.ts"
import { isFree } from "../../../core/state.ts"
import type { TimerTable } from "../../../core/timer-table.ts"
import { testHost } from "../../support/engine-host.ts"
import type { Action, Smart } from "./arbitraries.ts"
import { AGENTS, QUEUES } from "./arbitraries.ts"

const nth = <T>(items: ReadonlyArray<T>, k: number): T | undefined =>
  items.length === 0 ? undefined : items[k % items.length]

/** Virtual time the drain lets pass: far beyond every timer the configs can set, finite. */
const DRAIN_MS = 600_000

const IDLE = ["Break", "Lunch", "Nap"] as const

const ownerCommand = (state: EngineState, s: Extract<Smart, { _tag: "Owner" }>): Command | undefined => {
  const held = [...state.chats.values()].flatMap((c) =>
    [c.owner, c.participant].filter((a): a is string => a !== undefined).map((agentId) => ({ agentId, chatId: c.id }))
  )
  const h = nth(held, s.pick)
  if (h === undefined) return undefined
  // mostly a target that can take the chat now, sometimes any agent (busy, Idle, the owner itself)
  const free = [...state.agents.values()].filter((a) => isFree(a) && a.id !== h.agentId).map((a) => a.id)
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
      const offer = nth([...state.offers.values()], s.pick)
      if (offer === undefined) return undefined
      const agentId = s.wrongAgent ? AGENTS[(s.pick + 1) % AGENTS.length]! : offer.agentId
      return { _tag: s.accept ? "AcceptOffer" : "DeclineOffer", agentId, offerId: offer.id }
    }
    case "Owner":
      return ownerCommand(state, s)
    case "WrapUp": {
      const pending = [...state.agents.values()].flatMap((a) =>
        [...a.wrapUps.keys()].map((chatId) => ({ agentId: a.id, chatId }))
      )
      const w = nth(pending, s.pick)
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
        ...(s.patience === 0 ? {} : { patienceMs: s.patience * 1_500 })
      }
    case "Customer": {
      const chat = nth([...state.chats.values()], s.pick)
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
  constructor(config: EngineConfig, warm = false) {
    const host = testHost(config)
    this.engine = host.engine
    this.timers = host.timers
    this.state = host.engine.state
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
