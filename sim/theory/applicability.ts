/**
 * When a resolved scenario is an Erlang queue, and the summary's theory block.
 * `theoryFor` maps a Scenario to the Erlang C / Erlang A input it is, or lists, in plain words, every
 * reason it is not; `compareWithTheory` puts the predictions beside simulated metrics as the
 * summary's `TheoryComparison` with a verdict per row (verdict.ts). Agents with capacity k count as
 * k servers each.
 */
import type { AgentGroup, Dist, Scenario } from "../scenario/model.ts"
import { durationLabel } from "../summary/labels.ts"
import type { GroupMetrics, MetricCI, TheoryComparison } from "../summary/model.ts"
import { type ErlangInput, predict } from "./erlang.ts"
import { holmRejected, pValue } from "./verdict.ts"

/** The family-wise level at which a report calls the simulated values inconsistent with theory. */
export const THEORY_ALPHA = 0.05

/** The Erlang model a scenario is, for its one queue. */
export type TheoryInput = ErlangInput & { readonly queueId: string }

export interface NotApplicable {
  readonly reasons: ReadonlyArray<string>
}

const rate = (perHour: number): string => `${Number(perHour.toPrecision(6))}/h`

/** "lognormal (mean 5m, sd 1m)": a distribution of durations, in the words of a scenario file. */
const describe = (d: Dist): string => {
  switch (d._tag) {
    case "fixed":
      return `fixed ${durationLabel(d.value)}`
    case "exponential":
      return `exponential (mean ${durationLabel(d.mean)})`
    case "lognormal":
      return `lognormal (mean ${durationLabel(d.mean)}, sd ${durationLabel(d.sd)})`
    case "gamma":
      return `gamma (mean ${durationLabel(d.mean)}, cv ${d.cv})`
    case "uniform":
      return `uniform (${durationLabel(d.min)} to ${durationLabel(d.max)})`
    case "empirical":
      return `empirical (${d.values.length} values)`
  }
}

const isZero = (d: Dist): boolean => d._tag === "fixed" && d.value === 0

/** Why one agent group is not a pool of identical exponential servers of `queueId`. */
const groupReasons = (g: AgentGroup, queueId: string | undefined): Array<string> => {
  const reasons: Array<string> = []
  const name = `agent group ${g.id}`
  if (queueId !== undefined && !g.queues.includes(queueId)) reasons.push(`${name} does not serve queue ${queueId}`)
  if (g.handleTime._tag !== "exponential") {
    reasons.push(`${name}: handle time is ${describe(g.handleTime)}, theory needs exponential`)
  }
  if (!isZero(g.acceptDelay)) reasons.push(`${name}: accept delay is ${describe(g.acceptDelay)}, theory needs 0`)
  if (g.missProbability > 0) reasons.push(`${name} misses offers (missProbability ${g.missProbability}, RONA)`)
  if (g.declineProbability > 0) reasons.push(`${name} declines offers (declineProbability ${g.declineProbability})`)
  if (g.transfer.probability > 0) reasons.push(`${name} transfers chats (probability ${g.transfer.probability})`)
  if (g.conference.probability > 0) reasons.push(`${name} opens conferences (probability ${g.conference.probability})`)
  if (!isZero(g.wrapUp)) reasons.push(`${name}: wrap-up is ${describe(g.wrapUp)}, theory needs 0`)
  if (g.shiftStartMs !== 0 || g.shiftEndMs !== Infinity) {
    const end = g.shiftEndMs === Infinity ? "the end" : durationLabel(g.shiftEndMs)
    reasons.push(`${name} works a shift (${durationLabel(g.shiftStartMs)} to ${end}), theory needs agents all the time`)
  }
  if (g.breaks.length > 0) reasons.push(`${name} takes ${g.breaks.length} break(s)`)
  return reasons
}

const arrivalReasons = (scenario: Scenario): { reasons: Array<string>; perHour: number } => {
  const reasons: Array<string> = []
  const streams = scenario.arrivals
  const first = streams[0]
  if (first === undefined) return { reasons: ["no arrivals"], perHour: 0 }
  if (streams.length > 1) reasons.push(`${streams.length} arrival streams, theory needs one`)
  const perHour = first.stages[0]?.fromPerHour ?? 0
  const flat = first.stages.every((s) => s.fromPerHour === perHour && s.toPerHour === perHour)
  if (first.executor !== "constant-arrival-rate" || first.stages.length !== 1 || !flat) {
    const rates = first.stages.flatMap((s) => [s.fromPerHour, s.toPerHour])
    const span = rates.length > 0 ? ` from ${rate(Math.min(...rates))} to ${rate(Math.max(...rates))}` : ""
    reasons.push(
      `arrivals ramp (${first.executor}, ${first.stages.length} stage(s)${span}), theory needs one constant rate`
    )
  }
  if (perHour <= 0) reasons.push("the arrival rate is 0")
  return { reasons, perHour }
}

