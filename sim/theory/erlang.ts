/**
 * sim/theory/: queueing theory. Erlang B, C and A, when a scenario is Erlang-compatible, and the
 * verdict of simulated values against theory.
 *
 * Queueing theory for the analytic self-check and for staffing: Erlang B,
 * Erlang C (M/M/c) and Erlang A (M/M/c+M, see `erlang-a.ts`), each giving the run summary's metrics
 * under the summary's own definitions, and `minServers`, the fewest servers meeting a target.
 * Inputs are a rate per hour and mean times in ms; outputs are shares and ms. Everything is exact
 * (no asymptotics) and numerically stable for c = 1 .. 10^4 and any load: recurrences and log-space
 * sums, never a factorial or a power of the load.
 */
import { erlangAMetrics } from "./erlang-a.ts"

const MS_PER_HOUR = 3_600_000

/** What the queue is offered, without the number of servers. */
export type ErlangLoad =
  | { readonly model: "erlang-c"; readonly arrivalsPerHour: number; readonly handleMs: number }
  | {
      readonly model: "erlang-a"
      readonly arrivalsPerHour: number
      readonly handleMs: number
      /** Mean of the exponential patience. */
      readonly patienceMs: number
    }

export type ErlangInput = ErlangLoad & { readonly servers: number }

/** Steady-state predictions, each under the definition of the same-named summary metric. */
export interface QueuePrediction {
  readonly model: "erlang-c" | "erlang-a"
  readonly servers: number
  /** Offered load a = λ · handle time, in erlangs. */
  readonly offeredLoad: number
  /** False only for Erlang C at a >= c: the queue grows without bound (waits are Infinity). */
  readonly stable: boolean
  /** P(an arrival finds every server busy) = P(wait > 0) (PASTA). */
  readonly probWait: number
  /** P(abandon before service); 0 for Erlang C. */
  readonly abandonRate: number
  /** E[wait | answered], answered-at-once chats counting 0. */
  readonly asaMs: number
  /** Mean busy servers / c. */
  readonly occupancy: number
  /** Mean number waiting. */
  readonly meanQueueLength: number
  /** P(answered and wait <= thresholdMs), i.e. answered within it / arrived. */
  readonly serviceLevel: (thresholdMs: number) => number
}

const check = (ok: boolean, message: string): void => {
  if (!ok) throw new RangeError(message)
}

const checkLoad = (load: ErlangLoad): void => {
  check(Number.isFinite(load.arrivalsPerHour) && load.arrivalsPerHour >= 0, "arrival rate must be finite and >= 0")
  check(Number.isFinite(load.handleMs) && load.handleMs > 0, "mean handle time must be finite and > 0")
  if (load.model === "erlang-a") {
    check(Number.isFinite(load.patienceMs) && load.patienceMs > 0, "mean patience must be finite and > 0")
  }
}

const checkServers = (servers: number): void =>
  check(Number.isInteger(servers) && servers >= 1, "servers must be an integer >= 1")

/**
 * Erlang B, the blocking probability of M/M/c/c with offered load a, by the standard recursion
 * B(0) = 1, B(k) = a·B(k-1) / (k + a·B(k-1)) (e.g. Cooper, "Introduction to Queueing Theory",
 * 2nd ed., 1981): every step is a ratio of positive numbers, stable for any c.
 */
export const erlangB = (servers: number, load: number): number => {
  let b = 1
  for (let k = 1; k <= servers; k++) b = (load * b) / (k + load * b)
  return b
}

/**
 * Erlang C, M/M/c FCFS without abandonment. The probability of waiting from Erlang B:
 *   C(c, a) = c·B(c, a) / (c - a·(1 - B(c, a)))     (the classic Erlang C formula, a < c)
 * and with ρ = a/c, rates λ and μ = 1/handle time (M/M/c: Kleinrock, "Queueing Systems" vol. 1,
 * 1975; Koole, "Call Center Mathematics"): given W > 0, W is Exp(cμ - λ), so
 *   probWait = C, ASA = E[W] = C / (cμ - λ), P(W <= t) = 1 - C·e^{-(cμ-λ)t},
 *   occupancy = ρ, mean queue length = C·ρ / (1 - ρ), abandonment = 0.
 * At a >= c there is no steady state: probWait 1, service level 0, occupancy 1, waits Infinity.
 */
