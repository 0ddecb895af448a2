/**
 * One virtual agent, playing its scenario group's behaviour over a real socket (as sim/agents.ts
 * does in virtual time; every duration is divided by the time scale): logs in, goes Available; an
 * offer is missed (`missProbability`: it expires, RONA, Available again after `ronaRecovery`),
 * declined (back after `declineRecovery`) or accepted after `acceptDelay`; a chat it owns is handled
 * for `handleTime`, perhaps transferred (to a queue, or an agent of a group) or conferenced with a
 * peer, each customer message is answered after a message gap, then the chat is ended and wrapped
 * up after `wrapUp` with a reason drawn from the group's weights. Shifts, breaks and faults are
 * not played: every agent works the whole run. When its socket drops it reconnects as the protocol
 * allows (the same token, or a new login if it was refused; `hello` resuming its chats from the
 * last seq seen; unanswered frames resent with their refs; Available again) for up to the
 * reconnect window. Available refused as ALREADY_IN_PRESENCE is the state it wanted.
 */
import { pickWeighted, sampleMs } from "../../sim/dists.ts"
import type { RunContext } from "./context.ts"
import { chatKey, STREAMS } from "./context.ts"
import type { PlayedAgent } from "./directory.ts"
import { Link } from "./link.ts"
import type { Frame } from "./net.ts"
import { postJson } from "./net.ts"
import { sourceAddress } from "./options.ts"

type Pending = { readonly kind: "accept"; readonly offeredAtMs: number } | { readonly kind: "message" } | { readonly kind: "other" }

export class Agent {
  private readonly link: Link
  private token = ""
  private welcomes = 0
  /** The highest seq seen per chat held or wrapped up (the resume of a reconnect). */
  private readonly lastSeqs = new Map<string, number>()
  private offersSeen = 0
  private recoveries = 0
  private wrapUps = 0
  private handlings = 0
  private reasons: ReadonlyArray<string> = []
  private readonly owned = new Set<string>()
  private readonly wrapping = new Set<string>()
  private readonly pending = new Map<string, Pending>()
  ready = false

  private readonly ctx: RunContext
  private readonly me: PlayedAgent
  private readonly index: number

  constructor(ctx: RunContext, me: PlayedAgent, index: number) {
    this.ctx = ctx
    this.me = me
    this.index = index
    this.link = new Link(ctx, {
      url: () => `${ctx.ws}/ws/agent?token=${encodeURIComponent(this.token)}`,
      local: this.local,
      hello: () => (this.lastSeqs.size === 0 ? { type: "hello" } : { type: "hello", resume: Object.fromEntries([...this.lastSeqs].slice(0, 100)) }),
      onFrame: (f) => this.onFrame(f),
      lost: () => { ctx.metrics.counts.agentsLostConnection++ },
      renew: () => this.login()
    })
  }

  get id(): string {
    return this.me.id
  }

  get busy(): boolean {
    return this.owned.size > 0 || this.wrapping.size > 0
  }

  private get local(): string | undefined {
    return sourceAddress(this.ctx.ws, this.ctx.options.sourceAddresses, Math.floor(this.index / 8))
  }

  private async login(): Promise<void> {
    const { ctx, me } = this
    const login = await postJson(ctx.http, "/api/agent/login", { agentId: me.id, password: me.password }, this.local)
    if (login.status !== 200) throw new Error(`agent ${me.id}: login answered ${login.status} ${String(login.body["code"] ?? "")} ${String(login.body["message"] ?? "")}`.trim())
    this.token = String(login.body["token"])
  }

  /** Log in over HTTP, connect, hello, go Available; resolves once Available is acked. */
  async start(): Promise<void> {
    await this.login()
    const ready = new Promise<void>((resolve, reject) => {
      this.onReady = resolve
      this.onRefused = reject
    })
    this.ctx.metrics.trends.connectMs.add(await this.link.open())
    await ready
  }

  private onReady: () => void = () => {}
  private onRefused: (e: Error) => void = () => {}

  private send(frame: Record<string, unknown>, pending: Pending = { kind: "other" }): string {
    const ref = this.ctx.ref("a")
    this.pending.set(ref, pending)
    this.link.send({ ...frame, ref })
    return ref
  }

  private seen(chatId: string, seq: number): void {
    this.lastSeqs.set(chatId, Math.max(seq, this.lastSeqs.get(chatId) ?? 0))
  }

  private available(): void {
    if (!this.ctx.stopped) this.send({ type: "setPresence", presence: "Available" })
  }

