/**
 * One virtual customer: starts its chat over HTTP at its scheduled arrival, connects its socket,
 * waits, leaves when its patience (the workload's draw for its chat, scenario time / time scale)
 * runs out before an agent joins, carries out its side of each handling plan (the workload's, which
 * the owning agent computes: messages, each sent from its scheduled moment while an agent holds the
 * chat, and leaving mid-chat), and is done at `chatClosed`. When another load generator plays the
 * owner (execution segments), the customer draws its side of the plan itself when the owner joins,
 * by the owner's group (known by the name `agentJoined` gives), and its messages count as crossed. It tells the ledger which
 * acked messages an agent had to hear live: those acked while an agent held the chat (the
 * customer's frames come in server order, so a `transferred`/`queued`/`chatEnded` before the ack
 * means the message was not for a live agent). When the socket drops it reconnects as the
 * protocol allows (same token, `hello` with the last seq seen, unanswered frames resent with their
 * refs) for up to the reconnect window; then the chat is lost (`lostConnection`).
 * Invariant: each customer ends in exactly one category of outcomes.ts, reported once.
 */
import { patienceMs } from "../../sim/workload/arrivals.ts"
import { handlingPlan } from "../../sim/workload/handling.ts"
import type { CustomerAct } from "../../sim/workload/intent.ts"
import { MAX_EXCHANGES } from "./agent-work.ts"
import type { Arrival } from "./arrivals.ts"
import type { RunContext } from "./context.ts"
import { Link } from "./link.ts"
import type { Frame } from "./net.ts"
import { postJson } from "./net.ts"
import { sourceAddress } from "./options.ts"
import type { ChatEnd } from "./outcomes.ts"
import { endOfOutcome } from "./outcomes.ts"

export type CustomerEnd = ChatEnd

export class Customer {
  private readonly link: Link
  private chatId = ""
  private token = ""
  private lastSeq = 0
  private held = false
  /** The owner is played by another load generator. */
  private crossed = false
  /** Owner handlings this customer drew for itself (a due act of an earlier one is dropped). */
  private crossedHandling = 0
  private joinedOnce = false
  private ended = false
  private closed = false
  /** Refs of frames sent and not yet answered. */
  private readonly pending = new Set<string>()
  private finish: (end: CustomerEnd) => void = () => {}
  readonly done: Promise<CustomerEnd>

  private readonly ctx: RunContext
  private readonly index: number
  private readonly arrival: Arrival
  private readonly name: string

  /** `index`: the n-th customer the driver started (its source address); the arrival has the chat's index. */
  constructor(ctx: RunContext, index: number, arrival: Arrival) {
    this.ctx = ctx
    this.index = index
    this.arrival = arrival
    this.name = ctx.customerName(arrival.chatIndex)
    ctx.chats.set(this.name, {
      index: arrival.chatIndex,
      handlings: 0,
      customer: { act: (act, atMs) => this.act(act, atMs) }
    })
    this.link = new Link(ctx, {
      url: () => `${ctx.ws}/ws/customer?token=${encodeURIComponent(this.token)}`,
      local: sourceAddress(ctx.ws, ctx.options.sourceAddresses, index),
      hello: () => ({ type: "hello", lastSeq: this.lastSeq }),
      onFrame: (f) => this.onFrame(f),
      lost: () => this.finish("lostConnection")
    })
    this.done = new Promise((resolve) => {
      this.finish = (end) => {
        if (this.closed) return
        this.closed = true
        ctx.chats.delete(this.name)
        ctx.metrics.chatEnded(end)
        resolve(end)
      }
    })
  }

  get open(): boolean {
    return !this.closed
  }

  async start(): Promise<void> {
    const { ctx, index } = this
    const m = ctx.metrics
    m.chats.attempt()
    const local = sourceAddress(ctx.ws, ctx.options.sourceAddresses, index)
    let answer: Awaited<ReturnType<typeof postJson>>
    try {
      answer = await postJson(
        ctx.http,
        "/api/chat",
        {
          queueId: this.arrival.queueId,
          customerName: this.name,
          idempotencyKey: `load-${ctx.runId}-chat-${index}`,
          proactive: this.arrival.proactive
        },
        local
      )
    } catch (e) {
      m.error(`HTTP ${(e as Error).message}`)
      return this.finish("refused")
    }
    if (answer.status !== 201 && answer.status !== 200) {
      m.error(`HTTP ${answer.status} ${String(answer.body["code"] ?? "")}`)
      return this.finish("refused")
    }
    m.counts.chatsStarted++
    this.chatId = String(answer.body["chatId"])
    this.token = String(answer.body["token"])
    ctx.arrivalOf.set(this.chatId, this.arrival.atMs)
    const offeredAt = m.firstOfferAtMs.get(this.chatId)
    if (offeredAt !== undefined) m.trends.timeToOfferMs.add(offeredAt - this.arrival.atMs)
    try {
      m.trends.connectMs.add(await this.link.open())
    } catch (e) {
      m.counts.connectErrors++
      m.error(`connect: ${(e as Error).message}`)
      void this.link.reconnect()
    }
    const patience = patienceMs(ctx.draws, ctx.scenario.customers, this.arrival.chatIndex)
    if (patience !== undefined) {
      ctx.at(this.arrival.atMs + ctx.wallMs(patience), () => {
        if (!this.joinedOnce && !this.ended) this.leave()
      })
    }
  }

