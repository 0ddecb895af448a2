/**
 * One replication's measurements, taken from the engine's event stream and the clock: arrivals,
 * answers, waits, abandonment, outcomes, offers, transfers and handle times per chat (counted when
 * the chat arrived in [warmup, horizon)), and time integrals of queue length, used and staffed slots
 * over [warmup, horizon]. Memory follows open chats: a chat's tally is dropped once it is settled.
 */
import hdr from "hdr-histogram-js"
import type { Histogram } from "hdr-histogram-js"
import type { Event } from "../core/events.ts"

export interface Tally {
  arrived: number
  answered: number
  answeredAtOnce: number
  abandoned: number
  expired: number
  dropped: number
  transfers: number
  offers: number
  ronas: number
  waitSumMs: number
  ahtSumMs: number
  ahtCount: number
  readonly withinThreshold: Array<number>
  readonly waits: Histogram
}

export const newTally = (thresholds: number): Tally => ({
  arrived: 0, answered: 0, answeredAtOnce: 0, abandoned: 0, expired: 0, dropped: 0, transfers: 0,
  offers: 0, ronas: 0, waitSumMs: 0, ahtSumMs: 0, ahtCount: 0,
  withinThreshold: new Array<number>(thresholds).fill(0),
  waits: hdr.build({ lowestDiscernibleValue: 1, highestTrackableValue: 3_600_000 * 24, numberOfSignificantValueDigits: 3 })
})

export interface IntervalTally {
  arrived: number
  answered: number
  abandoned: number
  waitSumMs: number
  readonly withinThreshold: Array<number>
  queueLengthMsSum: number
}

interface ChatTally {
  readonly queue: number
  readonly arrivedAtMs: number
  readonly counted: boolean
  readonly interval: number
  readonly proactive: boolean
  answeredAtMs: number | undefined
  openWrapUps: number
  closed: boolean
  lastWorkMs: number
}

export interface MetricsSetup {
  readonly queueIds: ReadonlyArray<string>
  readonly groupOfAgent: ReadonlyMap<string, number>
  readonly capacityOfAgent: ReadonlyMap<string, number>
  readonly groups: number
  readonly thresholdsMs: ReadonlyArray<number>
  readonly warmupMs: number
  readonly horizonMs: number
  readonly intervalMs: number
  /** Current number of waiting chats per queue (read from the engine). */
  readonly waiting: (queue: number) => number
}

const intervalRows = (setup: MetricsSetup): Array<IntervalTally> =>
  Array.from({ length: Math.max(1, Math.ceil((setup.horizonMs - setup.warmupMs) / setup.intervalMs)) }, () => ({
    arrived: 0, answered: 0, abandoned: 0, waitSumMs: 0, queueLengthMsSum: 0,
    withinThreshold: new Array<number>(setup.thresholdsMs.length).fill(0)
  }))

export class Metrics {
  readonly queues: Array<Tally>
  readonly intervals: Array<Array<IntervalTally>>
  readonly usedSlotMs: Array<number>
  readonly staffedSlotMs: Array<number>
  readonly queueLengthMs: Array<number>
  readonly funnel = { offered: 0, accepted: 0, rona: 0, declined: 0, cancelled: 0 }
  readonly proactive = { invited: 0, arrived: 0, answered: 0 }
  droppedOnTransfer = 0
  private readonly setup: MetricsSetup
  private readonly used: Array<number>
  private readonly staffed: Array<number>
  private readonly chats = new Map<string, ChatTally>()
  private readonly queueIndex: Map<string, number>
  private lastMs = 0

  constructor(setup: MetricsSetup) {
    this.setup = setup
    const zeros = (n: number) => new Array<number>(n).fill(0)
    this.queues = setup.queueIds.map(() => newTally(setup.thresholdsMs.length))
    this.intervals = setup.queueIds.map(() => intervalRows(setup))
    this.usedSlotMs = zeros(setup.groups)
    this.staffedSlotMs = zeros(setup.groups)
    this.used = zeros(setup.groups)
    this.staffed = zeros(setup.groups)
    this.queueLengthMs = zeros(setup.queueIds.length)
    this.queueIndex = new Map(setup.queueIds.map((id, i) => [id, i]))
  }

