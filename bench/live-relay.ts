/**
 * Live benchmark case `live-relay`: chat messages customer -> agent through `livechat-sim serve`
 * against a bare `ws` relay (bench/bare-relay.ts) measured in the same run, same client, same
 * topology: 40 chats held by 4 agents, each customer keeping 8 messages in flight (closed loop at
 * saturation, bench/relay-loop.ts). The server runs on a temp data directory with its durable log
 * (WAL, synchronous=FULL, one group commit per event-loop turn), and a second server on tmpfs
 * (/dev/shm, when there is one) shows what the fsync costs. The relays take turns, so that the
 * host's slow periods hit them alike: after a 2 s warm-up each, ROUNDS rounds in which each relay
 * runs PHASE_MS alone (the first SETTLE_MS not counted; the order rotates from round to round).
 * Prints one JSON line: messages/s of each over its counted time, the ratio (target >= 0.5) and
 * each round's ratio, lost and duplicated messages (target 0), delivery p50/p99.
 */
import { existsSync } from "node:fs"
import { tmpdir } from "node:os"
import WebSocket from "ws"
import { postJson } from "../live/load/net.ts"
import type { Child } from "./live-support.ts"
import { agentToken, OPEN_LIMITS, sleep, startBareRelay, startServe, withTimeout } from "./live-support.ts"
import type { Rig } from "./relay-loop.ts"
import { RelayLoop } from "./relay-loop.ts"

const CHATS = 40
const AGENTS = 4
const WINDOW = 8
const WARMUP_MS = 2_000
const ROUNDS = 5
const PHASE_MS = 2_000
const SETTLE_MS = 300

const open = (url: string): Promise<WebSocket> =>
  withTimeout(
    new Promise((resolve, reject) => {
      const ws = new WebSocket(url)
      ws.once("open", () => resolve(ws))
      ws.once("error", reject)
    }),
    15_000,
    `connect ${url.replace(/token=.*/, "token=...")}`
  )

const firstFrame = (
  ws: WebSocket,
  pred: (f: Record<string, unknown>) => boolean,
  what: string
): Promise<Record<string, unknown>> =>
  withTimeout(
    new Promise((resolve) => {
      const on = (data: WebSocket.RawData): void => {
        const f = JSON.parse(data.toString()) as Record<string, unknown>
        if (pred(f)) {
          ws.off("message", on)
          resolve(f)
        }
      }
      ws.on("message", on)
    }),
    20_000,
    what
  )

const serverRig = async (s: Child): Promise<Rig> => {
  const ws = s.url.replace("http", "ws")
  const agents = await Promise.all(
    Array.from({ length: AGENTS }, async (_, i) => {
      const a = await open(
        `${ws}/ws/agent?token=${encodeURIComponent(await agentToken(s.url, `a${i + 1}`, `pw-a${i + 1}`))}`
      )
      a.on("message", (data) => {
        const f = JSON.parse(data.toString()) as Record<string, unknown>
        if (f["type"] === "offer") a.send(JSON.stringify({ type: "accept", offerId: f["offerId"] }))
      })
      a.send(JSON.stringify({ type: "hello" }))
      a.send(JSON.stringify({ type: "setPresence", presence: "Available", ref: `avail-${i}` }))
      await firstFrame(a, (f) => f["ref"] === `avail-${i}`, "Available")
      return a
    })
  )
  const customers = []
  for (let i = 0; i < CHATS; i++) {
    const r = await postJson(s.url, "/api/chat", {
      queueId: "support",
      customerName: `Bench ${i}`,
      idempotencyKey: `bench-relay-chat-${i}-${Date.now()}`
    })
    if (r.status !== 201) throw new Error(`chat ${i}: ${r.status} ${JSON.stringify(r.body)}`)
    const c = await open(`${ws}/ws/customer?token=${encodeURIComponent(String(r.body["token"]))}`)
    // the accept can come before this customer's hello: then welcome already says "active"
    const joined = firstFrame(
      c,
      (f) => f["type"] === "agentJoined" || (f["type"] === "welcome" && f["status"] === "active"),
      `chat ${i} answered`
    )
    c.send(JSON.stringify({ type: "hello" }))
    await joined
    customers.push({ chatId: String(r.body["chatId"]), ws: c })
  }
  return { customers, agents }
}

