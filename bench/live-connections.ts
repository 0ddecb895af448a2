/**
 * Live benchmark case `live-connections`: how many concurrent WebSocket connections one server
 * holds (target 10,000). One agent logs in and opens up to 10,000 connections with its token (an
 * agent may have several), 200 at a time, each sending hello and waiting for its welcome; after a
 * 3 s hold the open ones are counted (and /healthz asked), then one more is tried to show the cap
 * (4013 server full). Bounded by count and by a 50 s deadline. Prints the soft open-file limit, the
 * server's cap (min(10,000, limit - 512)) and its RSS.
 */
import { readFileSync } from "node:fs"
import WebSocket from "ws"
import { openFileLimit } from "../live/server.ts"
import { agentToken, OPEN_LIMITS, sleep, startServe } from "./live-support.ts"

const TARGET = 10_000
const BATCH = 200
const DEADLINE_MS = 50_000

const rssMbOf = (pid: number | undefined): number | undefined => {
  try {
    const kb = /VmRSS:\s+(\d+)/.exec(readFileSync(`/proc/${pid}/status`, "utf8"))?.[1]
    return kb === undefined ? undefined : Math.round(Number(kb) / 1024)
  } catch {
    return undefined
  }
}

/** One connection that sends hello; resolves with it once welcomed, or with the close code / error. */
const connect = (url: string): Promise<WebSocket | string> =>
  new Promise((resolve) => {
    const ws = new WebSocket(url, { handshakeTimeout: 15_000 })
    const timer = setTimeout(() => {
      ws.terminate()
      resolve("timeout")
    }, 20_000)
    ws.once("open", () => ws.send(JSON.stringify({ type: "hello" })))
    ws.on("message", (data) => {
      if (data.toString().includes('"type":"welcome"')) {
        clearTimeout(timer)
        resolve(ws)
      }
    })
    ws.once("close", (code) => {
      clearTimeout(timer)
      resolve(`close ${code}`)
    })
    ws.once("error", (e) => {
      clearTimeout(timer)
      resolve((e as NodeJS.ErrnoException).code ?? e.message)
    })
  })

export const liveConnections = async () => {
  const serve = await startServe({
    // one agent token holds them all: its per-agent cap (8 by default) is lifted for the count, and
    // so is its frame budget (every connection's hello is that one principal's frame)
    limits: { ...OPEN_LIMITS, maxConnectionsPerAgent: TARGET + 10 },
    queues: [{ id: "support", name: "Support" }],
    agents: [{ id: "a1", password: "pw-a1", queues: ["support"] }]
  })
  const sockets: Array<WebSocket> = []
  const failures = new Map<string, number>()
  try {
    const url = `${serve.url.replace("http", "ws")}/ws/agent?token=${encodeURIComponent(await agentToken(serve.url, "a1", "pw-a1"))}`
    const t0 = performance.now()
    while (sockets.length < TARGET && performance.now() - t0 < DEADLINE_MS && failures.size === 0) {
      const batch = await Promise.all(
        Array.from({ length: Math.min(BATCH, TARGET - sockets.length) }, () => connect(url))
      )
      for (const r of batch) {
        if (typeof r === "string") failures.set(r, (failures.get(r) ?? 0) + 1)
        else sockets.push(r)
      }
    }
    const openMs = Math.round(performance.now() - t0)
    await sleep(3_000)
    const held = sockets.filter((s) => s.readyState === WebSocket.OPEN).length
    const health = (await (await fetch(`${serve.url}/healthz`)).json()) as { connections: { agent: number } }
    const extra = await connect(url)
    if (typeof extra !== "string") extra.terminate()
    return {
      case: "live-connections",
      target: TARGET,
      held,
      serverCountsAgentConnections: health.connections.agent,
      openMs,
      oneMore: typeof extra === "string" ? extra : "accepted",
      failures: Object.fromEntries(failures),
      softFdLimit: openFileLimit() ?? null,
      serverRssMb: rssMbOf(serve.child.pid) ?? null
    }
  } finally {
    for (const s of sockets) s.terminate()
    await serve.stop()
  }
}
