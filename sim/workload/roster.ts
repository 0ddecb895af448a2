/**
 * Who is on duty when: each simulated agent's shifts (logged in) and breaks (logged in, Idle with
 * the break's code), and the roster they make per report interval. A group either follows its
 * scenario shift and breaks (all-at-once breaks at the same time for every agent, staggered ones
 * spread evenly over their window), or, when staffing sets its `duty` vector, agent n is on duty
 * exactly in the intervals where n < duty[i] (no breaks: the vector counts agents on duty). The
 * first interval's staffing also covers the warm-up and the last one's the drain; a group with a
 * duty vector has `count` = its largest entry. Pure.
 */
import type { AgentGroup, Scenario } from "../scenario/model.ts"

export interface Span {
  readonly startMs: number
  /** Infinity: to the end of the run. */
  readonly endMs: number
}

export interface AgentSchedule {
  /** Logged-in spans, in time order, not touching. */
  readonly shifts: ReadonlyArray<Span>
  readonly breaks: ReadonlyArray<Span & { readonly code: string }>
}

/** [start, end) of report interval i (the first from the warm-up end, the last ending at the horizon). */
export const intervalSpan = (s: Scenario, i: number): Span => {
  const startMs = s.warmupMs + i * s.intervalMs
  return { startMs, endMs: Math.min(s.horizonMs, startMs + s.intervalMs) }
}

/** Report intervals from warm-up to horizon (at least one; the last may be short). */
export const intervalCount = (s: Pick<Scenario, "warmupMs" | "horizonMs" | "intervalMs">): number =>
  Math.max(1, Math.ceil((s.horizonMs - s.warmupMs) / s.intervalMs))

/** Agent n of `group`'s start of a break: all at once, or its own place in a staggered window. */
export const breakStartMs = (group: AgentGroup, b: AgentGroup["breaks"][number], n: number): number => {
  if (b.windowEndMs === undefined || group.count <= 1) return b.startMs
  const latest = b.windowEndMs - b.durationMs
  return b.startMs + Math.round((n * (latest - b.startMs)) / (group.count - 1))
}

/** The duty vector as spans: consecutive intervals where agent n is on duty, merged. */
const dutySpans = (s: Scenario, duty: ReadonlyArray<number>, n: number): Array<Span> => {
  const spans: Array<{ startMs: number; endMs: number }> = []
  duty.forEach((count, i) => {
    if (n >= count) return
    const span = intervalSpan(s, i)
    const startMs = i === 0 ? 0 : span.startMs
    const endMs = i === duty.length - 1 ? Infinity : span.endMs
    const last = spans.at(-1)
    if (last !== undefined && last.endMs === startMs) last.endMs = endMs
    else spans.push({ startMs, endMs })
  })
  return spans
}

export const agentSchedule = (s: Scenario, group: AgentGroup, n: number): AgentSchedule => {
  if (group.duty !== undefined) return { shifts: dutySpans(s, group.duty, n), breaks: [] }
  return {
    shifts: [{ startMs: group.shiftStartMs, endMs: group.shiftEndMs }],
    breaks: group.breaks.map((b) => {
      const startMs = breakStartMs(group, b, n)
      return { startMs, endMs: startMs + b.durationMs, code: b.code }
    })
  }
}

const overlapMs = (a: Span, b: Span): number => Math.max(0, Math.min(a.endMs, b.endMs) - Math.max(a.startMs, b.startMs))

/** Time agent n of `group` is on duty (logged in, not on break) within `span`. */
const onDutyMs = (s: Scenario, group: AgentGroup, n: number, span: Span): number => {
  const schedule = agentSchedule(s, group, n)
  const shift = schedule.shifts.reduce((sum, x) => sum + overlapMs(x, span), 0)
  const breaks = schedule.breaks.reduce((sum, b) => sum + overlapMs(b, span), 0)
  return shift - breaks
}

/** Mean agents on duty per group (rows) and report interval (columns): the roster a scenario has. */
export const rosterOf = (s: Scenario): Array<Array<number>> =>
  s.agents.map((group) =>
    Array.from({ length: intervalCount(s) }, (_, i) => {
      const span = intervalSpan(s, i)
      const length = span.endMs - span.startMs
      let total = 0
      for (let n = 0; n < group.count; n++) total += onDutyMs(s, group, n, span)
      return length > 0 ? total / length : 0
    })
  )
