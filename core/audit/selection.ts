/**
 * Routing order, re-implemented for the auditor: which agent each policy picks for a chat that
 * entered a waiting line (agent-selection), which waiting chat ranks before the one offered to an
 * agent (queue-order), and the free-agent / waiting-chat pairs that work conservation forbids.
 * Every tie ends on agent id in plain `<` order.
 */
import type { RoutingPolicy } from "../config.ts"
import type { AuditAgent, AuditChat, QueueView } from "./view.ts"
import { mayTake, ranksBefore, usedSlots } from "./view.ts"
import { q } from "./violation.ts"

const skillOf = (a: AuditAgent, queue: QueueView): number => a.config.skills[queue.config.skill] ?? 0

/** Does `a` come before `b` under the policy (round-robin excluded)? */
const prefers = (policy: RoutingPolicy, queue: QueueView, a: AuditAgent, b: AuditAgent): boolean => {
  if (policy === "least-busy") {
    const ua = usedSlots(a)
    const ub = usedSlots(b)
    if (ua !== ub) return ua < ub
  } else if (policy === "skills-best") {
    const sa = skillOf(a, queue)
    const sb = skillOf(b, queue)
    if (sa !== sb) return sa > sb
  }
  if (a.availableSinceMs !== b.availableSinceMs) return a.availableSinceMs < b.availableSinceMs
  return a.id < b.id
}

/** The agent the configured policy picks for `chat` among the free agents that may take it. */
export const policyPick = (policy: RoutingPolicy, chat: AuditChat): AuditAgent | undefined => {
  const queue = chat.queue
  if (policy === "round-robin") {
    const last = queue.lastRouteAgentId
    let lowest: AuditAgent | undefined
    let next: AuditAgent | undefined
    for (const a of queue.free) {
      if (!mayTake(a, chat)) continue
      if (lowest === undefined || a.id < lowest.id) lowest = a
      if (last !== undefined && a.id > last && (next === undefined || a.id < next.id)) next = a
    }
    return next ?? lowest
  }
  let best: AuditAgent | undefined
  for (const a of queue.free) {
    // only an agent the policy prefers to the best so far needs the (costlier) eligibility test
    if ((best === undefined || prefers(policy, queue, a, best)) && mayTake(a, chat)) best = a
  }
  return best
}

/** Why the policy ranks this agent where it does, for messages. */
export const describePolicyKey = (policy: RoutingPolicy, queue: QueueView, a: AuditAgent): string => {
  const since = `available since ${a.availableSinceMs} ms`
  switch (policy) {
    case "least-busy":
      return `${usedSlots(a)} slot(s) used, ${since}`
    case "skills-best":
      return `skill ${q(queue.config.skill)} ${skillOf(a, queue)}, ${since}`
    case "round-robin": {
      const last = queue.lastRouteAgentId
      return last === undefined
        ? `first in id order, no route offer in ${q(queue.id)} yet`
        : `${a.id > last ? "next" : "first"} in id order after ${q(last)}, who got the previous route offer in ${q(queue.id)}`
    }
    case "longest-available":
      return since
  }
}

/** A waiting chat that `a` may take and that ranks before `chat`, over every queue `a` serves. */
export const chatAhead = (a: AuditAgent, chat: AuditChat): AuditChat | undefined => {
  for (const queue of a.queues) {
    for (const x of queue.line.items) {
      if (x === chat) break
      if (!mayTake(a, x)) continue
      if (ranksBefore(x, chat)) return x
      break
    }
  }
  return undefined
}

/** A free agent that may take this waiting chat (work conservation). */
export const freeAgentFor = (chat: AuditChat): AuditAgent | undefined => {
  for (const a of chat.queue.free) if (mayTake(a, chat)) return a
  return undefined
}

/** The best waiting chat a free agent may take (work conservation). */
export const waitingChatFor = (a: AuditAgent): AuditChat | undefined => {
  let best: AuditChat | undefined
  for (const queue of a.queues) {
    for (const x of queue.line.items) {
      if (!mayTake(a, x)) continue
      if (best === undefined || ranksBefore(x, best)) best = x
      break
    }
  }
  return best
}
