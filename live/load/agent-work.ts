/**
 * One played agent's work, as the workload decides it (sim/workload: the functions, streams and
 * keys the simulator's agents use; every `afterMs` divided by the time scale), carried out through
 * its socket (`AgentPort`). An offer is answered as `offerAnswer` says (a miss lets it expire:
 * RONA; a decline; an accept after the delay); after RONA or a decline the agent goes Available
 * again once its recoveries are over (`presenceStep`); a chat it owns follows `handlingPlan` (end or
 * transfer, conference, replies; the customer's acts go to that chat's customer, or, when another
 * load generator plays the customer, are left to it: see customer.ts); the transfer
 * target and the conference peer are drawn as the simulator draws them and taken from the played
 * agents (the driver cannot see who is free); a conference ends after its drawn duration; a
 * wrap-up is submitted after its drawn delay with its drawn reason (among the server's reasons).
 * Like the simulator, an act that comes due on a chat the agent no longer owns is dropped.
 */
import type { Presence } from "../../core/presence.ts"
import {
  conferenceEnd,
  conferencePick,
  offerAnswer,
  recovery,
  transferChoice,
  wrapUp,
  wrapUpReason
} from "../../sim/workload/agent.ts"
import { handlingPlan } from "../../sim/workload/handling.ts"
import type { ChatAct } from "../../sim/workload/intent.ts"
import { presenceStep } from "../../sim/workload/presence.ts"
import type { LoadChat, RunContext } from "./context.ts"
import type { PlayedAgent } from "./directory.ts"
import type { Frame } from "./net.ts"

/** What an answer to a frame the agent sent will settle. */
export type Pending =
  | { readonly kind: "accept"; readonly offeredAtMs: number }
  | { readonly kind: "message" }
  | { readonly kind: "other" }

/** The agent's socket, as its work needs it. */
export interface AgentPort {
  /** Send a frame with a fresh ref; its answer settles `pending`. */
  readonly send: (frame: Record<string, unknown>, pending?: Pending) => void
  /** Send a chat message (tracked from `scheduledAtMs` to its receipt; `crossed`: another generator plays its customer). */
  readonly sendMessage: (chatId: string, scheduledAtMs: number, crossed: boolean) => void
  readonly linkUp: () => boolean
}

/** Message exchanges of a chat the driver carries out (a scenario may draw more than a chat holds). */
export const MAX_EXCHANGES = 1_000

/** The presence a `welcome` or `presence` frame gives. */
export const presenceOf = (f: Frame): Presence => {
  switch (f["presence"]) {
    case "Idle":
      return { _tag: "Idle", code: String(f["code"] ?? "") }
    case "Available":
      return { _tag: "Available" }
    case "RONA":
      return { _tag: "RONA" }
    default:
      return { _tag: "LoggedOut" }
  }
}

export class AgentWork {
  /** The keys of this agent's draws (its counters) and what it knows of itself. */
  private offersSeen = 0
  private recoveries = 0
  private recovering = 0
  private wrapUps = 0
  presence: Presence = { _tag: "LoggedOut" }
  /** The server's wrap-up reasons. */
  reasons: ReadonlyArray<string> = []
  /** Chats it owns, with their workload records. */
  readonly owned = new Map<string, LoadChat>()
  readonly wrapping = new Set<string>()

  private readonly ctx: RunContext
  private readonly me: PlayedAgent
  private readonly port: AgentPort

  constructor(ctx: RunContext, me: PlayedAgent, port: AgentPort) {
    this.ctx = ctx
    this.me = me
    this.port = port
  }

  get busy(): boolean {
    return this.owned.size > 0 || this.wrapping.size > 0
  }

  /** An offer: answer it as the workload says. */
  onOffer(offerId: unknown, now: number): void {
    const { ctx } = this
    const answer = offerAnswer(ctx.draws, this.me.group, this.me.drawKey, this.offersSeen++)
    switch (answer._tag) {
      case "Miss":
        ctx.metrics.counts.missed++
        return
      case "Decline":
        ctx.metrics.counts.declines++
        return ctx.at(now + ctx.wallMs(answer.afterMs), () => this.port.send({ type: "decline", offerId }))
      case "Accept":
        return ctx.at(now + ctx.wallMs(answer.afterMs), () =>
          this.port.send({ type: "accept", offerId }, { kind: "accept", offeredAtMs: now })
        )
    }
  }

  /** A presence change; after RONA or a decline, a recovery starts. */
  onPresence(f: Frame, now: number): void {
    const { ctx } = this
    this.presence = presenceOf(f)
    const cause = f["cause"]
    if (cause !== "offer-expired" && cause !== "declined") return
    if (cause === "offer-expired") ctx.metrics.counts.rona++
    const r = recovery(ctx.draws, this.me.group, cause, this.me.drawKey, this.recoveries++)
    this.recovering++
    ctx.at(now + ctx.wallMs(r.afterMs), () => this.recovered())
  }

  /** A recovery is over: Available again once none is left. */
  private recovered(): void {
    this.recovering = Math.max(0, this.recovering - 1)
    const step = presenceStep({
      linkDown: !this.port.linkUp(),
      presence: this.presence,
      usedSlots: this.owned.size + this.wrapping.size,
      shiftOver: false,
      onBreak: undefined,
      recovering: this.recovering
    })
    switch (step._tag) {
      case "GoAvailable":
        if (!this.ctx.stopped) this.port.send({ type: "setPresence", presence: "Available" })
        return
      case "Stay":
      case "Logout":
      case "GoIdle":
        return
    }
  }

