/**
 * Live benchmark case `live-offer`: time to offer (scheduled chat start -> offer frame at an
 * agent, so it includes the HTTP chat start, the durable commit, routing and the socket) at a
 * stated Poisson arrival rate, through the load driver itself: 20 chats/s for 20 s into one queue,
 * 20 agents x 5 slots who accept at once and hold a chat 3 s (about 60 of 100 slots busy, so
 * offers are not waiting for a free agent). Prints one JSON line with the p50/p90/p99/max.
 */
import { tmpdir } from "node:os"
import { planArrivals } from "../live/load/arrivals.ts"
import { directoryOf, mapAgents } from "../live/load/directory.ts"
import { runLoad } from "../live/load/driver.ts"
import { checkOptions } from "../live/load/options.ts"
import { serverConfigFor } from "../live/load/server-config.ts"
import { loadScenarioText } from "../sim/scenario/load.ts"
import { startServe } from "./live-support.ts"

const RATE_PER_SEC = 20
const DURATION = "20s"

const SCENARIO = `
name: live-offer-bench
horizon: ${DURATION}
queues: [{ id: support, name: Support }]
arrivals: [{ queue: support, executor: constant-arrival-rate, rate: ${RATE_PER_SEC}, timeUnit: 1s }]
agents:
  - { id: desk, count: 20, capacity: 5, handleTime: { dist: fixed, value: 3s }, acceptDelay: { dist: fixed, value: 0s } }
`

export const liveOffer = async () => {
  const loaded = loadScenarioText(SCENARIO, "yaml")
  if (loaded._tag !== "Loaded") throw new Error(loaded.problems.join("\n"))
  const scenario = loaded.scenario
  const config = serverConfigFor(scenario, 1, 100)
  const serve = await startServe(config, tmpdir())
  try {
    const checked = checkOptions({
      url: serve.url.replace("http", "ws"),
      duration: DURATION,
      timeScale: 1,
      loadScale: 1,
      drain: "10s",
      seed: 1,
      maxChats: undefined,
      maxOpenChats: undefined,
      sourceAddresses: undefined,
      allowRemote: false
    })
    if (!("options" in checked)) throw new Error(checked.problems.join("\n"))
    const o = checked.options
    const played = mapAgents(scenario, directoryOf(config))
    if (typeof played === "string") throw new Error(played)
    const plan = planArrivals(scenario, {
      durationMs: o.durationMs,
      timeScale: 1,
      loadScale: 1,
      seed: 1,
      maxChats: o.maxChats
    })
    const run = await runLoad({
      target: { http: serve.url, ws: o.url },
      scenario,
      options: o,
      played,
      plan,
      dataDir: undefined
    })
    const t = run.metrics.trends.timeToOfferMs.summary()
    return {
      case: "live-offer",
      arrivalsPerSec: RATE_PER_SEC,
      chatsStarted: run.metrics.counts.chatsStarted,
      offers: t.count,
      timeToOfferP50Ms: t.p50,
      timeToOfferP90Ms: t.p90,
      timeToOfferP99Ms: t.p99,
      timeToOfferMaxMs: t.max,
      chatsCompleted: run.metrics.chats.ended.completed,
      refused: run.metrics.chats.ended.refused
    }
  } finally {
    await serve.stop()
  }
}
