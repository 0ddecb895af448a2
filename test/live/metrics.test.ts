// /metrics on prom-client: the exposition parsed back (Prometheus text, 0.0.4) after a chat, every
// metric of docs/protocol.md section 10 present with its type, and the counts, gauges and the
// offer-to-accept histogram telling what happened.
import { readFileSync } from "node:fs"
import { join } from "node:path"
import { afterAll, beforeAll, describe, expect, it } from "vitest"
import { ServerMetrics } from "../../live/metrics.ts"
import type { RunningServer } from "../../live/server.ts"
import { root } from "../support/cli.ts"
import { ackOf, availableAgent, Client, startChat, startTestServer, type } from "./support.ts"

interface Sample {
  readonly name: string
  readonly labels: Readonly<Record<string, string>>
  readonly value: number
}

/** Prometheus text -> the TYPE of each family and every sample (label values unescaped). */
const parseExposition = (text: string): { types: Map<string, string>; samples: Array<Sample> } => {
  const types = new Map<string, string>()
  const samples: Array<Sample> = []
  for (const line of text.split("\n")) {
    const typed = /^# TYPE (\S+) (\S+)$/.exec(line)
    if (typed !== null) types.set(typed[1]!, typed[2]!)
    if (line === "" || line.startsWith("#")) continue
    const m = /^([a-zA-Z_:][\w:]*)(?:\{(.*)\})? (\S+)$/.exec(line)
    if (m === null) throw new Error(`not a sample line: ${line}`)
    const labels: Record<string, string> = {}
    for (const l of (m[2] ?? "").matchAll(/(\w+)="((?:[^"\\]|\\.)*)"/g))
      labels[l[1]!] = l[2]!.replace(/\\(.)/g, (_, c: string) => (c === "n" ? "\n" : c))
    samples.push({ name: m[1]!, labels, value: Number(m[3]!.replace(/^Nan$/, "NaN")) })
  }
  return { types, samples }
}

const sampleValue = (
  samples: ReadonlyArray<Sample>,
  name: string,
  labels: Record<string, string> = {}
): number | undefined =>
  samples.find((s) => s.name === name && Object.entries(labels).every(([k, v]) => s.labels[k] === v))?.value