/** The Erlang model of a scenario, or every reason it has none. */
export const theoryFor = (scenario: Scenario): TheoryInput | NotApplicable => {
  const reasons: Array<string> = []
  const queue = scenario.queues[0]
  if (scenario.queues.length !== 1) reasons.push(`${scenario.queues.length} queues, theory needs exactly one`)
  if (queue?.maxWaitMs !== undefined) {
    reasons.push(`queue ${queue.id} has maxWait ${durationLabel(queue.maxWaitMs)}, theory needs unlimited waiting`)
  }
  const arrivals = arrivalReasons(scenario)
  reasons.push(...arrivals.reasons)
  if (scenario.proactive.length > 0) {
    reasons.push(
      `${scenario.proactive.length} proactive campaign(s) add invited chats, theory needs Poisson arrivals only`
    )
  }
  const patience = scenario.customers.patience
  if (patience !== undefined && patience._tag !== "exponential") {
    reasons.push(`patience is ${describe(patience)}, theory needs exponential or none`)
  }
  if (scenario.customers.leaveDuringChatProbability > 0) {
    reasons.push(`customers leave during chats (probability ${scenario.customers.leaveDuringChatProbability})`)
  }
  const disconnects = scenario.faults.disconnects
  if (disconnects !== undefined && disconnects.perAgentPerHour > 0) {
    reasons.push(`agents disconnect (${disconnects.perAgentPerHour} per agent per hour)`)
  }
  const groups = scenario.agents
  if (groups.length === 0) reasons.push("no agents")
  for (const g of groups) reasons.push(...groupReasons(g, queue?.id))
  const means = [...new Set(groups.flatMap((g) => (g.handleTime._tag === "exponential" ? [g.handleTime.mean] : [])))]
  if (means.length > 1) {
    reasons.push(`mean handle times differ between groups (${means.map(durationLabel).join(", ")}), theory needs one`)
  }
  const servers = groups.reduce((sum, g) => sum + g.count * g.capacity, 0)
  if (groups.length > 0 && servers === 0) reasons.push("no staffed slots (count × capacity is 0)")
  const handleMs = means[0] ?? 0
  if (reasons.length > 0 || queue === undefined) return { reasons }
  const common = { queueId: queue.id, arrivalsPerHour: arrivals.perHour, handleMs, servers }
  const patienceMs = patience?._tag === "exponential" ? patience.mean : undefined
  if (patienceMs === undefined) {
    const load = (arrivals.perHour * handleMs) / 3_600_000
    if (load >= servers) {
      return {
        reasons: [
          `offered load ${Number(load.toPrecision(4))} erlangs is not below ${servers} servers and customers never ` +
            "abandon: Erlang C has no steady state"
        ]
      }
    }
    return { model: "erlang-c", ...common }
  }
  return { model: "erlang-a", ...common, patienceMs }
}

export const isApplicable = (theory: TheoryInput | NotApplicable): theory is TheoryInput => !("reasons" in theory)

/**
 * The summary's theory block: one row per metric (probWait, abandonRate, asaMs,
 * serviceLevel.<label> for each threshold, slotUtilization (Erlang's server occupancy: capacity k
 * counts as k servers), meanQueueLength), predicted beside simulated.
 * A threshold the simulated metrics do not carry has no row.
 */
export const compareWithTheory = (
  theory: TheoryInput | NotApplicable,
  simulated: GroupMetrics,
  thresholdsMs: ReadonlyArray<number>
): TheoryComparison => {
  if (!isApplicable(theory)) return { applicable: false, reasons: theory.reasons }
  const p = predict(theory)
  const rows: Array<{ metric: string; predicted: number; simulated: MetricCI }> = [
    { metric: "probWait", predicted: p.probWait, simulated: simulated.probWait },
    { metric: "abandonRate", predicted: p.abandonRate, simulated: simulated.abandonRate },
    { metric: "asaMs", predicted: p.asaMs, simulated: simulated.asaMs }
  ]
  for (const t of thresholdsMs) {
    const label = durationLabel(t)
    const sim = simulated.serviceLevel[label]
    if (sim !== undefined) rows.push({ metric: `serviceLevel.${label}`, predicted: p.serviceLevel(t), simulated: sim })
  }
  rows.push(
    { metric: "slotUtilization", predicted: p.occupancy, simulated: simulated.slotUtilization },
    { metric: "meanQueueLength", predicted: p.meanQueueLength, simulated: simulated.meanQueueLength }
  )
  const pValues = rows.map((r) => pValue(r.predicted, r.simulated))
  const rejected = holmRejected(pValues, THEORY_ALPHA)
  return {
    applicable: true,
    model: theory.model,
    servers: theory.servers,
    alpha: THEORY_ALPHA,
    rows: rows.map((r, i) => ({
      ...r,
      pValue: pValues[i] ?? null,
      consistent: rejected[i] === null ? null : !rejected[i]
    }))
  }
}
