/**
 * Offered load against capacity, per report interval, from the scenario alone: chats offered per
 * hour times their mean slot holding time (accept delay, handling, wrap-up) in Erlangs (busy slots
 * needed on average), beside the slots on duty in the scenario's roster (agents on duty after
 * shifts and breaks, times capacity). An interval whose offered load exceeds its slots cannot be
 * served, whatever the routing: `run` says so before the numbers. Also the pieces `staff` sizes
 * its periods with: mean rates of rate stages, offered chats per hour per queue, holding times
 * and Erlangs. Pure.
 */

import type { OfferedLoad } from "../summary/model.ts"
import { meanOf } from "../workload/dists.ts"
import { intervalCount, intervalSpan, rosterOf } from "../workload/roster.ts"
import type { AgentGroup, RateStage, Scenario } from "./model.ts"

export const offeredLoadOf = (s: Scenario): OfferedLoad => {
  const roster = rosterOf(s)
  const intervals = Array.from({ length: intervalCount(s) }, (_, i) => {
    const { startMs, endMs } = intervalSpan(s, i)
    const erlangs = erlangsOf(s, offeredPerHour(s, startMs, endMs))
    const slots = s.agents.reduce((sum, g, k) => sum + roster[k]![i]! * g.capacity, 0)
    return { startMs, endMs, erlangs, slots }
  })
  const span = intervals.reduce((sum, x) => sum + (x.endMs - x.startMs), 0)
  const mean = (f: (x: (typeof intervals)[number]) => number) =>
    span === 0 ? 0 : intervals.reduce((sum, x) => sum + f(x) * (x.endMs - x.startMs), 0) / span
  const peak = [...intervals].sort((a, b) => b.erlangs - a.erlangs || a.startMs - b.startMs)[0]!
  return { meanErlangs: mean((x) => x.erlangs), meanSlots: mean((x) => x.slots), peak, intervals }
}

/** The mean rate of piecewise-linear stages over [fromMs, toMs). */
export const meanRate = (stages: ReadonlyArray<RateStage>, fromMs: number, toMs: number): number => {
  let area = 0
  for (const s of stages) {
    const a = Math.max(fromMs, s.startMs)
    const b = Math.min(toMs, s.endMs)
    if (b <= a) continue
    const at = (t: number) =>
      s.fromPerHour + ((s.toPerHour - s.fromPerHour) * (t - s.startMs)) / Math.max(1, s.endMs - s.startMs)
    area += ((b - a) * (at(a) + at(b))) / 2
  }
  const last = stages.at(-1)
  if (last !== undefined && toMs > last.endMs) area += (toMs - Math.max(fromMs, last.endMs)) * last.toPerHour
  return toMs > fromMs ? area / (toMs - fromMs) : 0
}

/** Chats offered per hour per queue over [fromMs, toMs). */
export const offeredPerHour = (s: Scenario, fromMs: number, toMs: number): Record<string, number> => {
  const out: Record<string, number> = Object.fromEntries(s.queues.map((q) => [q.id, 0]))
  for (const a of s.arrivals) out[a.queueId]! += meanRate(a.stages, fromMs, toMs)
  for (const c of s.proactive) out[c.queueId]! += meanRate(c.stages, fromMs, toMs) * c.acceptProbability
  return out
}

/** Mean time one chat holds a slot of this group: accept delay + handle time + wrap-up. */
export const holdingMs = (g: AgentGroup): number => meanOf(g.acceptDelay) + meanOf(g.handleTime) + meanOf(g.wrapUp)

/** The mean holding time of a queue's chats: the mean over the groups that serve it (slot-weighted). */
export const queueHoldingMs = (s: Scenario, queueId: string): number => {
  const serving = s.agents.filter((g) => g.queues.includes(queueId))
  const weight = serving.reduce((sum, g) => sum + g.capacity * Math.max(1, g.count), 0)
  return weight === 0
    ? 0
    : serving.reduce((sum, g) => sum + g.capacity * Math.max(1, g.count) * holdingMs(g), 0) / weight
}

/** Busy slots the offered chats need on average: Σ chats/h x holding time. */
export const erlangsOf = (s: Scenario, perHour: Readonly<Record<string, number>>): number =>
  s.queues.reduce((sum, q) => sum + ((perHour[q.id] ?? 0) * queueHoldingMs(s, q.id)) / 3_600_000, 0)
