/**
 * The live contact center: the core engine (RoutingEngine, core/engine.ts) on the wall clock, its
 * durable input log, its pending timers (the one timer table, core/timer-table.ts, behind the
 * engine's Timers port; each change of its earliest deadline re-arms the server's one wall-clock
 * timeout) and the chat transcripts. Every input (socket frame, HTTP chat start, timer,
 * disconnect) goes through `submit`, a synchronous function with no await, so all engine state
 * changes happen one at a time on Node's single thread.
 * Invariants: apply, then persist, then publish: inputs are applied at once and in order, staged
 * in the commit batch (group commit, live/commit-batch.ts), and everything said about them (acks,
 * frames, metric events) leaves through `batch.emit`, so it waits for the commit of every input
 * applied before it (a refused input changes nothing and is not logged); engine time never
 * decreases (max of the clock and the last applied time); a due timer fires, at its own deadline,
 * before any later input is applied, and is staged like any input; a restart rebuilds the same
 * state from the log, which holds every input anybody was told about. An (actor, ref) pair already
 * used is answered as a duplicate, whatever its age: staged refs are found in memory, older ones in
 * the log, and a ref that memory knows to be new (live/ref-memory.ts) is not looked up at all. A
 * log that cannot be written stops the center for good (`hooks.fatal`), never the process from
 * here: the program's entry point decides how to stop.
 */
import type { Command } from "../core/commands.ts"
import type { EngineConfig } from "../core/config.ts"
import type { RoutingEngine } from "../core/engine.ts"
import { buildEngine } from "../core/engine.ts"
import type { Event } from "../core/events.ts"
import type { Notify, Recipient } from "../core/outputs.ts"
import { agentNote, customerNote } from "../core/outputs.ts"
import { emptyKeepingStorage } from "../core/scratch-array.ts"
import type { EngineState } from "../core/state.ts"
import { CountingHost, TimerTable } from "../core/timer-table.ts"
import type { Clock } from "./clock.ts"
import { CommitBatch } from "./commit-batch.ts"
import { DEFAULT_LIMITS } from "./config.ts"
import { LogUnwritable } from "./data-errors.ts"
import type { InputLog } from "./log.ts"
import { bindEngineConfig } from "./log-engine-config.ts"
import type { Windows } from "./paging.ts"
import { windowsOf } from "./paging.ts"
import { deliverNotes } from "./publish.ts"
import { RefMemory } from "./ref-memory.ts"
import { Revocations } from "./revocations.ts"
import type { ServerFrame } from "./server-frames.ts"
import { ServiceTally } from "./service-level.ts"
import type { Ack, Submitted } from "./submission.ts"
import { ackFor, actorOf } from "./submission.ts"
import type { ChatRecord } from "./transcripts.ts"
import { Transcripts } from "./transcripts.ts"
import { derivedFrames } from "./views.ts"

type Staged = {
  readonly _tag: "Applied"
  readonly ack: Ack
  readonly events: ReadonlyArray<Event>
  readonly notes: ReadonlyArray<Notify>
}

export interface CenterHooks {
  /** Deliver a frame to every connection of a party: resolved at once, sent through `batch.emit`. */
  readonly deliver: (party: Recipient, frame: ServerFrame) => void
  /** Every applied event, after it is durable (metrics). */
  readonly observe: (e: Event) => void
  /** The earliest timer deadline changed: arm one wall-clock timeout for it. */
  readonly arm: (atMs: number | undefined) => void
  /** The log could not be written: the center has stopped taking inputs for good. */
  readonly fatal: (e: LogUnwritable) => void
}

export class Center {
  private readonly engine: RoutingEngine["Service"]
  /** Open chats' transcripts in memory; closed ones in the log's database. */
  readonly transcripts: Transcripts
  /** Live service level, RONA and transfer counts for the supervisor. */
  readonly service: ServiceTally
  readonly log: InputLog
  /** Staged inputs and the output waiting for their commit; every send of the server goes through it. */
  readonly batch: CommitBatch
  private readonly timers = new TimerTable({ host: new CountingHost((earliest) => this.hooks?.arm(earliest?.atMs)) })
  /** The engine's Outbox: the notifications of the input being applied, taken by `applyAt`. */
  private notes: Array<Notify> = []
  /** Session-token revocations (logouts), durable in the log's database. */
  readonly revocations: Revocations
  /** Used (actor, ref) pairs: staged acks, and what spares a new ref its lookup in the log. */
  private readonly refs: RefMemory
  private readonly clock: Clock
  /** How many messages offers and chat views carry. */
  readonly windows: Windows
  private hooks: CenterHooks | undefined = undefined
  private lastMs = 0
  private stopped = false

