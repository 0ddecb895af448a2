/**
 * The arithmetic of `bench/compare.ts`: from alternating rounds of two versions, each version's
 * rate over the measured rounds (warm-up rounds dropped) and how they compare, both as the ratio
 * of the totals and as the median of the per-round ratios (one slow round moves the first more).
 */

/** One version's replication in one round: chats simulated and the CPU seconds it took. */
export interface Timed {
  readonly chats: number
  readonly cpuSeconds: number
}

export interface Round {
  readonly here: Timed
  readonly other: Timed
}

export interface Comparison {
  readonly measuredRounds: number
  readonly hereChatsPerCpuSec: number
  readonly otherChatsPerCpuSec: number
  /** This checkout's rate over the other's (above 1: this one is faster). */
  readonly ratio: number
  readonly medianRoundRatio: number
}

const rate = (ts: ReadonlyArray<Timed>): number =>
  ts.reduce((n, t) => n + t.chats, 0) / ts.reduce((s, t) => s + t.cpuSeconds, 0)

const median = (xs: ReadonlyArray<number>): number => {
  const s = [...xs].sort((a, b) => a - b)
  const m = s.length >> 1
  return s.length % 2 === 1 ? s[m]! : (s[m - 1]! + s[m]!) / 2
}

/** Compare the rounds after the first `warmUp` (at least one must be left). */
export const compareRounds = (rounds: ReadonlyArray<Round>, warmUp: number): Comparison => {
  const measured = rounds.slice(warmUp)
  if (measured.length === 0) throw new Error(`no round left to measure after ${warmUp} warm-up round(s)`)
  const here = rate(measured.map((r) => r.here))
  const other = rate(measured.map((r) => r.other))
  return {
    measuredRounds: measured.length,
    hereChatsPerCpuSec: Math.round(here),
    otherChatsPerCpuSec: Math.round(other),
    ratio: here / other,
    medianRoundRatio: median(measured.map((r) => rate([r.here]) / rate([r.other])))
  }
}
