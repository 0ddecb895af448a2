/**
 * sim/staff/: `staff`, the agents each period and staffing group needs to meet every target, from
 * the Erlang estimate through simulation of the whole day.
 *
 * `staff`: the agents that must be on duty per period and staffing group to meet every target
 * (searched by simulation of the whole day, search.ts, from the Erlang estimate), independent of
 * the scenario's shifts and breaks; then, separately, the scenario's own roster against it: agents
 * on duty per period, the gap, and what the roster achieves when the day is simulated as written.
 * Paid staff = on duty / (1 - shrinkage). Stops at the first invariant violation.
 */
import { ENGINE_VERSION } from "../../core/version.ts"
import type { Sampler } from "../compare/sampler.ts"
import { localSampler } from "../compare/sampler.ts"
import type { Scenario } from "../scenario/model.ts"
import { durationLabel } from "../summary/labels.ts"
import { selectorText } from "../summary/selector.ts"
import { rosterOf } from "../workload/roster.ts"
import { erlangRequirement } from "./erlang-estimate.ts"
import type { PeriodJudgement, TargetResult, Vector } from "./evaluate.ts"
import { batches, judgeScenario } from "./evaluate.ts"
import type { StaffingGroup } from "./groups.ts"
import { paidFor, staffingGroupsOf } from "./groups.ts"
import type { Period } from "./periods.ts"
import { periodLabel, periodsOf } from "./periods.ts"
import type { Candidate, Phase, SearchOutcome } from "./search.ts"
import { MAX_BATCHES, searchDay } from "./search.ts"
import type { Estimate, Target } from "./targets.ts"

/** One period and staffing group: the flat rows `--json` writes as `staffing[]`. */
export interface StaffRow {
  readonly group: string
  readonly interval: string
  readonly startMs: number
  readonly endMs: number
  /** Agents that must be on duty (logged in, not on break); null when none up to the search limit met every target. */
  readonly agents: number | null
  /** Agents to pay for: on duty / (1 - shrinkage). */
  readonly paid: number | null
  /** Agents on duty in the scenario's roster (mean over the period). */
  readonly roster: number
  /** Roster minus requirement: over (+) or under (-) staffed. */
  readonly gap: number | null
  readonly erlangEstimate: number | null
}

export interface PeriodRow {
  readonly interval: string
  readonly startMs: number
  readonly endMs: number
  readonly offeredPerHour: number
  readonly offeredErlangs: number
  readonly met: boolean
  /** Per staffing group id. */
  readonly required: Readonly<Record<string, number>>
  readonly paid: Readonly<Record<string, number>>
  readonly roster: Readonly<Record<string, number>>
  readonly erlang: Readonly<Record<string, number | null>>
  /** At the requirement (verification replications). */
  readonly targets: ReadonlyArray<TargetResult>
  readonly achieved: Readonly<Record<string, Estimate>>
  /** The scenario's own roster, simulated as written. */
  readonly rosterMet: boolean
  readonly rosterTargets: ReadonlyArray<TargetResult>
  readonly rosterAchieved: Readonly<Record<string, Estimate>>
}

export interface Staffing {
  readonly scenario: string
  readonly seed: number
  readonly replications: number
  readonly confidence: number
  readonly engineVersion: string
  readonly audit: boolean
  readonly targets: ReadonlyArray<string>
  /** Each target's metric as the period metrics name it (`serviceLevel.20s{queue:vip}`). */
  readonly targetMetrics: ReadonlyArray<string>
  readonly method: string
  readonly groups: ReadonlyArray<{
    readonly id: string
    readonly members: ReadonlyArray<string>
    readonly queues: ReadonlyArray<string>
    readonly capacity: number
    readonly costPerHour: number
    readonly shrinkage: number
  }>
  readonly periods: ReadonlyArray<PeriodRow>
  readonly staffing: ReadonlyArray<StaffRow>
  /** Agent-hours over the day: required on duty, paid, in the roster; and the requirement's cost. */
  readonly totals: {
    readonly requiredHours: number
    readonly paidHours: number
    readonly rosterHours: number
    readonly cost: number
  }
  readonly simulations: number
  /** With --verbose: every candidate simulated, per period. */
  readonly tried?: ReadonlyArray<{
    readonly phase: Phase
    readonly iteration: number
    readonly interval: string
    readonly agents: Readonly<Record<string, number>>
    readonly met: boolean
  }>
}

