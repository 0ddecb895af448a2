/**
 * A staffing candidate judged by simulation: the requirement scenario (every staffing group on
 * duty per period as the vector says, no shifts or breaks: those belong to the roster) simulated
 * over given replications, and each period's targets judged at the stated confidence on the chats
 * that arrived in it. A period's deficit sums how far each unmet target is from its bound
 * (relative to the bound), which the search uses to compare candidates. Also the same judgement
 * of any scenario as it is (the roster check).
 */
import type { Violation } from "../../core/audit/auditor.ts"
import type { Sampler } from "../compare/sampler.ts"
import type { Scenario } from "../scenario/model.ts"
import { selectorText } from "../summary/selector.ts"
import { intervalCount } from "../workload/roster.ts"
import type { DayTallies } from "./day.ts"
import { periodValues } from "./day.ts"
import type { StaffingGroup } from "./groups.ts"
import type { Period } from "./periods.ts"
import type { Estimate, Target } from "./targets.ts"
import { estimate, isMet, judgedValue } from "./targets.ts"

/** Agents on duty per staffing group (rows) and period (columns). */
export type Vector = ReadonlyArray<ReadonlyArray<number>>

export interface TargetResult {
  readonly target: string
  readonly judged: number
  readonly ok: boolean
}

export interface PeriodJudgement {
  readonly met: boolean
  /** Some target's interval contains its bound: more replications could change the verdict. */
  readonly undecided: boolean
  /** 0 when met; else the sum over unmet targets of |judged - bound| / max(|bound|, 1e-9). */
  readonly deficit: number
  readonly targets: ReadonlyArray<TargetResult>
  /** Each target's metric (by selector text) and the reported ones, at the stated confidence. */
  readonly metrics: Readonly<Record<string, Estimate>>
}

export type Judgement =
  | { readonly _tag: "Judged"; readonly periods: ReadonlyArray<PeriodJudgement> }
  | {
      readonly _tag: "Violation"
      readonly scenario: Scenario
      readonly violation: Violation
      readonly replication: number
      readonly replicationSeed: number
    }

export interface JudgeOptions {
  readonly sampler: Sampler
  readonly targets: ReadonlyArray<Target>
  readonly confidence: number
  /** Overall metric keys reported beside the targets' own. */
  readonly reported: ReadonlyArray<string>
  /**
   * Batches of replication indices: the first always runs; each next one only while some period
   * is undecided (a target's interval contains its bound), so a clear answer stops early and a
   * close one gets the replications it needs.
   */
  readonly replications: ReadonlyArray<ReadonlyArray<number>>
  readonly audit: boolean
}

/** The scenario whose agents are the vector: one group per staffing group, on duty as it says. */
export const requirementScenario = (
  s: Scenario,
  groups: ReadonlyArray<StaffingGroup>,
  periods: ReadonlyArray<Period>,
  x: Vector
): Scenario => {
  const intervals = intervalCount(s)
  const periodOfInterval = Array.from({ length: intervals }, (_, i) =>
    periods.findIndex((p) => p.span.first <= i && i <= p.span.last)
  )
  const renamed = new Map(groups.flatMap((g) => g.members.map((m) => [s.agents[m]!.id, g.id] as const)))
  return {
    ...s,
    agents: groups.map((g, c) => {
      const duty = periodOfInterval.map((p) => x[c]![p] ?? 0)
      const t = g.template
      return {
        ...t,
        id: g.id,
        count: Math.max(0, ...duty),
        shiftStartMs: 0,
        shiftEndMs: Infinity,
        breaks: [],
        duty,
        transfer: {
          ...t.transfer,
          targets: t.transfer.targets.map((tt) =>
            tt.agentGroup === undefined ? tt : { ...tt, agentGroup: renamed.get(tt.agentGroup) ?? tt.agentGroup }
          )
        }
      }
    })
  }
}

const judgePeriod = (
  days: ReadonlyArray<DayTallies>,
  s: Scenario,
  period: Period,
  o: JudgeOptions
): PeriodJudgement => {
  const values = days.map((d) => periodValues(s, d, period.span))
  const read = (key: string, queue: string | undefined): Estimate =>
    estimate(
      values.map((v) => (queue === undefined ? v.overall[key] : v.queues[queue]?.[key]) ?? Number.NaN),
      o.confidence
    )
  const metrics: Record<string, Estimate> = {}
  const targets = o.targets.map((t) => {
    const e = (metrics[selectorText(t.selector)] ??= read(t.selector.key, t.selector.queue))
    const judged = judgedValue(t, e)
    // no chat in the period: nothing to serve, the target holds
    const ok = e.n === 0 || isMet(t, e)
    const undecided = e.n > 0 && e.ci[0] <= t.bound && t.bound <= e.ci[1]
    return {
      target: t.text,
      judged,
      ok,
      undecided,
      shortfall: ok ? 0 : Math.abs(judged - t.bound) / Math.max(Math.abs(t.bound), 1e-9)
    }
  })
  for (const key of o.reported) metrics[key] ??= read(key, undefined)
  const deficit = targets.reduce((sum, t) => sum + (Number.isFinite(t.shortfall) ? t.shortfall : 1), 0)
  return {
    met: targets.every((t) => t.ok),
    undecided: targets.some((t) => t.undecided),
    deficit,
    targets: targets.map(({ shortfall: _, undecided: __, ...t }) => t),
    metrics
  }
}

/** Simulate `scenario` over the replications (batch by batch while undecided) and judge every period. */
export const judgeScenario = async (
  scenario: Scenario,
  periods: ReadonlyArray<Period>,
  o: JudgeOptions
): Promise<Judgement> => {
  const days: Array<DayTallies> = []
  let judged: Array<PeriodJudgement> = []
  for (const batch of o.replications) {
    const results = await o.sampler.days(batch.map((replication) => ({ scenario, replication, audit: o.audit })))
    for (const [k, r] of results.entries()) {
      if (r._tag === "Violation") {
        return {
          _tag: "Violation",
          scenario,
          violation: r.violation,
          replication: batch[k]!,
          replicationSeed: r.replicationSeed
        }
      }
      days.push(r.tallies)
    }
    judged = periods.map((p) => judgePeriod(days, scenario, p, o))
    if (!judged.some((p) => p.undecided)) break
  }
  return { _tag: "Judged", periods: judged }
}

/** `count` batches of `size` replication indices from `from` on. */
export const batches = (from: number, size: number, count: number): Array<Array<number>> =>
  Array.from({ length: count }, (_, b) => Array.from({ length: size }, (_, k) => from + b * size + k))