  constructor(
    config: EngineConfig,
    log: InputLog,
    clock: Clock,
    windows: Windows = windowsOf(DEFAULT_LIMITS),
    serviceWindowMs?: number
  ) {
    this.windows = windows
    this.engine = buildEngine(config, {
      timers: this.timers,
      outbox: {
        toAgent: (agentId, message, offer) => void this.notes.push(agentNote(agentId, message, offer)),
        toCustomer: (chatId, message) => void this.notes.push(customerNote(chatId, message))
      }
    })
    this.service = new ServiceTally(config, serviceWindowMs)
    this.log = log
    this.transcripts = new Transcripts(log)
    this.clock = clock
    this.batch = new CommitBatch(log, (e) => this.failStop(e))
    this.refs = new RefMemory(log)
    this.revocations = new Revocations(log, (e) => this.failStop(e))
    bindEngineConfig(log, config)
  }

  /** The engine state, for read-only use. */
  get state(): EngineState {
    return this.engine.state
  }

  /** Replay the log through the core (no notifications); returns warnings for inputs now refused. */
  recover(): ReadonlyArray<string> {
    const warnings: Array<string> = []
    // closed transcripts a log of an older format lacks are stored as the replay closes them
    let missing: Array<ChatRecord> = []
    const storeMissing = (): void => {
      this.log.storeClosed(missing)
      for (const c of missing) this.transcripts.committed(c.chatId)
      missing = []
    }
    for (const row of this.log.rows()) {
      if (row.command._tag === "TimerFired") this.timers.cancel(row.command.timer) // consumed when it fired
      const result = this.engine.submitSync(row.command, row.t)
      emptyKeepingStorage(this.notes)
      const refused = result.events.length === 1 && result.events[0]!._tag === "CommandRejected"
      if (refused && warnings.length < 10)
        warnings.push(`input ${row.seq} (${row.command._tag}) is now refused by the engine`)
      for (const e of result.events) {
        const closed = this.transcripts.apply(e)
        if (closed !== undefined) {
          if (this.log.hasClosed(closed.chatId)) this.transcripts.committed(closed.chatId)
          else if (missing.push(closed) >= 1_000) storeMissing()
        }
        this.service.apply(e)
      }
      this.lastMs = Math.max(this.lastMs, row.t)
    }
    storeMissing()
    return warnings
  }

  /** Start publishing (after recovery). */
  attach(hooks: CenterHooks): void {
    this.hooks = hooks
    hooks.arm(this.timers.peek()?.atMs)
  }

  /** Stop taking inputs (shutdown): commit what is staged; later submits are refused with UNAVAILABLE. */
  stop(): void {
    this.batch.flush()
    this.stopped = true
    this.hooks?.arm(undefined)
    this.hooks = undefined
  }

  /** The log cannot be written: the state is ahead of it; stop taking inputs for good (fail-stop). */
  private failStop(e: Error): void {
    if (this.stopped && this.hooks === undefined) return
    this.stopped = true
    const failure = new LogUnwritable(
      this.log.path,
      `cannot write the input log (${e.message.split("\n")[0]}); the server stopped. ` +
        "Inputs nobody was told about are lost; fix the disk or the file's permissions and start again"
    )
    const hooks = this.hooks
    this.hooks = undefined
    hooks?.arm(undefined)
    hooks?.fatal(failure)
  }

  /** Engine time now: never before the last logged input. */
  nowMs(): number {
    return Math.max(this.lastMs, this.clock.nowMs())
  }

  /** Fire every timer due by now (the wall-clock timeout calls this; it re-arms, even if it ran early). */
  tick(): void {
    if (this.stopped) return
    this.fireDue(this.nowMs())
    this.hooks?.arm(this.timers.peek()?.atMs)
  }

