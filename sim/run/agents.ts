/**
 * The simulated agents on the kernel: carries out the workload's agent decisions (workload/agent.ts,
 * duty.ts, presence.ts) as kernel events, in the order they are decided. It keeps what a simulated
 * agent knows (its counters, break, shift and link) and reads the engine's state where a real
 * agent would look at its desktop: its presence and slots, whether a chat is still its own, which
 * peers are free for a transfer or a conference. Per-agent draws are keyed by agent index and a
 * per-agent counter (common random numbers across policies).
 */
import type { Command } from "../../core/commands.ts"
import type { Event } from "../../core/events.ts"
import type { AgentState, ChatState } from "../../core/state.ts"
import { isFree, mayTake } from "../../core/state.ts"
import {
  conferenceEnd,
  conferencePick,
  offerAnswer,
  outageMs,
  recovery,
  transferChoice,
  wrapUp,
  wrapUpReason
} from "../workload/agent.ts"
import type { DutyIntent } from "../workload/duty.ts"
import { disconnectIntents, dutyIntents } from "../workload/duty.ts"
import type { ChatAct } from "../workload/intent.ts"
import { presenceStep } from "../workload/presence.ts"
import { planHandling } from "./customers.ts"
import type { SimAgent, SimEvent, World } from "./world.ts"
import { chatIndexOf, command } from "./world.ts"

const engineAgent = (world: World, a: SimAgent): AgentState => world.engineAgents[a.index]!

const loggedIn = (world: World, a: SimAgent): boolean => engineAgent(world, a).presence._tag !== "LoggedOut"

/** Move the agent toward the presence it wants now (workload/presence.ts). */
const settle = (world: World, a: SimAgent, atMs: number): void => {
  const engine = engineAgent(world, a)
  const step = presenceStep({
    linkDown: a.linkDown,
    presence: engine.presence,
    usedSlots: engine.usedSlots,
    shiftOver: a.shiftOver,
    onBreak: a.onBreak,
    recovering: a.recovering
  })
  switch (step._tag) {
    case "Stay":
      return
    case "Logout":
      return command(world, atMs, { _tag: "Logout", agentId: a.id })
    case "GoIdle":
      return command(world, atMs, { _tag: "GoIdle", agentId: a.id, code: step.code })
    case "GoAvailable":
      return command(world, atMs, { _tag: "GoAvailable", agentId: a.id })
  }
}

const dutyEvent = (a: SimAgent, i: DutyIntent): SimEvent => {
  switch (i._tag) {
    case "ShiftStart":
    case "ShiftEnd":
      return { _tag: i._tag, agent: a.index }
    case "BreakStart":
    case "BreakEnd":
      return { _tag: i._tag, agent: a.index, code: i.code }
  }
}

/** The agent's shifts and breaks (roster.ts) as kernel events. */
export const scheduleShift = (world: World, a: SimAgent): void => {
  for (const i of dutyIntents(world.scenario, a.group, a.indexInGroup))
    world.kernel.schedule(i.afterMs, dutyEvent(a, i))
}

export const onAgentTime = (world: World, a: SimAgent, tag: "ShiftStart" | "ShiftEnd" | "Recover", atMs: number) => {
  switch (tag) {
    case "ShiftStart":
      a.shiftOver = false
      // back on duty while still finishing the last shift's chats: just go Available again
      if (loggedIn(world, a)) return settle(world, a, atMs)
      if (!a.linkDown) command(world, atMs, { _tag: "Login", agentId: a.id })
      return
    case "ShiftEnd":
      a.shiftOver = true
      return settle(world, a, atMs)
    case "Recover":
      a.recovering = Math.max(0, a.recovering - 1)
      return settle(world, a, atMs)
  }
}

export const onBreak = (world: World, a: SimAgent, start: boolean, code: string, atMs: number): void => {
  a.onBreak = start ? code : a.onBreak === code ? undefined : a.onBreak
  settle(world, a, atMs)
}

/** A notification reached a simulated agent: react as its behaviour model says. */
export const onAgentNotice = (world: World, a: SimAgent, e: Event, atMs: number): void => {
  const g = a.group
  switch (e._tag) {
    case "OfferMade": {
      const answer = offerAnswer(world.draws, g, a.index, a.offersSeen++)
      switch (answer._tag) {
        case "Miss":
          return
        case "Accept":
          return command(world, atMs + answer.afterMs, { _tag: "AcceptOffer", agentId: a.id, offerId: e.offerId })
        case "Decline":
          return command(world, atMs + answer.afterMs, { _tag: "DeclineOffer", agentId: a.id, offerId: e.offerId })
      }
      return
    }
    case "PresenceChanged": {
      if (e.cause === "agent") return
      const r = recovery(world.draws, g, e.cause, a.index, a.recoveries++)
      a.recovering++
      world.kernel.schedule(atMs + r.afterMs, { _tag: "Recover", agent: a.index })
      return
    }
    case "OfferAccepted":
      if (e.kind !== "conference") return planHandling(world, a, e.chatId, atMs)
      return
    case "WrapUpStarted": {
      const w = wrapUp(world.draws, g, a.index, a.wrapUpsDone++)
      world.kernel.schedule(atMs + w.afterMs, { _tag: "AgentAct", agent: a.index, chatId: e.chatId, act: w.act })
      return
    }
    case "WrapUpSubmitted":
    case "AgentLoggedIn":
    case "AgentReconnected":
      return settle(world, a, atMs)
    default:
      return
  }
}