export const bareRig = async (s: Child): Promise<Rig> => {
  const ws = s.url.replace("http", "ws")
  const chatIds = Array.from({ length: CHATS }, (_, i) => `c${i}`)
  const agents = await Promise.all(
    Array.from({ length: AGENTS }, (_, k) =>
      open(`${ws}/ws/agent?chats=${chatIds.filter((_, i) => i % AGENTS === k).join(",")}`)
    )
  )
  const customers = await Promise.all(
    chatIds.map(async (chatId) => ({ chatId, ws: await open(`${ws}/ws/customer?chat=${chatId}`) }))
  )
  return { customers, agents }
}

const SERVER_CONFIG = {
  // a chat's transcript cap (2,000 messages by default) would end each chat's relay mid-run
  limits: { ...OPEN_LIMITS, maxChatMessages: 10_000_000, maxChatBytes: 1 << 30 },
  queues: [{ id: "support", name: "Support" }],
  agents: Array.from({ length: AGENTS }, (_, i) => ({
    id: `a${i + 1}`,
    password: `pw-a${i + 1}`,
    capacity: 10,
    queues: ["support"]
  }))
}

interface Relay {
  readonly child: Child
  readonly loop: RelayLoop
}

const relay = async (child: Child, rig: (c: Child) => Promise<Rig>): Promise<Relay> => {
  try {
    return { child, loop: new RelayLoop(await rig(child), WINDOW) }
  } catch (e) {
    await child.stop()
    throw e
  }
}

/** One relay alone for PHASE_MS: its rate over the counted part. */
const phase = async (loop: RelayLoop): Promise<number> => {
  loop.resume()
  await sleep(SETTLE_MS)
  loop.startCounting()
  await sleep(PHASE_MS - SETTLE_MS)
  const rate = loop.stopCounting()
  loop.pause()
  return rate
}

/**
 * Warm each relay up, then ROUNDS rounds of one phase each; each round's ratio of the second
 * relay (the server) to the first (the bare relay).
 */
const takeTurns = async (loops: ReadonlyArray<RelayLoop>) => {
  for (const l of loops) {
    l.resume()
    await sleep(WARMUP_MS)
    l.pause()
  }
  const roundRatios: Array<number> = []
  for (let r = 0; r < ROUNDS; r++) {
    const rates = loops.map(() => 0)
    for (let k = 0; k < loops.length; k++) {
      const i = (r + k) % loops.length
      rates[i] = await phase(loops[i]!)
    }
    roundRatios.push(Number((rates[1]! / Math.max(1, rates[0]!)).toFixed(3)))
  }
  await sleep(2_000) // the last messages in flight arrive
  return roundRatios
}

export const liveRelay = async () => {
  const relays: Array<Relay> = []
  try {
    relays.push(await relay(await startBareRelay(), bareRig))
    relays.push(await relay(await startServe(SERVER_CONFIG, tmpdir()), serverRig))
    // the same on tmpfs, where fsync costs nothing: how much of the gap is the durable log's commit
    if (existsSync("/dev/shm")) relays.push(await relay(await startServe(SERVER_CONFIG, "/dev/shm"), serverRig))
    const loops = relays.map((r) => r.loop)
    const roundRatios = await takeTurns(loops)
    const [bare, server, shm] = loops
    return report(bare!, server!, shm, roundRatios)
  } finally {
    for (const r of relays) {
      r.loop.close()
      await r.child.stop()
    }
  }
}

const report = (bare: RelayLoop, server: RelayLoop, shm: RelayLoop | undefined, roundRatios: Array<number>) => {
  const b = bare.result()
  const s = server.result()
  const t = shm?.result()
  return {
    case: "live-relay",
    chats: CHATS,
    window: WINDOW,
    serverMsgsPerSec: s.msgsPerSec,
    bareMsgsPerSec: b.msgsPerSec,
    ratio: Number((server.msgsPerSec / Math.max(1, bare.msgsPerSec)).toFixed(3)),
    target: ">= 0.5",
    roundRatios,
    serverLost: s.lost,
    serverDuplicated: s.duplicated,
    bareLost: b.lost,
    serverP50Ms: s.p50Ms,
    serverP99Ms: s.p99Ms,
    bareP50Ms: b.p50Ms,
    bareP99Ms: b.p99Ms,
    serverSent: s.sent,
    serverAcked: s.acked,
    ...(t === undefined
      ? {}
      : {
          tmpfsServerMsgsPerSec: t.msgsPerSec,
          tmpfsRatio: Number((shm!.msgsPerSec / Math.max(1, bare.msgsPerSec)).toFixed(3)),
          tmpfsLost: t.lost
        })
  }
}