  /** Accumulate the time integrals from the last event time to `toMs`, clipped to [warmup, horizon]. */
  advance(toMs: number): void {
    const { warmupMs, horizonMs } = this.setup
    const from = Math.max(this.lastMs, warmupMs)
    const to = Math.min(toMs, horizonMs)
    this.lastMs = toMs
    if (to <= from) return
    const dt = to - from
    for (let g = 0; g < this.used.length; g++) {
      this.usedSlotMs[g]! += this.used[g]! * dt
      this.staffedSlotMs[g]! += this.staffed[g]! * dt
    }
    for (let q = 0; q < this.queueLengthMs.length; q++) {
      const waiting = this.setup.waiting(q)
      if (waiting === 0) continue
      this.queueLengthMs[q]! += waiting * dt
      this.spreadOverIntervals(q, waiting, from, to)
    }
  }

  private spreadOverIntervals(q: number, waiting: number, from: number, to: number): void {
    const { warmupMs, intervalMs } = this.setup
    const rows = this.intervals[q]!
    for (let t = from; t < to;) {
      const i = Math.floor((t - warmupMs) / intervalMs)
      const end = Math.min(to, warmupMs + (i + 1) * intervalMs)
      rows[Math.min(i, rows.length - 1)]!.queueLengthMsSum += waiting * (end - t)
      t = end
    }
  }

  private slot(agentId: string, delta: number): void {
    this.used[this.setup.groupOfAgent.get(agentId)!]! += delta
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
      case "AgentLoggedOut": {
        const g = this.setup.groupOfAgent.get(e.agentId)!
        this.staffed[g]! += (e._tag === "AgentLoggedIn" ? 1 : -1) * this.setup.capacityOfAgent.get(e.agentId)!
        return
      }
      case "OfferMade": {
        this.slot(e.agentId, 1)
        const c = this.chats.get(e.chatId)
        if (c?.counted === true) {
          this.funnel.offered++
          this.queues[c.queue]!.offers++
        }
        return
      }
      case "OfferAccepted":
        return this.accepted(e.chatId, e.kind, e.atMs)
      case "OfferDeclined":
      case "OfferExpired":
      case "OfferCancelled":
        return this.offerEnded(e)
      case "TransferRequested": {
        const c = this.chats.get(e.chatId)
        if (c?.counted === true) this.queues[c.queue]!.transfers++
        return
      }
      case "WrapUpStarted": {
        const c = this.chats.get(e.chatId)
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
    this.chats.set(chatId, {
      queue, arrivedAtMs: atMs, counted, interval, proactive,
      answeredAtMs: undefined, openWrapUps: 0, closed: false, lastWorkMs: atMs
    })
    if (!counted) return
    this.queues[queue]!.arrived++
    this.intervals[queue]![interval]!.arrived++
    if (proactive) this.proactive.arrived++
  }

  private accepted(chatId: string, kind: string, atMs: number): void {
    const c = this.chats.get(chatId)
    if (c === undefined || !c.counted) return
    this.funnel.accepted++
    if (kind !== "route" || c.answeredAtMs !== undefined) return
    c.answeredAtMs = atMs
    const wait = atMs - c.arrivedAtMs
    const t = this.queues[c.queue]!
    const row = this.intervals[c.queue]![c.interval]!
    t.answered++
    row.answered++
    if (wait === 0) t.answeredAtOnce++
    t.waitSumMs += wait
    row.waitSumMs += wait
    t.waits.recordValue(Math.max(1, wait))
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
    const c = this.chats.get(e.chatId)
    if (c?.counted !== true) return
    if (e._tag === "OfferExpired") {
      this.funnel.rona++
      this.queues[c.queue]!.ronas++
    } else if (e._tag === "OfferDeclined") this.funnel.declined++
    else this.funnel.cancelled++
  }

  private wrapUpDone(chatId: string, atMs: number): void {
    const c = this.chats.get(chatId)
    if (c === undefined) return
    c.openWrapUps--
    c.lastWorkMs = atMs
    if (c.closed && c.openWrapUps <= 0) this.settle(chatId, c)
  }

  private closed(chatId: string, outcome: string, atMs: number): void {
    const c = this.chats.get(chatId)
    if (c === undefined) return
    c.closed = true
    c.lastWorkMs = Math.max(c.lastWorkMs, atMs)
    if (c.counted) {
      const t = this.queues[c.queue]!
      if (outcome === "dropped") {
        t.dropped++
        this.droppedOnTransfer++
      }
      if (c.answeredAtMs === undefined && outcome === "abandoned") {
        t.abandoned++
        this.intervals[c.queue]![c.interval]!.abandoned++
      }
      if (c.answeredAtMs === undefined && outcome === "expired") t.expired++
    }
    if (c.openWrapUps <= 0) this.settle(chatId, c)
  }

  private settle(chatId: string, c: ChatTally): void {
    this.chats.delete(chatId)
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
