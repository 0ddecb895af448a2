/**
 * sim/stats/: measuring. What one replication measures from the engine's events (this module), the
 * totals it sends back (measurements.ts), the per-queue and per-interval counters (tally.ts), the
 * time integrals (occupancy.ts), and the statistics over replications (intervals.ts).
 *
 * One replication's measurements, taken from the engine's event stream and the clock (definitions:
 * docs/metrics.md). Per chat, counted when it arrived in [warmup, horizon) and followed to its end:
 * arrivals, waits in line (arrival to first offer), answers (arrival to accept), the accept delay of
 * the answering offer, abandonment and expiry, offers, transfers, drops and handle times. The time
 * integrals of waiting chats, used and staffed slots, and busy and logged-in agents are kept by
 * `Occupancy`, fed from the same events; `close` brings them to the horizon when the run ends before
 * it. Memory follows open chats: a chat's tally is dropped once it is closed and wrapped up.
 */

import type { Histogram } from "hdr-histogram-js"
import hdr from "hdr-histogram-js"
import type { Event } from "../../core/events.ts"
import { IdWindow } from "../../core/id-window.ts"
import { intervalCount } from "../workload/roster.ts"
import { Occupancy } from "./occupancy.ts"
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
  /** Each queue's waiting line (the engine's), by queue index: its `size` is read as time moves on. */
  readonly waitingLines: ReadonlyArray<{ readonly size: number }>
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
  private readonly occupancy: Occupancy
  private readonly agentIndex: Map<string, number>
  private readonly chats = new IdWindow<ChatTally>()
  private readonly chatKey: (chatId: string) => number
  private readonly queueIndex: Map<string, number>

  constructor(setup: MetricsSetup) {
    this.setup = setup
    this.chatKey = setup.chatKey
    const thresholds = setup.thresholdsMs.length
    this.queues = setup.queueIds.map(() => newTally(thresholds, histogram))
    this.intervals = setup.queueIds.map(() => newIntervalRows(setup, thresholds))
    this.groupIntervals = Array.from({ length: setup.groups }, () => newGroupIntervals(intervalCount(setup)))
    this.occupancy = new Occupancy(
      {
        ...setup,
        groupOf: Int32Array.from(setup.agents, (a) => a.group),
        capacityOf: Int32Array.from(setup.agents, (a) => a.capacity),
        queues: setup.queueIds.length
      },
      this.groupIntervals,
      this.intervals
    )
    // the integrals' arrays are the occupancy's own, handed out as measurements
    this.usedSlotMs = this.occupancy.usedSlotMs
    this.staffedSlotMs = this.occupancy.staffedSlotMs
    this.busyAgentMs = this.occupancy.busyAgentMs
    this.loggedInAgentMs = this.occupancy.loggedInAgentMs
    this.queueLengthMs = this.occupancy.queueLengthMs
    this.agentIndex = new Map(setup.agents.map((a, i) => [a.id, i]))
    this.queueIndex = new Map(setup.queueIds.map((id, i) => [id, i]))
  }

  /** Time moves on to `toMs` (before the events at `toMs` apply): the integrals follow (occupancy.ts). */
  advance(toMs: number): void {
    this.occupancy.advance(toMs)
  }

  /** The run is over: bring every time integral up to the horizon (the state holds until then). */
  close(): void {
    this.occupancy.close()
  }

  private slot(agentId: string, delta: number): void {
    this.occupancy.slot(this.agentIndex.get(agentId)!, delta)
  }

  private login(agentId: string, sign: 1 | -1): void {
    this.occupancy.login(this.agentIndex.get(agentId)!, sign)
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
