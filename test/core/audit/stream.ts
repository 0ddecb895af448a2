/**
 * Test helper: hand-written record streams for the auditor fixtures. `Stream.at(ms, command,
 * ...events)` appends one batch; events are written without `atMs` (the batch time is filled in,
 * unless given) and offers without `deadlineMs` (filled from the config's offer timeout).
 * `C` builds commands, `E` builds events, `ready`/`route` write the usual openings.
 */
import type { AuditRecord } from "../../../core/audit/auditor.ts"
import type { Command } from "../../../core/commands.ts"
import type { EngineConfig } from "../../../core/config.ts"
import type { CancelReason, Event, EventOf, OfferKind, QueueReason } from "../../../core/events.ts"

type Loose<E> = E extends unknown
  ? Omit<E, "atMs" | "deadlineMs"> & { readonly atMs?: number; readonly deadlineMs?: number }
  : never
export type EventInput = Loose<Event>

export class Stream {
  readonly config: EngineConfig
  readonly records: Array<AuditRecord> = []

  constructor(config: EngineConfig) {
    this.config = config
  }

  /** One batch: the command at `atMs` and its events. */
  at(atMs: number, command: Command, ...events: ReadonlyArray<EventInput>): this {
    this.records.push({ _tag: "Input", atMs, command })
    for (const e of events) {
      const timed = { ...e, atMs: e.atMs ?? atMs }
      const full = (
        timed._tag === "OfferMade" && timed.deadlineMs === undefined
          ? { ...timed, deadlineMs: timed.atMs + this.config.offerTimeoutMs }
          : timed
      ) as Event
      this.records.push({ _tag: "Event", event: full })
    }
    return this
  }

  /** Index of the last record so far. */
  get last(): number {
    return this.records.length - 1
  }
}

export const C = {
  login: (agentId: string): Command => ({ _tag: "Login", agentId }),
  logout: (agentId: string): Command => ({ _tag: "Logout", agentId }),
  available: (agentId: string): Command => ({ _tag: "GoAvailable", agentId }),
  idle: (agentId: string, code: string): Command => ({ _tag: "GoIdle", agentId, code }),
  disconnect: (agentId: string): Command => ({ _tag: "AgentDisconnect", agentId }),
  start: (
    chatId: string,
    queueId: string,
    extra: { customerId?: string; priority?: number; patienceMs?: number } = {}
  ): Command => ({ _tag: "StartChat", chatId, queueId, customerName: "Ann", proactive: false, ...extra }),
  leave: (chatId: string): Command => ({ _tag: "CustomerLeave", chatId }),
  say: (chatId: string, text: string): Command => ({ _tag: "CustomerMessage", chatId, text }),
  accept: (agentId: string, offerId: number): Command => ({ _tag: "AcceptOffer", agentId, offerId }),
  decline: (agentId: string, offerId: number): Command => ({ _tag: "DeclineOffer", agentId, offerId }),
  message: (agentId: string, chatId: string, text: string): Command => ({
    _tag: "AgentMessage",
    agentId,
    chatId,
    text
  }),
  transfer: (agentId: string, chatId: string, targetAgentId: string): Command => ({
    _tag: "TransferToAgent",
    agentId,
    chatId,
    targetAgentId
  }),
  conference: (agentId: string, chatId: string, targetAgentId: string): Command => ({
    _tag: "RequestConference",
    agentId,
    chatId,
    targetAgentId
  }),
  end: (agentId: string, chatId: string): Command => ({ _tag: "EndChat", agentId, chatId }),
  wrapUp: (agentId: string, chatId: string, reason = "Resolved"): Command => ({
    _tag: "SubmitWrapUp",
    agentId,
    chatId,
    reason
  }),
  offerDeadline: (offerId: number): Command => ({ _tag: "TimerFired", timer: { _tag: "OfferDeadline", offerId } }),
  maxWait: (chatId: string, segment: number): Command => ({
    _tag: "TimerFired",
    timer: { _tag: "MaxWait", chatId, segment }
  })
}

type Ev<T extends Event["_tag"]> = Loose<EventOf<T>>

