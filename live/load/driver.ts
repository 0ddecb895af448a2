/**
 * One load run against a live server, start to finish, bounded in time: check the server answers,
 * log in and connect every played agent (closed pool), start the customers at their precomputed
 * arrival times (open model; an arrival over the open-chat cap is dropped and counted), stop the
 * arrivals at the duration, let in-flight chats finish for the drain, then end what is left
 * (agents end chats and wrap up at once, waiting customers leave), wait a little, tear everything
 * down and audit the server's log. A hard deadline (duration + drain + 2 minutes) ends the run
 * whatever happens. Every attempted chat ends in one category (outcomes.ts): the ones still open at
 * teardown as unfinished; `unaccounted` reports any the accounting missed (0 by construction).
 */
import type { Scenario } from "../../sim/scenario/model.ts"
import { Agent } from "./agent.ts"
import type { ArrivalPlan } from "./arrivals.ts"
import type { AuditOutcome } from "./audit.ts"
import { auditDataDir } from "./audit.ts"
import { RunContext } from "./context.ts"
import type { CustomerEnd } from "./customer.ts"
import { Customer } from "./customer.ts"
import type { PlayedAgent } from "./directory.ts"
import { LoadMetrics } from "./metrics.ts"
import type { LoadOptions } from "./options.ts"

export interface LoadInput {
  readonly target: { readonly http: string; readonly ws: string }
  readonly scenario: Scenario
  readonly options: LoadOptions
  readonly played: ReadonlyArray<PlayedAgent>
  /** The agents of every load generator of the run, on execution segments (default: `played`). */
  readonly everyone?: ReadonlyArray<PlayedAgent>
  readonly plan: ArrivalPlan
  /** The server's data directory, to audit its log after the run (undefined: no audit). */
  readonly dataDir: string | undefined
  readonly progress?: (line: string) => void
}

export interface LoadRun {
  readonly metrics: LoadMetrics
  readonly wallMs: number
  readonly audit: AuditOutcome
  readonly unfinished: number
  /** Attempted chats in no end category (always 0: the counts add up). */
  readonly unaccounted: number
}

export class ServerUnreachable extends Error {}

const sleep = (ms: number): Promise<void> => new Promise((r) => setTimeout(r, ms))

const withTimeout = <A>(p: Promise<A>, ms: number, what: string): Promise<A> =>
  Promise.race([
    p,
    new Promise<A>((_, reject) =>
      setTimeout(() => reject(new Error(`${what}: no answer within ${ms / 1000} s`)), ms).unref()
    )
  ])

/** Wait until `done()` or `ms` pass, checking every 100 ms. */
const waitUntil = async (done: () => boolean, ms: number): Promise<void> => {
  const end = performance.now() + ms
  while (!done() && performance.now() < end) await sleep(100)
}

const checkServer = async (http: string): Promise<void> => {
  try {
    const res = await fetch(`${http}/healthz`, { signal: AbortSignal.timeout(10_000) })
    if (res.status !== 200) throw new Error(`GET /healthz answered ${res.status}`)
  } catch (e) {
    const cause = (e as { cause?: { code?: string } }).cause?.code
    throw new ServerUnreachable(
      `cannot reach the server at ${http} (${cause ?? (e as Error).message}); start it with: npx livechat-sim serve`
    )
  }
}

export const runLoad = async (input: LoadInput): Promise<LoadRun> => {
  const { options, plan } = input
  const say = input.progress ?? (() => {})
  await checkServer(input.target.http)
  const metrics = new LoadMetrics()
  metrics.counts.chatsDropped = plan.dropped
  const ctx = new RunContext(input.target, input.scenario, options, metrics, input.played, input.everyone)
  const agents = input.played.map((p, i) => new Agent(ctx, p, i))
  const hardDeadline = setTimeout(() => ctx.stopAll(), options.durationMs + options.drainMs + 120_000)
  hardDeadline.unref()
  const t0 = performance.now()
  try {
    for (let i = 0; i < agents.length; i += 16) {
      await Promise.all(agents.slice(i, i + 16).map((a) => withTimeout(a.start(), 120_000, `agent ${a.id}`)))
    }
    say(
      `${agents.length} agent(s) logged in and Available; ${plan.arrivals.length} arrival(s) planned over ${options.durationMs / 1000} s`
    )
    const customers: Array<Customer> = []
    const ends = new Map<CustomerEnd, number>()
    let open = 0
    let next = 0
    const runStart = ctx.now()
    const pump = (): void => {
      if (ctx.stopped) return
      const now = ctx.now() - runStart
      while (next < plan.arrivals.length && plan.arrivals[next]!.atMs <= now) {
        const arrival = plan.arrivals[next++]!
        if (open >= options.maxOpenChats) {
          metrics.counts.chatsDropped++
          continue
        }
        const c = new Customer(ctx, customers.length, { ...arrival, atMs: arrival.atMs + runStart })
        customers.push(c)
        open++
        void c.done.then((end) => {
          open--
          ends.set(end, (ends.get(end) ?? 0) + 1)
        })
        void c.start()
      }
      if (next < plan.arrivals.length) ctx.at(runStart + plan.arrivals[next]!.atMs, pump)
    }
    pump()
    let lastReport = 0
    await waitUntil(
      () => {
        const s = Math.floor((ctx.now() - runStart) / 10_000)
        if (s > lastReport) {
          lastReport = s
          say(
            `${s * 10} s: ${metrics.counts.chatsStarted} chat(s) started, ${open} open, ${metrics.chats.ended.completed} completed, ${metrics.counts.messagesSent} message(s) sent`
          )
        }
        return ctx.stopped
      },
      options.durationMs - (ctx.now() - runStart)
    )
    next = plan.arrivals.length
    say(`arrivals stopped; draining ${open} open chat(s) for up to ${options.drainMs / 1000} s`)
    await waitUntil(() => open === 0 || ctx.stopped, options.drainMs)
    if (open > 0 && !ctx.stopped) {
      say(`drain over: ending ${open} chat(s) still open`)
      ctx.forcing = true
      for (const c of customers) if (c.open) c.leave()
      for (const a of agents) a.finishAll()
      await waitUntil(() => (open === 0 && agents.every((a) => !a.busy)) || ctx.stopped, 10_000)
    }
    await waitUntil(() => agents.every((a) => !a.busy) || ctx.stopped, 2_000)
    await sleep(300)
    ctx.stopAll()
    // the chats still open now are unfinished (abort counts them so, once each)
    const unfinished = customers.filter((c) => c.open).length
    for (const c of customers) c.abort()
    return {
      metrics,
      wallMs: performance.now() - t0,
      audit: { _tag: "Skipped", reason: "" },
      unfinished,
      unaccounted: metrics.chats.unaccounted()
    }
  } finally {
    clearTimeout(hardDeadline)
    ctx.stopAll()
    for (const a of agents) a.stop()
    await sleep(600)
  }
}

/** `runLoad`, then the audit of the server's data directory (when given). */
export const runAndAudit = async (input: LoadInput): Promise<LoadRun> => {
  const run = await runLoad(input)
  const audit: AuditOutcome =
    input.dataDir === undefined
      ? { _tag: "Skipped", reason: "no --data given (the server's data directory), so its log was not audited" }
      : auditDataDir(input.dataDir)
  return { ...run, audit }
}
