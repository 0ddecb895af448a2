/**
 * One replication: builds the world, runs the kernel until the horizon and then drains in-flight
 * chats (arrivals stop at the horizon; the run ends when every chat is closed and wrapped up, or
 * after a bounded drain, reported as stuck). The engine is the core's RoutingEngine service, hosted
 * by engine-host.ts (its ports, and the consumers of its events). The engine is entered once per
 * due kernel event inside a single synchronous loop; no Effect per event.
 */
import type { Violation } from "../../core/audit/auditor.ts"
import type { EngineConfig } from "../../core/config.ts"
import { IdWindow } from "../../core/id-window.ts"
import type { Scenario } from "../scenario/model.ts"
import type { Measurer } from "../stats/measurer.ts"
import type { PoissonProcess } from "../workload/arrivals.ts"
import { arrivalProcess, invitationProcess } from "../workload/arrivals.ts"
import { Draws } from "../workload/draws.ts"
import { agentAct, onAgentTime, onBreak, onLink, scheduleFaults, scheduleShift } from "./agents.ts"
import { customerAct, invitation, startChat } from "./customers.ts"
import type { Digest } from "./digest.ts"
import { engineConfigOf } from "./engine-config.ts"
import type { Observe } from "./engine-host.ts"
import { EngineHost } from "./engine-host.ts"
import { Kernel } from "./kernel.ts"
import type { SimAgent, SimEvent, World } from "./world.ts"
import { agentsBy } from "./world.ts"

/** How long after the horizon in-flight chats may take before the run is called stuck. */
export const MAX_DRAIN_MS = 24 * 3_600_000

/** How often a disconnected agent's pending act is retried. */
const LINK_RETRY_MS = 5_000

export interface ReplicationOptions {
  readonly seed: number
  readonly audit: boolean
  /** Sees every command (with its time) and every event, in order: trace writers, tests. */
  readonly observe?: Observe
  /** Told now and then how far the run is: virtual time over the horizon, 0 to 1 (a progress bar). */
  readonly onProgress?: (fraction: number) => void
}

export interface ReplicationResult {
  /** Chats started (inbound and accepted proactive), warmup included. */
  readonly chats: number
  readonly metrics: Measurer
  readonly digest: Digest
  readonly violation: Violation | undefined
  readonly endMs: number
  /** Chats still open when the drain limit was reached. */
  readonly stuckChats: number
}

/**
 * The simulated agents, in the engine configuration's order, each with the configuration's own id
 * string: the engine's records, its events and the simulator's maps then hold one string per agent,
 * and a lookup matches on identity instead of comparing characters.
 */
export const makeAgents = (s: Scenario, config: EngineConfig): Array<SimAgent> =>
  s.agents
    .flatMap((group, groupIndex) => Array.from({ length: group.count }, (_, n) => ({ group, groupIndex, n })))
    .map(({ group, groupIndex, n }, index) => ({
      index,
      indexInGroup: n,
      id: config.agents[index]!.id,
      group,
      groupIndex,
      offersSeen: 0,
      wrapUpsDone: 0,
      recoveries: 0,
      disconnects: 0,
      recovering: 0,
      onBreak: undefined,
      shiftOver: false,
      linkDown: false
    }))

export const runReplication = (scenario: Scenario, options: ReplicationOptions): ReplicationResult => {
  const config = engineConfigOf(scenario)
  const kernel = new Kernel<SimEvent>()
  const agents = makeAgents(scenario, config)
  const host = new EngineHost(scenario, config, kernel, agents, options)
  const engine = host.engine.state
  const w: World = {
    scenario,
    kernel,
    draws: new Draws(options.seed),
    agents,
    groupMembers: agentsBy(
      agents,
      scenario.agents.map((g) => g.id),
      (a, id) => a.group.id === id
    ),
    queuePeers: agentsBy(
      agents,
      scenario.queues.map((q) => q.id),
      (a, id) => a.group.queues.includes(id)
    ),
    chats: new IdWindow(),
    engine,
    engineAgents: agents.map((a) => engine.agents.get(a.id)!),
    metrics: host.metrics,
    nextChatIndex: 0,
    invited: scenario.proactive.map(() => 0)
  }
  host.world = w
  return loop(w, host, options.onProgress)
}

