/**
 * A tiny given/when/then harness around the engine, run as a host runs it (RoutingEngine with the
 * one timer table, test/support/engine-host.ts): an engine built from a config, a clock, and due
 * timers fired in time order (ties in start order), so rule tests can advance time like a host.
 *
 * - `given(atMs, ...commands)`: set-up; fails the test if any of them is rejected.
 * - `when(command, atMs?)`: the command under test; returns its events and outputs only.
 *   Both first fire the timers due strictly before `atMs` (a timer due AT `atMs` is left for the
 *   test to order explicitly with `advanceTo`).
 * - `advanceTo(ms)`: fire every timer due at or before `ms`, returning their events and outputs.
 * Every command and event also goes to the auditor (core/audit/), so every rule test is checked
 * against every invariant: the first violation fails the test at the command that caused it.
 */
import { Auditor } from "../../../core/audit/auditor.ts"
import type { Command } from "../../../core/commands.ts"
import type { EngineConfigInput } from "../../../core/config.ts"
import { configProblems, makeEngineConfig } from "../../../core/config.ts"
import type { Event, EventOf, EventTag } from "../../../core/events.ts"
import type { Output } from "../../../core/outputs.ts"
import { presenceLabel } from "../../../core/presence.ts"
import type { AgentState, ChatState, EngineState } from "../../../core/state.ts"
import type { PendingTimer } from "../../../core/timer-table.ts"
import type { TimerKey } from "../../../core/timers.ts"
import { timerId } from "../../../core/timers.ts"
import { testHost } from "../../support/engine-host.ts"

export interface Result {
  readonly events: ReadonlyArray<Event>
  readonly outputs: ReadonlyArray<Output>
}

// ---- command builders ------------------------------------------------------------------------

type StartOptions = {
  readonly customerName?: string
  readonly customerId?: string
  readonly proactive?: boolean
  readonly priority?: number
  readonly patienceMs?: number
}

export const C = {
  login: (agentId: string): Command => ({ _tag: "Login", agentId }),
  logout: (agentId: string): Command => ({ _tag: "Logout", agentId }),
  available: (agentId: string): Command => ({ _tag: "GoAvailable", agentId }),
  idle: (agentId: string, code: string): Command => ({ _tag: "GoIdle", agentId, code }),
  disconnect: (agentId: string): Command => ({ _tag: "AgentDisconnect", agentId }),
  reconnect: (agentId: string): Command => ({ _tag: "AgentReconnect", agentId }),
  start: (chatId: string, queueId: string, o: StartOptions = {}): Command => ({
    _tag: "StartChat",
    chatId,
    queueId,
    customerName: o.customerName ?? `Customer ${chatId}`,
    proactive: o.proactive ?? false,
    ...(o.customerId === undefined ? {} : { customerId: o.customerId }),
    ...(o.priority === undefined ? {} : { priority: o.priority }),
    ...(o.patienceMs === undefined ? {} : { patienceMs: o.patienceMs })
  }),
  leave: (chatId: string): Command => ({ _tag: "CustomerLeave", chatId }),
  say: (chatId: string, text: string): Command => ({ _tag: "CustomerMessage", chatId, text }),
  accept: (agentId: string, offerId: number): Command => ({ _tag: "AcceptOffer", agentId, offerId }),
  decline: (agentId: string, offerId: number): Command => ({ _tag: "DeclineOffer", agentId, offerId }),
  write: (agentId: string, chatId: string, text: string): Command => ({ _tag: "AgentMessage", agentId, chatId, text }),
  template: (agentId: string, chatId: string, templateId: string, params: Record<string, string>): Command => ({
    _tag: "AgentTemplate",
    agentId,
    chatId,
    templateId,
    params
  }),
  transferTo: (agentId: string, chatId: string, targetAgentId: string): Command => ({
    _tag: "TransferToAgent",
    agentId,
    chatId,
    targetAgentId
  }),
  transferToQueue: (agentId: string, chatId: string, queueId: string): Command => ({
    _tag: "TransferToQueue",
    agentId,
    chatId,
    queueId
  }),
  conference: (agentId: string, chatId: string, targetAgentId: string): Command => ({
    _tag: "RequestConference",
    agentId,
    chatId,
    targetAgentId
  }),
  endConference: (agentId: string, chatId: string): Command => ({ _tag: "EndConference", agentId, chatId }),
  end: (agentId: string, chatId: string): Command => ({ _tag: "EndChat", agentId, chatId }),
  wrapUp: (agentId: string, chatId: string, reason = "Resolved"): Command => ({
    _tag: "SubmitWrapUp",
    agentId,
    chatId,
    reason
  }),
  fire: (timer: TimerKey): Command => ({ _tag: "TimerFired", timer })
} as const

