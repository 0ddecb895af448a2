/**
 * Offered load against capacity, per report interval, from the scenario alone: chats offered per
 * hour times their mean slot holding time (accept delay, handling, wrap-up) in Erlangs (busy slots
 * needed on average), beside the slots on duty in the scenario's roster (agents on duty after
 * shifts and breaks, times capacity). An interval whose offered load exceeds its slots cannot be
 * served, whatever the routing: `run` says so before the numbers. Pure.
 */

import { erlangsOf, offeredPerHour } from "../staff/periods.ts"
import type { OfferedLoad } from "../summary/model.ts"
import { intervalCount, intervalSpan, rosterOf } from "../workload/roster.ts"
import type { Scenario } from "./model.ts"

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
