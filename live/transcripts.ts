/**
 * The live host's own record of every chat it has seen, kept beside the engine state because the
 * engine forgets a chat when it closes: its messages (for resume and the customer's welcome), its
 * queue, the customer's status, the agent who has it and the outcome. Rebuilt from the log's events
 * on restart. Invariant: `messages` holds every MessageSent of the chat in seq order, gap-free.
 */
import type { Event, EventOf } from "../core/events.ts"
import type { CustomerStatus } from "./server-frames.ts"

export interface ChatRecord {
  readonly chatId: string
  queueId: string
  readonly customerName: string
  readonly proactive: boolean
  readonly receivedAtMs: number
  status: CustomerStatus
  agentId: string | undefined
  outcome: string | undefined
  readonly messages: Array<EventOf<"MessageSent">>
}

export class Transcripts {
  private readonly chats = new Map<string, ChatRecord>()

  get(chatId: string): ChatRecord | undefined {
    return this.chats.get(chatId)
  }

  /** Messages of a chat with a seq above `afterSeq`. */
  since(chatId: string, afterSeq: number): ReadonlyArray<EventOf<"MessageSent">> {
    const messages = this.chats.get(chatId)?.messages ?? []
    // seq n is at index n - 1 (gap-free from 1)
    return messages.slice(Math.max(0, Math.min(afterSeq, messages.length)))
  }

  apply(e: Event): void {
    switch (e._tag) {
      case "ChatArrived":
        this.chats.set(e.chatId, {
          chatId: e.chatId, queueId: e.queueId, customerName: e.customerName, proactive: e.proactive,
          receivedAtMs: e.atMs, status: "queued", agentId: undefined, outcome: undefined, messages: []
        })
        return
      case "ChatQueued": {
        const c = this.chats.get(e.chatId)
        if (c !== undefined) {
          c.queueId = e.queueId
          c.status = "queued"
        }
        return
      }
      case "OfferAccepted": {
        const c = this.chats.get(e.chatId)
        if (c !== undefined && e.kind !== "conference") {
          c.status = "active"
          c.agentId = e.agentId
        }
        return
      }
      case "MessageSent":
        this.chats.get(e.chatId)?.messages.push(e)
        return
      case "ChatEnded": {
        const c = this.chats.get(e.chatId)
        if (c !== undefined) c.status = "ended"
        return
      }
      case "ChatClosed": {
        const c = this.chats.get(e.chatId)
        if (c !== undefined) {
          c.status = "closed"
          c.outcome = e.outcome
        }
        return
      }
      default:
        return
    }
  }
}
