/**
 * The Erlang-calculator view (`staff --table 40..60`): for one stationary period (the scenario
 * itself when its rates are constant, else one interval held at its mean rates), service level,
 * ASA, abandonment and occupancy at each number of agents on duty, from simulation with common
 * random numbers, with Erlang C / A beside them when the scenario is an Erlang queue. With several
 * staffing groups, N agents are shared in proportion to their Erlang requirement. Planners read the
 * knee of the curve from it.
 */
import type { Sampler } from "../compare/sampler.ts"
import type { Scenario } from "../scenario/model.ts"
import { durationLabel } from "../summary/labels.ts"
import { isApplicable, theoryFor } from "../theory/applicability.ts"
import { predict } from "../theory/erlang.ts"
import { erlangRequirement } from "./erlang-estimate.ts"
import { batches, judgeScenario, requirementScenario } from "./evaluate.ts"
import { staffingGroupsOf } from "./groups.ts"
import type { Period } from "./periods.ts"
import { periodLabel, periodsOf, stationaryAt, varies } from "./periods.ts"
import type { Estimate, Target } from "./targets.ts"
import { predictedValue } from "./targets.ts"

export interface TableRow {
  readonly agents: number
  /** Per staffing group id. */
  readonly split: Readonly<Record<string, number>>
  /** Simulated, by metric key, at the stated confidence. */
  readonly simulated: Readonly<Record<string, Estimate>>
  /** Erlang C / A by metric key, when the period is an Erlang queue. */
  readonly erlang?: Readonly<Record<string, number>>
  /** Every target met (absent without targets). */
  readonly met?: boolean
}

export interface StaffTable {
  readonly scenario: string
  readonly interval: string
  readonly offeredPerHour: number
  readonly offeredErlangs: number
  readonly model: "erlang-c" | "erlang-a" | undefined
  readonly keys: ReadonlyArray<string>
  readonly targets: ReadonlyArray<string>
  readonly confidence: number
  readonly replications: number
  readonly rows: ReadonlyArray<TableRow>
  /** The fewest agents in the range that meet every target (absent without targets or when none does). */
  readonly answer?: number
}

/** The fewest agents of the rows meeting every target. */
export const answerOf = (rows: ReadonlyArray<TableRow>): number | undefined =>
  rows
    .filter((r) => r.met === true)
    .reduce<number | undefined>((best, r) => (best === undefined || r.agents < best ? r.agents : best), undefined)

/** The period of `atMs` (the busiest one when absent), as a stationary scenario. */
export const tablePeriod = (
  s: Scenario,
  atMs: number | undefined
): { readonly period: Period; readonly scenario: Scenario } => {
  if (!varies(s)) return { period: periodsOf(s)[0]!, scenario: s }
  const periods = periodsOf(s)
  const period =
    atMs === undefined
      ? [...periods].sort((a, b) => b.offeredErlangs - a.offeredErlangs || a.index - b.index)[0]!
      : (periods.find((p) => p.startMs <= atMs && atMs < p.endMs) ?? periods.at(-1)!)
  const scenario = stationaryAt(s, period.startMs, period.endMs)
  return { period: periodsOf(scenario)[0]!, scenario: { ...scenario } }
}

/** `total` agents shared by `weights` (largest remainder; ties to the first). */
export const share = (weights: ReadonlyArray<number>, total: number): Array<number> => {
  const w = weights.every((x) => x <= 0) ? weights.map(() => 1) : weights.map((x) => Math.max(0, x))
  const sum = w.reduce((a, b) => a + b, 0)
  const exact = w.map((x) => (total * x) / sum)
  const counts = exact.map(Math.floor)
  let left = total - counts.reduce((a, b) => a + b, 0)
  const order = exact.map((x, i) => [x - Math.floor(x), i] as const).sort((a, b) => b[0] - a[0] || a[1] - b[1])
  for (const [, i] of order) {
    if (left-- <= 0) break
    counts[i]!++
  }
  return counts
}

export const staffTable = async (
  s: Scenario,
  o: {
    readonly from: number
    readonly to: number
    readonly atMs?: number
    readonly targets: ReadonlyArray<Target>
    readonly confidence: number
    readonly audit: boolean
    readonly sampler: Sampler
    /** Only these agent counts of the range (a shard of the table). */
    readonly only?: ReadonlyArray<number>
  }
): Promise<StaffTable | { readonly violation: string }> => {
  const { period, scenario } = tablePeriod(s, o.atMs)
  const groups = staffingGroupsOf(scenario, 0)
  const weights = erlangRequirement(scenario, groups, period, o.targets).map((n) => n ?? 1)
  const keys = [
    ...scenario.serviceLevelThresholdsMs.map((ms) => `serviceLevel.${durationLabel(ms)}`),
    "asaMs",
    "abandonRate",
    "agentOccupancy"
  ]
  const replications = batches(0, scenario.replications, 1)
  const rows: Array<TableRow> = []
  let model: StaffTable["model"]
  for (let n = o.from; n <= o.to; n++) {
    if (o.only !== undefined && !o.only.includes(n)) continue
    const split = share(weights, n)
    const candidate = requirementScenario(
      scenario,
      groups,
      [period],
      split.map((k) => [k])
    )
    const j = await judgeScenario(candidate, [period], {
      sampler: o.sampler,
      targets: o.targets,
      confidence: o.confidence,
      reported: keys,
      replications,
      audit: o.audit
    })
    if (j._tag === "Violation")
      return { violation: `${j.violation.rule}: ${j.violation.message} (${n} agents, replication ${j.replication})` }
    const judged = j.periods[0]!
    // theory of the same agents as a plain group (the duty vector is constant here)
    const theory = theoryFor({ ...candidate, agents: candidate.agents.map(({ duty: _, ...g }) => g) })
    const prediction = isApplicable(theory) ? predict(theory) : undefined
    const erlang =
      prediction === undefined ? undefined : Object.fromEntries(keys.map((k) => [k, predictedValue(k, prediction)]))
    if (isApplicable(theory)) model = theory.model
    rows.push({
      agents: n,
      split: Object.fromEntries(groups.map((g, c) => [g.id, split[c]!])),
      simulated: Object.fromEntries(keys.map((k) => [k, judged.metrics[k]!])),
      ...(erlang === undefined ? {} : { erlang }),
      ...(o.targets.length === 0 ? {} : { met: judged.met })
    })
  }
  return {
    scenario: s.name,
    interval: periodLabel(period),
    offeredPerHour: Object.values(period.offeredPerHour).reduce((a, b) => a + b, 0),
    offeredErlangs: period.offeredErlangs,
    model,
    keys,
    targets: o.targets.map((t) => t.text),
    confidence: o.confidence,
    replications: scenario.replications,
    rows,
    ...withAnswer(rows)
  }
}

/** `{ answer }` to spread into a table, or nothing when no row meets every target. */
export const withAnswer = (rows: ReadonlyArray<TableRow>): { readonly answer?: number } => {
  const answer = answerOf(rows)
  return answer === undefined ? {} : { answer }
}
