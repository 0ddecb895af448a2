/**
 * The simulated customers on the kernel: starts chats (an arrival, or an invitation its visitor
 * accepts: workload/arrivals.ts), carries out a handling's plan (workload/handling.ts: the owner's
 * acts and the customer's) as kernel events in the plan's order, and turns a due customer act into
 * its command. Per-chat draws are keyed by chat index (common random numbers).
 */
import type { Command } from "../../core/commands.ts"
import { invitationAccepted, patienceMs } from "../workload/arrivals.ts"
import { handlingPlan } from "../workload/handling.ts"
import type { CustomerAct } from "../workload/intent.ts"
import type { SimAgent, World } from "./world.ts"
import { chatIdOf, chatIndexOf } from "./world.ts"

export const startChat = (world: World, atMs: number, queueId: string, proactive: boolean): void => {
  const index = world.nextChatIndex++
  const chatId = chatIdOf(index)
  const patience = patienceMs(world.draws, world.scenario.customers, index)
  const customerName = `Customer ${index}`
  const cmd: Command =
    patience === undefined
      ? { _tag: "StartChat", chatId, queueId, customerName, proactive }
      : { _tag: "StartChat", chatId, queueId, customerName, proactive, patienceMs: patience }
  world.chats.set(index, { handlings: 0 })
  world.kernel.schedule(atMs, cmd)
}

/** An invitation was sent: the visitor accepts it with the campaign's probability. */
export const invitation = (world: World, atMs: number, campaign: number): void => {
  const c = world.scenario.proactive[campaign]!
  const n = world.invited[campaign]!++
  world.metrics.invitation(atMs)
  if (invitationAccepted(world.draws, campaign, n, c.acceptProbability)) startChat(world, atMs, c.queueId, true)
}

/** An agent accepted a chat as its owner: schedule this handling's plan, act by act. */
export const planHandling = (world: World, agent: SimAgent, chatId: string, nowMs: number): void => {
  const index = chatIndexOf(chatId)
  const chat = world.chats.get(index)
  if (chat === undefined) return
  const plan = handlingPlan(world.draws, agent.group, world.scenario.customers, index, chat.handlings++)
  for (const step of plan) {
    const atMs = nowMs + step.afterMs
    if (step._tag === "AgentAct")
      world.kernel.schedule(atMs, { _tag: "AgentAct", agent: agent.index, chatId, act: step.act })
    else world.kernel.schedule(atMs, { _tag: "CustomerAct", chatId, act: step.act })
  }
}

/** The command a due customer act becomes, if its chat is still open. */
export const customerAct = (world: World, chatId: string, act: CustomerAct): Command | undefined => {
  if (!world.engine.chats.has(chatId)) return undefined
  switch (act) {
    case "leave":
      return { _tag: "CustomerLeave", chatId }
    case "message":
      return { _tag: "CustomerMessage", chatId, text: "One more question about my order." }
  }
}