export const erlangC = (input: {
  readonly arrivalsPerHour: number
  readonly handleMs: number
  readonly servers: number
}): QueuePrediction => {
  checkLoad({ model: "erlang-c", ...input })
  checkServers(input.servers)
  const c = input.servers
  const a = (input.arrivalsPerHour * input.handleMs) / MS_PER_HOUR
  const base = { model: "erlang-c", servers: c, offeredLoad: a, abandonRate: 0 } as const
  if (a >= c) {
    return {
      ...base,
      stable: false,
      probWait: 1,
      asaMs: Infinity,
      occupancy: 1,
      meanQueueLength: Infinity,
      serviceLevel: () => 0
    }
  }
  const b = erlangB(c, a)
  const probWait = (c * b) / (c - a * (1 - b))
  const drainPerMs = (c - a) / input.handleMs // cμ - λ
  return {
    ...base,
    stable: true,
    probWait,
    asaMs: probWait / drainPerMs,
    occupancy: a / c,
    meanQueueLength: (probWait * a) / (c - a),
    serviceLevel: (t) => (t < 0 ? 0 : 1 - probWait * Math.exp(-drainPerMs * t))
  }
}

/**
 * Erlang A, M/M/c+M (Palm): exact from the birth-death chain, derivation in `erlang-a.ts`
 * (Garnett, Mandelbaum & Reiman, M&SOM 4(3) 2002; Mandelbaum & Zeltyn 2005). Stable at any load.
 */
export const erlangA = (input: {
  readonly arrivalsPerHour: number
  readonly handleMs: number
  readonly patienceMs: number
  readonly servers: number
}): QueuePrediction => {
  checkLoad({ model: "erlang-a", ...input })
  checkServers(input.servers)
  const lambda = input.arrivalsPerHour / MS_PER_HOUR
  const metrics = erlangAMetrics(lambda, 1 / input.handleMs, 1 / input.patienceMs, input.servers)
  return {
    model: "erlang-a",
    servers: input.servers,
    offeredLoad: lambda * input.handleMs,
    stable: true,
    ...metrics
  }
}

/** The prediction of the input's model. */
export const predict = (input: ErlangInput): QueuePrediction =>
  input.model === "erlang-c" ? erlangC(input) : erlangA(input)

/** A staffing target: service level at `thresholdMs` of at least `share` (e.g. 0.8 at 20 s). */
export const serviceLevelAtLeast =
  (share: number, thresholdMs: number) =>
  (p: QueuePrediction): boolean =>
    p.serviceLevel(thresholdMs) >= share

/**
 * The smallest c >= 1 whose prediction `meets` the target, or undefined if none up to `maxServers`
 * (default 100,000). `meets` must be monotone in c (once met, met for every larger c), as every
 * usual target is (service level >=, ASA <=, probWait <=, abandonRate <=, occupancy <=): the search
 * probes c near the offered load, widens by doubling steps, then bisects.
 */
export const minServers = (
  query: ErlangLoad & {
    readonly meets: (prediction: QueuePrediction) => boolean
    readonly maxServers?: number
  }
): number | undefined => {
  checkLoad(query)
  const maxServers = query.maxServers ?? 100_000
  const meetsAt = (servers: number): boolean => query.meets(predict({ ...query, servers }))
  const load = (query.arrivalsPerHour * query.handleMs) / MS_PER_HOUR
  let failing = 0 // largest c known to fail (0: none tried)
  let meeting = Math.min(maxServers, Math.max(1, Math.floor(load)))
  if (!meetsAt(meeting)) {
    failing = meeting
    let step = Math.max(1, Math.ceil(Math.sqrt(load)))
    for (;;) {
      if (failing >= maxServers) return undefined
      meeting = Math.min(maxServers, failing + step)
      if (meetsAt(meeting)) break
      failing = meeting
      step *= 2
    }
  }
  while (meeting - failing > 1) {
    const mid = failing + Math.floor((meeting - failing) / 2)
    if (meetsAt(mid)) meeting = mid
    else failing = mid
  }
  return meeting
}
