/**
 * The server's metrics (docs/protocol.md section 10) on `prom-client`: the labelled counters, each
 * declared here once with its help and label names (none or one) and counted here as plain numbers
 * per label value, handed to prom-client when scraped (an increment, several per chat message, is
 * then one map update instead of prom-client's label hashing); gauges read at scrape time; and the
 * offer-to-accept histogram. `observeEvent` turns engine events into counts; the offer start times
 * it keeps are dropped when the offer ends. `render` writes the Prometheus text format (0.0.4).
 */
import { Counter, Gauge, Histogram, Registry } from "prom-client"
import type { Event } from "../core/events.ts"

const BUCKETS_S = [0.5, 1, 2, 5, 10, 15, 20, 30, 60]

/** Every counter: its help and label names. */
const COUNTERS = {
  livechat_connections_total: { help: "WebSocket connections accepted", labelNames: ["role"] },
  livechat_connections_refused_total: { help: "WebSocket upgrades refused", labelNames: ["reason"] },
  livechat_frames_in_total: { help: "Frames received", labelNames: ["role"] },
  livechat_frames_out_total: { help: "Frames sent", labelNames: ["role"] },
  livechat_error_frames_total: { help: "Error frames sent", labelNames: ["code"] },
  livechat_closes_total: { help: "Connections closed by the server", labelNames: ["reason"] },
  livechat_chats_started_total: { help: "Chats started", labelNames: ["proactive"] },
  livechat_chats_closed_total: { help: "Chats closed by outcome", labelNames: ["outcome"] },
  livechat_offers_total: { help: "Offers made", labelNames: ["kind"] },
  livechat_offers_ended_total: { help: "Offers ended by outcome", labelNames: ["outcome"] },
  livechat_rona_total: { help: "Agents sent to RONA by an expired offer", labelNames: [] },
  livechat_messages_total: { help: "Chat messages by sender", labelNames: ["sender"] }
} as const satisfies Record<string, { readonly help: string; readonly labelNames: ReadonlyArray<string> }>

export type CounterName = keyof typeof COUNTERS
/** The labels a counter takes: exactly its label names. */
export type CounterLabels<N extends CounterName> = Readonly<Record<(typeof COUNTERS)[N]["labelNames"][number], string>>

/** What a gauge reads at scrape time: a value per label set. */
export type GaugeRead = () => ReadonlyArray<readonly [Readonly<Record<string, string>>, number]>

/** A counter's counts by the value of its one label ("" for a counter without labels). */
type Counts = Map<string, number>

export class ServerMetrics {
  readonly registry = new Registry()
  private readonly counts = new Map<CounterName, Counts>()
  private readonly offerStarts = new Map<number, number>()
  private readonly acceptSeconds = new Histogram({
    name: "livechat_offer_accept_seconds",
    help: "Time from an offer to its accept",
    buckets: BUCKETS_S,
    registers: [this.registry]
  })

  constructor() {
    for (const [name, { help, labelNames }] of Object.entries(COUNTERS)) {
      const counts: Counts = new Map()
      this.counts.set(name as CounterName, counts)
      const label: string | undefined = labelNames[0]
      new Counter({
        name,
        help,
        labelNames: [...labelNames],
        registers: [this.registry],
        collect() {
          this.reset()
          for (const [value, n] of counts) {
            if (label === undefined) this.inc(n)
            else this.inc({ [label]: value }, n)
          }
        }
      })
    }
  }

  inc<N extends CounterName>(name: N, labels: CounterLabels<N>): void {
    const label: string | undefined = COUNTERS[name].labelNames[0]
    const value = label === undefined ? "" : (labels as Readonly<Record<string, string>>)[label]!
    const counts = this.counts.get(name)!
    counts.set(value, (counts.get(value) ?? 0) + 1)
  }

  /** A gauge whose values `read` gives at each scrape (NaN is written as prom-client's `Nan`). */
  gauge(name: string, help: string, labelNames: ReadonlyArray<string>, read: GaugeRead): void {
    new Gauge({
      name,
      help,
      labelNames: [...labelNames],
      registers: [this.registry],
      collect() {
        this.reset()
        for (const [labels, value] of read()) this.set(labels, value)
      }
    })
  }

  observeEvent(e: Event): void {
    switch (e._tag) {
      case "ChatArrived":
        return this.inc("livechat_chats_started_total", { proactive: String(e.proactive) })
      case "ChatClosed":
        return this.inc("livechat_chats_closed_total", { outcome: e.outcome })
      case "OfferMade":
        this.offerStarts.set(e.offerId, e.atMs)
        return this.inc("livechat_offers_total", { kind: e.kind })
      case "OfferAccepted": {
        const start = this.offerStarts.get(e.offerId)
        this.offerStarts.delete(e.offerId)
        if (start !== undefined) this.acceptSeconds.observe((e.atMs - start) / 1000)
        return this.inc("livechat_offers_ended_total", { outcome: "accepted" })
      }
      case "OfferDeclined":
      case "OfferExpired":
      case "OfferCancelled":
        this.offerStarts.delete(e.offerId)
        return this.inc("livechat_offers_ended_total", {
          outcome: e._tag === "OfferDeclined" ? "declined" : e._tag === "OfferExpired" ? "expired" : "cancelled"
        })
      case "PresenceChanged":
        if (e.presence._tag === "RONA") this.inc("livechat_rona_total", {})
        return
      case "MessageSent":
        return this.inc("livechat_messages_total", { sender: e.sender._tag.toLowerCase() })
      default:
        return
    }
  }

  /** The exposition's content type: `text/plain; version=0.0.4; charset=utf-8`. */
  get contentType(): string {
    return this.registry.contentType
  }

  render(): Promise<string> {
    return this.registry.metrics()
  }
}
