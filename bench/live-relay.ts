/**
 * Live benchmark case `live-relay`: chat messages customer -> agent through `livechat-sim serve`
 * against a bare `ws` relay (bench/bare-relay.ts) measured in the same run, same client, same
 * topology: 40 chats held by 4 agents, each customer keeping 8 messages in flight (closed loop at
 * saturation), 2 s warm-up, 10 s measured, then a settle. Prints one JSON line: messages/s of
 * both, the ratio (target >= 0.5), lost and duplicated messages (target 0), delivery p50/p99.
 * The server runs on a temp data directory with its durable log (WAL, synchronous=FULL, one group
 * commit per event-loop turn), then again on tmpfs (/dev/shm, when there is one) to show what the
 * fsync costs.
 */
import { existsSync } from "node:fs"
import { tmpdir } from "node:os"
import WebSocket from "ws"
import { Trend } from "../live/load/metrics.ts"
import { postJson } from "../live/load/net.ts"
import type { Child } from "./live-support.ts"
import { agentToken, OPEN_LIMITS, sleep, startBareRelay, startServe, withTimeout } from "./live-support.ts"

const CHATS = 40
const AGENTS = 4
const WINDOW = 8
const WARMUP_MS = 2_000
const MEASURE_MS = 10_000
const PAD = "x".repeat(120)

interface Rig {
  readonly customers: ReadonlyArray<{ readonly chatId: string; readonly ws: WebSocket }>
  readonly agents: ReadonlyArray<WebSocket>
}

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

const bareRig = async (s: Child): Promise<Rig> => {
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

/** The closed loop: every delivery at an agent lets its customer send the next message. */
const drive = async (rig: Rig) => {
  const sentAt = new Map<string, number>()
  const delivered = new Set<string>()
  let duplicated = 0
  let acked = 0
  let counting = false
  let inWindow = 0
  const latency = new Trend()
  const byChat = new Map(rig.customers.map((c) => [c.chatId, c]))
  let n = 0
  let stopped = false
  const send = (chatId: string): void => {
    if (stopped) return
    const c = byChat.get(chatId)!
    const id = `m${++n}`
    sentAt.set(id, performance.now())
    c.ws.send(JSON.stringify({ type: "send", text: `bench ${id} ${PAD}`, ref: `r-${id}` }))
  }
  for (const c of rig.customers)
    c.ws.on("message", (data) => {
      if (data.toString().includes('"type":"ack"')) acked++
    })
  for (const a of rig.agents) {
    a.on("message", (data) => {
      const f = JSON.parse(data.toString()) as Record<string, unknown>
      if (f["type"] !== "message" || f["sender"] !== "customer") return
      const id = /^bench (\S+)/.exec(String(f["text"]))?.[1]
      if (id === undefined) return
      if (delivered.has(id)) duplicated++
      else {
        delivered.add(id)
        if (counting) {
          inWindow++
          latency.add(performance.now() - sentAt.get(id)!)
        }
      }
      send(String(f["chatId"]))
    })
  }
  for (const c of rig.customers) for (let k = 0; k < WINDOW; k++) send(c.chatId)
  await sleep(WARMUP_MS)
  counting = true
  const t0 = performance.now()
  await sleep(MEASURE_MS)
  counting = false
  const seconds = (performance.now() - t0) / 1000
  stopped = true
  await sleep(2_000)
  const lat = latency.summary()
  return {
    msgsPerSec: Math.round(inWindow / seconds),
    sent: sentAt.size,
    acked,
    lost: sentAt.size - delivered.size,
    duplicated,
    p50Ms: lat.p50,
    p99Ms: lat.p99
  }
}

const closeRig = (rig: Rig): void => {
  for (const c of rig.customers) c.ws.terminate()
  for (const a of rig.agents) a.terminate()
}

const serverRun = async (base: string) => {
  const serve = await startServe(
    {
      // a chat's transcript cap (2,000 messages by default) would end each chat's relay mid-run
      limits: { ...OPEN_LIMITS, maxChatMessages: 10_000_000, maxChatBytes: 1 << 30 },
      queues: [{ id: "support", name: "Support" }],
      agents: Array.from({ length: AGENTS }, (_, i) => ({
        id: `a${i + 1}`,
        password: `pw-a${i + 1}`,
        capacity: 10,
        queues: ["support"]
      }))
    },
    base
  )
  try {
    const rig = await serverRig(serve)
    const result = await drive(rig)
    closeRig(rig)
    return result
  } finally {
    await serve.stop()
  }
}

export const liveRelay = async () => {
  const bare = await startBareRelay()
  let bareResult: Awaited<ReturnType<typeof drive>>
  try {
    const rig = await bareRig(bare)
    bareResult = await drive(rig)
    closeRig(rig)
  } finally {
    await bare.stop()
  }
  const serverResult = await serverRun(tmpdir())
  // the same on tmpfs, where fsync costs nothing: how much of the gap is the durable log's commit
  const shm = existsSync("/dev/shm") ? await serverRun("/dev/shm") : undefined
  return {
    case: "live-relay",
    chats: CHATS,
    window: WINDOW,
    serverMsgsPerSec: serverResult.msgsPerSec,
    bareMsgsPerSec: bareResult.msgsPerSec,
    ratio: Number((serverResult.msgsPerSec / Math.max(1, bareResult.msgsPerSec)).toFixed(3)),
    target: ">= 0.5",
    serverLost: serverResult.lost,
    serverDuplicated: serverResult.duplicated,
    bareLost: bareResult.lost,
    serverP50Ms: serverResult.p50Ms,
    serverP99Ms: serverResult.p99Ms,
    bareP50Ms: bareResult.p50Ms,
    bareP99Ms: bareResult.p99Ms,
    serverSent: serverResult.sent,
    serverAcked: serverResult.acked,
    ...(shm === undefined
      ? {}
      : {
          tmpfsServerMsgsPerSec: shm.msgsPerSec,
          tmpfsRatio: Number((shm.msgsPerSec / Math.max(1, bareResult.msgsPerSec)).toFixed(3)),
          tmpfsLost: shm.lost
        })
  }
}