/** Kernel events between two progress reports. */
const PROGRESS_EVERY = 1 << 16

const loop = (w: World, host: EngineHost, onProgress: ((fraction: number) => void) | undefined): ReplicationResult => {
  const { kernel, scenario } = w
  const { metrics, digest, auditor } = host
  const arrivals = scenario.arrivals.map((_, i) => arrivalProcess(w.draws, scenario, i))
  const campaigns = scenario.proactive.map((_, i) => invitationProcess(w.draws, scenario, i))
  arrivals.forEach((p, i) => {
    scheduleNext(w, p.next(), { _tag: "Arrival", stream: i })
  })
  campaigns.forEach((p, i) => {
    scheduleNext(w, p.next(), { _tag: "Invitation", campaign: i })
  })
  for (const a of w.agents) {
    scheduleShift(w, a)
    scheduleFaults(w, a)
  }
  const drainEndMs = scenario.horizonMs + MAX_DRAIN_MS
  let popped = 0
  for (let entry = kernel.pop(); entry !== undefined; entry = kernel.pop()) {
    const t = entry.timeMs
    if (onProgress !== undefined && ++popped % PROGRESS_EVERY === 0) onProgress(Math.min(1, t / scenario.horizonMs))
    metrics.advance(t)
    if (t >= scenario.horizonMs && metrics.openChats === 0 && w.engine.chats.size === 0) break
    if (t > drainEndMs || auditor?.violation !== undefined) break
    handle(w, host, entry.event, t, arrivals, campaigns)
  }
  metrics.close()
  auditor?.end()
  return {
    chats: w.nextChatIndex,
    metrics,
    digest,
    violation: auditor?.violation,
    endMs: kernel.nowMs,
    stuckChats: w.engine.chats.size
  }
}

const scheduleNext = (w: World, atMs: number | undefined, e: SimEvent): void => {
  if (atMs !== undefined) w.kernel.schedule(atMs, e)
}

const handle = (
  w: World,
  host: EngineHost,
  e: SimEvent,
  t: number,
  arrivals: Array<PoissonProcess>,
  campaigns: Array<PoissonProcess>
) => {
  switch (e._tag) {
    case "Timer":
      return host.fireTimer(e.timer)
    case "Arrival":
      startChat(w, t, w.scenario.arrivals[e.stream]!.queueId, false)
      return scheduleNext(w, arrivals[e.stream]!.next(), e)
    case "Invitation":
      invitation(w, t, e.campaign)
      return scheduleNext(w, campaigns[e.campaign]!.next(), e)
    case "ShiftStart":
    case "ShiftEnd":
    case "Recover":
      return onAgentTime(w, w.agents[e.agent]!, e._tag, t)
    case "BreakStart":
    case "BreakEnd":
      return onBreak(w, w.agents[e.agent]!, e._tag === "BreakStart", e.code, t)
    case "Disconnect":
    case "Reconnect":
      return onLink(w, w.agents[e.agent]!, e._tag === "Disconnect", t)
    case "AgentAct": {
      const agent = w.agents[e.agent]!
      // a disconnected agent acts once its link is back (or never, if the grace period ends first)
      if (agent.linkDown) return void w.kernel.schedule(t + LINK_RETRY_MS, e)
      const c = agentAct(w, agent, e.chatId, e.act)
      if (c !== undefined) host.submit(c)
      return
    }
    case "CustomerAct": {
      const c = customerAct(w, e.chatId, e.act)
      if (c !== undefined) host.submit(c)
      return
    }
    default:
      // an engine command, due now
      return void host.submit(e)
  }
}
