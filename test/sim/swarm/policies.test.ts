// The swarm under each routing policy: a few seeds whose drawn center routes by that policy (seeds
// taken in order, so the same ones every run) each pass through the real engine with the auditor on
// throughout, and their drain ends with no chat left open (nothing stuck). The CI swarm
// (swarm.test.ts) draws the policy per seed; this names every policy explicitly.
import { describe, expect, it } from "vitest"
import type { RoutingPolicy } from "../../../core/config.ts"
import { drawCenter } from "../../../sim/swarm/center.ts"
import { DEFAULT_CENTER, runSeed } from "../../../sim/swarm/seed-run.ts"
import { describeFailure } from "../../../sim/swarm/swarm.ts"

const POLICIES: ReadonlyArray<RoutingPolicy> = ["longest-available", "least-busy", "round-robin", "skills-best"]
const SEEDS_PER_POLICY = 6

/** The first `count` seeds from 1 whose center routes by `policy`. */
const seedsFor = (policy: RoutingPolicy, count: number): Array<number> => {
  const seeds: Array<number> = []
  for (let seed = 1; seeds.length < count && seed <= 10_000; seed++) {
    if (drawCenter(seed, DEFAULT_CENTER).config.policy === policy) seeds.push(seed)
  }
  return seeds
}

describe("the swarm under every routing policy", () => {
  it.each(POLICIES)(`%s: ${SEEDS_PER_POLICY} seeds, audited, every drain finishes`, (policy) => {
    const seeds = seedsFor(policy, SEEDS_PER_POLICY)
    expect(seeds).toHaveLength(SEEDS_PER_POLICY)
    for (const seed of seeds) {
      const r = runSeed(seed, undefined)
      expect(r.center.config.policy).toBe(policy)
      expect(r.failure === undefined ? [] : [`seed ${seed}`, ...describeFailure(r.failure)]).toEqual([])
      expect(r.inputCount).toBeGreaterThan(100)
    }
  })
})
