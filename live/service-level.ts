/**
 * The live service level per queue of arrival, over a rolling window of arrivals, counted from the
 * engine's events (the restart replay feeds it too, so it survives a restart); plus the RONA and
 * transfer counts since the log began.
 *
 * One definition, the simulator's: service level = chats answered (first accept by an agent of a
 * routing offer) within the queue's threshold T of arrival, over chats that arrived. Live, a chat
 * that arrived less than T ago and is still waiting is undetermined, so a chat counts in the
 * denominator once it arrived at least T ago or was settled (answered, abandoned, expired or
 * otherwise closed); at the end of a run (every chat settled) this equals the simulator's number.
 * `answeredWithinOfSettled` is a different ratio some dashboards show: answered within T over
 * chats answered or abandoned (waiting and expired chats left out); it is never called service level.
 * Invariants: memory holds the arrivals of the window only (pruned as time passes); both ratios
 * are null while their denominator is 0.
 */
import type { EngineConfig } from "../core/config.ts"
import type { Event } from "../core/events.ts"

interface ChatTally {
  readonly chatId: string
  readonly arrivedAtMs: number
  answeredAtMs: number | undefined
  /** Closed, or answered: its fate in the service level is known. */
  settled: boolean
  abandoned: boolean
}

interface QueueTally {
  readonly queueId: string
  readonly thresholdMs: number
  /** Arrivals in time order; `head` is the first still in the window. */
  readonly arrivals: Array<ChatTally>
  head: number
}

export interface ServiceRow {
  readonly queueId: string
  readonly thresholdMs: number
  readonly windowMs: number
  /** Arrivals in the window. */
  readonly arrived: number
  /** The service level's denominator: arrivals at least T ago, or settled. */
  readonly counted: number
  readonly answered: number
  readonly answeredWithin: number
  readonly abandoned: number
  /** answeredWithin / counted (null when counted is 0). */
  readonly serviceLevel: number | null
  /** answeredWithin / (answered + abandoned) (null when both are 0). */
  readonly answeredWithinOfSettled: number | null
}

export const DEFAULT_SERVICE_WINDOW_MS = 3_600_000

export class ServiceTally {
  private readonly queues = new Map<string, QueueTally>()
  private readonly open = new Map<string, ChatTally>()
  private readonly windowMs: number
  rona = 0
  transfers = 0

  constructor(config: EngineConfig, windowMs: number = DEFAULT_SERVICE_WINDOW_MS) {
    this.windowMs = windowMs
    for (const q of config.queues)
      this.queues.set(q.id, { queueId: q.id, thresholdMs: q.serviceLevelThresholdMs, arrivals: [], head: 0 })
  }

  apply(e: Event): void {
    switch (e._tag) {
      case "ChatArrived": {
        const q = this.queues.get(e.queueId)
        if (q === undefined) return
        this.prune(q, e.atMs)
        const c: ChatTally = {
          chatId: e.chatId,
          arrivedAtMs: e.atMs,
          answeredAtMs: undefined,
          settled: false,
          abandoned: false
        }
        q.arrivals.push(c)
        this.open.set(e.chatId, c)
        return
      }
      case "OfferAccepted": {
        const c = this.open.get(e.chatId)
        if (c === undefined || c.answeredAtMs !== undefined || e.kind !== "route") return
        c.answeredAtMs = e.atMs
        c.settled = true
        return
      }
      case "ChatClosed": {
        const c = this.open.get(e.chatId)
        if (c === undefined) return
        c.settled = true
        c.abandoned = c.answeredAtMs === undefined && e.outcome === "abandoned"
        this.open.delete(e.chatId)
        return
      }
      case "OfferExpired":
        this.rona++
        return
      case "TransferRequested":
        this.transfers++
        return
      default:
        return
    }
  }

  /** Per queue, in configuration order, over arrivals in (nowMs - window, nowMs]. */
  rows(nowMs: number): Array<ServiceRow> {
    return [...this.queues.values()].map((q) => {
      this.prune(q, nowMs)
      let arrived = 0
      let counted = 0
      let answered = 0
      let answeredWithin = 0
      let abandoned = 0
      for (let i = q.head; i < q.arrivals.length; i++) {
        const c = q.arrivals[i]!
        arrived++
        if (c.settled || nowMs - c.arrivedAtMs >= q.thresholdMs) counted++
        if (c.answeredAtMs !== undefined) {
          answered++
          if (c.answeredAtMs - c.arrivedAtMs <= q.thresholdMs) answeredWithin++
        }
        if (c.abandoned) abandoned++
      }
      return {
        queueId: q.queueId,
        thresholdMs: q.thresholdMs,
        windowMs: this.windowMs,
        arrived,
        counted,
        answered,
        answeredWithin,
        abandoned,
        serviceLevel: counted === 0 ? null : answeredWithin / counted,
        answeredWithinOfSettled: answered + abandoned === 0 ? null : answeredWithin / (answered + abandoned)
      }
    })
  }

  /** Drop arrivals that left the window (and compact the array now and then). */
  private prune(q: QueueTally, nowMs: number): void {
    while (q.head < q.arrivals.length && q.arrivals[q.head]!.arrivedAtMs <= nowMs - this.windowMs) q.head++
    if (q.head > 1_024 && q.head * 2 > q.arrivals.length) {
      q.arrivals.splice(0, q.head)
      q.head = 0
    }
  }
}
