/**
 * The engine as one replication hosts it: the engine with its two ports (the kernel's timer table,
 * kernel-timers.ts, and the simulated agents' inbox), and `submit`, which applies a command now and
 * hands each of its events to the auditor, the run digest and the measurer, then the command and
 * its events to the observer. The ports and `submit` are methods, not closures made per
 * replication: a worker's optimized loop then calls the same functions in every replication it
 * runs, where closures made anew would deoptimize it at the next replication's first calls.
 */
import { Auditor } from "../../core/audit/auditor.ts"
import type { Command } from "../../core/commands.ts"
import type { EngineConfig } from "../../core/config.ts"
import type { RoutingEngine } from "../../core/engine.ts"
import { buildEngine } from "../../core/engine.ts"
import type { Event } from "../../core/events.ts"
import type { TimerKey } from "../../core/timers.ts"
import type { Scenario } from "../scenario/model.ts"
import { Measurer } from "../stats/measurer.ts"
import { scenarioThresholdsMs } from "../stats/tally.ts"
import { onAgentNotice, onConferenceJoined } from "./agents.ts"
import { Digest } from "./digest.ts"
import type { Kernel } from "./kernel.ts"
import { KernelTimers } from "./kernel-timers.ts"
import type { SimAgent, SimEvent, World } from "./world.ts"
import { chatIndexOf } from "./world.ts"

/** Sees every command (with its time) and every event, in order: trace writers, tests. */
export type Observe = (command: Command, atMs: number, events: ReadonlyArray<Event>) => void

/** The kernel event that brings an engine timer back (one function for every replication). */
const timerEvent = (timer: TimerKey): SimEvent => ({ _tag: "Timer", timer })

export class EngineHost {
  readonly engine: RoutingEngine["Service"]
  readonly timers: KernelTimers<SimEvent>
  readonly auditor: Auditor | undefined
  readonly digest = new Digest()
  readonly metrics: Measurer
  private readonly kernel: Kernel<SimEvent>
  private readonly agentByEngineId: ReadonlyMap<string, SimAgent>
  private readonly observe: Observe | undefined
  /** The world the simulated agents act in: set once it is built, before the first kernel event. */
  world: World | undefined = undefined

  constructor(
    scenario: Scenario,
    config: EngineConfig,
    kernel: Kernel<SimEvent>,
    agents: ReadonlyArray<SimAgent>,
    options: { readonly audit: boolean; readonly observe?: Observe | undefined }
  ) {
    this.kernel = kernel
    this.agentByEngineId = new Map(agents.map((a) => [a.id, a]))
    this.observe = options.observe
    this.timers = new KernelTimers<SimEvent>(kernel, timerEvent)
    this.engine = buildEngine(config, { timers: this.timers, outbox: this })
    this.auditor = options.audit ? new Auditor(config) : undefined
    const queueIds = scenario.queues.map((q) => q.id)
    this.metrics = new Measurer({
      queueIds,
      agents: agents.map((a) => ({ id: a.id, group: a.groupIndex, capacity: a.group.capacity })),
      groups: scenario.agents.length,
      thresholdsMs: scenarioThresholdsMs(scenario),
      warmupMs: scenario.warmupMs,
      horizonMs: scenario.horizonMs,
      intervalMs: scenario.intervalMs,
      waitingLines: queueIds.map((id) => this.engine.state.queues.get(id)!.waiting),
      chatKey: chatIndexOf
    })
  }

  /** Apply a command now; reactions to its notifications are scheduled, never run re-entrantly. */
  submit(command: Command): ReadonlyArray<Event> {
    const atMs = this.kernel.nowMs
    const auditor = this.auditor
    auditor?.input(command, atMs)
    const { events } = this.engine.submitSync(command, atMs)
    for (const e of events) {
      auditor?.event(e)
      this.digest.add(e)
      this.metrics.onEvent(e)
      // a closed chat's plan is done: late acts find it gone, and memory stays flat in chats
      if (e._tag === "ChatClosed") this.world?.chats.delete(chatIndexOf(e.chatId))
    }
    this.observe?.(command, atMs, events)
    return events
  }

  /** An engine timer is due: it leaves the timer table and goes back to the engine. */
  fireTimer(timer: TimerKey): void {
    this.timers.fired(timer)
    this.submit({ _tag: "TimerFired", timer })
  }

  /** The Outbox port: a simulated agent reacts to its notification. */
  toAgent(agentId: string, message: Event): void {
    const world = this.world
    if (world === undefined) return
    const a = this.agentByEngineId.get(agentId)!
    onAgentNotice(world, a, message, this.kernel.nowMs)
    if (message._tag === "OfferAccepted" && message.kind === "conference") {
      const owner = world.engine.chats.get(message.chatId)?.owner
      if (owner !== undefined)
        onConferenceJoined(world, this.agentByEngineId.get(owner)!, message.chatId, this.kernel.nowMs)
    }
  }

  /** The Outbox port: the simulated customers act on their own plan, so their notifications are not needed. */
  toCustomer(): void {}
}
