/**
 * One virtual customer: starts its chat over HTTP at its scheduled arrival, connects its socket,
 * waits, leaves when its patience (scenario time / time scale) runs out before an agent joins,
 * sends the scenario's messages once an agent joined (each gap drawn, each send timed from its
 * scheduled moment), may leave mid-chat, and is done at `chatClosed`. It tells the ledger which
 * acked messages an agent had to hear live: those acked while an agent held the chat (the
 * customer's frames come in server order, so a `transferred`/`queued`/`chatEnded` before the ack
 * means the message was not for a live agent).
 */
import { meanOf, sample } from "../../sim/dists.ts"
import type { Arrival } from "./arrivals.ts"
import type { RunContext } from "./context.ts"
import { STREAMS } from "./context.ts"
import type { Frame, Socket } from "./net.ts"
import { openSocket, postJson } from "./net.ts"
import { sourceAddress } from "./options.ts"

export type CustomerEnd = "completed" | "abandoned" | "other" | "refused" | "unfinished"

export class Customer {
  private socket: Socket | undefined
  private chatId = ""
  private held = false
  private joinedOnce = false
  private ended = false
  private closed = false
  private readonly pending = new Set<string>()
  private finish: (end: CustomerEnd) => void = () => {}
  readonly done: Promise<CustomerEnd>

  private readonly ctx: RunContext
  private readonly index: number
  private readonly arrival: Arrival

  constructor(ctx: RunContext, index: number, arrival: Arrival) {
    this.ctx = ctx
    this.index = index
    this.arrival = arrival
    this.done = new Promise((resolve) => {
      this.finish = (end) => {
        if (this.closed) return
        this.closed = true
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
    const local = sourceAddress(ctx.ws, ctx.options.sourceAddresses, index)
    let answer
    try {
      answer = await postJson(ctx.http, "/api/chat", {
        queueId: this.arrival.queueId, customerName: `Load customer ${index}`,
        idempotencyKey: `load-${ctx.runId}-chat-${index}`, proactive: this.arrival.proactive
      }, local)
    } catch (e) {
      m.counts.chatsRefused++
      m.error(`HTTP ${(e as Error).message}`)
      return this.finish("refused")
    }
    if (answer.status !== 201 && answer.status !== 200) {
      m.counts.chatsRefused++
      m.error(`HTTP ${answer.status} ${String(answer.body["code"] ?? "")}`)
      return this.finish("refused")
    }
    m.counts.chatsStarted++
    this.chatId = String(answer.body["chatId"])
    ctx.arrivalOf.set(this.chatId, this.arrival.atMs)
    const offeredAt = m.firstOfferAtMs.get(this.chatId)
    if (offeredAt !== undefined) m.trends.timeToOfferMs.add(offeredAt - this.arrival.atMs)
    try {
      const { socket, connectMs } = await openSocket(`${ctx.ws}/ws/customer?token=${encodeURIComponent(String(answer.body["token"]))}`, local, {
        onFrame: (f) => this.onFrame(f),
        onClose: () => {
          if (!this.closed) m.counts.unexpectedCloses++
          this.finish("unfinished")
        }
      })
      m.trends.connectMs.add(connectMs)
      this.socket = socket
    } catch (e) {
      m.counts.connectErrors++
      m.error(`connect: ${(e as Error).message}`)
      return this.finish("unfinished")
    }
    this.socket.send({ type: "hello" })
    const patience = ctx.scenario.customers.patience
    if (patience !== undefined) {
      const waitMs = ctx.scaledMs(patience, STREAMS.customer, index, 1)
      ctx.at(this.arrival.atMs + waitMs, () => {
        if (!this.joinedOnce && !this.ended) this.leave()
      })
    }
  }

  /** Leave now (patience, mid-chat leave, or the end of the drain). */
  leave(): void {
    if (this.closed || this.ended) return
    this.socket?.send({ type: "leave", ref: this.ctx.ref("l") })
  }

  /** Teardown: close the socket, counting the chat as unfinished if it was still open. */
  abort(): void {
    this.finish("unfinished")
    this.socket?.close()
  }

  private onFrame(f: Frame): void {
    const m = this.ctx.metrics
    const now = this.ctx.now()
    switch (f.type) {
      case "agentJoined":
        this.held = true
        if (!this.joinedOnce) {
          this.joinedOnce = true
          this.planChat(now)
        }
        return
      case "transferred":
      case "queued":
        this.held = false
        return
      case "chatEnded":
        this.held = false
        this.ended = true
        return
      case "message":
        return m.received(`customer:${this.chatId}`, this.chatId, Number(f["seq"]), String(f["text"]), now, true)
      case "welcome":
        for (const msg of (f["messages"] as ReadonlyArray<Frame> | undefined) ?? []) {
          m.received(`customer:${this.chatId}`, this.chatId, Number(msg["seq"]), String(msg["text"]), now, false)
        }
        return
      case "ack": {
        const ref = typeof f["ref"] === "string" ? f["ref"] : undefined
        if (ref !== undefined && this.pending.delete(ref)) m.acked(ref, now, this.held)
        return
      }
      case "error": {
        m.error(String(f["code"]))
        const ref = typeof f["ref"] === "string" ? f["ref"] : undefined
        if (ref !== undefined && this.pending.delete(ref)) m.refused(ref)
        return
      }
      case "chatClosed": {
        const outcome = String(f["outcome"])
        if (outcome === "completed") m.counts.chatsCompleted++
        else if (outcome === "abandoned") m.counts.chatsAbandoned++
        else m.counts.chatsOtherOutcome++
        this.finish(outcome === "completed" ? "completed" : outcome === "abandoned" ? "abandoned" : "other")
        return this.socket?.close()
      }
    }
  }

  /** The messages and the chance to leave mid-chat, drawn when an agent first joins. */
  private planChat(nowMs: number): void {
    const { ctx, index } = this
    const c = ctx.scenario.customers
    const u = ctx.draws.at(STREAMS.customer, index, 2)
    const leave = u.next() < c.leaveDuringChatProbability
    const leaveShare = u.next()
    if (leave) {
      const groups = ctx.played.map((a) => meanOf(a.group.handleTime))
      const meanHandleMs = groups.length === 0 ? 0 : groups.reduce((s, x) => s + x, 0) / groups.length
      ctx.at(nowMs + (leaveShare * meanHandleMs) / ctx.options.timeScale, () => this.leave())
    }
    if (c.messages === undefined) return
    const count = Math.max(0, Math.min(1_000, Math.round(sample(c.messages.count, u))))
    let t = nowMs
    for (let i = 0; i < count; i++) {
      t += ctx.scaledMs(c.messages.gap, STREAMS.customer, index, 100 + i)
      const scheduledAtMs = t
      ctx.at(scheduledAtMs, () => this.sendMessage(scheduledAtMs))
    }
  }

  private sendMessage(scheduledAtMs: number): void {
    if (!this.held || this.ended || this.closed || this.socket === undefined) return
    const ref = this.ctx.ref("c")
    this.pending.add(ref)
    this.ctx.metrics.send(ref, "customer", this.chatId, scheduledAtMs)
    this.socket.send({ type: "send", text: `load ${ref}`, ref })
  }
}
