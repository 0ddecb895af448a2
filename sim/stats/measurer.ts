/**
 * sim/stats/: measuring. What one replication measures from the engine's events (this module), the
 * totals it sends back (measurements.ts), the per-queue and per-interval counters (tally.ts), and
 * the statistics over replications (intervals.ts).
 *
 * One replication's measurements, taken from the engine's event stream and the clock (definitions:
 * docs/metrics.md). Per chat, counted when it arrived in [warmup, horizon) and followed to its end:
 * arrivals, waits in line (arrival to first offer), answers (arrival to accept), the accept delay of
 * the answering offer, abandonment and expiry, offers, transfers, drops and handle times. Time
 * integrals over [warmup, horizon] of waiting chats, used and staffed slots, and busy and logged-in
 * agents; `close` brings them to the horizon when the run ends before it. Memory follows open
 * chats: a chat's tally is dropped once it is closed and wrapped up.
 */

import type { Histogram } from "hdr-histogram-js"
import hdr from "hdr-histogram-js"
import type { Event } from "../../core/events.ts"
import { IdWindow } from "../../core/id-window.ts"
import { intervalCount } from "../workload/roster.ts"
import type { GroupIntervalTally, IntervalTally, Tally } from "./tally.ts"
import { newGroupIntervals, newIntervalRows, newTally } from "./tally.ts"

export type { GroupIntervalTally, IntervalTally, Tally } from "./tally.ts"

interface ChatTally {
  readonly queue: number
  readonly arrivedAtMs: number
  readonly counted: boolean
  readonly interval: number
  readonly proactive: boolean
  firstOfferAtMs: number | undefined
  /** When the pending route offer was made (the answering one, once accepted). */
  offerAtMs: number
  answeredAtMs: number | undefined
  openWrapUps: number
  closed: boolean
  lastWorkMs: number
}

export interface MetricsAgent {
  readonly id: string
  readonly group: number
  readonly capacity: number
}

export interface MetricsSetup {
  readonly queueIds: ReadonlyArray<string>
  readonly agents: ReadonlyArray<MetricsAgent>
  readonly groups: number
  /** Every threshold tracked (the global ones, then each queue's own when not among them). */
  readonly thresholdsMs: ReadonlyArray<number>
  readonly warmupMs: number
  readonly horizonMs: number
  readonly intervalMs: number
  /** Current number of waiting chats per queue (read from the engine). */
  readonly waiting: (queue: number) => number
  /**
   * A chat's number, handed out in arrival order (the simulator's chat index): its tally is found
   * in a window over the open chats' numbers, not a hash table (core/id-window.ts).
   */
  readonly chatKey: (chatId: string) => number
}

const histogram = (): Histogram =>
  hdr.build({ lowestDiscernibleValue: 1, highestTrackableValue: 3_600_000 * 24, numberOfSignificantValueDigits: 3 })

export class Measurer {
  readonly queues: Array<Tally>
  readonly intervals: Array<Array<IntervalTally>>
  /** Per agent group and report interval: the time integrals (staffing judges occupancy per interval). */
  readonly groupIntervals: Array<Array<GroupIntervalTally>>
  readonly usedSlotMs: Array<number>
  readonly staffedSlotMs: Array<number>
  readonly busyAgentMs: Array<number>
  readonly loggedInAgentMs: Array<number>
  readonly queueLengthMs: Array<number>
  readonly funnel = { offered: 0, accepted: 0, rona: 0, declined: 0, cancelled: 0 }
  readonly proactive = { invited: 0, arrived: 0, answered: 0 }
  droppedOnTransfer = 0
  private readonly setup: MetricsSetup
  private readonly agentIndex: Map<string, number>
  private readonly slotsOf: Int32Array
  /** Each agent's group and capacity, by agent index. */
  private readonly groupOf: Int32Array
  private readonly capacityOf: Int32Array
  private readonly used: Array<number>
  private readonly staffed: Array<number>
  private readonly busy: Array<number>
  private readonly loggedIn: Array<number>
  private readonly chats = new IdWindow<ChatTally>()
  private readonly chatKey: (chatId: string) => number
  private readonly queueIndex: Map<string, number>
  /** Each queue's waiting chats during the span `advance` is accumulating. */
  private readonly waitingNow: Int32Array
  private lastMs = 0

  constructor(setup: MetricsSetup) {
    this.setup = setup
    this.chatKey = setup.chatKey
    const zeros = (n: number) => new Array<number>(n).fill(0)
    const thresholds = setup.thresholdsMs.length
    this.queues = setup.queueIds.map(() => newTally(thresholds, histogram))
    this.intervals = setup.queueIds.map(() => newIntervalRows(setup, thresholds))
    this.groupIntervals = Array.from({ length: setup.groups }, () => newGroupIntervals(intervalCount(setup)))
    this.usedSlotMs = zeros(setup.groups)
    this.staffedSlotMs = zeros(setup.groups)
    this.busyAgentMs = zeros(setup.groups)
    this.loggedInAgentMs = zeros(setup.groups)
    this.used = zeros(setup.groups)
    this.staffed = zeros(setup.groups)
    this.busy = zeros(setup.groups)
    this.loggedIn = zeros(setup.groups)
    this.queueLengthMs = zeros(setup.queueIds.length)
    this.agentIndex = new Map(setup.agents.map((a, i) => [a.id, i]))
    this.slotsOf = new Int32Array(setup.agents.length)
    this.groupOf = Int32Array.from(setup.agents, (a) => a.group)
    this.capacityOf = Int32Array.from(setup.agents, (a) => a.capacity)
    this.queueIndex = new Map(setup.queueIds.map((id, i) => [id, i]))
    this.waitingNow = new Int32Array(setup.queueIds.length)
  }

