/**
 * The live service level per queue, counted from the engine's events since the log began (the
 * restart replay feeds it too, so it survives a restart): chats that arrived, were answered (first
 * accept by an owner), answered within the queue's service-level threshold (wait from arrival to
 * that accept), and abandoned unanswered; plus the RONA and transfer counts. Service level is
 * answered within the threshold over chats settled (answered or abandoned), the live-dashboard
 * convention; null until a chat settles. Memory follows open chats.
 */
import type { EngineConfig } from "../core/config.ts"
import type { Event } from "../core/events.ts"

export interface QueueService {
  readonly queueId: string
  readonly thresholdMs: number
  arrived: number
  answered: number
  answeredWithin: number
  abandoned: number
}

export class ServiceTally {
  private readonly queues = new Map<string, QueueService>()
  private readonly open = new Map<string, { readonly queueId: string; readonly arrivedAtMs: number; answered: boolean }>()
  rona = 0
  transfers = 0

  constructor(config: EngineConfig) {
    for (const q of config.queues) {
      this.queues.set(q.id, { queueId: q.id, thresholdMs: q.serviceLevelThresholdMs, arrived: 0, answered: 0, answeredWithin: 0, abandoned: 0 })
    }
  }

  apply(e: Event): void {
    switch (e._tag) {
      case "ChatArrived": {
        const q = this.queues.get(e.queueId)
        if (q === undefined) return
        q.arrived++
        this.open.set(e.chatId, { queueId: e.queueId, arrivedAtMs: e.atMs, answered: false })
        return
      }
      case "OfferAccepted": {
        const chat = this.open.get(e.chatId)
        if (chat === undefined || chat.answered || e.kind === "conference") return
        chat.answered = true
        const q = this.queues.get(chat.queueId)!
        q.answered++
        if (e.atMs - chat.arrivedAtMs <= q.thresholdMs) q.answeredWithin++
        return
      }
      case "ChatClosed": {
        const chat = this.open.get(e.chatId)
        if (chat !== undefined && !chat.answered && e.outcome === "abandoned") this.queues.get(chat.queueId)!.abandoned++
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

  /** Per queue, in configuration order, with the service level (null before any chat settled). */
  rows(): Array<QueueService & { readonly serviceLevel: number | null }> {
    return [...this.queues.values()].map((q) => {
      const settled = q.answered + q.abandoned
      return { ...q, serviceLevel: settled === 0 ? null : q.answeredWithin / settled }
    })
  }
}
