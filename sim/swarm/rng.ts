/**
 * Small helpers over sim/workload/draws.ts streams for the swarm: integers, chances, picks and
 * exponential gaps from one `Uniforms` source. Pure over their source: the same stream position
 * gives the same values. No global randomness.
 */
import type { Uniforms } from "../workload/draws.ts"

export class Rng {
  private readonly source: Uniforms

  constructor(source: Uniforms) {
    this.source = source
  }

  /** A uniform in (0, 1). */
  next(): number {
    return this.source.next()
  }

  chance(p: number): boolean {
    return this.source.next() < p
  }

  /** An integer in [lo, hi] (both included). */
  int(lo: number, hi: number): number {
    return lo + Math.floor(this.source.next() * (hi - lo + 1))
  }

  /** A real in [lo, hi). */
  between(lo: number, hi: number): number {
    return lo + this.source.next() * (hi - lo)
  }

  pick<T>(items: ReadonlyArray<T>): T | undefined {
    return items.length === 0 ? undefined : items[Math.floor(this.source.next() * items.length)]
  }

  /** An exponential gap with this mean, in whole milliseconds (at least 1). */
  gapMs(meanMs: number): number {
    return Math.max(1, Math.round(-Math.log(this.source.next()) * meanMs))
  }

  /** A non-empty random subset, in the items' order. */
  subset<T>(items: ReadonlyArray<T>, p: number): Array<T> {
    const chosen = items.filter(() => this.chance(p))
    return chosen.length > 0 ? chosen : [this.pick(items)!]
  }
}
