/**
 * One swarm seed's contact center, drawn from the seed alone: 1-3 queues (priorities, sometimes
 * max wait with overflow or expiry), 2-10 agents (capacity 1-4, random queue subsets and skills,
 * some joining late), a routing policy, offer timeout, transfer fallback, sometimes auto wrap-up,
 * wrap-up reasons, idle codes and templates, plus the chaos rates of the safety phase (swarm
 * testing: each seed picks its own fault mix, calm or brutal).
 * Invariants kept: the engine config passes `configProblems`; every queue is served by at least
 * one agent; overflow never points at its own queue.
 */
import type { EngineConfig } from "../../core/config.ts"
import { makeEngineConfig } from "../../core/config.ts"
import { Draws, Sequence } from "../workload/draws.ts"
import { Rng } from "./rng.ts"

export interface ChaosRates {
  /** Mean gap between arrival episodes; an episode is one chat or a burst. */
  readonly arrivalGapMs: number
  readonly burstChance: number
  readonly patienceChance: number
  /** Offer answers: no answer (RONA), decline, accept exactly at the deadline, after it, twice. */
  readonly missChance: number
  readonly declineChance: number
  readonly edgeAcceptChance: number
  readonly lateAcceptChance: number
  readonly duplicateAcceptChance: number
  /** Owner's final act on a chat: transfer to an agent, to a queue, or a conference first. */
  readonly transferChance: number
  readonly queueTransferChance: number
  readonly conferenceChance: number
  /** A transfer or conference target leaves right after being targeted. */
  readonly targetLeavesChance: number
  /** The customer leaves during an offer, transfer or conference; or at a random time. */
  readonly customerLeavesChance: number
  readonly reservedTextChance: number
  /** Mean gap between one agent's faults (disconnect, break, logout) and between stale commands. */
  readonly agentFaultGapMs: number
  readonly staleGapMs: number
}

export interface Center {
  readonly seed: number
  readonly config: EngineConfig
  readonly rates: ChaosRates
  /** Agents logged out at the start who log in mid-run (staffing changes), with when. */
  readonly lateJoinersMs: ReadonlyArray<readonly [string, number]>
  readonly safetyMs: number
}

export const STREAM = {
  center: Draws.stream("swarm/center"),
  arrivals: Draws.stream("swarm/arrivals"),
  offers: Draws.stream("swarm/offers"),
  handling: Draws.stream("swarm/handling"),
  customers: Draws.stream("swarm/customers"),
  faults: Draws.stream("swarm/faults"),
  stale: Draws.stream("swarm/stale")
} as const

const REASONS = ["Resolved", "Follow-up", "Escalated", "No response"]
const IDLE_CODES = ["Break", "Lunch", "Meeting", "Training"]
export const TEMPLATES = {
  greet: "Hi <customerName>, I am <agentName>",
  thanks: "Thank you for waiting",
  bye: "Bye <customerName>"
}
const POLICIES = ["longest-available", "least-busy", "round-robin", "skills-best"] as const

const drawQueues = (r: Rng) => {
  const n = r.int(1, 3)
  const ids = Array.from({ length: n }, (_, i) => `q${i + 1}`)
  return ids.map((id, i) => {
    const base = { id, priority: r.int(0, 2), serviceLevelThresholdMs: 20_000 }
    if (!r.chance(0.4)) return base
    const maxWaitMs = r.int(10, 120) * 1_000
    const others = ids.filter((_, j) => j !== i)
    const overflowTo = others.length > 0 && r.chance(0.6) ? r.pick(others) : undefined
    return overflowTo === undefined ? { ...base, maxWaitMs } : { ...base, maxWaitMs, overflowTo }
  })
}

const drawAgents = (r: Rng, queueIds: ReadonlyArray<string>) => {
  const n = r.int(2, 10)
  const agents = Array.from({ length: n }, (_, i) => {
    const queues = r.subset(queueIds, 0.6)
    const skills = Object.fromEntries(queueIds.map((q) => [q, r.int(1, 5)]))
    const limited = queueIds.length > 1 && r.chance(0.2)
    return {
      id: `a${i + 1}`,
      capacity: r.int(1, 4),
      queues,
      skills,
      ...(limited ? { transferQueues: r.subset(queueIds, 0.5) } : {})
    }
  })
  for (const q of queueIds) {
    if (!agents.some((a) => a.queues.includes(q))) agents[r.int(0, n - 1)]!.queues.push(q)
  }
  return agents
}

/** Each seed its own fault mix: a rate is often near zero, sometimes high. */
const drawRates = (r: Rng): ChaosRates => {
  const sometimes = (hi: number): number => (r.chance(0.25) ? 0 : r.between(0, hi))
  return {
    arrivalGapMs: r.int(2, 20) * 1_000,
    burstChance: sometimes(0.3),
    patienceChance: r.between(0.3, 1),
    missChance: sometimes(0.3),
    declineChance: sometimes(0.15),
    edgeAcceptChance: sometimes(0.1),
    lateAcceptChance: sometimes(0.1),
    duplicateAcceptChance: sometimes(0.15),
    transferChance: sometimes(0.35),
    queueTransferChance: r.between(0, 0.5),
    conferenceChance: sometimes(0.3),
    targetLeavesChance: sometimes(0.4),
    customerLeavesChance: sometimes(0.2),
    reservedTextChance: sometimes(0.2),
    agentFaultGapMs: r.int(1, 10) * 60_000,
    staleGapMs: r.int(10, 120) * 1_000
  }
}

export interface CenterOptions {
  /** Virtual time of the safety phase, drawn in [min, max]. */
  readonly safetyMinMs: number
  readonly safetyMaxMs: number
}

export const drawCenter = (seed: number, options: CenterOptions): Center => {
  const draws = new Draws(seed)
  const r = new Rng(new Sequence(draws, STREAM.center))
  const queues = drawQueues(r)
  const queueIds = queues.map((q) => q.id)
  const agents = drawAgents(r, queueIds)
  const reasons = r.subset(REASONS, 0.6)
  const config = makeEngineConfig({
    policy: r.pick(POLICIES)!,
    offerTimeoutMs: r.chance(0.1) ? 1_000 : r.int(3, 20) * 1_000,
    onTransferNotAccepted: r.chance(0.5) ? "drop" : "requeue",
    disconnectGraceMs: r.chance(0.1) ? 0 : r.int(2, 30) * 1_000,
    queues,
    agents,
    wrapUpReasons: reasons,
    ...(r.chance(0.4) ? { autoWrapUpMs: r.int(0, 20) * 1_000 } : {}),
    idleCodes: r.subset(IDLE_CODES, 0.5),
    templates: TEMPLATES
  })
  const safetyMs = r.int(options.safetyMinMs, options.safetyMaxMs)
  const lateJoinersMs = agents.filter(() => r.chance(0.25)).map((a) => [a.id, r.int(30_000, safetyMs)] as const)
  return { seed, config, rates: drawRates(r), lateJoinersMs, safetyMs }
}

/** What the trace header's `scenario` holds: the center as plain data. */
export const describeCenter = (c: Center): Record<string, unknown> => ({
  kind: "swarm",
  seed: c.seed,
  safetyMs: c.safetyMs,
  rates: c.rates,
  lateJoiners: c.lateJoinersMs.map(([id, atMs]) => ({ id, atMs }))
})
