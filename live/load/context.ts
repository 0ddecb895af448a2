/**
 * What every virtual customer and agent of one run shares: the target, the scenario, the options,
 * the metrics, seeded draws, the run's clock (wall ms since the arrivals began), tracked timers
 * (all cancelled at teardown, so nothing outlives the run), unique refs and the registry that lets
 * an agent's offer find its customer's scheduled arrival time.
 */
import { randomBytes } from "node:crypto"
import { Draws } from "../../sim/random.ts"
import { sampleMs } from "../../sim/dists.ts"
import type { Dist, Scenario } from "../../sim/scenario/model.ts"
import type { PlayedAgent } from "./directory.ts"
import type { LoadMetrics } from "./metrics.ts"
import type { LoadOptions } from "./options.ts"

export const STREAMS = {
  offers: Draws.stream("load-offers"),
  recovery: Draws.stream("load-recovery"),
  handling: Draws.stream("load-handling"),
  wrapUp: Draws.stream("load-wrap-up"),
  customer: Draws.stream("load-customer"),
  replies: Draws.stream("load-replies")
} as const

export class RunContext {
  readonly runId = randomBytes(6).toString("base64url").replace(/[^A-Za-z0-9]/g, "x")
  readonly draws: Draws
  readonly startedAt = performance.now()
  /** Scheduled arrival (run ms) per chat id, for time to offer. */
  readonly arrivalOf = new Map<string, number>()
  /** Played agents by group id (transfer and conference targets). */
  readonly byGroup = new Map<string, Array<PlayedAgent>>()
  private readonly timers = new Set<ReturnType<typeof setTimeout>>()
  private refCount = 0
  stopped = false
  /** The drain ran out: chats are being ended and wrap-ups submitted at once. */
  forcing = false

  readonly http: string
  readonly ws: string
  readonly scenario: Scenario
  readonly options: LoadOptions
  readonly metrics: LoadMetrics
  readonly played: ReadonlyArray<PlayedAgent>

  constructor(target: { http: string; ws: string }, scenario: Scenario, options: LoadOptions, metrics: LoadMetrics, played: ReadonlyArray<PlayedAgent>) {
    this.http = target.http
    this.ws = target.ws
    this.scenario = scenario
    this.options = options
    this.metrics = metrics
    this.played = played
    this.draws = new Draws(options.seed)
    for (const a of played) {
      const list = this.byGroup.get(a.group.id) ?? []
      list.push(a)
      this.byGroup.set(a.group.id, list)
    }
  }

  /** Wall ms since the run's clock started. */
  now(): number {
    return performance.now() - this.startedAt
  }

  /** Run `f` at run time `atMs` (at once if past); nothing runs after `stopAll`. */
  at(atMs: number, f: () => void): void {
    if (this.stopped) return
    const t = setTimeout(() => {
      this.timers.delete(t)
      if (!this.stopped) f()
    }, Math.max(0, atMs - this.now()))
    this.timers.add(t)
  }

  /** A scenario-time duration drawn from `dist`, in wall ms. */
  scaledMs(dist: Dist, stream: number, key: number, sub = 0): number {
    return sampleMs(dist, this.draws.at(stream, key, sub)) / this.options.timeScale
  }

  /** A ref unique to this run (refs are idempotency keys on the server and outlive a run). */
  ref(kind: string): string {
    return `${kind}${this.runId}-${++this.refCount}`
  }

  stopAll(): void {
    this.stopped = true
    for (const t of this.timers) clearTimeout(t)
    this.timers.clear()
  }
}

/** A stable small number for a chat id (keys per-chat draws). */
export const chatKey = (chatId: string): number => {
  let h = 0x811c9dc5
  for (let i = 0; i < chatId.length; i++) h = Math.imul(h ^ chatId.charCodeAt(i), 0x01000193)
  return h >>> 0
}
