/**
 * Seeded randomness with common random numbers. A draw is a pure function of
 * (scenario seed, stream name, key, draw index): `Draws.at(stream, key)` positions one reusable
 * counter-based generator (a splitmix32 walk from a hashed start) so that, for example, chat 1234's
 * patience is the same whatever the routing policy did before it. No state is kept per chat or
 * agent, and nothing is allocated per draw. Uniforms lie strictly inside (0, 1).
 */

/** 32-bit avalanche (murmur3 finalizer). */
const mix32 = (x: number): number => {
  x = Math.imul(x ^ (x >>> 16), 0x85ebca6b)
  x = Math.imul(x ^ (x >>> 13), 0xc2b2ae35)
  return (x ^ (x >>> 16)) >>> 0
}

/** FNV-1a of a string, avalanched: a stream name's 32-bit identity. */
export const hashString = (s: string): number => {
  let h = 0x811c9dc5
  for (let i = 0; i < s.length; i++) h = Math.imul(h ^ s.charCodeAt(i), 0x01000193)
  return mix32(h)
}

export interface Uniforms {
  /** The next uniform in (0, 1). */
  readonly next: () => number
}

/** A generator positioned at one (stream, key); `next()` walks that key's own sequence. */
class CounterWalk implements Uniforms {
  private state = 0
  position(start: number): this {
    // as an int32 (what `next` keeps; the same sequence), so the field stays a small integer
    this.state = start | 0
    return this
  }
  next(): number {
    this.state = (this.state + 0x9e3779b9) | 0
    return (mix32(this.state) + 0.5) / 4294967296
  }
}

export class Draws {
  private readonly seedHash: number
  private readonly walk = new CounterWalk()

  constructor(seed: number) {
    // as an int32 (`at` only XORs it), so the field is a small integer whatever the seed
    this.seedHash = mix32(hashString(String(seed)) ^ 0x5bd1e995) | 0
  }

  /** A stream's id, to hash once and reuse: `draws.at(PATIENCE, chatIndex)`. */
  static stream(name: string): number {
    return hashString(name)
  }

  /** The generator for `key` (and optional sub-key) of `stream`: same inputs, same numbers. */
  at(stream: number, key: number, sub = 0): Uniforms {
    const start = mix32(mix32(mix32(this.seedHash ^ stream) ^ key) + Math.imul(sub, 0x27d4eb2d))
    return this.walk.position(start)
  }
}

/** A sequential stream for one generator process (arrivals of one queue, faults of one agent). */
export class Sequence extends CounterWalk {
  constructor(draws: Draws, stream: number, key = 0) {
    super()
    this.position(Math.floor(draws.at(stream, key, 0x7fffffff).next() * 4294967296) | 0)
  }
}