  /** A chat it now owns (a chat view): carry out this handling's plan, the customer's acts by its customer. */
  own(view: Frame, now: number): void {
    const { ctx } = this
    const chatId = String(view["chatId"])
    const name = typeof view["customerName"] === "string" ? view["customerName"] : undefined
    const chat = ctx.chatNamed(name, chatId)
    this.owned.set(chatId, chat)
    const plan = handlingPlan(ctx.draws, this.me.group, ctx.scenario.customers, chat.index, chat.handlings++)
    let exchanges = 0
    for (const step of plan) {
      const atMs = now + ctx.wallMs(step.afterMs)
      // a message and its reply are one exchange; a chat holds a bounded number of messages
      if ((step.act === "message" || step.act === "reply") && ++exchanges > 2 * MAX_EXCHANGES) continue
      if (step._tag === "AgentAct") ctx.at(atMs, () => this.act(chatId, chat, step.act, atMs))
      else ctx.at(atMs, () => chat.customer?.act(step.act, atMs))
    }
  }

  /** The chat left its hands (ended, or transferred away). */
  disown(chatId: string): void {
    this.owned.delete(chatId)
  }

  /** A conference it asked for was joined: end it after the drawn duration. */
  onConferenceJoined(chatId: string, now: number): void {
    const chat = this.owned.get(chatId)
    if (chat === undefined) return
    this.ctx.metrics.counts.conferences++
    const end = conferenceEnd(this.ctx.draws, this.me.group, chat.index, chat.handlings)
    this.ctx.at(now + this.ctx.wallMs(end.afterMs), () => this.act(chatId, chat, end.act, now))
  }

  /** A wrap-up started: submit it after the drawn delay (at once when the drain ran out). */
  onWrapUpStarted(chatId: string, now: number): void {
    this.wrapping.add(chatId)
    const w = wrapUp(this.ctx.draws, this.me.group, this.me.drawKey, this.wrapUps++)
    if (this.ctx.forcing) return this.submitWrapUp(chatId)
    this.ctx.at(now + this.ctx.wallMs(w.afterMs), () => this.submitWrapUp(chatId))
  }

  /** A wrap-up the server says it holds (after a reconnect) that it did not know of: submit it now. */
  resumeWrapUp(chatId: string, now: number): void {
    if (this.wrapping.has(chatId)) return
    this.wrapping.add(chatId)
    this.ctx.at(now, () => this.submitWrapUp(chatId))
  }

  wrapUpDone(chatId: string): void {
    this.wrapping.delete(chatId)
  }

  /** A due act on a chat, if the agent is still in a position to do it (the simulator re-checks the same way). */
  private act(chatId: string, chat: LoadChat, act: ChatAct, scheduledAtMs: number): void {
    if (act === "wrap-up") return this.submitWrapUp(chatId)
    if (!this.owned.has(chatId)) return
    switch (act) {
      case "end":
        return this.end(chatId)
      case "transfer":
        return this.transfer(chatId, chat)
      case "conference":
        return this.conference(chatId, chat)
      case "end-conference":
        return this.port.send({ type: "endConference", chatId })
      case "reply":
        return this.port.sendMessage(chatId, scheduledAtMs, chat.customer === undefined)
    }
  }

  private end(chatId: string): void {
    if (this.owned.has(chatId)) this.port.send({ type: "end", chatId })
  }

  private transfer(chatId: string, chat: LoadChat): void {
    const choice = transferChoice(this.ctx.draws, this.me.group, chat.index, chat.handlings)
    switch (choice._tag) {
      case "End":
        return this.end(chatId)
      case "Queue":
        this.ctx.metrics.counts.transfers++
        return this.port.send({ type: "transfer", chatId, toQueue: choice.queueId })
      case "Agent": {
        const peers = (this.ctx.byGroup.get(choice.groupId) ?? []).filter((a) => a.id !== this.me.id)
        const to = peers[Math.floor(choice.pick * peers.length)]
        if (to === undefined) return this.end(chatId)
        this.ctx.metrics.counts.transfers++
        return this.port.send({ type: "transfer", chatId, toAgent: to.id })
      }
    }
  }

  private conference(chatId: string, chat: LoadChat): void {
    const peers = this.ctx.played.filter((a) => a.id !== this.me.id)
    const to = peers[Math.floor(conferencePick(this.ctx.draws, chat.index, chat.handlings) * peers.length)]
    if (to !== undefined) this.port.send({ type: "conference", chatId, agentId: to.id })
  }

  private submitWrapUp(chatId: string): void {
    if (!this.wrapping.has(chatId)) return
    const weighted = this.me.group.wrapUpReasons.filter((r) => this.reasons.includes(r.reason))
    const reason = wrapUpReason(this.ctx.draws, weighted, this.me.drawKey, this.wrapUps, this.reasons[0])
    if (reason !== undefined) this.port.send({ type: "wrapUp", chatId, reason })
  }

  /** End of the drain: end every chat held and submit every wrap-up now. */
  finishAll(): void {
    for (const chatId of this.owned.keys()) this.end(chatId)
    for (const chatId of this.wrapping) this.submitWrapUp(chatId)
  }
}