export const E = {
  loggedIn: (agentId: string): Ev<"AgentLoggedIn"> => ({ _tag: "AgentLoggedIn", agentId }),
  loggedOut: (agentId: string): Ev<"AgentLoggedOut"> => ({ _tag: "AgentLoggedOut", agentId, cause: "agent" }),
  available: (agentId: string): Ev<"PresenceChanged"> => ({
    _tag: "PresenceChanged",
    agentId,
    presence: { _tag: "Available" },
    cause: "agent"
  }),
  rona: (agentId: string): Ev<"PresenceChanged"> => ({
    _tag: "PresenceChanged",
    agentId,
    presence: { _tag: "RONA" },
    cause: "offer-expired"
  }),
  arrived: (
    chatId: string,
    queueId: string,
    extra: { customerId?: string; priority?: number; patienceDeadlineMs?: number } = {}
  ): Ev<"ChatArrived"> => ({
    _tag: "ChatArrived",
    chatId,
    queueId,
    customerName: "Ann",
    proactive: false,
    priority: extra.priority ?? 0,
    ...extra
  }),
  queued: (
    chatId: string,
    queueId: string,
    enqueuedAtMs: number,
    extra: { segment?: number; reason?: QueueReason; maxWaitDeadlineMs?: number } = {}
  ): Ev<"ChatQueued"> => ({
    _tag: "ChatQueued",
    chatId,
    queueId,
    segment: 1,
    reason: "arrival",
    enqueuedAtMs,
    front: false,
    ...extra
  }),
  offer: (
    offerId: number,
    chatId: string,
    agentId: string,
    queueId = "q",
    kind: OfferKind = "route",
    fromAgentId?: string
  ): Ev<"OfferMade"> => ({
    _tag: "OfferMade",
    offerId,
    kind,
    chatId,
    agentId,
    queueId,
    ...(fromAgentId === undefined ? {} : { fromAgentId })
  }),
  accepted: (offerId: number, chatId: string, agentId: string, kind: OfferKind = "route"): Ev<"OfferAccepted"> => ({
    _tag: "OfferAccepted",
    offerId,
    kind,
    chatId,
    agentId
  }),
  declined: (offerId: number, chatId: string, agentId: string, kind: OfferKind = "route"): Ev<"OfferDeclined"> => ({
    _tag: "OfferDeclined",
    offerId,
    kind,
    chatId,
    agentId
  }),
  expired: (offerId: number, chatId: string, agentId: string, kind: OfferKind = "route"): Ev<"OfferExpired"> => ({
    _tag: "OfferExpired",
    offerId,
    kind,
    chatId,
    agentId
  }),
  cancelled: (
    offerId: number,
    chatId: string,
    agentId: string,
    reason: CancelReason,
    kind: OfferKind = "route"
  ): Ev<"OfferCancelled"> => ({ _tag: "OfferCancelled", offerId, kind, chatId, agentId, reason }),
  transferred: (chatId: string, fromAgentId: string, agentId: string): Ev<"TransferRequested"> => ({
    _tag: "TransferRequested",
    chatId,
    fromAgentId,
    target: { _tag: "ToAgent", agentId }
  }),
  message: (chatId: string, seq: number, agentId: string | undefined, text: string): Ev<"MessageSent"> => ({
    _tag: "MessageSent",
    chatId,
    seq,
    sender: agentId === undefined ? { _tag: "Customer" } : { _tag: "Agent", agentId },
    text
  }),
  system: (chatId: string, seq: number, text: string): Ev<"MessageSent"> => ({
    _tag: "MessageSent",
    chatId,
    seq,
    sender: { _tag: "System" },
    text
  }),
  ended: (chatId: string, agentId: string): Ev<"ChatEnded"> => ({
    _tag: "ChatEnded",
    chatId,
    by: { _tag: "Agent", agentId }
  }),
  wrapUpStarted: (agentId: string, chatId: string): Ev<"WrapUpStarted"> => ({ _tag: "WrapUpStarted", agentId, chatId }),
  wrapUpSubmitted: (agentId: string, chatId: string, reason = "Resolved"): Ev<"WrapUpSubmitted"> => ({
    _tag: "WrapUpSubmitted",
    agentId,
    chatId,
    reason,
    auto: false
  }),
  closed: (chatId: string, outcome: EventOf<"ChatClosed">["outcome"], answered: boolean): Ev<"ChatClosed"> => ({
    _tag: "ChatClosed",
    chatId,
    outcome,
    answered
  }),
  rejected: (command: Command, code: string): Ev<"CommandRejected"> => ({
    _tag: "CommandRejected",
    command: command._tag,
    code,
    message: code,
    ...("agentId" in command ? { agentId: command.agentId } : {}),
    ...("chatId" in command ? { chatId: command.chatId } : {})
  })
}

/** Each agent logs in and goes Available at `atMs` (two batches per agent). */
export const ready = (s: Stream, atMs: number, ...agentIds: ReadonlyArray<string>): Stream => {
  for (const a of agentIds) s.at(atMs, C.login(a), E.loggedIn(a)).at(atMs, C.available(a), E.available(a))
  return s
}

/** A chat arrives in queue "q" at `atMs` and is offered to `agentId` as `offerId`. */
export const route = (s: Stream, atMs: number, chatId: string, agentId: string, offerId: number): Stream =>
  s.at(
    atMs,
    C.start(chatId, "q"),
    E.arrived(chatId, "q"),
    E.queued(chatId, "q", atMs),
    E.offer(offerId, chatId, agentId)
  )

/** As `route`, then the agent accepts at `atMs + 1`. */
export const owned = (s: Stream, atMs: number, chatId: string, agentId: string, offerId: number): Stream =>
  route(s, atMs, chatId, agentId, offerId).at(
    atMs + 1,
    C.accept(agentId, offerId),
    E.accepted(offerId, chatId, agentId)
  )
