/**
 * A handling: an agent accepted a chat as its owner. The plan draws the handle time, whether the
 * chat ends in a transfer (at a uniform point of the handle time) or simply ends, whether a
 * conference is asked for (in the first half of the handle time, unless the transfer comes first),
 * whether the customer leaves first, and, on the chat's first handling, the message exchange (each
 * customer message after a gap, each answered by the agent after another). Every draw is taken in a
 * fixed order whatever is decided, keyed by the chat's index and its handlings so far, so the plan
 * of chat n's k-th handling never depends on routing or on the driver. Pure.
 */

import type { AgentGroup, CustomerBehaviour } from "../scenario/model.ts"
import { sample, sampleMs } from "./dists.ts"
import type { Draws } from "./draws.ts"
import type { PlanStep } from "./intent.ts"
import { STREAMS } from "./streams.ts"

/**
 * The plan of chat `chat`'s handling after `handlings` earlier ones, by an owner of `group`, in
 * the order the simulator schedules it: the end or transfer, the conference, the customer leaving,
 * then each customer message and its reply.
 */
export const handlingPlan = (
  draws: Draws,
  group: AgentGroup,
  customers: CustomerBehaviour,
  chat: number,
  handlings: number
): Array<PlanStep> => {
  const u = draws.at(STREAMS.handling, chat, handlings)
  const handleMs = sampleMs(group.handleTime, u)
  const transfer = u.next() < group.transfer.probability
  const conference = u.next() < group.conference.probability
  const leave = u.next() < customers.leaveDuringChatProbability
  const transferMs = Math.floor(handleMs * u.next())
  const conferenceMs = Math.floor(handleMs * u.next() * 0.5)
  const leaveMs = Math.floor(handleMs * u.next())
  const plan: Array<PlanStep> = [
    transfer
      ? { _tag: "AgentAct", afterMs: transferMs, act: "transfer" }
      : { _tag: "AgentAct", afterMs: handleMs, act: "end" }
  ]
  if (conference && (!transfer || conferenceMs < transferMs))
    plan.push({ _tag: "AgentAct", afterMs: conferenceMs, act: "conference" })
  if (leave) plan.push({ _tag: "CustomerAct", afterMs: leaveMs, act: "leave" })
  if (handlings === 0) messageExchange(draws, customers, chat, plan)
  return plan
}

/** The chat's customer messages, each answered by the agent after a gap, appended to `plan`. */
const messageExchange = (draws: Draws, customers: CustomerBehaviour, chat: number, plan: Array<PlanStep>): void => {
  const messages = customers.messages
  if (messages === undefined) return
  const u = draws.at(STREAMS.messages, chat)
  const count = Math.max(0, Math.round(sample(messages.count, u)))
  let t = 0
  for (let i = 0; i < count; i++) {
    t += sampleMs(messages.gap, u)
    plan.push({ _tag: "CustomerAct", afterMs: t, act: "message" })
    plan.push({ _tag: "AgentAct", afterMs: t + sampleMs(messages.gap, u), act: "reply" })
  }
}
