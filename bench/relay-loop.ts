/**
 * The live relay benchmark's closed loop over one relay (the server or the bare `ws` relay): each
 * customer keeps `window` messages in flight, and every delivery at an agent lets its customer send
 * the next. It can be paused and resumed, so that several relays take turns on the same machine:
 * paused, it sends nothing new and its messages in flight drain; resumed, each customer tops up to
 * the window again. Deliveries are counted (with their latency) only while counting is on.
 * Invariants: a message id is sent once; a customer never has more than `window` in flight;
 * `lost` counts messages sent and never delivered, `duplicated` deliveries of a message already
 * delivered.
 */
import type WebSocket from "ws"
import { Trend } from "../live/load/metrics.ts"

export interface Rig {
  readonly customers: ReadonlyArray<{ readonly chatId: string; readonly ws: WebSocket }>
  readonly agents: ReadonlyArray<WebSocket>
}

const PAD = "x".repeat(120)

export class RelayLoop {
  private readonly rig: Rig
  private readonly window: number
  private readonly byChat: Map<string, WebSocket>
  private readonly inFlight = new Map<string, number>()
  private readonly sentAt = new Map<string, number>()
  private readonly delivered = new Set<string>()
  private readonly latency = new Trend()
  private n = 0
  private active = false
  private counting = false
  private countedMs = 0
  private countStart = 0
  private countedAtStart = 0
  duplicated = 0
  acked = 0
  counted = 0

  constructor(rig: Rig, window: number) {
    this.rig = rig
    this.window = window
    this.byChat = new Map(rig.customers.map((c) => [c.chatId, c.ws]))
    for (const c of rig.customers) {
      this.inFlight.set(c.chatId, 0)
      c.ws.on("message", (data) => {
        if (data.toString().includes('"type":"ack"')) this.acked++
      })
    }
    for (const a of rig.agents) a.on("message", (data) => this.onAgentFrame(data))
  }

  /** Send again: every customer tops up to the window. */
  resume(): void {
    this.active = true
    for (const chatId of this.byChat.keys()) while (this.inFlight.get(chatId)! < this.window) this.send(chatId)
  }

  /** Send nothing new; what is in flight drains. */
  pause(): void {
    this.active = false
  }

  startCounting(): void {
    this.counting = true
    this.countStart = performance.now()
    this.countedAtStart = this.counted
  }

  /** Stop counting; returns the deliveries per second since `startCounting`. */
  stopCounting(): number {
    this.counting = false
    const ms = performance.now() - this.countStart
    this.countedMs += ms
    return ms === 0 ? 0 : ((this.counted - this.countedAtStart) * 1000) / ms
  }

  /** Deliveries per second over the time counted so far. */
  get msgsPerSec(): number {
    return this.countedMs === 0 ? 0 : (this.counted * 1000) / this.countedMs
  }

  result() {
    const lat = this.latency.summary()
    return {
      msgsPerSec: Math.round(this.msgsPerSec),
      sent: this.sentAt.size,
      acked: this.acked,
      lost: this.sentAt.size - this.delivered.size,
      duplicated: this.duplicated,
      p50Ms: lat.p50,
      p99Ms: lat.p99
    }
  }

  close(): void {
    for (const c of this.rig.customers) c.ws.terminate()
    for (const a of this.rig.agents) a.terminate()
  }

  private send(chatId: string): void {
    const id = `m${++this.n}`
    this.sentAt.set(id, performance.now())
    this.inFlight.set(chatId, this.inFlight.get(chatId)! + 1)
    this.byChat.get(chatId)!.send(JSON.stringify({ type: "send", text: `bench ${id} ${PAD}`, ref: `r-${id}` }))
  }

  private onAgentFrame(data: WebSocket.RawData): void {
    const f = JSON.parse(data.toString()) as Record<string, unknown>
    if (f["type"] !== "message" || f["sender"] !== "customer") return
    const id = /^bench (\S+)/.exec(String(f["text"]))?.[1]
    if (id === undefined) return
    if (this.delivered.has(id)) return void this.duplicated++
    this.delivered.add(id)
    const chatId = String(f["chatId"])
    this.inFlight.set(chatId, this.inFlight.get(chatId)! - 1)
    if (this.counting) {
      this.counted++
      this.latency.add(performance.now() - this.sentAt.get(id)!)
    }
    if (this.active) this.send(chatId)
  }
}
