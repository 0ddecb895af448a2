/**
 * Optional k6 script for users who have k6 (it cannot be installed here, so CI only type-checks
 * it with @types/k6: `tsc -p live/k6/tsconfig.json`; it is never run in CI). The same flow as
 * `livechat-sim load`, in k6's words: customers arrive at a constant arrival rate (open model),
 * start a chat over HTTP, wait for an agent and send messages; agents are a fixed pool of VUs
 * (closed model) that log in, go Available, accept offers, answer every customer message, end the
 * chat and wrap up. Trends: time to agent, echo (send -> own message back), reply latency; Counters:
 * lost messages. Thresholds fail the run with k6's exit code 99.
 *
 *   npx livechat-sim serve                     # the demo center
 *   k6 run live/k6/livechat.ts                 # or: -e BASE=http://127.0.0.1:8080 -e RATE=2 -e DURATION=60s
 *   -e AGENTS=alice:demo-alice,bob:demo-bob    # the agents the pool logs in as (default: the demo five)
 *
 * From several machines, k6's execution segments split the run without overlap: each machine runs
 * the same script with its own `--execution-segment` (e.g. 1/4:2/4) and the same
 * `--execution-segment-sequence 0,1/4,2/4,3/4,1`. k6 then divides the customers' arrival rate and
 * the agent VUs between them; VU ids (`exec.vu.idInTest`) stay unique across machines, so each
 * agent of AGENTS is driven by exactly one VU. See docs/scale-out.md.
 */
import { check } from "k6"
import exec from "k6/execution"
import http from "k6/http"
import { Counter, Trend } from "k6/metrics"
import type { Options } from "k6/options"
import { setTimeout } from "k6/timers"
import { WebSocket } from "k6/websockets"

const BASE = __ENV["BASE"] ?? "http://127.0.0.1:8080"
const WS = BASE.replace(/^http/, "ws")
const RATE = Number(__ENV["RATE"] ?? "1")
const DURATION = __ENV["DURATION"] ?? "60s"
const QUEUE = __ENV["QUEUE"] ?? "support"
const MESSAGES = Number(__ENV["MESSAGES"] ?? "3")
const AGENTS = (__ENV["AGENTS"] ?? "alice:demo-alice,bob:demo-bob,carol:demo-carol,dave:demo-dave,erin:demo-erin")
  .split(",")
  .map((pair) => {
    const [id = "", password = ""] = pair.split(":")
    return { id, password }
  })

const timeToAgent = new Trend("time_to_agent_ms", true)
const echo = new Trend("message_echo_ms", true)
const reply = new Trend("reply_latency_ms", true)
const lost = new Counter("messages_lost")

export const options: Options = {
  scenarios: {
    agents: { executor: "per-vu-iterations", vus: AGENTS.length, iterations: 1, maxDuration: "10m", exec: "agent" },
    customers: {
      executor: "constant-arrival-rate",
      rate: RATE,
      timeUnit: "1s",
      duration: DURATION,
      preAllocatedVUs: 20,
      maxVUs: 500,
      exec: "customer",
      startTime: "3s"
    }
  },
  thresholds: {
    message_echo_ms: ["p(99)<500"],
    reply_latency_ms: ["p(99)<1000"],
    messages_lost: ["count==0"],
    checks: ["rate>0.99"]
  }
}

type Frame = { readonly type: string; readonly [k: string]: unknown }
const parse = (data: unknown): Frame => JSON.parse(String(data)) as Frame
const uuid = (): string => `k6-${exec.vu.idInTest}-${exec.scenario.iterationInTest}-${Date.now()}`

/** One agent of the pool: log in, Available, accept, answer, end after the customer's last message, wrap up. */
export function agent(): void {
  const me = AGENTS[(exec.vu.idInTest - 1) % AGENTS.length]!
  const res = http.post(`${BASE}/api/agent/login`, JSON.stringify({ agentId: me.id, password: me.password }), {
    headers: { "content-type": "application/json" }
  })
  if (!check(res, { "agent logged in": (r) => r.status === 200 })) return
  const token = String((res.json() as { token: string }).token)
  const ws = new WebSocket(`${WS}/ws/agent?token=${encodeURIComponent(token)}`)
  const answered = new Map<string, number>()
  let ref = 0
  const send = (frame: Record<string, unknown>): void =>
    ws.send(JSON.stringify({ ...frame, ref: `k6-${me.id}-${Date.now()}-${++ref}` }))
  ws.onopen = () => ws.send(JSON.stringify({ type: "hello" }))
  ws.onmessage = (event) => {
    const f = parse(event?.data)
    if (f.type === "welcome") send({ type: "setPresence", presence: "Available" })
    if (f.type === "offer") send({ type: "accept", offerId: f["offerId"] })
    if (f.type === "message" && f["sender"] === "customer") {
      const chatId = String(f["chatId"])
      send({ type: "send", chatId, text: `re ${String(f["text"])}` })
      const n = (answered.get(chatId) ?? 0) + 1
      answered.set(chatId, n)
      if (n >= MESSAGES) setTimeout(() => send({ type: "end", chatId }), 200)
    }
    if (f.type === "wrapUpStarted") send({ type: "wrapUp", chatId: f["chatId"], reason: f["defaultReason"] })
  }
  setTimeout(() => ws.close(), 60_000 + parseSeconds(DURATION) * 1000)
}

/** One customer: start a chat, wait for an agent, send MESSAGES messages, wait for the answers and the close. */
export function customer(): void {
  const startedAt = Date.now()
  const res = http.post(
    `${BASE}/api/chat`,
    JSON.stringify({ queueId: QUEUE, customerName: "k6 customer", idempotencyKey: uuid() }),
    { headers: { "content-type": "application/json" } }
  )
  if (!check(res, { "chat started": (r) => r.status === 201 })) return
  const token = String((res.json() as { token: string }).token)
  const ws = new WebSocket(`${WS}/ws/customer?token=${encodeURIComponent(token)}`)
  const sentAt = new Map<string, number>()
  const echoed = new Set<string>()
  ws.onopen = () => ws.send(JSON.stringify({ type: "hello" }))
  ws.onmessage = (event) => {
    const f = parse(event?.data)
    if (f.type === "agentJoined") {
      timeToAgent.add(Date.now() - startedAt)
      for (let i = 0; i < MESSAGES; i++) {
        setTimeout(
          () => {
            const text = `k6 ${uuid()}-${i}`
            sentAt.set(text, Date.now())
            ws.send(JSON.stringify({ type: "send", text, ref: `m-${uuid()}-${i}` }))
          },
          300 * (i + 1)
        )
      }
    }
    if (f.type === "message") {
      const text = String(f["text"])
      const key = text.startsWith("re ") ? text.slice(3) : text
      const at = sentAt.get(key)
      if (at !== undefined && f["sender"] === "customer" && !echoed.has(key)) {
        echoed.add(key)
        echo.add(Date.now() - at)
      }
      if (at !== undefined && f["sender"] === "agent") reply.add(Date.now() - at)
    }
    if (f.type === "chatClosed") {
      check(f, { "chat completed": (x) => x["outcome"] === "completed" })
      lost.add(sentAt.size - echoed.size)
      ws.close()
    }
  }
  setTimeout(() => {
    if (ws.readyState === 1) {
      lost.add(sentAt.size - echoed.size)
      ws.close()
    }
  }, 60_000)
}

function parseSeconds(d: string): number {
  const m = /^(\d+)(s|m)$/.exec(d)
  return m === null ? 60 : Number(m[1]) * (m[2] === "m" ? 60 : 1)
}