  /** Accumulate the time integrals from the last event time to `toMs`, clipped to [warmup, horizon]. */
  advance(toMs: number): void {
    // most kernel events share their instant with the one before: nothing to accumulate
    if (toMs <= this.lastMs) return
    const { warmupMs, horizonMs } = this.setup
    const from = Math.max(this.lastMs, warmupMs)
    const to = Math.min(toMs, horizonMs)
    this.lastMs = toMs
    if (to <= from) return
    const dt = to - from
    for (let g = 0; g < this.used.length; g++) {
      this.usedSlotMs[g]! += this.used[g]! * dt
      this.staffedSlotMs[g]! += this.staffed[g]! * dt
      this.busyAgentMs[g]! += this.busy[g]! * dt
      this.loggedInAgentMs[g]! += this.loggedIn[g]! * dt
    }
    for (let q = 0; q < this.queueLengthMs.length; q++) {
      const waiting = this.setup.waiting(q)
      this.waitingNow[q] = waiting
      if (waiting !== 0) this.queueLengthMs[q]! += waiting * dt
    }
    this.spreadOverIntervals(from, to)
  }

  /** The run is over: bring every time integral up to the horizon (the state holds until then). */
  close(): void {
    this.advance(this.setup.horizonMs)
  }

  /** The same integrals over [from, to), split at report-interval boundaries (one pass per interval). */
  private spreadOverIntervals(from: number, to: number): void {
    const { warmupMs, intervalMs } = this.setup
    for (let t = from; t < to; ) {
      const i = Math.floor((t - warmupMs) / intervalMs)
      const end = Math.min(to, warmupMs + (i + 1) * intervalMs)
      const dt = end - t
      for (let g = 0; g < this.used.length; g++) {
        const rows = this.groupIntervals[g]!
        const row = rows[Math.min(i, rows.length - 1)]!
        row.usedSlotMs += this.used[g]! * dt
        row.staffedSlotMs += this.staffed[g]! * dt
        row.busyAgentMs += this.busy[g]! * dt
        row.loggedInAgentMs += this.loggedIn[g]! * dt
      }
      for (let q = 0; q < this.waitingNow.length; q++) {
        const waiting = this.waitingNow[q]!
        if (waiting === 0) continue
        const rows = this.intervals[q]!
        rows[Math.min(i, rows.length - 1)]!.queueLengthMsSum += waiting * dt
      }
      t = end
    }
  }

  /** An agent's used slots change by `delta`; busy agents (at least one slot used) follow. */
  private slot(agentId: string, delta: number): void {
    const i = this.agentIndex.get(agentId)!
    const g = this.groupOf[i]!
    const before = this.slotsOf[i]!
    const after = before + delta
    this.slotsOf[i] = after
    this.used[g]! += delta
    if (before === 0 && after > 0) this.busy[g]!++
    else if (before > 0 && after === 0) this.busy[g]!--
  }

  private login(agentId: string, sign: 1 | -1): void {
    const i = this.agentIndex.get(agentId)!
    const g = this.groupOf[i]!
    this.staffed[g]! += sign * this.capacityOf[i]!
    this.loggedIn[g]! += sign
  }

  /** A proactive invitation was shown; counted like an arrival, from warmup to horizon. */
  invitation(atMs: number): void {
    if (atMs >= this.setup.warmupMs && atMs < this.setup.horizonMs) this.proactive.invited++
  }

  onEvent(e: Event): void {
    switch (e._tag) {
      case "ChatArrived":
        return this.arrived(e.chatId, e.queueId, e.atMs, e.proactive)
      case "AgentLoggedIn":
        return this.login(e.agentId, 1)
      case "AgentLoggedOut":
        return this.login(e.agentId, -1)
      case "OfferMade":
        return this.offered(e)
      case "OfferAccepted":
        return this.accepted(e.chatId, e.kind, e.atMs)
      case "OfferDeclined":
      case "OfferExpired":
      case "OfferCancelled":
        return this.offerEnded(e)
      case "TransferRequested": {
        const c = this.chats.get(this.chatKey(e.chatId))
        if (c?.counted === true) this.queues[c.queue]!.transfers++
        return
      }
      case "WrapUpStarted": {
        const c = this.chats.get(this.chatKey(e.chatId))
        if (c !== undefined) c.openWrapUps++
        return
      }
      case "WrapUpSubmitted":
        this.slot(e.agentId, -1)
        return this.wrapUpDone(e.chatId, e.atMs)
      case "ChatClosed":
        return this.closed(e.chatId, e.outcome, e.atMs)
      default:
        return
    }
  }