// ---- event helpers ---------------------------------------------------------------------------

export const byTag = <T extends EventTag>(events: ReadonlyArray<Event>, tag: T): Array<EventOf<T>> =>
  events.filter((e): e is EventOf<T> => e._tag === tag)

export const one = <T extends EventTag>(events: ReadonlyArray<Event>, tag: T): EventOf<T> => {
  const found = byTag(events, tag)
  if (found.length !== 1)
    throw new Error(`expected exactly one ${tag}, got ${found.length}: ${tags(events).join(", ")}`)
  return found[0]!
}

export const tags = (events: ReadonlyArray<Event>): Array<string> => events.map((e) => e._tag)

/** The rejection code of a result that must be exactly one CommandRejected, else undefined. */
export const rejection = (r: Result): string | undefined => {
  const [first] = r.events
  return r.events.length === 1 && first?._tag === "CommandRejected" ? first.code : undefined
}

// ---- state snapshot --------------------------------------------------------------------------

const sorted = <T>(xs: Iterable<T>): Array<T> => [...xs].sort()

const agentSnap = (a: AgentState) => ({
  presence: presenceLabel(a.presence),
  connected: a.connected,
  availableSinceMs: a.availableSinceMs,
  usedSlots: a.usedSlots,
  offers: sorted(a.offers),
  chats: sorted(a.chats),
  wrapUps: sorted(a.wrapUps)
})

const chatSnap = (c: ChatState) => ({ ...c, excluded: sorted(c.excluded) })

/** A plain, comparable copy of everything the engine state holds. */
export const snapshot = (s: EngineState): unknown => ({
  agents: [...s.agents.values()].map(agentSnap),
  queues: [...s.queues.entries()].map(([id, q]) => ({
    id,
    waiting: q.waiting.items.map((c) => c.id),
    free: sorted(q.freeAgents.values().map((a) => a.id)),
    lastOfferedAgentId: q.lastOfferedAgentId
  })),
  chats: [...s.chats.values()].map(chatSnap),
  offers: [...s.offers.values()].map((o) => ({ ...o })),
  openChatByCustomer: [...s.openChatByCustomer.entries()],
  nextOfferId: s.nextOfferId,
  touched: [s.touchedChats.length, s.touchedAgents.length]
})

// ---- the harness -----------------------------------------------------------------------------