export interface StaffOptions {
  readonly targets: ReadonlyArray<Target>
  readonly confidence: number
  readonly audit: boolean
  /** Shrinkage of groups that do not set their own. */
  readonly shrinkage: number
  readonly verbose?: boolean
  readonly onProgress?: (phase: Phase, iteration: number, simulations: number) => void
  /** Where replications run (default: this thread). */
  readonly sampler?: Sampler
}

export type StaffResult =
  | { readonly _tag: "Done"; readonly staffing: Staffing }
  | Extract<SearchOutcome, { _tag: "Violation" }>

export const METHOD =
  "whole-day simulation search from the Erlang estimate: add (calibrated, or greedy by gain per cost), " +
  "remove, verify on fresh replications"

const HOUR_MS = 3_600_000

const byGroup = <T>(groups: ReadonlyArray<StaffingGroup>, f: (c: number) => T): Record<string, T> =>
  Object.fromEntries(groups.map((g, c) => [g.id, f(c)]))

/** The seed vector: Erlang per period and group (a group Erlang cannot staff starts at one agent per Erlang of load). */
const seedOf = (
  erlang: ReadonlyArray<ReadonlyArray<number | undefined>>,
  groups: ReadonlyArray<StaffingGroup>,
  periods: ReadonlyArray<Period>
): Vector =>
  groups.map((g, c) => periods.map((p, i) => erlang[i]![c] ?? Math.ceil(p.offeredErlangs / g.template.capacity) + 1))

/** Mean agents on duty per period and staffing group in the scenario's own roster. */
const rosterByGroup = (
  s: Scenario,
  groups: ReadonlyArray<StaffingGroup>,
  periods: ReadonlyArray<Period>
): Array<Array<number>> => {
  const roster = rosterOf(s)
  return groups.map((g) =>
    periods.map((p) => {
      let total = 0
      for (let i = p.span.first; i <= p.span.last; i++) for (const m of g.members) total += roster[m]![i]!
      return total / (p.span.last - p.span.first + 1)
    })
  )
}

const rows = (
  groups: ReadonlyArray<StaffingGroup>,
  periods: ReadonlyArray<Period>,
  x: Vector,
  verified: ReadonlyArray<PeriodJudgement>,
  roster: ReadonlyArray<ReadonlyArray<number>>,
  rosterJudged: ReadonlyArray<PeriodJudgement>,
  erlang: ReadonlyArray<ReadonlyArray<number | undefined>>
) =>
  periods.map(
    (p, i): PeriodRow => ({
      interval: periodLabel(p),
      startMs: p.startMs,
      endMs: p.endMs,
      offeredPerHour: Object.values(p.offeredPerHour).reduce((a, b) => a + b, 0),
      offeredErlangs: p.offeredErlangs,
      met: verified[i]!.met,
      required: byGroup(groups, (c) => x[c]![i]!),
      paid: byGroup(groups, (c) => paidFor(x[c]![i]!, groups[c]!.shrinkage)),
      roster: byGroup(groups, (c) => roster[c]![i]!),
      erlang: byGroup(groups, (c) => erlang[i]![c] ?? null),
      targets: verified[i]!.targets,
      achieved: verified[i]!.metrics,
      rosterMet: rosterJudged[i]!.met,
      rosterTargets: rosterJudged[i]!.targets,
      rosterAchieved: rosterJudged[i]!.metrics
    })
  )

