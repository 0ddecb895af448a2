/**
 * The staffing search over a whole day: a vector of agents on duty per staffing group and period,
 * simulated as one day (so a backlog after a peak reaches the next period) with common random
 * numbers between candidates, and corrected until it stops changing.
 *
 * 1. Add: simulate, and for every period that misses a target add agents. With one staffing
 *    group the step comes from an Erlang queue calibrated to the simulation (calibrate.ts); with
 *    several, each group's +1 is tried on the failing periods and each period takes the one with
 *    the largest gain per cost (greedy, after Cezik and L'Ecuyer's simulation-driven search).
 * 2. Remove: for each group, most expensive first, try one agent fewer in every period that meets
 *    its targets; keep the removals that leave every met period met.
 * 3. Verify on fresh replications (auditor on unless told otherwise): periods that miss a target
 *    there get agents (as in 1) until they meet it.
 * A period that would need more than `maxAgents` of a group is left unmet and reported so.
 */

import type { Scenario } from "../scenario/model.ts"
import { selectorText } from "../summary/selector.ts"
import { calibratedAgents } from "./calibrate.ts"
import type { Judgement, JudgeOptions, PeriodJudgement, Vector } from "./evaluate.ts"
import { batches, judgeScenario, requirementScenario } from "./evaluate.ts"
import type { StaffingGroup } from "./groups.ts"
import type { Period } from "./periods.ts"
import type { Target } from "./targets.ts"

export type Phase = "add" | "try" | "remove" | "verify"

export interface Candidate {
  readonly phase: Phase
  readonly iteration: number
  readonly vector: Vector
  readonly periods: ReadonlyArray<PeriodJudgement>
}

export interface SearchOptions extends Omit<JudgeOptions, "replications"> {
  readonly replications: number
  readonly maxAgents: (group: number) => number
  readonly onProgress?: (phase: Phase, iteration: number, simulations: number) => void
}

export type SearchOutcome =
  | {
      readonly _tag: "Done"
      readonly vector: Vector
      /** The verification run's judgement of the final vector. */
      readonly verified: ReadonlyArray<PeriodJudgement>
      readonly simulations: number
      readonly tried: ReadonlyArray<Candidate>
    }
  | Extract<Judgement, { _tag: "Violation" }>

/** Thrown out of the search by the first invariant violation, caught at the top. */
class Stop {
  readonly judgement: Extract<Judgement, { _tag: "Violation" }>
  constructor(judgement: Extract<Judgement, { _tag: "Violation" }>) {
    this.judgement = judgement
  }
}

const MAX_ROUNDS = 40

interface Context {
  readonly s: Scenario
  readonly groups: ReadonlyArray<StaffingGroup>
  readonly periods: ReadonlyArray<Period>
  readonly targets: ReadonlyArray<Target>
  readonly o: SearchOptions
  readonly tried: Array<Candidate>
  simulations: number
}

const copy = (x: Vector): Array<Array<number>> => x.map((row) => [...row])

/** Replications are added in batches of `replications` while a verdict is open, up to this many batches. */
export const MAX_BATCHES = 3

const judge = async (
  c: Context,
  x: Vector,
  phase: Phase,
  iteration: number,
  fresh: boolean
): Promise<ReadonlyArray<PeriodJudgement>> => {
  const r = c.o.replications
  // search and verification never share a replication: the verification's are fresh
  const j = await judgeScenario(requirementScenario(c.s, c.groups, c.periods, x), c.periods, {
    ...c.o,
    replications: batches(fresh ? r * MAX_BATCHES : 0, r, MAX_BATCHES),
    audit: fresh && c.o.audit
  })
  c.simulations++
  c.o.onProgress?.(phase, iteration, c.simulations)
  if (j._tag === "Violation") throw new Stop(j)
  c.tried.push({ phase, iteration, vector: copy(x), periods: j.periods })
  return j.periods
}

/** Groups that serve a queue a period's failing targets concern (overall targets: every group). */
const groupsFor = (c: Context, p: PeriodJudgement): Array<number> => {
  const failing = c.targets.filter((_, k) => !p.targets[k]!.ok)
  return c.groups.flatMap((g, i) =>
    failing.some((t) => t.selector.queue === undefined || g.template.queues.includes(t.selector.queue)) ? [i] : []
  )
}

/** One group: the calibrated step for every failing period, at least one agent. */
const stepOneGroup = (
  c: Context,
  x: Array<Array<number>>,
  judged: ReadonlyArray<PeriodJudgement>,
  failing: ReadonlyArray<number>
): void => {
  const g = c.groups[0]!
  for (const p of failing) {
    const now = x[0]![p]!
    let want = now + 1
    c.targets.forEach((t, k) => {
      if (judged[p]!.targets[k]!.ok) return
      const observed = judged[p]!.metrics[selectorText(t.selector)]?.mean ?? Number.NaN
      const agents = calibratedAgents(c.s, g, Math.max(1, now), t, observed)
      if (agents !== undefined) want = Math.max(want, Math.min(agents, now + Math.max(2, Math.ceil(now / 2))))
    })
    x[0]![p] = Math.min(want, c.o.maxAgents(0))
  }
}

