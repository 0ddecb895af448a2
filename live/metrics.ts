/**
 * The server's metrics, written by hand in the Prometheus text format (version 0.0.4): labelled
 * counters, gauges read at scrape time, and the offer-to-accept histogram. `observeEvent` turns
 * engine events into counts; the offer start times it keeps are dropped when the offer ends.
 */
import type { Event } from "../core/events.ts"

const BUCKETS_S = [0.5, 1, 2, 5, 10, 15, 20, 30, 60]

const labelText = (labels: Readonly<Record<string, string>>): string => {
  const parts = Object.entries(labels).map(([k, v]) => `${k}="${v.replace(/["\\\n]/g, "_")}"`)
  return parts.length === 0 ? "" : `{${parts.join(",")}}`
}

export class Metrics {
  private readonly counters = new Map<string, { help: string; values: Map<string, number> }>()
  private readonly gauges: Array<{ name: string; help: string; read: () => ReadonlyArray<readonly [Record<string, string>, number]> }> = []
  private readonly offerStarts = new Map<number, number>()
  private readonly bucketCounts = BUCKETS_S.map(() => 0)
  private acceptCount = 0
  private acceptSumS = 0

  inc(name: string, help: string, labels: Readonly<Record<string, string>> = {}, by = 1): void {
    let c = this.counters.get(name)
    if (c === undefined) this.counters.set(name, (c = { help, values: new Map() }))
    const key = labelText(labels)
    c.values.set(key, (c.values.get(key) ?? 0) + by)
  }

  gauge(name: string, help: string, read: () => ReadonlyArray<readonly [Record<string, string>, number]>): void {
    this.gauges.push({ name, help, read })
  }

  observeEvent(e: Event): void {
    switch (e._tag) {
      case "ChatArrived":
        return this.inc("livechat_chats_started_total", "Chats started", { proactive: String(e.proactive) })
      case "ChatClosed":
        return this.inc("livechat_chats_closed_total", "Chats closed by outcome", { outcome: e.outcome })
      case "OfferMade":
        this.offerStarts.set(e.offerId, e.atMs)
        return this.inc("livechat_offers_total", "Offers made", { kind: e.kind })
      case "OfferAccepted": {
        const start = this.offerStarts.get(e.offerId)
        this.offerStarts.delete(e.offerId)
        if (start !== undefined) this.observeAccept((e.atMs - start) / 1000)
        return this.inc("livechat_offers_ended_total", "Offers ended by outcome", { outcome: "accepted" })
      }
      case "OfferDeclined":
      case "OfferExpired":
      case "OfferCancelled":
        this.offerStarts.delete(e.offerId)
        return this.inc("livechat_offers_ended_total", "Offers ended by outcome", {
          outcome: e._tag === "OfferDeclined" ? "declined" : e._tag === "OfferExpired" ? "expired" : "cancelled"
        })
      case "PresenceChanged":
        if (e.presence._tag === "RONA") this.inc("livechat_rona_total", "Agents sent to RONA by an expired offer")
        return
      case "MessageSent":
        return this.inc("livechat_messages_total", "Chat messages by sender", { sender: e.sender._tag.toLowerCase() })
      default:
        return
    }
  }

  private observeAccept(seconds: number): void {
    this.acceptCount++
    this.acceptSumS += seconds
    BUCKETS_S.forEach((b, i) => {
      if (seconds <= b) this.bucketCounts[i]!++
    })
  }

  render(): string {
    const lines: Array<string> = []
    for (const [name, c] of [...this.counters].sort(([a], [b]) => (a < b ? -1 : 1))) {
      lines.push(`# HELP ${name} ${c.help}`, `# TYPE ${name} counter`)
      for (const [labels, v] of c.values) lines.push(`${name}${labels} ${v}`)
    }
    for (const g of this.gauges) {
      lines.push(`# HELP ${g.name} ${g.help}`, `# TYPE ${g.name} gauge`)
      for (const [labels, v] of g.read()) lines.push(`${g.name}${labelText(labels)} ${v}`)
    }
    const h = "livechat_offer_accept_seconds"
    lines.push(`# HELP ${h} Time from an offer to its accept`, `# TYPE ${h} histogram`)
    BUCKETS_S.forEach((b, i) => lines.push(`${h}_bucket{le="${b}"} ${this.bucketCounts[i]}`))
    lines.push(`${h}_bucket{le="+Inf"} ${this.acceptCount}`, `${h}_sum ${this.acceptSumS}`, `${h}_count ${this.acceptCount}`)
    return lines.join("\n") + "\n"
  }
}
