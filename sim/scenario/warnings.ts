/**
 * What a scenario file probably did not mean, said before the run but not refused: an arrival or
 * invitation rate given without `timeUnit` counts per second (k6's default), so `rate: 40` meant
 * as per hour becomes 144,000 chats an hour. When such a rate gives more than 1,000 chats per hour
 * per agent of the scenario, the warning names the field and suggests the unit. Pure.
 */
import type { Scenario } from "./model.ts"

/** Chats per hour per agent above which a per-second rate is taken for a mistake. */
export const IMPLAUSIBLE_PER_AGENT_HOUR = 1_000

const rec = (x: unknown): Record<string, unknown> | undefined =>
  typeof x === "object" && x !== null && !Array.isArray(x) ? (x as Record<string, unknown>) : undefined

const peakPerHour = (stages: ReadonlyArray<{ readonly fromPerHour: number; readonly toPerHour: number }>): number =>
  Math.max(0, ...stages.flatMap((s) => [s.fromPerHour, s.toPerHour]))

export const scenarioWarnings = (doc: unknown, s: Scenario): Array<string> => {
  const root = rec(doc)
  const agents = s.agents.reduce((sum, g) => sum + g.count, 0)
  const warnings: Array<string> = []
  const check = (
    field: string,
    raw: unknown,
    stages: ReadonlyArray<{ readonly fromPerHour: number; readonly toPerHour: number }>
  ) => {
    if (rec(raw)?.["timeUnit"] !== undefined) return
    const perHour = peakPerHour(stages)
    if (perHour / Math.max(1, agents) <= IMPLAUSIBLE_PER_AGENT_HOUR) return
    warnings.push(
      `${field}: no timeUnit, so the rate counts per second (as in k6): up to ${Math.round(perHour).toLocaleString("en-US")} ` +
        `chats/h, ${Math.round(perHour / Math.max(1, agents)).toLocaleString("en-US")} per agent per hour; did you mean timeUnit: 1h or 1m?`
    )
  }
  const arrivals = Array.isArray(root?.["arrivals"]) ? root["arrivals"] : []
  s.arrivals.forEach((a, i) => {
    check(`arrivals[${i}]`, arrivals[i], a.stages)
  })
  const proactive = Array.isArray(root?.["proactive"]) ? root["proactive"] : []
  s.proactive.forEach((c, i) => {
    check(
      `proactive[${i}]`,
      proactive[i],
      c.stages.map((x) => ({
        fromPerHour: x.fromPerHour * c.acceptProbability,
        toPerHour: x.toPerHour * c.acceptProbability
      }))
    )
  })
  return warnings
}
