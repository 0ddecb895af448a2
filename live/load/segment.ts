/**
 * Execution segments, in k6's words, so several load generators share one arrival plan without
 * overlap or gap: a segment is a fraction `a:b` of the whole (`1/4:2/4`, `0.25:0.5`, `25%:50%`;
 * `b` alone means `0:b`), and an optional sequence (`0,1/4,2/4,3/4,1`) lists the cut points every
 * machine uses. Item i of the plan (an arrival, a played agent) belongs to the segment holding the
 * point frac(i x 0.618...), the golden-ratio sequence: whatever the cuts, the segments split the
 * items disjointly and completely, each about its share, spread evenly over the day. Pure.
 */

/** The golden ratio's fractional part: consecutive multiples are as evenly spread as any sequence. */
const PHI = 0.6180339887498949

export interface Segment {
  readonly from: number
  readonly to: number
  /** As given, for reports. */
  readonly text: string
}

export const WHOLE: Segment = { from: 0, to: 1, text: "0:1" }

/** "1/4", "0.25", "25%" -> 0.25; undefined when not a fraction in [0, 1]. */
const fraction = (text: string): number | undefined => {
  const t = text.trim()
  const ratio = /^(\d+)\/(\d+)$/.exec(t)
  const value =
    ratio !== null
      ? Number(ratio[1]) / Number(ratio[2])
      : t.endsWith("%")
        ? Number(t.slice(0, -1)) / 100
        : /^\d*\.?\d+$/.test(t)
          ? Number(t)
          : Number.NaN
  return Number.isFinite(value) && value >= 0 && value <= 1 ? value : undefined
}

/** The segment and (optional) sequence of the flags, or a message naming the flag. */
export const parseSegment = (segment: string, sequence: string | undefined): Segment | string => {
  const parts = segment.includes(":") ? segment.split(":") : ["0", segment]
  const [a, b] = parts.map((p) => fraction(p ?? ""))
  if (parts.length !== 2 || a === undefined || b === undefined || !(a < b)) {
    return `--execution-segment ${JSON.stringify(segment)}: expected a:b with 0 <= a < b <= 1, e.g. 1/4:2/4, 0.25:0.5 or 25%:50%`
  }
  if (sequence !== undefined) {
    const cuts = sequence.split(",").map(fraction)
    if (cuts.some((c) => c === undefined) || cuts.some((c, i) => i > 0 && !(c! > cuts[i - 1]!))) {
      return `--execution-segment-sequence ${JSON.stringify(sequence)}: expected increasing fractions, e.g. 0,1/4,2/4,3/4,1`
    }
    const i = cuts.findIndex((c) => Math.abs(c! - a) < 1e-12)
    if (i < 0 || Math.abs((cuts[i + 1] ?? Number.NaN) - b) > 1e-12) {
      return `--execution-segment ${segment}: not two consecutive points of --execution-segment-sequence ${sequence}`
    }
  }
  return { from: a, to: b, text: segment }
}

/** Whether item i of a plan belongs to the segment. */
export const inSegment = (segment: Segment, i: number): boolean => {
  const p = (i * PHI) % 1
  return segment.from <= p && (p < segment.to || segment.to === 1)
}

/** This machine's share of a run: the arrivals and the played agents whose plan index is in the segment. */
export const shareOf = <A, P extends { readonly arrivals: ReadonlyArray<A>; readonly meanPerSec: number }>(
  segment: Segment,
  plan: P,
  agents: ReadonlyArray<unknown>
): { readonly plan: P; readonly agentIndices: Array<number> } => ({
  plan: {
    ...plan,
    arrivals: plan.arrivals.filter((_, i) => inSegment(segment, i)),
    meanPerSec: plan.meanPerSec * (segment.to - segment.from)
  },
  agentIndices: agents.map((_, i) => i).filter((i) => inSegment(segment, i))
})