/** A free agent of `candidates` (other than `self`) that may take `chat`, starting at a drawn offset. */
const freeAgent = (world: World, candidates: ReadonlyArray<SimAgent>, self: SimAgent, chat: ChatState, u: number) => {
  const n = candidates.length
  const start = Math.floor(u * n)
  for (let i = 0; i < n; i++) {
    const c = candidates[(start + i) % n]!
    const engine = engineAgent(world, c)
    if (c !== self && isFree(engine) && mayTake(engine, chat)) return c
  }
  return undefined
}

/** A chat's index (the key of its draws) and its handlings so far (the sub-key), from its id once. */
const drawKeysOf = (world: World, chatId: string): readonly [number, number] => {
  const index = chatIndexOf(chatId)
  return [index, world.chats.get(index)?.handlings ?? 0]
}

const transfer = (world: World, a: SimAgent, chat: ChatState): Command => {
  const end: Command = { _tag: "EndChat", agentId: a.id, chatId: chat.id }
  if (chat.participant !== undefined || chat.conferenceOfferId !== undefined) return end
  const choice = transferChoice(world.draws, a.group, ...drawKeysOf(world, chat.id))
  switch (choice._tag) {
    case "End":
      return end
    case "Queue":
      return { _tag: "TransferToQueue", agentId: a.id, chatId: chat.id, queueId: choice.queueId }
    case "Agent": {
      const to = freeAgent(world, world.groupMembers.get(choice.groupId) ?? [], a, chat, choice.pick)
      return to === undefined ? end : { _tag: "TransferToAgent", agentId: a.id, chatId: chat.id, targetAgentId: to.id }
    }
  }
}

const conference = (world: World, a: SimAgent, chat: ChatState): Command | undefined => {
  if (chat.participant !== undefined || chat.conferenceOfferId !== undefined) return undefined
  const pick = conferencePick(world.draws, ...drawKeysOf(world, chat.id))
  const to = freeAgent(world, world.queuePeers.get(chat.queueId) ?? [], a, chat, pick)
  return to && { _tag: "RequestConference", agentId: a.id, chatId: chat.id, targetAgentId: to.id }
}

/** The command an agent act becomes now, if the agent is still in a position to do it. */
export const agentAct = (world: World, a: SimAgent, chatId: string, act: ChatAct): Command | undefined => {
  if (act === "wrap-up") {
    if (!engineAgent(world, a).wrapUps.has(chatId)) return undefined
    const reason = wrapUpReason(
      world.draws,
      a.group.wrapUpReasons,
      a.index,
      a.wrapUpsDone,
      world.scenario.wrapUpReasons[0]!
    )
    return { _tag: "SubmitWrapUp", agentId: a.id, chatId, reason }
  }
  const chat = world.engine.chats.get(chatId)
  if (chat === undefined) return undefined
  if (act === "reply") {
    if (chat.owner !== a.id && chat.participant !== a.id) return undefined
    return { _tag: "AgentMessage", agentId: a.id, chatId, text: "Thanks, let me check that for you." }
  }
  if (chat.owner !== a.id) return undefined
  switch (act) {
    case "end":
      return { _tag: "EndChat", agentId: a.id, chatId }
    case "transfer":
      return transfer(world, a, chat)
    case "conference":
      return conference(world, a, chat)
    case "end-conference":
      return chat.participant === undefined ? undefined : { _tag: "EndConference", agentId: a.id, chatId }
  }
}

/** A conference this agent requested was accepted: end it after the drawn conference duration. */
export const onConferenceJoined = (world: World, owner: SimAgent, chatId: string, atMs: number): void => {
  const end = conferenceEnd(world.draws, owner.group, ...drawKeysOf(world, chatId))
  world.kernel.schedule(atMs + end.afterMs, { _tag: "AgentAct", agent: owner.index, chatId, act: end.act })
}

/** Disconnect faults (workload/duty.ts) as kernel events. */
export const scheduleFaults = (world: World, a: SimAgent): void => {
  for (const i of disconnectIntents(world.scenario, world.draws, a.group, a.indexInGroup, a.index)) {
    world.kernel.schedule(i.afterMs, { _tag: "Disconnect", agent: a.index })
  }
}

/** The agent's link drops or comes back. After a grace-period logout, it logs in again. */
export const onLink = (world: World, a: SimAgent, down: boolean, atMs: number): void => {
  if (down) {
    if (a.linkDown || !loggedIn(world, a)) return
    a.linkDown = true
    command(world, atMs, { _tag: "AgentDisconnect", agentId: a.id })
    // each outage its own draw, keyed by this agent's disconnect count
    const outMs = outageMs(world.draws, world.scenario, a.index, a.disconnects++)
    world.kernel.schedule(atMs + outMs, { _tag: "Reconnect", agent: a.index })
    return
  }
  a.linkDown = false
  if (loggedIn(world, a)) return command(world, atMs, { _tag: "AgentReconnect", agentId: a.id })
  if (!a.shiftOver) command(world, atMs, { _tag: "Login", agentId: a.id })
}
