/**
 * An agent's duty over the run, as intents from its start: its shifts and breaks (roster.ts) and its
 * disconnect faults, a Poisson process over its shifts within the horizon. In the order the
 * simulator schedules them: each shift's start and (finite) end, each break's start and end, then
 * the disconnects. Pure.
 */

import type { AgentGroup, Scenario } from "../scenario/model.ts"
import type { Draws } from "./draws.ts"
import { Sequence } from "./draws.ts"
import type { IntentOf } from "./intent.ts"
import { agentSchedule } from "./roster.ts"
import { STREAMS } from "./streams.ts"

export type DutyIntent = IntentOf<"ShiftStart" | "ShiftEnd" | "BreakStart" | "BreakEnd">

/** Agent n of `group`'s shifts and breaks. */
export const dutyIntents = (scenario: Scenario, group: AgentGroup, n: number): Array<DutyIntent> => {
  const schedule = agentSchedule(scenario, group, n)
  const out: Array<DutyIntent> = []
  for (const shift of schedule.shifts) {
    out.push({ _tag: "ShiftStart", afterMs: shift.startMs })
    if (Number.isFinite(shift.endMs)) out.push({ _tag: "ShiftEnd", afterMs: shift.endMs })
  }
  for (const b of schedule.breaks) {
    out.push({ _tag: "BreakStart", afterMs: b.startMs, code: b.code })
    out.push({ _tag: "BreakEnd", afterMs: b.endMs, code: b.code })
  }
  return out
}

/** Agent n of `group` (index `agent` in the run)'s disconnects: none without a fault rate or a shift. */
export const disconnectIntents = (
  scenario: Scenario,
  draws: Draws,
  group: AgentGroup,
  n: number,
  agent: number
): Array<IntentOf<"Disconnect">> => {
  const d = scenario.faults.disconnects
  if (d === undefined || d.perAgentPerHour <= 0) return []
  const seq = new Sequence(draws, STREAMS.faults, agent)
  const shifts = agentSchedule(scenario, group, n).shifts
  if (shifts.length === 0) return []
  const end = Math.min(shifts.at(-1)!.endMs, scenario.horizonMs)
  const out: Array<IntentOf<"Disconnect">> = []
  // exact times between draws, rounded only when handed out (rounding each gap would shorten them)
  for (let t = shifts[0]!.startMs; ; ) {
    t += (-Math.log(seq.next()) * 3_600_000) / d.perAgentPerHour
    if (t >= end) return out
    out.push({ _tag: "Disconnect", afterMs: Math.floor(t) })
  }
}
