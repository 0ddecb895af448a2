/**
 * The swarm's engine harness: one engine (a RoutingEngine from an injectable layer factory, so
 * tests can plant a bug), the invariant auditor on every input and event, the engine's timers in
 * the one timer table on the kernel (sim/run/kernel-timers.ts: one pending timer per key, a restart or
 * cancel drops the old one), and the logs a failure needs: every external input with the number
 * of timers that fired before it at its instant (so a re-run places it exactly between
 * same-instant timers), and the key of every offer.
 * Invariants kept: inputs are applied in kernel time order; after the first failure (violation
 * or thrown exception) nothing more is submitted.
 */

import type { Violation } from "../../core/audit/auditor.ts"
import { Auditor } from "../../core/audit/auditor.ts"
import type { Command } from "../../core/commands.ts"
import type { EngineConfig } from "../../core/config.ts"
import type { EngineLayer } from "../../core/engine.ts"
import { buildEngine, discardPorts, RoutingEngine } from "../../core/engine.ts"
import type { Event } from "../../core/events.ts"
import type { EngineState } from "../../core/state.ts"
import type { StepResult } from "../../core/step.ts"
import type { TimerKey } from "../../core/timers.ts"
import { Kernel } from "../run/kernel.ts"
import { KernelTimers } from "../run/kernel-timers.ts"
import type { SwarmEvent } from "./acts.ts"

/** A party's input as the chaos phase issued it; timers are not listed (the engine restarts them). */
export interface ExternalInput {
  readonly atMs: number
  /** Timers fired at `atMs` before this input ran. */
  readonly timersBefore: number
  readonly command: Command
  /** For a command naming an offer known when it ran: that offer's stable key (see offerKeyOf). */
  readonly offerKey?: string
}

/** The offer a command names, if any. */
export const offerIdOf = (c: Command): number | undefined =>
  c._tag === "AcceptOffer" || c._tag === "DeclineOffer"
    ? c.offerId
    : c._tag === "TimerFired" && c.timer._tag === "OfferDeadline"
      ? c.timer.offerId
      : undefined

export type Failure =
  | { readonly _tag: "Violation"; readonly violation: Violation }
  | { readonly _tag: "Threw"; readonly atMs: number; readonly message: string; readonly command: Command }
  | { readonly _tag: "Stuck"; readonly atMs: number; readonly lines: ReadonlyArray<string> }

/** What must stay the same while shrinking: the rule, the exception text, or "still stuck". */
export const failureKey = (f: Failure): string => {
  switch (f._tag) {
    case "Violation":
      return `violation:${f.violation.rule}`
    case "Threw":
      return `threw:${f.message}`
    case "Stuck":
      return "stuck"
  }
}

export interface InputObserver {
  readonly before?: (command: Command, atMs: number, state: EngineState) => void
  readonly after?: (command: Command, atMs: number, events: ReadonlyArray<Event>) => void
}

/** The key of an offer that survives renumbering: chat, agent, kind and how many came before. */
export const offerKeyOf = (e: Extract<Event, { _tag: "OfferMade" }>, seen: Map<string, number>): string => {
  const base = `${e.chatId}|${e.agentId}|${e.kind}`
  const n = seen.get(base) ?? 0
  seen.set(base, n + 1)
  return `${base}|${n}`
}

export class Harness {
  readonly config: EngineConfig
  readonly kernel = new Kernel<SwarmEvent>()
  /** The engine under test (its state is read by the drivers). */
  readonly engine: RoutingEngine["Service"]
  readonly external: Array<ExternalInput> = []
  /** Offer id to its stable key, in this run. */
  readonly offerKeys = new Map<number, string>()
  /** Stable offer key to its id, in this run. */
  readonly offerIds = new Map<string, number>()
  private readonly offerSeen = new Map<string, number>()
  private readonly auditor: Auditor
  private readonly timers = new KernelTimers<SwarmEvent>(this.kernel, (timer) => ({ _tag: "Timer", timer }))
  private readonly observers: Array<InputObserver> = []
  private instantMs = -1
  private timersAtInstant = 0
  private threw: Failure | undefined
  inputs = 0

  /** `engineFor`: the engine under test (default: the built-in one). */
  constructor(config: EngineConfig, engineFor: EngineLayer = RoutingEngine.layer) {
    this.config = config
    // the swarm's parties act on events, not notifications: the outbox is not needed
    this.engine = buildEngine(config, { timers: this.timers, outbox: discardPorts.outbox }, engineFor)
    this.auditor = new Auditor(config)
  }

  get state(): EngineState {
    return this.engine.state
  }

  get failure(): Failure | undefined {
    if (this.threw !== undefined) return this.threw
    const v = this.auditor.violation
    return v === undefined ? undefined : { _tag: "Violation", violation: v }
  }

  observe(o: InputObserver): void {
    this.observers.push(o)
  }

  /** The engine's timers still pending (not fired, not cancelled), in the order their keys started. */
  pendingTimers(): Array<TimerKey> {
    return this.timers.pending().map((p) => p.timer)
  }

  /** Timers fired so far at `atMs` (0 when the last firing was at another instant). */
  timersFiredAt(atMs: number): number {
    return this.instantMs === atMs ? this.timersAtInstant : 0
  }

  /** A party's command, now. Returns its events (empty after a failure). */
  submit(command: Command): ReadonlyArray<Event> {
    const atMs = this.kernel.nowMs
    if (this.failure !== undefined) return []
    const offerId = offerIdOf(command)
    const offerKey = offerId === undefined ? undefined : this.offerKeys.get(offerId)
    const timersBefore = this.timersFiredAt(atMs)
    this.external.push(
      offerKey === undefined ? { atMs, timersBefore, command } : { atMs, timersBefore, command, offerKey }
    )
    return this.apply(command, atMs)
  }

  /** A due engine timer, popped from the kernel. */
  fire(timer: TimerKey): ReadonlyArray<Event> {
    const atMs = this.kernel.nowMs
    this.timers.fired(timer)
    if (this.failure !== undefined) return []
    if (atMs !== this.instantMs) {
      this.instantMs = atMs
      this.timersAtInstant = 0
    }
    this.timersAtInstant++
    return this.apply({ _tag: "TimerFired", timer }, atMs)
  }

  /** Close the auditor's last batch (end-of-run checks). */
  end(): void {
    this.auditor.end()
  }

  private apply(command: Command, atMs: number): ReadonlyArray<Event> {
    this.inputs++
    for (const o of this.observers) o.before?.(command, atMs, this.engine.state)
    this.auditor.input(command, atMs)
    let result: StepResult
    try {
      result = this.engine.submitSync(command, atMs) // its timers go to the table
    } catch (e) {
      this.threw = { _tag: "Threw", atMs, message: e instanceof Error ? e.message : String(e), command }
      for (const o of this.observers) o.after?.(command, atMs, []) // so a trace keeps the input that threw
      return []
    }
    for (const e of result.events) {
      this.auditor.event(e)
      if (e._tag === "OfferMade") {
        const key = offerKeyOf(e, this.offerSeen)
        this.offerKeys.set(e.offerId, key)
        this.offerIds.set(key, e.offerId)
      }
    }
    for (const o of this.observers) o.after?.(command, atMs, result.events)
    return result.events
  }
}