/** Several groups: try +1 of each candidate group on the failing periods; each period keeps the best gain per cost. */
const stepGreedy = async (
  c: Context,
  x: Array<Array<number>>,
  judged: ReadonlyArray<PeriodJudgement>,
  failing: ReadonlyArray<number>,
  iteration: number,
  fresh: boolean
): Promise<void> => {
  const candidates = [...new Set(failing.flatMap((p) => groupsFor(c, judged[p]!)))].filter((g) =>
    failing.some((p) => x[g]![p]! < c.o.maxAgents(g))
  )
  const gains = new Map<number, ReadonlyArray<PeriodJudgement>>()
  for (const g of candidates) {
    const y = copy(x)
    for (const p of failing) y[g]![p] = Math.min(y[g]![p]! + 1, c.o.maxAgents(g))
    gains.set(g, await judge(c, y, "try", iteration, fresh))
  }
  for (const p of failing) {
    const open = groupsFor(c, judged[p]!).filter((g) => x[g]![p]! < c.o.maxAgents(g))
    if (open.length === 0) continue
    const score = (g: number) =>
      (judged[p]!.deficit - (gains.get(g)?.[p]?.deficit ?? judged[p]!.deficit)) /
      Math.max(1e-9, c.groups[g]!.template.costPerHour)
    const cheapest = (g: number) => c.groups[g]!.template.costPerHour / c.groups[g]!.template.capacity
    const best = [...open].sort((a, b) => score(b) - score(a) || cheapest(a) - cheapest(b) || a - b)[0]!
    x[best]![p]!++
  }
}

/** Add agents until every period meets its targets (or cannot); returns the last judgement. */
const addUntilMet = async (
  c: Context,
  x: Array<Array<number>>,
  phase: Phase,
  fresh: boolean
): Promise<ReadonlyArray<PeriodJudgement>> => {
  let judged = await judge(c, x, phase, 0, fresh)
  for (let iteration = 1; iteration <= MAX_ROUNDS; iteration++) {
    const failing = judged
      .flatMap((p, i) => (p.met ? [] : [i]))
      .filter((p) => c.groups.some((_, g) => x[g]![p]! < c.o.maxAgents(g)))
    if (failing.length === 0) return judged
    if (c.groups.length === 1) stepOneGroup(c, x, judged, failing)
    else await stepGreedy(c, x, judged, failing, iteration, fresh)
    judged = await judge(c, x, phase, iteration, fresh)
  }
  return judged
}

/** Try one agent fewer of each group where every target holds; keep what leaves every met period met. */
const removeWhileMet = async (
  c: Context,
  x: Array<Array<number>>,
  judged: ReadonlyArray<PeriodJudgement>
): Promise<ReadonlyArray<PeriodJudgement>> => {
  const order = c.groups
    .map((_, g) => g)
    .sort((a, b) => c.groups[b]!.template.costPerHour - c.groups[a]!.template.costPerHour || a - b)
  for (let round = 1; round <= MAX_ROUNDS; round++) {
    let changed = false
    for (const g of order) {
      const open = judged.flatMap((p, i) => (p.met && x[g]![i]! > 0 ? [i] : []))
      // all open periods at once; then without those that broke (and the one before each: its
      // backlog reaches them); then every other period, so neighbours do not feed each other
      const attempts = [open, [] as Array<number>, open.filter((p) => p % 2 === 0), open.filter((p) => p % 2 === 1)]
      for (const [k, periods] of attempts.entries()) {
        if (periods.length === 0) continue
        const y = copy(x)
        for (const p of periods) y[g]![p]!--
        const after = await judge(c, y, "remove", round, false)
        const broken = after.flatMap((p, i) => (judged[i]!.met && !p.met ? [i] : []))
        if (broken.length === 0) {
          for (const p of periods) x[g]![p]!--
          judged = after
          changed = true
          break
        }
        if (k === 0) attempts[1] = periods.filter((p) => !broken.some((b) => p === b || p === b - 1))
      }
    }
    if (!changed) return judged
  }
  return judged
}

export const searchDay = async (
  s: Scenario,
  groups: ReadonlyArray<StaffingGroup>,
  periods: ReadonlyArray<Period>,
  targets: ReadonlyArray<Target>,
  seed: Vector,
  o: SearchOptions
): Promise<SearchOutcome> => {
  const c: Context = { s, groups, periods, targets, o, tried: [], simulations: 0 }
  const x = copy(seed)
  try {
    const met = await addUntilMet(c, x, "add", false)
    await removeWhileMet(c, x, met)
    const verified = await addUntilMet(c, x, "verify", true)
    return { _tag: "Done", vector: x, verified, simulations: c.simulations, tried: c.tried }
  } catch (e) {
    if (e instanceof Stop) return e.judgement
    throw e
  }
}
