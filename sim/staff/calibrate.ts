/**
 * How far the search steps a failing period (in the spirit of the iterative staffing algorithm of
 * Feldman, Mandelbaum, Massey and Whitt, 2008: re-derive each period's staffing from what the
 * simulation of the whole day showed). An Erlang queue is calibrated to the simulation: the
 * arrival rate at which Erlang A (C without patience), with the period's slots, predicts the
 * simulated mean of the failing metric. A backlog carried over from a peak, non-exponential times
 * or RONA all show up as extra load. The period then needs the fewest agents meeting the target
 * at that rate. Pure.
 */

import type { Scenario } from "../scenario/model.ts"
import { holdingMs } from "../scenario/offered-load.ts"
import { minServers, predict } from "../theory/erlang.ts"
import { erlangLoad } from "./erlang-estimate.ts"
import type { StaffingGroup } from "./groups.ts"
import type { Target } from "./targets.ts"
import { erlangMeets, predictedValue } from "./targets.ts"

const HOUR_MS = 3_600_000

/**
 * Agents of `group` the failing `target` needs in a period where `agents` of them gave the
 * simulated mean `observed`; undefined when no Erlang rate explains `observed`.
 */
export const calibratedAgents = (
  s: Scenario,
  group: StaffingGroup,
  agents: number,
  target: Target,
  observed: number
): number | undefined => {
  const handleMs = holdingMs(group.template)
  const servers = agents * group.template.capacity
  if (!(handleMs > 0) || servers < 1 || !Number.isFinite(observed)) return undefined
  const value = (perHour: number) =>
    predictedValue(target.selector.key, predict({ ...erlangLoad(s, handleMs, perHour), servers }))
  const growing = value((HOUR_MS / handleMs) * servers * 2) >= value((HOUR_MS / handleMs) * servers * 0.5)
  let lo = 1e-3
  let hi = (50 * servers * HOUR_MS) / handleMs
  if (growing ? observed <= value(lo) || observed >= value(hi) : observed >= value(lo) || observed <= value(hi))
    return undefined
  for (let i = 0; i < 60; i++) {
    const mid = Math.sqrt(lo * hi)
    if (value(mid) < observed === growing) lo = mid
    else hi = mid
  }
  const needed = minServers({ ...erlangLoad(s, handleMs, Math.sqrt(lo * hi)), meets: erlangMeets(target) })
  return needed === undefined ? undefined : Math.ceil(needed / group.template.capacity)
}
