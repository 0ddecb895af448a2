/**
 * The staffing search of one period by simulation: candidates are total agent counts (shared
 * over groups by `apportion`), each simulated over the scenario's replications with the same
 * seeds (common random numbers) and judged by every target at the stated confidence. From the
 * Erlang estimate it steps down while the targets hold and up while they do not, doubling the
 * step, then bisects between the last failing and the first meeting count. Assumes the targets
 * get easier with more agents; every candidate is simulated at most once.
 */
import type { Violation } from "../../core/audit/auditor.ts"
import { localSampler } from "../compare/sampler.ts"
import type { Sampler } from "../compare/sampler.ts"
import { valueIn } from "../compare/samples.ts"
import type { Sample } from "../compare/samples.ts"
import { selectorText } from "../metric-selector.ts"
import type { Scenario } from "../scenario/model.ts"
import type { Period } from "./periods.ts"
import { apportion, minimumAgents, withCounts } from "./periods.ts"
import { estimate, isMet } from "./targets.ts"
import type { Estimate, Target } from "./targets.ts"

export interface Candidate {
  readonly agents: number
  readonly counts: ReadonlyArray<number>
  readonly met: boolean
  /** Each target's metric (by selector text) and the reported metrics, at the stated confidence. */
  readonly metrics: Readonly<Record<string, Estimate>>
}

export type SearchResult =
  | { readonly _tag: "Found"; readonly best: Candidate; readonly tried: ReadonlyArray<Candidate> }
  | { readonly _tag: "NotMet"; readonly maxAgents: number; readonly best: Candidate; readonly tried: ReadonlyArray<Candidate> }
  | {
    readonly _tag: "Violation"
    readonly scenario: Scenario
    readonly violation: Violation
    readonly replication: number
    readonly replicationSeed: number
  }

export interface SearchOptions {
  readonly targets: ReadonlyArray<Target>
  readonly confidence: number
  readonly audit: boolean
  /** Reported beside the targets' own metrics (overall). */
  readonly reported: ReadonlyArray<string>
  readonly onCandidate?: (c: Candidate) => void
  /** Where replications run (default: this thread). */
  readonly sampler?: Sampler
}

/** Thrown out of the search loop by the first invariant violation, caught below. */
class Stop {
  readonly result: Extract<SearchResult, { _tag: "Violation" }>
  constructor(result: Extract<SearchResult, { _tag: "Violation" }>) {
    this.result = result
  }
}

export const searchPeriod = async (period: Period, start: number | undefined, options: SearchOptions): Promise<SearchResult> => {
  const base = period.scenario
  const low = minimumAgents(base)
  const first = Math.max(low, start ?? base.agents.reduce((s, g) => s + g.count, 0))
  const maxAgents = Math.max(first * 4, first + 50)
  const tried = new Map<number, Candidate>()
  const sampler = options.sampler ?? localSampler
  const evaluate = async (agents: number): Promise<Candidate> => {
    const known = tried.get(agents)
    if (known !== undefined) return known
    const counts = apportion(base, agents)
    const scenario = withCounts(base, counts)
    const samples: Array<Sample> = []
    const jobs = Array.from({ length: scenario.replications }, (_, replication) => ({ scenario, replication, audit: options.audit }))
    for (const [r, result] of (await sampler.sample(jobs)).entries()) {
      if (result._tag === "Violation") {
        throw new Stop({ _tag: "Violation", scenario, violation: result.violation, replication: r, replicationSeed: result.replicationSeed })
      }
      samples.push(result.sample)
    }
    const metrics: Record<string, Estimate> = {}
    const read = (key: string, queue: string | undefined) => estimate(samples.map((s) => valueIn(s, key, queue)), options.confidence)
    for (const t of options.targets) metrics[selectorText(t.selector)] = read(t.selector.key, t.selector.queue)
    for (const key of options.reported) metrics[key] ??= read(key, undefined)
    const met = options.targets.every((t) => isMet(t, metrics[selectorText(t.selector)]!))
    const c: Candidate = { agents, counts, met, metrics }
    tried.set(agents, c)
    options.onCandidate?.(c)
    return c
  }
  const list = () => [...tried.values()].sort((a, b) => a.agents - b.agents)
  try {
    let failing: number
    let meeting: number
    if ((await evaluate(first)).met) {
      meeting = first
      let step = 1
      for (;;) {
        const next = meeting - step
        if (next < low) {
          failing = low - 1
          break
        }
        if (!(await evaluate(next)).met) {
          failing = next
          break
        }
        meeting = next
        step *= 2
      }
    } else {
      failing = first
      let step = 1
      for (;;) {
        const next = Math.min(maxAgents, failing + step)
        if ((await evaluate(next)).met) {
          meeting = next
          break
        }
        if (next >= maxAgents) return { _tag: "NotMet", maxAgents, best: await evaluate(maxAgents), tried: list() }
        failing = next
        step *= 2
      }
    }
    while (meeting - failing > 1) {
      const mid = failing + Math.floor((meeting - failing) / 2)
      if ((await evaluate(mid)).met) meeting = mid
      else failing = mid
    }
    return { _tag: "Found", best: await evaluate(meeting), tried: list() }
  } catch (e) {
    if (e instanceof Stop) return e.result
    throw e
  }
}
