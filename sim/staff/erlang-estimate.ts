/**
 * Erlang estimates of a period's requirement (stationary, independent periods: SIPP), the seed of
 * the simulation search and the "Erlang" column beside its answer. Each queue with chats is given
 * to the staffing group that serves it at the lowest cost per slot (ties: the first); a group's
 * queues are pooled into one Erlang A queue (Erlang C without patience) whose servers are its
 * slots (capacity k: k servers per agent), holding time accept delay + handling + wrap-up, and
 * the targets that concern those queues must hold. Exact for an Erlang-compatible scenario, a
 * starting guess otherwise (shared queues, non-exponential times, RONA).
 */

import type { Scenario } from "../scenario/model.ts"
import { holdingMs } from "../scenario/offered-load.ts"
import type { ErlangLoad } from "../theory/erlang.ts"
import { minServers } from "../theory/erlang.ts"
import { meanOf } from "../workload/dists.ts"
import type { StaffingGroup } from "./groups.ts"
import type { Period } from "./periods.ts"
import type { Target } from "./targets.ts"
import { erlangMeets } from "./targets.ts"

/** Staffing group index for each queue id: the cheapest per slot among those that serve it. */
export const queueOwners = (s: Scenario, groups: ReadonlyArray<StaffingGroup>): Map<string, number> => {
  const owners = new Map<string, number>()
  for (const q of s.queues) {
    let best: number | undefined
    groups.forEach((g, c) => {
      if (!g.template.queues.includes(q.id)) return
      const cost = g.template.costPerHour / g.template.capacity
      const bestCost =
        best === undefined ? Infinity : groups[best]!.template.costPerHour / groups[best]!.template.capacity
      if (cost < bestCost) best = c
    })
    if (best !== undefined) owners.set(q.id, best)
  }
  return owners
}

/** The Erlang queue of `perHour` chats held `handleMs` each: Erlang A with the scenario's patience, else C. */
export const erlangLoad = (s: Scenario, handleMs: number, perHour: number): ErlangLoad => {
  const patience = s.customers.patience
  return patience === undefined
    ? { model: "erlang-c", arrivalsPerHour: perHour, handleMs }
    : { model: "erlang-a", arrivalsPerHour: perHour, handleMs, patienceMs: Math.max(1, meanOf(patience)) }
}

const loadOf = (s: Scenario, g: StaffingGroup, perHour: number): ErlangLoad | undefined => {
  const handleMs = holdingMs(g.template)
  if (!(perHour > 0) || !(handleMs > 0)) return undefined
  return erlangLoad(s, handleMs, perHour)
}

/** Agents per staffing group for one period by Erlang; undefined where Erlang finds none. */
export const erlangRequirement = (
  s: Scenario,
  groups: ReadonlyArray<StaffingGroup>,
  period: Period,
  targets: ReadonlyArray<Target>
): Array<number | undefined> => {
  const owners = queueOwners(s, groups)
  return groups.map((g, c) => {
    const queues = s.queues.map((q) => q.id).filter((id) => owners.get(id) === c)
    const perHour = queues.reduce((sum, id) => sum + (period.offeredPerHour[id] ?? 0), 0)
    if (queues.length === 0 || !(perHour > 0)) return 0
    const load = loadOf(s, g, perHour)
    if (load === undefined) return 0
    const concerns = targets
      .filter((t) => t.selector.queue === undefined || queues.includes(t.selector.queue))
      .map(erlangMeets)
    const servers = minServers({ ...load, meets: (p) => concerns.every((m) => m(p)) })
    return servers === undefined ? undefined : Math.ceil(servers / g.template.capacity)
  })
}