  /** A stored ack for (actor, ref), if this actor already used this ref (staged, or in the log). */
  duplicateOf(actor: string, ref: string | undefined): Ack | undefined {
    if (ref === undefined) return undefined
    const stored = this.refs.ackOf(actor, ref)
    return stored === undefined ? undefined : { ...(JSON.parse(stored) as Ack), duplicate: true }
  }

  /** Apply one input: due timers first, then the command; staged, and published only after its commit. */
  submit(command: Command, actor: string, ref?: string): Submitted {
    return this.submitTogether(command, actor, ref, [])
  }

  /**
   * As `submit`, then, if it applied, each of `then` at the same instant (their results are not
   * reported); the frames about all of them are built once all are applied, so an offer made by the
   * first already carries what the later ones wrote (a chat start with the customer's question).
   */
  submitTogether(
    command: Command,
    actor: string,
    ref: string | undefined,
    then: ReadonlyArray<{ readonly command: Command; readonly actor: string }>
  ): Submitted {
    const dup = this.duplicateOf(actor, ref)
    if (dup !== undefined) return { _tag: "Duplicate", ack: dup }
    if (this.stopped) return { _tag: "Rejected", code: "UNAVAILABLE", message: "the server is shutting down" }
    const now = this.nowMs()
    this.fireDue(now)
    const applied = this.applyAt(command, now, actor, ref)
    if (applied._tag === "Applied") {
      const notes = [...applied.notes]
      const events = [...applied.events]
      for (const next of then) {
        const r = this.applyAt(next.command, now, next.actor, undefined)
        if (r._tag !== "Applied") continue
        notes.push(...r.notes)
        events.push(...r.events)
      }
      this.publish(notes, events)
    }
    return applied._tag === "Applied" ? { _tag: "Applied", ack: applied.ack, events: applied.events } : applied
  }

  private fireDue(now: number): void {
    for (let due = this.timers.popDue(now); due !== undefined; due = this.timers.popDue(now)) {
      const r = this.applyAt(
        { _tag: "TimerFired", timer: due.timer },
        Math.max(this.lastMs, due.atMs),
        "timer",
        undefined
      )
      if (r._tag === "Applied") this.publish(r.notes, r.events)
    }
  }

  /** Apply and stage one input (its timers go to the table); its notifications are returned for `publish`. */
  private applyAt(
    command: Command,
    t: number,
    actor: string,
    ref: string | undefined
  ): Exclude<Submitted, { _tag: "Applied" }> | Staged {
    const { events } = this.engine.submitSync(command, t)
    const notes = this.notes
    this.notes = []
    if (events.length === 0) return { _tag: "NoEffect" }
    const first = events[0]!
    if (events.length === 1 && first._tag === "CommandRejected")
      return { _tag: "Rejected", code: first.code, message: first.message }
    const ack = ackFor(command, events, ref)
    const ackJson = JSON.stringify(ack)
    let closed: Array<ChatRecord> | undefined
    for (const e of events) {
      const c = this.transcripts.apply(e)
      if (c !== undefined) (closed ??= []).push(c)
      this.service.apply(e)
    }
    this.batch.stage({ t, command, actor, ref, ack: ref === undefined ? undefined : ackJson, closed })
    // a closed transcript is answered from memory until its commit, then from the database
    for (const c of closed ?? []) this.batch.emit(() => this.transcripts.committed(c.chatId))
    this.lastMs = t
    if (ref !== undefined) {
      // staged: found in memory until its commit, then in the log (the emit runs right after the commit)
      this.refs.stage(actor, ref, ackJson)
      this.batch.emit(() => this.refs.committed(actor, ref))
    }
    // a closed chat's customer is done: memory follows open chats
    for (const c of closed ?? []) this.refs.forget(actorOf("customer", c.chatId))
    return { _tag: "Applied", ack, events, notes }
  }

  private publish(notes: ReadonlyArray<Notify>, events: ReadonlyArray<Event>): void {
    const hooks = this.hooks
    if (hooks === undefined) return
    deliverNotes(this, notes, hooks.deliver)
    for (const e of events) {
      for (const [party, frame] of derivedFrames(this.state, e)) hooks.deliver(party, frame)
      this.batch.emit(() => hooks.observe(e))
    }
  }
}