/** The metric names docs/protocol.md section 10 lists, with the type it gives each. */
const documented = (): Map<string, string> => {
  const doc = readFileSync(join(root, "docs/protocol.md"), "utf8")
  const section = doc.slice(doc.indexOf("## 10. Metrics"), doc.indexOf("## 11."))
  const out = new Map<string, string>()
  for (const [part, kind] of [
    [/Counters:([\s\S]*?)Gauges:/, "counter"],
    [/Gauges:([\s\S]*?)Histogram:/, "gauge"],
    [/Histogram:([\s\S]*)/, "histogram"]
  ] as const) {
    for (const m of (part.exec(section)?.[1] ?? "").matchAll(/`(livechat_\w+)/g)) out.set(m[1]!, kind)
  }
  return out
}

let server: RunningServer
beforeAll(async () => {
  server = await startTestServer()
})
afterAll(async () => {
  await server.close()
})

describe("/metrics", () => {
  it("exposes every documented metric with its type, and counts a chat", async () => {
    const agent = await availableAgent(server.url, "a1")
    const chat = await startChat(server.url, "support", "Dana")
    const customer = await Client.open(server.url, "customer", chat.token)
    customer.send({ type: "hello" })
    await customer.next(type("welcome"))
    const offer = await agent.next(type("offer"))
    agent.send({ type: "accept", offerId: offer["offerId"], ref: "acc" })
    await agent.next(ackOf("acc"))
    customer.send({ type: "send", text: "hello", ref: "c1" })
    await customer.next(ackOf("c1"))
    customer.send({ type: "send", text: 3, ref: "c2" })
    await customer.next(ackOf("c2"))

    const res = await fetch(`${server.url}/metrics`)
    expect(res.status).toBe(200)
    expect(res.headers.get("content-type")).toBe("text/plain; version=0.0.4; charset=utf-8")
    const { types, samples } = parseExposition(await res.text())
    const docs = documented()
    expect(docs.size).toBe(19)
    for (const [name, kind] of docs) expect(types.get(name), name).toBe(kind)
    expect([...types.keys()].filter((n) => !docs.has(n))).toEqual([])

    expect(sampleValue(samples, "livechat_chats_started_total", { proactive: "false" })).toBe(1)
    expect(sampleValue(samples, "livechat_offers_total", { kind: "route" })).toBe(1)
    expect(sampleValue(samples, "livechat_offers_ended_total", { outcome: "accepted" })).toBe(1)
    expect(sampleValue(samples, "livechat_messages_total", { sender: "customer" })).toBe(1)
    expect(sampleValue(samples, "livechat_connections_total", { role: "agent" })).toBe(1)
    expect(sampleValue(samples, "livechat_error_frames_total", { code: "SCHEMA" })).toBe(1)
    expect(sampleValue(samples, "livechat_frames_in_total", { role: "customer" })).toBe(3)
    expect(sampleValue(samples, "livechat_rona_total")).toBe(0)
    expect(sampleValue(samples, "livechat_connections_open", { role: "agent" })).toBe(1)
    expect(sampleValue(samples, "livechat_connections_open", { role: "customer" })).toBe(1)
    expect(sampleValue(samples, "livechat_chats_open")).toBe(1)
    expect(sampleValue(samples, "livechat_agents_available")).toBe(1)
    expect(sampleValue(samples, "livechat_inputs_logged")).toBeGreaterThanOrEqual(4)
    // one chat arrived and was answered within the threshold: the service level is 1
    expect(sampleValue(samples, "livechat_service_level", { queue: "support" })).toBe(1)
    // billing saw no chat: undetermined, NaN
    expect(sampleValue(samples, "livechat_service_level", { queue: "billing" })).toBeNaN()
    expect(sampleValue(samples, "livechat_offer_accept_seconds_count")).toBe(1)
    expect(sampleValue(samples, "livechat_offer_accept_seconds_bucket", { le: "60" })).toBe(1)
    expect(sampleValue(samples, "livechat_offer_accept_seconds_bucket", { le: "+Inf" })).toBe(1)
    expect(samples.filter((s) => s.name === "livechat_offer_accept_seconds_bucket").map((s) => s.labels["le"])).toEqual(
      ["0.5", "1", "2", "5", "10", "15", "20", "30", "60", "+Inf"]
    )
    agent.close()
    customer.close()
  })

  it("counters keep counting across scrapes: each scrape shows the totals so far, never twice", async () => {
    const m = new ServerMetrics()
    const scrape = async () => parseExposition(await m.render()).samples
    let samples = await scrape()
    expect(sampleValue(samples, "livechat_rona_total")).toBe(0)
    expect(sampleValue(samples, "livechat_frames_in_total", { role: "agent" })).toBeUndefined()
    for (let i = 0; i < 3; i++) m.inc("livechat_frames_in_total", { role: "agent" })
    m.inc("livechat_frames_in_total", { role: "customer" })
    m.inc("livechat_rona_total", {})
    samples = await scrape()
    expect(sampleValue(samples, "livechat_frames_in_total", { role: "agent" })).toBe(3)
    expect(sampleValue(samples, "livechat_frames_in_total", { role: "customer" })).toBe(1)
    expect(sampleValue(samples, "livechat_rona_total")).toBe(1)
    m.inc("livechat_frames_in_total", { role: "agent" })
    samples = await scrape()
    expect(sampleValue(samples, "livechat_frames_in_total", { role: "agent" })).toBe(4)
    expect(sampleValue(samples, "livechat_frames_in_total", { role: "customer" })).toBe(1)
    expect(sampleValue(samples, "livechat_rona_total")).toBe(1)
  })
})
