/**
 * The auditor's own view of the world, rebuilt from commands and events only (never from engine
 * state): agents with their slots, open chats with their queue visit, pending offers, waiting lines
 * and the per-queue set of free agents; plus the current batch (command, time, touched agents and
 * chats) and the deadline indexes that the time checks use. Mutators keep `free` and the lines in
 * step; checks live in the other audit modules. Closed chats are dropped, so memory follows open work.
 */
import type { Command } from "../commands.ts"
import type { AgentConfig, EngineConfig, QueueConfig } from "../config.ts"
import type { Event, OfferKind, Outcome, TransferTarget } from "../events.ts"
import { IdWindow } from "../id-window.ts"
import type { Presence } from "../presence.ts"
import { LOGGED_OUT } from "../presence.ts"
import { SmallMap, SmallSet } from "../small-set.ts"
import type { TimerKey } from "../timers.ts"
import { Fifo, MinHeap, SortedLine } from "./line.ts"
import { fail, plural, q } from "./violation.ts"

export interface WrapUpView {
  readonly agentId: string
  readonly chatId: string
  readonly autoDeadlineMs: number | undefined
  done: boolean
}

export interface QueueView {
  readonly id: string
  readonly config: QueueConfig
  readonly line: SortedLine<AuditChat>
  /** Agents serving this queue that are Available, connected and have a free slot. */
  readonly free: Set<AuditAgent>
  /** The agent that got this queue's previous route offer (round-robin). */
  lastRouteAgentId: string | undefined
}

export interface AuditAgent {
  readonly id: string
  readonly config: AgentConfig
  readonly queues: ReadonlyArray<QueueView>
  presence: Presence
  connected: boolean
  graceDeadlineMs: number
  /** Later of the last change to Available and the last slot release. */
  availableSinceMs: number
  readonly offers: SmallSet<AuditOffer>
  /** Chats held as owner or conference participant. */
  readonly holds: SmallSet<string>
  readonly wrapUps: SmallMap<string, WrapUpView>
  free: boolean
  touched: number
}

export interface AuditOffer {
  readonly id: number
  readonly kind: OfferKind
  readonly chat: AuditChat
  readonly agent: AuditAgent
  readonly deadlineMs: number
  settled: boolean
}

export interface TransferView {
  readonly from: string
  readonly target: TransferTarget
  readonly batch: number
  wrapped: boolean
  offered: boolean
  queued: boolean
}

export type ChatStatus =
  | "new" // arrived, not yet queued (only inside the arrival batch)
  | "waiting" // in a waiting line
  | "offered" // a route offer is pending (or was just cancelled as abandoned)
  | "active" // accepted, owned
  | "transferring" // owner asked for a transfer
  | "transfer-failed" // a transfer offer ended without accept (drop or requeue due in this batch)
  | "orphaned" // the owner wrapped up on disconnect (requeue due in this batch)
  | "ended" // ChatEnded (close due in this batch)

export interface AuditChat {
  readonly id: string
  readonly customerId: string | undefined
  readonly priority: number
  readonly arrivedAtMs: number
  readonly patienceDeadlineMs: number | undefined
  status: ChatStatus
  closed: boolean
  queue: QueueView
  segment: number
  front: boolean
  enqueuedAtMs: number
  maxWaitDeadlineMs: number | undefined
  /** Bumped each time the chat enters a line; stale max-wait index entries carry an older one. */
  lineToken: number
  /** Agents that may not be offered the chat in this visit (shared empty set until the first). */
  excluded: ReadonlySet<string>
  offer: AuditOffer | undefined
  conferenceOffer: AuditOffer | undefined
  owner: string | undefined
  participant: string | undefined
  answered: boolean
  nextSeq: number
  transfer: TransferView | undefined
  // batch-scoped facts, reset at the end of the batch
  touched: number
  enteredBatch: number
  releasedBy: string | undefined
  expectedMessages: Array<string> | undefined
  expectedWrapUps: Array<string> | undefined
  mustLeaveLine: boolean
}

export interface MaxWaitEntry {
  readonly chat: AuditChat
  readonly token: number
}

export interface Expectation {
  readonly agentId: string
  readonly presence: "RONA" | "Idle"
  readonly cause: "offer-expired" | "declined"
}

export const NO_ONE: ReadonlySet<string> = new Set()

export const exclude = (c: AuditChat, agentId: string): void => {
  if (c.excluded === NO_ONE) c.excluded = new Set([agentId])
  else (c.excluded as Set<string>).add(agentId)
}

/** Rank across queues: queue priority, chat priority, front, enqueue time, chat id. */
export const ranksBefore = (a: AuditChat, b: AuditChat): boolean => {
  const qa = a.queue.config.priority
  const qb = b.queue.config.priority
  if (qa !== qb) return qa > qb
  if (a.priority !== b.priority) return a.priority > b.priority
  if (a.front !== b.front) return a.front
  if (a.enqueuedAtMs !== b.enqueuedAtMs) return a.enqueuedAtMs < b.enqueuedAtMs
  return a.id < b.id
}

export const usedSlots = (a: AuditAgent): number => a.offers.size + a.holds.size + a.wrapUps.size

/** May `a` be offered this waiting chat, apart from being free and serving its queue? */
export const mayTake = (a: AuditAgent, chat: AuditChat): boolean =>
  !chat.excluded.has(a.id) && !a.wrapUps.has(chat.id) && !a.holds.has(chat.id)