  /** Leave now (patience, mid-chat leave, or the end of the drain). */
  leave(): void {
    if (this.closed || this.ended) return
    this.send({ type: "leave", ref: this.ctx.ref("l") })
  }

  private send(frame: Record<string, unknown>): void {
    if (typeof frame["ref"] === "string") this.pending.add(frame["ref"])
    this.link.send(frame)
  }

  /** Teardown: close the socket, counting the chat as unfinished if it was still open. */
  abort(): void {
    this.finish("unfinished")
    this.link.close()
  }

  private onFrame(f: Frame): void {
    const m = this.ctx.metrics
    const now = this.ctx.now()
    switch (f.type) {
      case "agentJoined": {
        // while an agent holds the chat, a join is a conference peer's, not a new owner's
        const owner = !this.held
        this.held = true
        this.joinedOnce = true
        if (owner) this.ownerJoined(String(f["agentName"]), now)
        return
      }
      case "transferred":
      case "queued":
        this.held = false
        this.crossed = false
        return
      case "chatEnded":
        this.held = false
        this.crossed = false
        this.ended = true
        return
      case "message":
        this.lastSeq = Math.max(this.lastSeq, Number(f["seq"]))
        return m.received(`customer:${this.chatId}`, this.chatId, Number(f["seq"]), String(f["text"]), now, true)
      case "welcome": {
        for (const msg of (f["messages"] as ReadonlyArray<Frame> | undefined) ?? []) {
          this.lastSeq = Math.max(this.lastSeq, Number(msg["seq"]))
          m.received(`customer:${this.chatId}`, this.chatId, Number(msg["seq"]), String(msg["text"]), now, false)
        }
        const status = String(f["status"])
        this.held = status === "active"
        if (status === "ended") this.ended = true
        if (status === "closed") return this.closedAs(String(f["outcome"]))
        // after a reconnect: what was not answered goes again, with its ref
        this.link.resendUnanswered()
        return
      }
      case "ack": {
        const ref = typeof f["ref"] === "string" ? f["ref"] : undefined
        if (ref !== undefined) this.link.answered(ref)
        if (ref !== undefined && this.pending.delete(ref)) m.acked(ref, now, this.held)
        return
      }
      case "error": {
        m.error(String(f["code"]))
        const ref = typeof f["ref"] === "string" ? f["ref"] : undefined
        if (ref !== undefined) this.link.answered(ref)
        if (ref !== undefined && this.pending.delete(ref)) m.refused(ref)
        return
      }
      case "chatClosed":
        return this.closedAs(String(f["outcome"]))
    }
  }

  private closedAs(outcome: string): void {
    this.finish(endOfOutcome(outcome))
    this.link.close()
  }

  /** A new owner joined: if another generator plays it, draw this side of its handling plan here. */
  private ownerJoined(agentName: string, now: number): void {
    const { ctx } = this
    this.crossed = !ctx.playedNames.has(agentName)
    const group = ctx.groupOfName.get(agentName)
    const chat = ctx.chats.get(this.name)
    if (!this.crossed || group === undefined || chat === undefined) return
    const handling = ++this.crossedHandling
    let messages = 0
    for (const step of handlingPlan(ctx.draws, group, ctx.scenario.customers, chat.index, chat.handlings++)) {
      if (step._tag !== "CustomerAct" || (step.act === "message" && ++messages > MAX_EXCHANGES)) continue
      const atMs = now + ctx.wallMs(step.afterMs)
      ctx.at(atMs, () => {
        if (this.crossed && handling === this.crossedHandling) this.act(step.act, atMs)
      })
    }
  }

  /** A due act of a handling plan (workload/handling.ts), scheduled for `scheduledAtMs`. */
  act(act: CustomerAct, scheduledAtMs: number): void {
    switch (act) {
      case "message":
        return this.sendMessage(scheduledAtMs)
      case "leave":
        return this.leave()
    }
  }

  private sendMessage(scheduledAtMs: number): void {
    if (!this.held || this.ended || this.closed) return
    const ref = this.ctx.ref("c")
    this.ctx.metrics.send(ref, "customer", this.chatId, scheduledAtMs, this.crossed)
    this.send({ type: "send", text: `load ${ref}`, ref })
  }
}
