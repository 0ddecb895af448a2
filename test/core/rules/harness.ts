/**
 * A tiny given/when/then harness around the engine for rule tests written as Effect programs
 * (`it.effect`): `yield* engine(config)` builds the engine's layer from the test's config over the
 * test host (test/support/engine-host.ts: RoutingEngine with the one timer table), obtains the
 * engine as a service and returns a harness with a clock, firing due timers in time order (ties in
 * start order), so rule tests can advance time like a host.
 *
 * - `yield* given(atMs, ...commands)`: set-up; fails the test if any of them is rejected.
 * - `yield* when(command, atMs?)`: the command under test; gives its events and outputs only.
 *   Both first fire the timers due strictly before `atMs` (a timer due AT `atMs` is left for the
 *   test to order explicitly with `advanceTo`).
 * - `yield* advanceTo(ms)`: fire every timer due at or before `ms`, giving their events and outputs.
 * Commands are Effects (one per call, never one per timer); the state readers are plain functions
 * over test/support/engine-view.ts. Every command and event also goes to the auditor (core/audit/),
 * so every rule test is checked against every invariant: the first violation fails the test at
 * the command that caused it.
 */
import * as Effect from "effect/Effect"
import { Auditor } from "../../../core/audit/auditor.ts"
import type { Command } from "../../../core/commands.ts"
import type { EngineConfig, EngineConfigInput } from "../../../core/config.ts"
import { configProblems, makeEngineConfig } from "../../../core/config.ts"
import { RoutingEngine } from "../../../core/engine.ts"
import type { Event, EventOf, EventTag } from "../../../core/events.ts"
import type { Output } from "../../../core/outputs.ts"
import type { AgentState, ChatState, EngineState, OfferState } from "../../../core/state.ts"
import type { PendingTimer, TimerTable } from "../../../core/timer-table.ts"
import type { TimerKey } from "../../../core/timers.ts"
import { timerId } from "../../../core/timers.ts"
import { HostOutputs, HostTimers, hostLayer } from "../../support/engine-host.ts"
import * as view from "../../support/engine-view.ts"

export { snapshot } from "../../support/engine-view.ts"

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

// ---- the harness -----------------------------------------------------------------------------

type Notification = Extract<Output, { _tag: "Notify" }>

export interface Harness extends Readers {
  readonly config: EngineConfig
  /** The live engine state, for snapshots and direct `step` probes; read it through the readers. */
  readonly state: EngineState
  /** Every event so far, and every notification the outputs carried. */
  readonly log: ReadonlyArray<Event>
  readonly notifications: ReadonlyArray<Notification>
  readonly now: number
  // ---- commands (Effects)
  /** Set-up commands at `atMs` (after earlier timers fire); any rejection fails the test. */
  given(atMs: number, ...cmds: ReadonlyArray<Command>): Effect.Effect<Result>
  /** The command under test, at `atMs` (default: now), after the timers due strictly before it. */
  when(cmd: Command, atMs?: number): Effect.Effect<Result>
  /** Fire every timer due at or before `ms` in time order; the clock ends at `ms`. */
  advanceTo(ms: number): Effect.Effect<Result>
  /** Fire every timer due strictly before `ms`; the clock ends at `ms`. */
  advanceBefore(ms: number): Effect.Effect<Result>
  /** Log in and go Available. */
  ready(atMs: number, ...agentIds: ReadonlyArray<string>): Effect.Effect<void>
  /** Accept the pending offer of `chatId` to `agentId`. */
  accept(atMs: number, agentId: string, chatId: string): Effect.Effect<Result>
}

/** What a rule test reads of the engine: plain functions over the state and the timer table. */
export interface Readers {
  /** Pending timers, earliest first. */
  pendingTimers(): Array<{ readonly id: string; readonly atMs: number }>
  timerAt(id: string): number | undefined
  agent(id: string): AgentState
  presence(id: string): string
  slots(id: string): number
  chat(id: string): ChatState | undefined
  /** The chat's status, or "Closed" once it left the state. */
  status(id: string): string
  waiting(queueId: string): Array<string>
  /** The pending offer of `chatId` to `agentId` (throws when there is none). */
  offerId(agentId: string, chatId: string): number
  hasOffer(agentId: string, chatId: string): boolean
  /** Which agent holds a pending offer for the chat (undefined when none). */
  offeredTo(chatId: string): string | undefined
  /** Every pending offer, oldest first. */
  offers(): ReadonlyArray<OfferState>
  /** How many chats are open (closed chats leave the state). */
  openChatCount(): number
  /** How many expired offers the engine still remembers (to tell a late answer OFFER_EXPIRED). */
  expiredOfferCount(): number
  /** Every violated bookkeeping invariant (slots, capacity, work conservation); empty when sound. */
  problems(): Array<string>
}

