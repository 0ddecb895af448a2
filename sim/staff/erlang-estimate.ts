/**
 * The Erlang starting point of a staffing search: a period's offered chats per hour, its mean
 * slot holding time (accept delay + handle time + wrap-up, weighted by each group's slots) and
 * the customers' mean patience (Erlang A; none: Erlang C) give `minServers` for the targets
 * (queue tags are not modelled: the pooled load is used). Servers are chat slots, so agents of
 * capacity k count as k; the estimate is the fewest agents, shared as `apportion` shares them,
 * with at least that many slots. Exact for an Erlang-compatible scenario, a guess otherwise.
 */
import { meanOf } from "../dists.ts"
import { minServers } from "../theory/erlang.ts"
import type { ErlangLoad } from "../theory/erlang.ts"
import type { Period } from "./periods.ts"
import { apportion, minimumAgents, slotsOf } from "./periods.ts"
import { erlangMeets } from "./targets.ts"
import type { Target } from "./targets.ts"

export const erlangLoadOf = (period: Period): ErlangLoad | undefined => {
  const s = period.scenario
  const weights = s.agents.map((g) => Math.max(g.count, 1) * g.capacity)
  const total = weights.reduce((a, b) => a + b, 0)
  if (total === 0 || period.arrivalsPerHour <= 0) return undefined
  const handleMs = s.agents.reduce((sum, g, i) =>
    sum + weights[i]! * (meanOf(g.acceptDelay) + meanOf(g.handleTime) + meanOf(g.wrapUp)), 0) / total
  if (!(handleMs > 0)) return undefined
  const patience = s.customers.patience
  return patience === undefined
    ? { model: "erlang-c", arrivalsPerHour: period.arrivalsPerHour, handleMs }
    : { model: "erlang-a", arrivalsPerHour: period.arrivalsPerHour, handleMs, patienceMs: Math.max(1, meanOf(patience)) }
}

/** The fewest agents (total over groups) whose slots meet every target by Erlang, or undefined. */
export const erlangAgents = (period: Period, targets: ReadonlyArray<Target>): number | undefined => {
  const load = erlangLoadOf(period)
  if (load === undefined) return undefined
  const meets = targets.map(erlangMeets)
  const servers = minServers({ ...load, meets: (p) => meets.every((m) => m(p)) })
  if (servers === undefined) return undefined
  const s = period.scenario
  let agents = minimumAgents(s)
  while (slotsOf(s, apportion(s, agents)) < servers) agents++
  return agents
}
