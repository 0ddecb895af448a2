/**
 * What the driver measures, k6-style: Trends (HDR histograms in microseconds, read back in ms)
 * for connect time, time to offer, offer to accept, message send-to-ack and message delivery
 * latency (taken from the scheduled send time, so a stalled driver or server cannot hide behind
 * coordinated omission), Counters for chats and messages, and the message ledger that finds lost
 * and duplicated messages: every message is tracked by its ref (in its text) from send to ack to
 * receipt, and every receiving party's seqs per chat are checked for repeats. A message whose
 * receiver another load generator plays (execution segments) is counted as crossed and not judged
 * lost here: that generator cannot report its receipts back.
 */

import type { Histogram } from "hdr-histogram-js"
import hdr from "hdr-histogram-js"
import type { ChatEnd } from "./outcomes.ts"
import { ChatLedger } from "./outcomes.ts"

export const TRENDS = ["connectMs", "timeToOfferMs", "offerToAcceptMs", "messageAckMs", "messageLatencyMs"] as const
export type TrendName = (typeof TRENDS)[number]

export interface TrendSummary {
  readonly count: number
  readonly min: number
  readonly avg: number
  readonly p50: number
  readonly p90: number
  readonly p95: number
  readonly p99: number
  readonly max: number
}

const newHistogram = (): Histogram =>
  hdr.build({
    lowestDiscernibleValue: 1,
    highestTrackableValue: 3_600_000_000,
    numberOfSignificantValueDigits: 3,
    useWebAssembly: false
  })

export class Trend {
  private readonly h = newHistogram()
  private sumMs = 0
  private n = 0
  add(ms: number): void {
    const us = Math.max(1, Math.min(3_600_000_000, Math.round(ms * 1000)))
    this.h.recordValue(us)
    this.sumMs += ms
    this.n++
  }
  /** The value at `percentile` (0-100], ms. */
  at(percentile: number): number {
    // HDR answers a bucket's highest equivalent value, which can lie just above the recorded max
    return this.n === 0 ? 0 : Math.round(Math.min(this.h.getValueAtPercentile(percentile), this.h.maxValue)) / 1000
  }
  summary(): TrendSummary {
    const at = (p: number): number => this.at(p)
    return {
      count: this.n,
      min: this.n === 0 ? 0 : Math.round(this.h.minNonZeroValue) / 1000,
      avg: this.n === 0 ? 0 : Math.round((this.sumMs / this.n) * 1000) / 1000,
      p50: at(50),
      p90: at(90),
      p95: at(95),
      p99: at(99),
      max: this.n === 0 ? 0 : Math.round(this.h.maxValue) / 1000
    }
  }
}

/** One message from send to receipt. `expected`: the other side must receive it live. */
interface Sent {
  readonly from: "customer" | "agent"
  readonly chatId: string
  readonly scheduledAtMs: number
  /** Its other side is played by another load generator, which cannot tell this one what it received. */
  readonly crossed: boolean
  acked: boolean
  expected: boolean
  delivered: number
}

export class LoadMetrics {
  readonly trends: Record<TrendName, Trend> = {
    connectMs: new Trend(),
    timeToOfferMs: new Trend(),
    offerToAcceptMs: new Trend(),
    messageAckMs: new Trend(),
    messageLatencyMs: new Trend()
  }
  /** Every attempted chat's end, in one category each (outcomes.ts). */
  readonly chats = new ChatLedger()
  readonly counts = {
    chatsStarted: 0,
    chatsDropped: 0,
    reconnects: 0,
    agentsLostConnection: 0,
    offers: 0,
    accepts: 0,
    declines: 0,
    missed: 0,
    rona: 0,
    transfers: 0,
    conferences: 0,
    wrapUps: 0,
    messagesSent: 0,
    messagesCrossed: 0,
    messagesAcked: 0,
    messagesRefused: 0,
    messagesReceived: 0,
    duplicatedMessages: 0,
    connectErrors: 0,
    unexpectedCloses: 0,
    errorFrames: 0
  }
  /** Error codes the server answered with, and how often. */
  readonly errorCodes = new Map<string, number>()
  /** Wall ms of the first offer for each chat (an offer can arrive before the chat's POST answers). */
  readonly firstOfferAtMs = new Map<string, number>()
  private readonly sent = new Map<string, Sent>()
  /** Receipts per receiving party and chat: seqs already seen. */
  private readonly seen = new Map<string, Set<number>>()

  /** A chat ended (or was refused): counted once, in its category. */
  chatEnded(end: ChatEnd): void {
    this.chats.end(end)
  }

  error(code: string): void {
    this.counts.errorFrames++
    this.errorCodes.set(code, (this.errorCodes.get(code) ?? 0) + 1)
  }

  /** A message was written to the socket; its ref is in its text. `crossed`: its receiver is another generator's. */
  send(ref: string, from: "customer" | "agent", chatId: string, scheduledAtMs: number, crossed: boolean): void {
    this.counts.messagesSent++
    if (crossed) this.counts.messagesCrossed++
    this.sent.set(ref, { from, chatId, scheduledAtMs, crossed, acked: false, expected: false, delivered: 0 })
  }

  /** Its ack: `expected` says whether the other side had to hear it live. */
  acked(ref: string, nowMs: number, expected: boolean): void {
    const s = this.sent.get(ref)
    if (s === undefined || s.acked) return
    s.acked = true
    s.expected = expected && !s.crossed
    this.counts.messagesAcked++
    this.trends.messageAckMs.add(nowMs - s.scheduledAtMs)
  }

  refused(ref: string): void {
    if (this.sent.delete(ref)) this.counts.messagesRefused++
  }

  /**
   * A `message` frame reached `party` (an agent id or "customer:<chat>"); `live`: not a snapshot.
   * A duplicate is a seq delivered live to a party that already had it; a snapshot (the thread
   * shown when a chat is assigned again, e.g. back to an agent after a transfer) may repeat what
   * the party saw before and is not one.
   */
  received(party: string, chatId: string, seq: number, text: string, nowMs: number, live: boolean): void {
    const key = `${party}|${chatId}`
    let seqs = this.seen.get(key)
    if (seqs === undefined) this.seen.set(key, (seqs = new Set()))
    if (seqs.has(seq)) {
      if (live) this.counts.duplicatedMessages++
      return
    }
    seqs.add(seq)
    const ref = /^load (\S+)/.exec(text)?.[1]
    const s = ref === undefined ? undefined : this.sent.get(ref)
    const counterpart = party.startsWith("customer:") ? "agent" : "customer"
    if (s === undefined || s.from !== counterpart || s.chatId !== chatId) return
    this.counts.messagesReceived++
    if (s.delivered++ === 0 && live) this.trends.messageLatencyMs.add(nowMs - s.scheduledAtMs)
  }

  /** Acked messages the other side (played by this generator) had to hear live and never did. */
  lostMessages(): number {
    let n = 0
    for (const s of this.sent.values()) if (s.acked && s.expected && s.delivered === 0) n++
    return n
  }

  /** Sent, never acked nor refused (the socket closed first). */
  unanswered(): number {
    let n = 0
    for (const s of this.sent.values()) if (!s.acked) n++
    return n
  }
}