const flatRows = (groups: ReadonlyArray<StaffingGroup>, periods: ReadonlyArray<PeriodRow>): Array<StaffRow> =>
  periods.flatMap((p) =>
    groups.map((g): StaffRow => {
      const agents = p.met ? p.required[g.id]! : null
      return {
        group: g.id,
        interval: p.interval,
        startMs: p.startMs,
        endMs: p.endMs,
        agents,
        paid: agents === null ? null : p.paid[g.id]!,
        roster: p.roster[g.id]!,
        gap: agents === null ? null : p.roster[g.id]! - agents,
        erlangEstimate: p.erlang[g.id] ?? null
      }
    })
  )

const totalsOf = (groups: ReadonlyArray<StaffingGroup>, periods: ReadonlyArray<PeriodRow>) => {
  let requiredHours = 0
  let paidHours = 0
  let rosterHours = 0
  let cost = 0
  for (const p of periods) {
    const hours = (p.endMs - p.startMs) / HOUR_MS
    for (const g of groups) {
      requiredHours += p.required[g.id]! * hours
      paidHours += p.paid[g.id]! * hours
      rosterHours += p.roster[g.id]! * hours
      cost += p.required[g.id]! * hours * g.template.costPerHour
    }
  }
  return { requiredHours, paidHours, rosterHours, cost }
}

const triedRows = (
  groups: ReadonlyArray<StaffingGroup>,
  periods: ReadonlyArray<Period>,
  tried: ReadonlyArray<Candidate>
) =>
  tried.flatMap((t) =>
    periods.map((p, i) => ({
      phase: t.phase,
      iteration: t.iteration,
      interval: periodLabel(p),
      agents: byGroup(groups, (c) => t.vector[c]![i]!),
      met: t.periods[i]!.met
    }))
  )

export const runStaffing = async (s: Scenario, options: StaffOptions): Promise<StaffResult> => {
  const groups = staffingGroupsOf(s, options.shrinkage)
  const periods = periodsOf(s)
  const erlang = periods.map((p) => erlangRequirement(s, groups, p, options.targets))
  const seed = seedOf(erlang, groups, periods)
  const sampler = options.sampler ?? localSampler
  const reported = [
    ...s.serviceLevelThresholdsMs.map((ms) => `serviceLevel.${durationLabel(ms)}`),
    "asaMs",
    "abandonRate",
    "agentOccupancy",
    ...options.targets.map((t) => selectorText(t.selector))
  ]
  const judge = { sampler, targets: options.targets, confidence: options.confidence, reported }
  const outcome = await searchDay(s, groups, periods, options.targets, seed, {
    ...judge,
    audit: options.audit,
    replications: s.replications,
    maxAgents: (c) => Math.max(...seed[c]!.map((n) => n * 4 + 50)),
    ...(options.onProgress === undefined ? {} : { onProgress: options.onProgress })
  })
  if (outcome._tag === "Violation") return outcome
  const rosterJudged = await judgeScenario(s, periods, {
    ...judge,
    replications: batches(s.replications * MAX_BATCHES, s.replications, 1),
    audit: options.audit
  })
  if (rosterJudged._tag === "Violation") return { ...rosterJudged }
  const periodRows = rows(
    groups,
    periods,
    outcome.vector,
    outcome.verified,
    rosterByGroup(s, groups, periods),
    rosterJudged.periods,
    erlang
  )
  return {
    _tag: "Done",
    staffing: {
      scenario: s.name,
      seed: s.seed,
      replications: s.replications,
      confidence: options.confidence,
      engineVersion: ENGINE_VERSION,
      audit: options.audit,
      targets: options.targets.map((t) => t.text),
      targetMetrics: options.targets.map((t) => selectorText(t.selector)),
      method: METHOD,
      groups: groups.map((g) => ({
        id: g.id,
        members: g.members.map((m) => s.agents[m]!.id),
        queues: g.template.queues,
        capacity: g.template.capacity,
        costPerHour: g.template.costPerHour,
        shrinkage: g.shrinkage
      })),
      periods: periodRows,
      staffing: flatRows(groups, periodRows),
      totals: totalsOf(groups, periodRows),
      simulations: outcome.simulations + 1,
      ...(options.verbose === true ? { tried: triedRows(groups, periods, outcome.tried) } : {})
    }
  }
}
