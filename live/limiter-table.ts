/**
 * Token buckets per key (an address, a customer, an agent id), in a table of bounded size that
 * evicts the least recently used key when full (lru-cache) instead of forgetting everyone: a client
 * that rotates through many keys can push out only keys that have not been used for longest, never
 * reset a busy one. Invariant: at most `maxKeys` buckets; a key's bucket is created full.
 */
import { LRUCache } from "lru-cache"
import type { Verdict } from "./rate-limit.ts"
import { RateLimiter } from "./rate-limit.ts"

export class LimiterTable {
  private readonly buckets: LRUCache<string, RateLimiter>
  private readonly burst: number
  private readonly perSec: number

  constructor(burst: number, perSec: number, maxKeys: number) {
    this.burst = burst
    this.perSec = perSec
    this.buckets = new LRUCache({ max: maxKeys })
  }

  get size(): number {
    return this.buckets.size
  }

  /** Spend one token of `key`'s bucket: undefined when it passes, else milliseconds until one would. */
  take(key: string, nowMs: number): number | undefined {
    let b = this.buckets.get(key)
    if (b === undefined)
      this.buckets.set(key, (b = new RateLimiter(this.burst, this.perSec, Number.MAX_SAFE_INTEGER, nowMs)))
    const verdict: Verdict = b.take(nowMs)
    return verdict === "ok" ? undefined : b.retryAfterMs()
  }
}
