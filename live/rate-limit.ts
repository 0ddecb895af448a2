/**
 * Token buckets, pure with time passed in: `take(nowMs)` spends one token of the frame bucket; a
 * frame refused there (or, `strike`, by a bucket shared with other connections of the principal)
 * spends one token of the flood bucket, and an empty flood bucket means a persistent flood (the
 * connection is closed 4008). Both refill at `perSec`.
 */
export type Verdict = "ok" | "limited" | "flood"

export class RateLimiter {
  private tokens: number
  private flood: number
  private lastMs: number
  private readonly burst: number
  private readonly floodBurst: number
  private readonly perMs: number

  constructor(burst: number, perSec: number, floodBurst: number, nowMs: number) {
    this.burst = burst
    this.floodBurst = floodBurst
    this.perMs = perSec / 1000
    this.tokens = burst
    this.flood = floodBurst
    this.lastMs = nowMs
  }

  take(nowMs: number): Verdict {
    this.refill(nowMs)
    if (this.tokens >= 1) {
      this.tokens -= 1
      return "ok"
    }
    this.flood -= 1
    return this.flood < 0 ? "flood" : "limited"
  }

  /** A frame refused elsewhere (a shared bucket): it spends a flood token as a refused frame does. */
  strike(nowMs: number): Verdict {
    this.refill(nowMs)
    this.flood -= 1
    return this.flood < 0 ? "flood" : "limited"
  }

  private refill(nowMs: number): void {
    const refill = Math.max(0, nowMs - this.lastMs) * this.perMs
    this.lastMs = Math.max(this.lastMs, nowMs)
    this.tokens = Math.min(this.burst, this.tokens + refill)
    this.flood = Math.min(this.floodBurst, this.flood + refill)
  }

  /** Milliseconds until the next frame would pass. */
  retryAfterMs(): number {
    return Math.max(1, Math.ceil((1 - this.tokens) / this.perMs))
  }
}