export class View {
  readonly config: EngineConfig
  readonly agents = new Map<string, AuditAgent>()
  readonly queues = new Map<string, QueueView>()
  readonly chats = new Map<string, AuditChat>()
  /** Pending offers by number: numbers rise and each offer ends within its timeout (id-window.ts). */
  readonly offers = new IdWindow<AuditOffer>()
  readonly customers = new Map<string, string>()
  // the current batch
  batch = 0
  nowMs = Number.NEGATIVE_INFINITY
  command: Command | undefined = undefined
  batchEvents = 0
  rejected = false
  /** Has the command's own effect event been seen in this batch (see batch-checks)? */
  effectSeen = false
  prev: Event | undefined = undefined
  expectNext: Expectation | undefined = undefined
  readonly touchedChats: Array<AuditChat> = []
  readonly touchedAgents: Array<AuditAgent> = []
  // deadline indexes for the time checks
  readonly offerDeadlines = new Fifo<AuditOffer>()
  readonly autoWrapUps = new Fifo<WrapUpView>()
  readonly patience = new MinHeap<AuditChat>()
  readonly maxWait = new MinHeap<MaxWaitEntry>()
  readonly disconnected = new Set<AuditAgent>()
  // counters
  lastOfferId = 0
  arrived = 0
  closed = 0
  answered = 0
  openUnanswered = 0
  readonly closedUnanswered: Record<Outcome, number> = { completed: 0, abandoned: 0, dropped: 0, expired: 0 }

  constructor(config: EngineConfig) {
    this.config = config
    for (const qc of config.queues) {
      this.queues.set(qc.id, {
        id: qc.id,
        config: qc,
        line: new SortedLine<AuditChat>(ranksBefore),
        free: new Set(),
        lastRouteAgentId: undefined
      })
    }
    for (const ac of config.agents) {
      this.agents.set(ac.id, {
        id: ac.id,
        config: ac,
        queues: ac.queues.flatMap((id) => this.queues.get(id) ?? []),
        presence: LOGGED_OUT,
        connected: true,
        graceDeadlineMs: 0,
        availableSinceMs: 0,
        offers: new SmallSet(),
        holds: new SmallSet(),
        wrapUps: new SmallMap(),
        free: false,
        touched: 0
      })
    }
  }

  agent(id: string): AuditAgent {
    return this.agents.get(id) ?? fail("presence", `event names agent ${q(id)}, which is not configured`)
  }

  queue(id: string): QueueView {
    return this.queues.get(id) ?? fail("chat-lifecycle", `event names queue ${q(id)}, which is not configured`)
  }

  /** The open chat an event names. */
  chat(id: string, what: string): AuditChat {
    return (
      this.chats.get(id) ??
      fail("outcome-accounting", `${what} refers to chat ${q(id)}, which is not open (closed or never arrived)`)
    )
  }

  /** Note a change to an agent: re-derive `free` and its queues' free sets; check it at batch end. */
  touchAgent(a: AuditAgent): void {
    const free = a.presence._tag === "Available" && a.connected && usedSlots(a) < a.config.capacity
    if (free !== a.free) {
      a.free = free
      for (const queue of a.queues) {
        if (free) queue.free.add(a)
        else queue.free.delete(a)
      }
    }
    if (a.touched !== this.batch) {
      a.touched = this.batch
      this.touchedAgents.push(a)
    }
  }

  touchChat(c: AuditChat): void {
    if (c.touched !== this.batch) {
      c.touched = this.batch
      this.touchedChats.push(c)
    }
  }

  /** The chat joins its queue's line (a new visit or a return to the current one). */
  enterLine(c: AuditChat): void {
    c.status = "waiting"
    c.queue.line.add(c)
    c.enteredBatch = this.batch
    c.lineToken++
    if (c.maxWaitDeadlineMs !== undefined) this.maxWait.push(c.maxWaitDeadlineMs, { chat: c, token: c.lineToken })
    this.touchChat(c)
  }

  leaveLine(c: AuditChat): void {
    if (c.status === "waiting") c.queue.line.delete(c)
    c.lineToken++
    this.touchChat(c)
  }

  /** Is the batch's command this one, issued by this agent? */
  commandBy(tag: Command["_tag"], agentId: string): boolean {
    const c = this.command
    return c !== undefined && c._tag === tag && "agentId" in c && c.agentId === agentId
  }

  /** The timer the batch's command fired, if it is a TimerFired. */
  firedTimer(): TimerKey | undefined {
    const c = this.command
    return c !== undefined && c._tag === "TimerFired" ? c.timer : undefined
  }

  /** Is this batch the disconnect grace expiry of this agent? */
  graceOf(agentId: string): boolean {
    const t = this.firedTimer()
    return t !== undefined && t._tag === "DisconnectGrace" && t.agentId === agentId
  }
}

export const describeSlots = (a: AuditAgent): string =>
  `${plural(a.offers.size, "offer")}, ${plural(a.holds.size, "chat")}, ${plural(a.wrapUps.size, "wrap-up")}`

export const describeRank = (c: AuditChat): string =>
  `queue ${q(c.queue.id)} priority ${c.queue.config.priority}, chat priority ${c.priority}` +
  `${c.front ? ", front" : ""}, enqueued at ${c.enqueuedAtMs} ms`