  private onFrame(f: Frame): void {
    const { ctx } = this
    const m = ctx.metrics
    const now = ctx.now()
    switch (f.type) {
      case "welcome": {
        this.reasons = (f["wrapUpReasons"] as ReadonlyArray<string> | undefined) ?? []
        // after a reconnect: what the server says this agent holds, and the messages missed
        const chats = (f["chats"] as ReadonlyArray<Frame> | undefined) ?? []
        for (const chat of chats) {
          const chatId = String(chat["chatId"])
          for (const msg of (chat["messages"] as ReadonlyArray<Frame> | undefined) ?? []) {
            this.seen(chatId, Number(msg["seq"]))
            m.received(this.me.id, chatId, Number(msg["seq"]), String(msg["text"]), now, false)
          }
        }
        // what the server says this agent owns and wraps up wins; work it did not know of is planned now
        const owners = new Set(chats.filter((c) => c["role"] === "owner").map((c) => String(c["chatId"])))
        for (const chatId of [...this.owned]) if (!owners.has(chatId)) this.owned.delete(chatId)
        for (const chatId of owners) {
          if (this.owned.has(chatId)) continue
          this.owned.add(chatId)
          this.planHandling(chatId, now)
        }
        for (const w of (f["wrapUps"] as ReadonlyArray<Frame> | undefined) ?? []) {
          const chatId = String(w["chatId"])
          if (this.wrapping.has(chatId)) continue
          this.wrapping.add(chatId)
          ctx.at(now, () => this.wrapUp(chatId))
        }
        this.link.resendUnanswered()
        const ref = `avail-${ctx.runId}-${this.index}-${++this.welcomes}`
        this.pending.set(ref, { kind: "other" })
        this.link.send({ type: "setPresence", presence: "Available", ref })
        return
      }
      case "offer":
        return this.onOffer(f, now)
      case "chatAssigned": {
        const chat = f["chat"] as Frame
        const chatId = String(chat["chatId"])
        for (const msg of (chat["messages"] as ReadonlyArray<Frame> | undefined) ?? []) {
          this.seen(chatId, Number(msg["seq"]))
          m.received(this.me.id, chatId, Number(msg["seq"]), String(msg["text"]), now, false)
        }
        if (chat["role"] === "owner") {
          this.owned.add(chatId)
          this.planHandling(chatId, now)
        }
        return
      }
      case "message": {
        const chatId = String(f["chatId"])
        this.seen(chatId, Number(f["seq"]))
        m.received(this.me.id, chatId, Number(f["seq"]), String(f["text"]), now, true)
        if (f["sender"] === "customer" && this.owned.has(chatId)) this.planReply(chatId, now)
        return
      }
      case "presence": {
        const cause = f["cause"]
        if (cause !== "offer-expired" && cause !== "declined") return
        if (cause === "offer-expired") m.counts.rona++
        const g = this.me.group
        const delayMs = ctx.scaledMs(cause === "offer-expired" ? g.ronaRecovery : g.declineRecovery, STREAMS.recovery, this.index, this.recoveries++)
        return ctx.at(now + delayMs, () => this.available())
      }
      case "transferred":
        if (f["fromAgentId"] === this.me.id) this.owned.delete(String(f["chatId"]))
        return
      case "chatEnded":
        this.owned.delete(String(f["chatId"]))
        return
      case "wrapUpStarted": {
        const chatId = String(f["chatId"])
        this.wrapping.add(chatId)
        const delayMs = ctx.scaledMs(this.me.group.wrapUp, STREAMS.wrapUp, this.index, this.wrapUps++)
        if (ctx.forcing) return this.wrapUp(chatId)
        return ctx.at(now + delayMs, () => this.wrapUp(chatId))
      }
      case "wrapUpDone":
        this.wrapping.delete(String(f["chatId"]))
        this.lastSeqs.delete(String(f["chatId"]))
        m.counts.wrapUps++
        return
      case "conferenceJoined":
        if (this.owned.has(String(f["chatId"]))) m.counts.conferences++
        return
      case "ack":
        return this.onAnswer(f, now, true)
      case "error":
        m.error(String(f["code"]))
        return this.onAnswer(f, now, false)
    }
  }

  private onAnswer(f: Frame, now: number, ok: boolean): void {
    const ref = typeof f["ref"] === "string" ? f["ref"] : undefined
    if (ref !== undefined) this.link.answered(ref)
    const p = ref === undefined ? undefined : this.pending.get(ref)
    if (ref === undefined || p === undefined) return
    this.pending.delete(ref)
    // already Available (a desktop left it so, or a reconnect within the grace period): the state it wanted
    if (ref.startsWith("avail-")) {
      return ok || f["code"] === "ALREADY_IN_PRESENCE" ? this.onReady() : this.onRefused(new Error(`agent ${this.me.id}: Available refused (${String(f["code"])}: ${String(f["message"])})`))
    }
    if (p.kind === "accept" && ok) {
      this.ctx.metrics.counts.accepts++
      this.ctx.metrics.trends.offerToAcceptMs.add(now - p.offeredAtMs)
    }
    if (p.kind === "message") {
      if (ok) this.ctx.metrics.acked(ref, now, true)
      else this.ctx.metrics.refused(ref)
    }
  }