export const engine = (input: EngineConfigInput) => {
  const config = makeEngineConfig(input)
  const problems = configProblems(config)
  if (problems.length > 0) throw new Error(`bad test config: ${problems.join("; ")}`)
  const { engine: routing, timers } = testHost(config)
  const state = routing.state
  const auditor = new Auditor(config)
  /** Pending timers, earliest first (ties in start order). */
  const pending = (): Array<PendingTimer> => timers.pending().sort((a, b) => a.atMs - b.atMs || a.seq - b.seq)
  const log: Array<Event> = []
  const notifications: Array<Extract<Output, { _tag: "Notify" }>> = []
  let nowMs = 0

  const apply = (cmd: Command, atMs: number): Result => {
    if (atMs < nowMs) throw new Error(`time goes backwards: ${atMs} < ${nowMs}`)
    nowMs = atMs
    auditor.input(cmd, atMs)
    const r = routing.submitSync(cmd, atMs) // its timers go to the table
    for (const e of r.events) auditor.event(e)
    auditor.end() // the end-of-batch checks now, so a violation is pinned to this command
    const v = auditor.violation
    if (v !== undefined) throw new Error(`auditor: ${v.rule} at ${v.atMs} ms after ${cmd._tag}: ${v.message}`)
    log.push(...r.events)
    for (const o of r.outputs) if (o._tag === "Notify") notifications.push(o)
    return r
  }

  const fireUntil = (limitMs: number, inclusive: boolean): Result => {
    const events: Array<Event> = []
    const outputs: Array<Output> = []
    for (let t = timers.popDue(limitMs, inclusive); t !== undefined; t = timers.popDue(limitMs, inclusive)) {
      const r = apply(C.fire(t.timer), Math.max(nowMs, t.atMs))
      events.push(...r.events)
      outputs.push(...r.outputs)
    }
    if (limitMs > nowMs) nowMs = limitMs
    return { events, outputs }
  }

  const h = {
    state,
    config,
    log,
    notifications,
    get now(): number {
      return nowMs
    },
    /** Set-up commands at `atMs` (after earlier timers fire); any rejection fails the test. */
    given(atMs: number, ...cmds: ReadonlyArray<Command>): Result {
      fireUntil(atMs, false)
      const events: Array<Event> = []
      const outputs: Array<Output> = []
      for (const cmd of cmds) {
        const r = apply(cmd, atMs)
        const bad = byTag(r.events, "CommandRejected")[0]
        if (bad !== undefined) throw new Error(`given ${cmd._tag} rejected: ${bad.code} ${bad.message}`)
        events.push(...r.events)
        outputs.push(...r.outputs)
      }
      return { events, outputs }
    },
    /** The command under test, at `atMs` (default: now), after the timers due strictly before it. */
    when(cmd: Command, atMs: number = nowMs): Result {
      fireUntil(atMs, false)
      return apply(cmd, atMs)
    },
    /** Fire every timer due at or before `ms` in time order; the clock ends at `ms`. */
    advanceTo(ms: number): Result {
      return fireUntil(ms, true)
    },
    /** Fire every timer due strictly before `ms`; the clock ends at `ms`. */
    advanceBefore(ms: number): Result {
      return fireUntil(ms, false)
    },
    /** Pending timers, earliest first. */
    pendingTimers(): Array<{ readonly id: string; readonly atMs: number }> {
      return pending().map((t) => ({ id: timerId(t.timer), atMs: t.atMs }))
    },
    timerAt(id: string): number | undefined {
      return pending().find((t) => timerId(t.timer) === id)?.atMs
    },
    // ---- state readers
    agent(id: string): AgentState {
      const a = state.agents.get(id)
      if (a === undefined) throw new Error(`no agent ${id}`)
      return a
    },
    presence(id: string): string {
      return presenceLabel(h.agent(id).presence)
    },
    slots(id: string): number {
      return h.agent(id).usedSlots
    },
    chat(id: string): ChatState | undefined {
      return state.chats.get(id)
    },
    /** The chat's status, or "Closed" once it left the state. */
    status(id: string): string {
      return state.chats.get(id)?.status ?? "Closed"
    },
    waiting(queueId: string): Array<string> {
      const q = state.queues.get(queueId)
      if (q === undefined) throw new Error(`no queue ${queueId}`)
      return q.waiting.items.map((c) => c.id)
    },
    /** The pending offer of `chatId` to `agentId` (throws when there is none). */
    offerId(agentId: string, chatId: string): number {
      for (const o of state.offers.values()) if (o.agentId === agentId && o.chatId === chatId) return o.id
      throw new Error(`no pending offer of ${chatId} to ${agentId}`)
    },
    hasOffer(agentId: string, chatId: string): boolean {
      for (const o of state.offers.values()) if (o.agentId === agentId && o.chatId === chatId) return true
      return false
    },
    /** Which agent holds a pending offer for the chat (undefined when none). */
    offeredTo(chatId: string): string | undefined {
      for (const o of state.offers.values()) if (o.chatId === chatId && o.kind !== "conference") return o.agentId
      return undefined
    },
    // ---- common set-ups
    /** Log in and go Available. */
    ready(atMs: number, ...agentIds: ReadonlyArray<string>): void {
      for (const id of agentIds) h.given(atMs, C.login(id), C.available(id))
    },
    /** Accept the pending offer of `chatId` to `agentId`. */
    accept(atMs: number, agentId: string, chatId: string): Result {
      fireUntil(atMs, false)
      return h.given(atMs, C.accept(agentId, h.offerId(agentId, chatId)))
    },
    /** Every violated bookkeeping invariant (slots, capacity, work conservation); empty when sound. */
    problems(): Array<string> {
      const out: Array<string> = []
      for (const a of state.agents.values()) {
        const used = a.offers.size + a.chats.size + a.wrapUps.size
        if (a.usedSlots !== used) out.push(`${a.id}: usedSlots ${a.usedSlots} != ${used}`)
        if (a.usedSlots > a.config.capacity) out.push(`${a.id}: ${a.usedSlots} slots > capacity ${a.config.capacity}`)
        const free = a.presence._tag === "Available" && a.connected && a.usedSlots < a.config.capacity
        if (!free) continue
        for (const qid of a.queueIds) {
          for (const c of state.queues.get(qid)!.waiting.items) {
            if (!c.excluded.has(a.id) && !a.wrapUps.has(c.id) && !a.chats.has(c.id)) {
              out.push(`work conservation: ${c.id} waits in ${qid} while ${a.id} is free`)
            }
          }
        }
      }
      return out
    }
  }
  return h
}

export type Harness = ReturnType<typeof engine>
