/**
 * The live host's own record of every chat, kept beside the engine state because the engine forgets
 * a chat when it closes: its messages (for resume and the customer's welcome), its queue, the
 * customer's status, the agent who has it and the outcome. Open chats live in memory; a chat that
 * closes is handed back by `apply` to be written to the database with the input that closed it
 * (`closed_chats`, same transaction), kept in memory until that commit (`committed`), then read
 * from the database on demand (`ClosedStore`). Rebuilt from the log's events on restart (closed
 * chats are dropped from memory as the replay closes them).
 * Invariants: memory holds open chats and chats whose close is not yet committed, nothing else;
 * `messages` holds every MessageSent of the chat in seq order, gap-free.
 */
import type { Event, EventOf } from "../core/events.ts"
import type { CustomerStatus } from "./server-frames.ts"

export interface ChatRecord {
  readonly chatId: string
  queueId: string
  readonly customerName: string
  readonly customerId: string | undefined
  readonly proactive: boolean
  readonly receivedAtMs: number
  status: CustomerStatus
  agentId: string | undefined
  outcome: string | undefined
  readonly messages: Array<EventOf<"MessageSent">>
  /** UTF-8 bytes of the messages' text (the per-chat bound counts them). */
  textBytes: number
}

/** Where closed chats are kept (the input log's database). */
export interface ClosedStore {
  readonly closedChat: (chatId: string) => ChatRecord | undefined
}

export class Transcripts {
  private readonly open = new Map<string, ChatRecord>()
  /** Closed, not yet committed: still answered from memory. */
  private readonly closing = new Map<string, ChatRecord>()
  private readonly store: ClosedStore

  constructor(store: ClosedStore) {
    this.store = store
  }

  get(chatId: string): ChatRecord | undefined {
    return this.open.get(chatId) ?? this.closing.get(chatId) ?? this.store.closedChat(chatId)
  }

  /** An open chat's record (never a database read). */
  openRecord(chatId: string): ChatRecord | undefined {
    return this.open.get(chatId)
  }

  /** The close of this chat is committed: forget it (the database has it). */
  committed(chatId: string): void {
    this.closing.delete(chatId)
  }

  /** Apply one event; returns the record of a chat this event closed (to be stored). */
  apply(e: Event): ChatRecord | undefined {
    switch (e._tag) {
      case "ChatArrived":
        this.open.set(e.chatId, {
          chatId: e.chatId,
          queueId: e.queueId,
          customerName: e.customerName,
          customerId: e.customerId,
          proactive: e.proactive,
          receivedAtMs: e.atMs,
          status: "queued",
          agentId: undefined,
          outcome: undefined,
          messages: [],
          textBytes: 0
        })
        return undefined
      case "ChatQueued": {
        const c = this.open.get(e.chatId)
        if (c !== undefined) {
          c.queueId = e.queueId
          c.status = "queued"
        }
        return undefined
      }
      case "OfferAccepted": {
        const c = this.open.get(e.chatId)
        if (c !== undefined && e.kind !== "conference") {
          c.status = "active"
          c.agentId = e.agentId
        }
        return undefined
      }
      case "MessageSent": {
        const c = this.open.get(e.chatId)
        if (c !== undefined) {
          c.messages.push(e)
          c.textBytes += Buffer.byteLength(e.text)
        }
        return undefined
      }
      case "ChatEnded": {
        const c = this.open.get(e.chatId)
        if (c !== undefined) c.status = "ended"
        return undefined
      }
      case "ChatClosed": {
        const c = this.open.get(e.chatId)
        if (c === undefined) return undefined
        c.status = "closed"
        c.outcome = e.outcome
        this.open.delete(e.chatId)
        this.closing.set(e.chatId, c)
        return c
      }
      default:
        return undefined
    }
  }
}
