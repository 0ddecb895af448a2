/**
 * One virtual agent over a real socket: logs in over HTTP, connects, says hello, goes Available,
 * reads the server's frames and hands what they mean to its work (agent-work.ts: the workload's
 * decisions, as the simulator's agents make them), and sends what its work decides. Shifts, breaks
 * and faults are not played: every agent works the whole run. When its socket drops it reconnects
 * as the protocol allows (the same token, or a new login if it was refused; `hello` resuming its
 * chats from the last seq seen; unanswered frames resent with their refs; Available again) for up
 * to the reconnect window. Available refused as ALREADY_IN_PRESENCE is the state it wanted.
 */

import type { Pending } from "./agent-work.ts"
import { AgentWork, presenceOf } from "./agent-work.ts"
import type { RunContext } from "./context.ts"
import type { PlayedAgent } from "./directory.ts"
import { Link } from "./link.ts"
import type { Frame } from "./net.ts"
import { postJson } from "./net.ts"
import { sourceAddress } from "./options.ts"

export class Agent {
  private readonly link: Link
  private readonly work: AgentWork
  private token = ""
  private welcomes = 0
  /** The highest seq seen per chat held or wrapped up (the resume of a reconnect). */
  private readonly lastSeqs = new Map<string, number>()
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
      hello: () =>
        this.lastSeqs.size === 0
          ? { type: "hello" }
          : { type: "hello", resume: Object.fromEntries([...this.lastSeqs].slice(0, 100)) },
      onFrame: (f) => this.onFrame(f),
      lost: () => {
        ctx.metrics.counts.agentsLostConnection++
      },
      renew: () => this.login()
    })
    this.work = new AgentWork(ctx, me, {
      send: (frame, pending) => void this.send(frame, pending),
      sendMessage: (chatId, scheduledAtMs, crossed) => this.sendMessage(chatId, scheduledAtMs, crossed),
      linkUp: () => this.link.isOpen
    })
  }

  get id(): string {
    return this.me.id
  }

  get busy(): boolean {
    return this.work.busy
  }

  private get local(): string | undefined {
    return sourceAddress(this.ctx.ws, this.ctx.options.sourceAddresses, Math.floor(this.index / 8))
  }

  private async login(): Promise<void> {
    const { ctx, me } = this
    const login = await postJson(ctx.http, "/api/agent/login", { agentId: me.id, password: me.password }, this.local)
    if (login.status !== 200)
      throw new Error(
        `agent ${me.id}: login answered ${login.status} ${String(login.body["code"] ?? "")} ${String(login.body["message"] ?? "")}`.trim()
      )
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

  /** A chat message, tracked by its ref (in its text) from `scheduledAtMs` to its receipt (`crossed`: by another generator). */
  private sendMessage(chatId: string, scheduledAtMs: number, crossed: boolean): void {
    const ref = this.ctx.ref("r")
    this.ctx.metrics.send(ref, "agent", chatId, scheduledAtMs, crossed)
    this.pending.set(ref, { kind: "message" })
    this.link.send({ type: "send", chatId, text: `load ${ref}`, ref })
  }

  private seen(chatId: string, seq: number): void {
    this.lastSeqs.set(chatId, Math.max(seq, this.lastSeqs.get(chatId) ?? 0))
  }

  /** The messages a chat view carries, as received (not live). */
  private receivedIn(chat: Frame, now: number): void {
    const chatId = String(chat["chatId"])
    for (const msg of (chat["messages"] as ReadonlyArray<Frame> | undefined) ?? []) {
      this.seen(chatId, Number(msg["seq"]))
      this.ctx.metrics.received(this.me.id, chatId, Number(msg["seq"]), String(msg["text"]), now, false)
    }
  }

  private onFrame(f: Frame): void {
    const { ctx, work } = this
    const m = ctx.metrics
    const now = ctx.now()
    switch (f.type) {
      case "welcome": {
        work.presence = presenceOf(f)
        work.reasons = (f["wrapUpReasons"] as ReadonlyArray<string> | undefined) ?? []
        // after a reconnect: what the server says this agent holds, and the messages missed
        const chats = (f["chats"] as ReadonlyArray<Frame> | undefined) ?? []
        for (const chat of chats) this.receivedIn(chat, now)
        // what the server says this agent owns and wraps up wins; work it did not know of is planned now
        const owners = chats.filter((c) => c["role"] === "owner")
        const ownerIds = new Set(owners.map((c) => String(c["chatId"])))
        for (const chatId of [...work.owned.keys()]) if (!ownerIds.has(chatId)) work.disown(chatId)
        for (const chat of owners) if (!work.owned.has(String(chat["chatId"]))) work.own(chat, now)
        for (const w of (f["wrapUps"] as ReadonlyArray<Frame> | undefined) ?? [])
          work.resumeWrapUp(String(w["chatId"]), now)
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
        this.receivedIn(chat, now)
        if (chat["role"] === "owner") work.own(chat, now)
        return
      }
      case "message": {
        const chatId = String(f["chatId"])
        this.seen(chatId, Number(f["seq"]))
        m.received(this.me.id, chatId, Number(f["seq"]), String(f["text"]), now, true)
        return
      }
      case "presence":
        return work.onPresence(f, now)
      case "transferred":
        if (f["fromAgentId"] === this.me.id) work.disown(String(f["chatId"]))
        return
      case "chatEnded":
        return work.disown(String(f["chatId"]))
      case "wrapUpStarted":
        return work.onWrapUpStarted(String(f["chatId"]), now)
      case "wrapUpDone":
        work.wrapUpDone(String(f["chatId"]))
        this.lastSeqs.delete(String(f["chatId"]))
        m.counts.wrapUps++
        return
      case "conferenceJoined":
        return work.onConferenceJoined(String(f["chatId"]), now)
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
      return ok || f["code"] === "ALREADY_IN_PRESENCE"
        ? this.onReady()
        : this.onRefused(
            new Error(`agent ${this.me.id}: Available refused (${String(f["code"])}: ${String(f["message"])})`)
          )
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
    const chatId = String(f["chatId"])
    m.counts.offers++
    if (f["kind"] === "route" && !m.firstOfferAtMs.has(chatId)) {
      m.firstOfferAtMs.set(chatId, now)
      const arrival = ctx.arrivalOf.get(chatId)
      if (arrival !== undefined) m.trends.timeToOfferMs.add(now - arrival)
    }
    this.work.onOffer(f["offerId"], now)
  }

  /** End of the drain: end every chat held and submit every wrap-up now. */
  finishAll(): void {
    this.work.finishAll()
  }

  /** Teardown: log out (refused if work remains; then just disconnect) and close. */
  stop(): void {
    this.link.sendOnce({ type: "logout", ref: this.ctx.ref("o") })
    this.link.close(500)
  }
}
