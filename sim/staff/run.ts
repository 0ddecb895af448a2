/**
 * `staff`: the fewest agents per period (and so per group, as `apportion` shares them) meeting
 * every target with the stated confidence, searched by simulation from the Erlang estimate; one
 * row per period and group with the agents, the group's share of the Erlang estimate and the
 * achieved metrics. Periods with the same rates are searched once. Stops at the first invariant
 * violation, returning the candidate that broke it.
 */
import { ENGINE_VERSION } from "../../core/version.ts"
import { serviceLevelKeys } from "../compare/samples.ts"
import { selectorText } from "../metric-selector.ts"
import type { Scenario } from "../scenario/model.ts"
import { erlangAgents } from "./erlang-estimate.ts"
import { apportion, periodsOf, varies } from "./periods.ts"
import type { Period } from "./periods.ts"
import type { Sampler } from "../compare/sampler.ts"
import { searchPeriod } from "./search.ts"
import type { Candidate, SearchResult } from "./search.ts"
import { isMet, judgedValue } from "./targets.ts"
import type { Estimate, Target } from "./targets.ts"

export interface StaffRow {
  readonly group: string
  /** "0:30-1:00" (simulated clock), or the whole counted span when arrivals are constant. */
  readonly interval: string
  readonly startMs: number
  readonly endMs: number
  readonly arrivalsPerHour: number
  /** Fewest agents of this group meeting every target; null when none up to the search limit did. */
  readonly agents: number | null
  readonly erlangEstimate: number | null
  readonly met: boolean
  readonly metrics: Readonly<Record<string, Estimate>>
  readonly targets: ReadonlyArray<{ readonly target: string; readonly judged: number; readonly ok: boolean }>
}

export interface Staffing {
  readonly scenario: string
  readonly seed: number
  readonly replications: number
  readonly confidence: number
  readonly engineVersion: string
  readonly audit: boolean
  readonly targets: ReadonlyArray<string>
  /** True when arrivals vary and each interval was staffed as a stationary period. */
  readonly perInterval: boolean
  readonly staffing: ReadonlyArray<StaffRow>
}

export interface StaffOptions {
  readonly targets: ReadonlyArray<Target>
  readonly confidence: number
  readonly audit: boolean
  readonly onPeriod?: (done: number, total: number) => void
  /** Where replications run (default: this thread). */
  readonly sampler?: Sampler
}

export type StaffResult =
  | { readonly _tag: "Done"; readonly staffing: Staffing }
  | (Extract<SearchResult, { _tag: "Violation" }> & { readonly period: Period })

const clock = (ms: number): string => {
  const minutes = Math.round(ms / 60_000)
  return `${Math.floor(minutes / 60)}:${String(minutes % 60).padStart(2, "0")}`
}

const rowsOf = (period: Period, targets: ReadonlyArray<Target>, estimate: number | undefined, found: Candidate, met: boolean): Array<StaffRow> => {
  const s = period.scenario
  const erlang = estimate === undefined ? undefined : apportion(s, estimate)
  return s.agents.map((g, i) => ({
    group: g.id,
    interval: `${clock(period.startMs)}-${clock(period.endMs)}`,
    startMs: period.startMs,
    endMs: period.endMs,
    arrivalsPerHour: period.arrivalsPerHour,
    agents: met ? found.counts[i] ?? 0 : null,
    erlangEstimate: erlang?.[i] ?? null,
    met,
    metrics: found.metrics,
    targets: targets.map((t) => {
      const e = found.metrics[selectorText(t.selector)]!
      return { target: t.text, judged: judgedValue(t, e), ok: isMet(t, e) }
    })
  }))
}

/** Periods with equal rates (and so equal scenarios) share one search. */
const keyOf = (p: Period): string =>
  JSON.stringify([p.scenario.arrivals.map((a) => a.stages[0]?.fromPerHour), p.scenario.proactive.map((c) => c.stages[0]?.fromPerHour)])

export const runStaffing = async (scenario: Scenario, options: StaffOptions): Promise<StaffResult> => {
  const periods = periodsOf(scenario)
  const reported = [...serviceLevelKeys(scenario), "asaMs", "abandonRate", "agentOccupancy"]
  const searched = new Map<string, { estimate: number | undefined; result: Exclude<SearchResult, { _tag: "Violation" }> }>()
  const rows: Array<StaffRow> = []
  for (const [i, period] of periods.entries()) {
    const key = keyOf(period)
    let done = searched.get(key)
    if (done === undefined) {
      const estimate = erlangAgents(period, options.targets)
      const result = await searchPeriod(period, estimate, {
        targets: options.targets, confidence: options.confidence, audit: options.audit, reported,
        ...(options.sampler === undefined ? {} : { sampler: options.sampler })
      })
      if (result._tag === "Violation") return { ...result, period }
      done = { estimate, result }
      searched.set(key, done)
    }
    rows.push(...rowsOf(period, options.targets, done.estimate, done.result.best, done.result._tag === "Found"))
    options.onPeriod?.(i + 1, periods.length)
  }
  return {
    _tag: "Done",
    staffing: {
      scenario: scenario.name, seed: scenario.seed, replications: scenario.replications, confidence: options.confidence,
      engineVersion: ENGINE_VERSION, audit: options.audit, targets: options.targets.map((t) => t.text),
      perInterval: varies(scenario), staffing: rows
    }
  }
}