const configOf = (input: EngineConfigInput): EngineConfig => {
  const config = makeEngineConfig(input)
  const problems = configProblems(config)
  if (problems.length > 0) throw new Error(`bad test config: ${problems.join("; ")}`)
  return config
}

/** The harness over the host's engine (`yield* RoutingEngine`) and the timer table it fires. */
const harness = (config: EngineConfig) =>
  Effect.gen(function* () {
    const routing = yield* RoutingEngine
    const timers = yield* HostTimers
    const outputs = yield* HostOutputs
    return makeHarness(config, routing, timers, outputs)
  })

/** A rule test's engine: built from `input`, run over the test host, audited. */
export const engine = (input: EngineConfigInput): Effect.Effect<Harness> =>
  Effect.suspend(() => {
    const config = configOf(input)
    return harness(config).pipe(Effect.provide(hostLayer(config, { recordOutputs: true })))
  })

const makeHarness = (
  config: EngineConfig,
  routing: RoutingEngine["Service"],
  timers: TimerTable,
  recorded: Array<Output>
): Harness => {
  const state = routing.state
  const auditor = new Auditor(config)
  const log: Array<Event> = []
  const notifications: Array<Notification> = []
  let nowMs = 0

  const apply = (cmd: Command, atMs: number): Result => {
    if (atMs < nowMs) throw new Error(`time goes backwards: ${atMs} < ${nowMs}`)
    nowMs = atMs
    auditor.input(cmd, atMs)
    recorded.length = 0
    const { events } = routing.submitSync(cmd, atMs) // its timers go to the table, all its outputs to `recorded`
    const r: Result = { events, outputs: [...recorded] }
    for (const e of r.events) auditor.event(e)
    auditor.end() // the end-of-batch checks now, so a violation is pinned to this command
    const v = auditor.violation
    if (v !== undefined) throw new Error(`auditor: ${v.rule} at ${v.atMs} ms after ${cmd._tag}: ${v.message}`)
    log.push(...r.events)
    for (const o of r.outputs) if (o._tag === "Notify") notifications.push(o)
    return r
  }

  /** Fire the due timers in one go (no Effect per timer). */
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

  const given = (atMs: number, cmds: ReadonlyArray<Command>): Result => {
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
  }

  const readers = readersOf(state, timers)
  return {
    ...readers,
    state,
    config,
    log,
    notifications,
    get now(): number {
      return nowMs
    },
    given: (atMs, ...cmds) => Effect.sync(() => given(atMs, cmds)),
    when: (cmd, atMs) =>
      Effect.sync(() => {
        const at = atMs ?? nowMs
        fireUntil(at, false)
        return apply(cmd, at)
      }),
    advanceTo: (ms) => Effect.sync(() => fireUntil(ms, true)),
    advanceBefore: (ms) => Effect.sync(() => fireUntil(ms, false)),
    ready: (atMs, ...agentIds) =>
      Effect.sync(() => {
        for (const id of agentIds) given(atMs, [C.login(id), C.available(id)])
      }),
    accept: (atMs, agentId, chatId) =>
      Effect.sync(() => {
        fireUntil(atMs, false)
        return given(atMs, [C.accept(agentId, readers.offerId(agentId, chatId))])
      })
  }
}

const readersOf = (state: EngineState, timers: TimerTable): Readers => {
  /** Pending timers, earliest first (ties in start order). */
  const pending = (): Array<PendingTimer> => timers.pending().sort((a, b) => a.atMs - b.atMs || a.seq - b.seq)
  return {
    pendingTimers: () => pending().map((t) => ({ id: timerId(t.timer), atMs: t.atMs })),
    timerAt: (id) => pending().find((t) => timerId(t.timer) === id)?.atMs,
    agent: (id) => view.agentOf(state, id),
    presence: (id) => view.presenceOf(state, id),
    slots: (id) => view.agentOf(state, id).usedSlots,
    chat: (id) => view.chatOf(state, id),
    status: (id) => view.statusOf(state, id),
    waiting: (queueId) => view.waitingIn(state, queueId),
    offerId: (agentId, chatId) => {
      const id = view.offerIdOf(state, agentId, chatId)
      if (id === undefined) throw new Error(`no pending offer of ${chatId} to ${agentId}`)
      return id
    },
    hasOffer: (agentId, chatId) => view.offerIdOf(state, agentId, chatId) !== undefined,
    offeredTo: (chatId) => view.offeredTo(state, chatId),
    offers: () => view.pendingOffers(state),
    openChatCount: () => view.openChats(state).length,
    expiredOfferCount: () => view.expiredOfferCount(state),
    problems: () => view.problems(state)
  }
}
