/**
 * What every virtual customer and agent of one run shares: the target, the scenario, the options,
 * the metrics, the workload's seeded draws (sim/workload: the simulator's streams and keys), the
 * run's clock (wall ms since the arrivals began), tracked timers (all cancelled at teardown, so
 * nothing outlives the run), unique refs, the registry that lets an agent's offer find its
 * customer's scheduled arrival time, and the chats of the run by customer name, which is how an
 * agent holding a chat finds the chat's index and handlings (the keys of its draws) and the customer
 * that carries out the customer's side of a handling plan. With several load generators (execution
 * segments) every one plays a share of the same plan: a chat of another generator's customer is
 * known by the index in its customer's name, and a customer whose owner another generator plays
 * finds that owner's group by the name `agentJoined` gives.
 */
import { randomBytes } from "node:crypto"
import type { AgentGroup, Scenario } from "../../sim/scenario/model.ts"
import { Draws } from "../../sim/workload/draws.ts"
import type { CustomerAct } from "../../sim/workload/intent.ts"
import type { PlayedAgent } from "./directory.ts"
import type { LoadMetrics } from "./metrics.ts"
import type { LoadOptions } from "./options.ts"

/** A chat of the run, as the workload keys it. */
export interface LoadChat {
  /** The simulator's index of this chat: the key of its per-chat draws. */
  readonly index: number
  /** Accepts as owner so far. */
  handlings: number
  /** Who carries out the customer's acts (undefined: a chat this run did not start). */
  readonly customer: { readonly act: (act: CustomerAct, scheduledAtMs: number) => void } | undefined
}

export class RunContext {
  readonly runId = randomBytes(6)
    .toString("base64url")
    .replace(/[^A-Za-z0-9]/g, "x")
  readonly draws: Draws
  readonly startedAt = performance.now()
  /** Scheduled arrival (run ms) per chat id, for time to offer. */
  readonly arrivalOf = new Map<string, number>()
  /** This run's chats by customer name (the name every chat view carries). */
  readonly chats = new Map<string, LoadChat>()
  /** Played agents by group id (transfer and conference targets). */
  readonly byGroup = new Map<string, Array<PlayedAgent>>()
  /** The names of the agents this generator plays. */
  readonly playedNames: ReadonlySet<string>
  /** The group of every agent any generator of the run plays, by name (the first, if names repeat). */
  readonly groupOfName = new Map<string, AgentGroup>()
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

  /** `everyone`: the agents of every generator of the run (`played` when it is the only one). */
  constructor(
    target: { http: string; ws: string },
    scenario: Scenario,
    options: LoadOptions,
    metrics: LoadMetrics,
    played: ReadonlyArray<PlayedAgent>,
    everyone: ReadonlyArray<PlayedAgent> = played
  ) {
    this.http = target.http
    this.ws = target.ws
    this.scenario = scenario
    this.options = options
    this.metrics = metrics
    this.played = played
    this.draws = new Draws(options.seed)
    this.playedNames = new Set(played.map((a) => a.name))
    for (const a of everyone) if (!this.groupOfName.has(a.name)) this.groupOfName.set(a.name, a.group)
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
    const t = setTimeout(
      () => {
        this.timers.delete(t)
        if (!this.stopped) f()
      },
      Math.max(0, atMs - this.now())
    )
    this.timers.add(t)
  }

  /** A scenario duration (an intent's `afterMs`) in wall ms. */
  wallMs(scenarioMs: number): number {
    return scenarioMs / this.options.timeScale
  }

  /** The name this run's customer of chat `index` gives (unique to the run: the key of `chats`). */
  customerName(index: number): string {
    return `Load customer ${index} (${this.runId})`
  }

  /**
   * The chat named `customerName`; one of another generator's customer gets a record of its own,
   * keyed by the index in its name (or, not a load customer's, by its id).
   */
  chatNamed(customerName: string | undefined, chatId: string): LoadChat {
    const name = customerName ?? `chat ${chatId}`
    const known = this.chats.get(name)
    if (known !== undefined) return known
    const index = /^Load customer (\d+) \(/.exec(name)?.[1]
    const chat: LoadChat = {
      index: index === undefined ? chatKey(chatId) : Number(index),
      handlings: 0,
      customer: undefined
    }
    this.chats.set(name, chat)
    return chat
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