  private onOffer(f: Frame, now: number): void {
    const { ctx } = this
    const m = ctx.metrics
    const g = this.me.group
    const chatId = String(f["chatId"])
    m.counts.offers++
    if (f["kind"] === "route" && !m.firstOfferAtMs.has(chatId)) {
      m.firstOfferAtMs.set(chatId, now)
      const arrival = ctx.arrivalOf.get(chatId)
      if (arrival !== undefined) m.trends.timeToOfferMs.add(now - arrival)
    }
    const u = ctx.draws.at(STREAMS.offers, this.index, this.offersSeen++)
    const miss = u.next() < g.missProbability
    const decline = u.next() < g.declineProbability
    const delayMs = sampleMs(g.acceptDelay, u) / ctx.options.timeScale
    if (miss) {
      m.counts.missed++
      return
    }
    const offerId = f["offerId"]
    if (decline) {
      m.counts.declines++
      return ctx.at(now + delayMs, () => void this.send({ type: "decline", offerId }))
    }
    ctx.at(now + delayMs, () => void this.send({ type: "accept", offerId }, { kind: "accept", offeredAtMs: now }))
  }

  /** A handling's plan, in the order sim/customers.ts draws it: handle time, transfer, conference. */
  private planHandling(chatId: string, now: number): void {
    const { ctx } = this
    const g = this.me.group
    const u = ctx.draws.at(STREAMS.handling, chatKey(chatId), this.handlings++)
    const handleMs = sampleMs(g.handleTime, u) / ctx.options.timeScale
    const transfer = u.next() < g.transfer.probability
    const conference = u.next() < g.conference.probability
    const transferAt = now + handleMs * u.next()
    const conferenceAt = now + handleMs * u.next() * 0.5
    if (transfer) ctx.at(transferAt, () => this.transfer(chatId, u.next(), u.next()))
    else ctx.at(now + handleMs, () => this.end(chatId))
    if (conference && (!transfer || conferenceAt < transferAt)) {
      const durationMs = sampleMs(g.conference.duration, u) / ctx.options.timeScale
      const pick = u.next()
      ctx.at(conferenceAt, () => this.conference(chatId, pick, durationMs))
    }
  }

  private planReply(chatId: string, now: number): void {
    const gap = this.ctx.scenario.customers.messages?.gap
    const delayMs = gap === undefined ? 0 : this.ctx.scaledMs(gap, STREAMS.replies, this.index, this.ctx.metrics.counts.messagesSent)
    const scheduledAtMs = now + delayMs
    this.ctx.at(scheduledAtMs, () => {
      if (!this.owned.has(chatId)) return
      const ref = this.ctx.ref("r")
      this.ctx.metrics.send(ref, "agent", chatId, scheduledAtMs)
      this.pending.set(ref, { kind: "message" })
      this.link.send({ type: "send", chatId, text: `load ${ref}`, ref })
    })
  }

  end(chatId: string): void {
    if (this.owned.has(chatId)) this.send({ type: "end", chatId })
  }

  private transfer(chatId: string, pickTarget: number, pickAgent: number): void {
    if (!this.owned.has(chatId)) return
    const targets = this.me.group.transfer.targets
    const target = targets[pickWeighted(targets.map((t) => t.weight), pickTarget)]
    if (target?.queueId !== undefined) {
      this.ctx.metrics.counts.transfers++
      return void this.send({ type: "transfer", chatId, toQueue: target.queueId })
    }
    const peers = (this.ctx.byGroup.get(target?.agentGroup ?? "") ?? []).filter((a) => a.id !== this.me.id)
    const to = peers[Math.floor(pickAgent * peers.length)]
    if (to === undefined) return this.end(chatId)
    this.ctx.metrics.counts.transfers++
    this.send({ type: "transfer", chatId, toAgent: to.id })
  }

  private conference(chatId: string, pick: number, durationMs: number): void {
    if (!this.owned.has(chatId)) return
    const peers = this.ctx.played.filter((a) => a.id !== this.me.id)
    const to = peers[Math.floor(pick * peers.length)]
    if (to === undefined) return
    this.send({ type: "conference", chatId, agentId: to.id })
    this.ctx.at(this.ctx.now() + durationMs, () => {
      if (this.owned.has(chatId)) this.send({ type: "endConference", chatId })
    })
  }

  wrapUp(chatId: string): void {
    if (!this.wrapping.has(chatId)) return
    const weighted = this.me.group.wrapUpReasons.filter((r) => this.reasons.includes(r.reason))
    const u = this.ctx.draws.at(STREAMS.wrapUp, this.index, 0x10000 + this.wrapUps).next()
    const reason = weighted.length > 0 ? weighted[pickWeighted(weighted.map((r) => r.weight), u)]!.reason : this.reasons[0]
    if (reason !== undefined) this.send({ type: "wrapUp", chatId, reason })
  }

  /** End of the drain: end every chat held and submit every wrap-up now. */
  finishAll(): void {
    for (const chatId of this.owned) this.end(chatId)
    for (const chatId of this.wrapping) this.wrapUp(chatId)
  }

  /** Teardown: log out (refused if work remains; then just disconnect) and close. */
  stop(): void {
    this.link.sendOnce({ type: "logout", ref: this.ctx.ref("o") })
    this.link.close(500)
  }
}