  private arrived(chatId: string, queueId: string, atMs: number, proactive: boolean): void {
    const queue = this.queueIndex.get(queueId)!
    const counted = atMs >= this.setup.warmupMs && atMs < this.setup.horizonMs
    const interval = Math.floor((atMs - this.setup.warmupMs) / this.setup.intervalMs)
    this.chats.set(this.chatKey(chatId), {
      queue,
      arrivedAtMs: atMs,
      counted,
      interval,
      proactive,
      firstOfferAtMs: undefined,
      offerAtMs: atMs,
      answeredAtMs: undefined,
      openWrapUps: 0,
      closed: false,
      lastWorkMs: atMs
    })
    if (!counted) return
    this.queues[queue]!.arrived++
    this.intervals[queue]![interval]!.arrived++
    if (proactive) this.proactive.arrived++
  }

  private offered(e: Extract<Event, { _tag: "OfferMade" }>): void {
    this.slot(e.agentId, 1)
    const c = this.chats.get(this.chatKey(e.chatId))
    if (c === undefined || !c.counted) return
    this.funnel.offered++
    this.queues[c.queue]!.offers++
    if (e.kind !== "route" || c.answeredAtMs !== undefined) return
    c.offerAtMs = e.atMs
    if (c.firstOfferAtMs !== undefined) return
    c.firstOfferAtMs = e.atMs
    if (e.atMs !== c.arrivedAtMs) return
    this.queues[c.queue]!.offeredAtOnce++
    this.intervals[c.queue]![c.interval]!.offeredAtOnce++
  }

  private accepted(chatId: string, kind: string, atMs: number): void {
    const c = this.chats.get(this.chatKey(chatId))
    if (c === undefined || !c.counted) return
    this.funnel.accepted++
    if (kind !== "route" || c.answeredAtMs !== undefined) return
    c.answeredAtMs = atMs
    const wait = atMs - c.arrivedAtMs
    const t = this.queues[c.queue]!
    const row = this.intervals[c.queue]![c.interval]!
    t.answered++
    row.answered++
    t.waitSumMs += wait
    const queueWait = (c.firstOfferAtMs ?? atMs) - c.arrivedAtMs
    t.queueWaitSumMs += queueWait
    t.acceptDelaySumMs += atMs - c.offerAtMs
    row.waitSumMs += wait
    row.queueWaitSumMs += queueWait
    t.waits.recordValue(wait)
    const limits = this.setup.thresholdsMs
    for (let i = 0; i < limits.length; i++) {
      if (wait <= limits[i]!) {
        t.withinThreshold[i]!++
        row.withinThreshold[i]!++
      }
    }
    if (c.proactive) this.proactive.answered++
  }

  private offerEnded(e: Extract<Event, { _tag: "OfferDeclined" | "OfferExpired" | "OfferCancelled" }>): void {
    this.slot(e.agentId, -1)
    const c = this.chats.get(this.chatKey(e.chatId))
    if (c?.counted !== true) return
    if (e._tag === "OfferExpired") {
      this.funnel.rona++
      this.queues[c.queue]!.ronas++
    } else if (e._tag === "OfferDeclined") this.funnel.declined++
    else this.funnel.cancelled++
  }

  private wrapUpDone(chatId: string, atMs: number): void {
    const key = this.chatKey(chatId)
    const c = this.chats.get(key)
    if (c === undefined) return
    c.openWrapUps--
    c.lastWorkMs = atMs
    if (c.closed && c.openWrapUps <= 0) this.settle(key, c)
  }

  private closed(chatId: string, outcome: string, atMs: number): void {
    const key = this.chatKey(chatId)
    const c = this.chats.get(key)
    if (c === undefined) return
    c.closed = true
    c.lastWorkMs = Math.max(c.lastWorkMs, atMs)
    if (c.counted) this.countOutcome(c, outcome, atMs)
    if (c.openWrapUps <= 0) this.settle(key, c)
  }

  private countOutcome(c: ChatTally, outcome: string, atMs: number): void {
    const t = this.queues[c.queue]!
    if (outcome === "dropped") {
      t.dropped++
      this.droppedOnTransfer++
    }
    if (c.answeredAtMs !== undefined) return
    if (outcome === "abandoned") {
      t.abandoned++
      t.abandonWaitSumMs += atMs - c.arrivedAtMs
      t.abandonWaits.recordValue(atMs - c.arrivedAtMs)
      this.intervals[c.queue]![c.interval]!.abandoned++
    } else if (outcome === "expired") {
      t.expired++
      this.intervals[c.queue]![c.interval]!.expired++
    }
  }

  private settle(key: number, c: ChatTally): void {
    this.chats.delete(key)
    if (!c.counted || c.answeredAtMs === undefined) return
    const t = this.queues[c.queue]!
    t.ahtSumMs += c.lastWorkMs - c.answeredAtMs
    t.ahtCount++
  }

  /** Chats still open or wrapping up (for the drain). */
  get openChats(): number {
    return this.chats.size
  }
}
