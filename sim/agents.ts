/**
 * The simulated agents: shifts and breaks (from roster.ts), reactions to offers (accept after a delay, miss -> RONA,
 * decline), recovery from RONA or a decline after a delay, wrap-up time and reason, disconnect
 * faults, and the acts of a handling (end, transfer, conference) decided in customers.ts. Per-agent
 * draws are keyed by agent index and a per-agent counter (common random numbers across policies).
 */
import type { Command } from "../core/commands.ts"
import type { Event } from "../core/events.ts"
import { isFree, mayTake } from "../core/state.ts"
import type { AgentState, ChatState } from "../core/state.ts"
import { pickWeighted, sampleMs } from "./dists.ts"
import { END_OF_SHIFT } from "./engine-config.ts"
import { planHandling } from "./customers.ts"
import { Sequence } from "./random.ts"
import { agentSchedule } from "./roster.ts"
import type { AgentAct, SimAgent, World } from "./world.ts"
import { chatIndexOf, command, STREAMS } from "./world.ts"

const engineAgent = (world: World, a: SimAgent): AgentState => world.engine.agents.get(a.id)!

const loggedIn = (world: World, a: SimAgent): boolean => engineAgent(world, a).presence._tag !== "LoggedOut"

/**
 * Move the agent toward the presence it wants now: logged out after its shift once its work is
 * done, its break code, or Available, except while it is still recovering from RONA or a decline.
 */
const settle = (world: World, a: SimAgent, atMs: number): void => {
  if (a.linkDown || !loggedIn(world, a)) return
  const presence = engineAgent(world, a).presence
  if (a.shiftOver) {
    if (engineAgent(world, a).usedSlots === 0) command(world, atMs, { _tag: "Logout", agentId: a.id })
    else if (!(presence._tag === "Idle" && presence.code === END_OF_SHIFT)) {
      command(world, atMs, { _tag: "GoIdle", agentId: a.id, code: END_OF_SHIFT })
    }
    return
  }
  if (a.onBreak !== undefined) {
    if (!(presence._tag === "Idle" && presence.code === a.onBreak)) {
      command(world, atMs, { _tag: "GoIdle", agentId: a.id, code: a.onBreak })
    }
    return
  }
  if (presence._tag !== "Available" && a.recovering === 0) command(world, atMs, { _tag: "GoAvailable", agentId: a.id })
}

/** The agent's shifts and breaks (roster.ts) as kernel events. */
export const scheduleShift = (world: World, a: SimAgent): void => {
  const schedule = agentSchedule(world.scenario, a.group, a.indexInGroup)
  for (const shift of schedule.shifts) {
    world.kernel.schedule(shift.startMs, { _tag: "ShiftStart", agent: a.index })
    if (Number.isFinite(shift.endMs)) world.kernel.schedule(shift.endMs, { _tag: "ShiftEnd", agent: a.index })
  }
  for (const b of schedule.breaks) {
    world.kernel.schedule(b.startMs, { _tag: "BreakStart", agent: a.index, code: b.code })
    world.kernel.schedule(b.endMs, { _tag: "BreakEnd", agent: a.index, code: b.code })
  }
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
      const u = world.draws.at(STREAMS.offers, a.index, a.offersSeen++)
      const miss = u.next() < g.missProbability
      const decline = u.next() < g.declineProbability
      const delayMs = sampleMs(g.acceptDelay, u)
      if (miss) return
      const answer: Command = decline
        ? { _tag: "DeclineOffer", agentId: a.id, offerId: e.offerId }
        : { _tag: "AcceptOffer", agentId: a.id, offerId: e.offerId }
      return command(world, atMs + delayMs, answer)
    }
    case "PresenceChanged": {
      if (e.cause === "agent") return
      const dist = e.cause === "offer-expired" ? g.ronaRecovery : g.declineRecovery
      const delayMs = sampleMs(dist, world.draws.at(STREAMS.recovery, a.index, a.recoveries++))
      a.recovering++
      world.kernel.schedule(atMs + delayMs, { _tag: "Recover", agent: a.index })
      return
    }
    case "OfferAccepted":
      if (e.kind !== "conference") return planHandling(world, a, e.chatId, atMs)
      return
    case "WrapUpStarted": {
      const delayMs = sampleMs(g.wrapUp, world.draws.at(STREAMS.wrapUp, a.index, a.wrapUpsDone++))
      world.kernel.schedule(atMs + delayMs, { _tag: "AgentAct", agent: a.index, chatId: e.chatId, act: "wrap-up" })
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

const transfer = (world: World, a: SimAgent, chat: ChatState): Command => {
  const end: Command = { _tag: "EndChat", agentId: a.id, chatId: chat.id }
  if (chat.participant !== undefined || chat.conferenceOfferId !== undefined) return end
  const u = world.draws.at(STREAMS.handling, chatIndexOf(chat.id), 0x10000 + (world.chats.get(chat.id)?.handlings ?? 0))
  const targets = a.group.transfer.targets
  const target = targets[pickWeighted(targets.map((t) => t.weight), u.next())]
  if (target === undefined) return end
  if (target.queueId !== undefined) return { _tag: "TransferToQueue", agentId: a.id, chatId: chat.id, queueId: target.queueId }
  const group = world.agents.filter((x) => x.group.id === target.agentGroup)
  const to = freeAgent(world, group, a, chat, u.next())
  return to === undefined ? end : { _tag: "TransferToAgent", agentId: a.id, chatId: chat.id, targetAgentId: to.id }
}

const conference = (world: World, a: SimAgent, chat: ChatState): Command | undefined => {
  if (chat.participant !== undefined || chat.conferenceOfferId !== undefined) return undefined
  const u = world.draws.at(STREAMS.handling, chatIndexOf(chat.id), 0x20000 + (world.chats.get(chat.id)?.handlings ?? 0))
  const peers = world.agents.filter((x) => x.group.queues.includes(chat.queueId))
  const to = freeAgent(world, peers, a, chat, u.next())
  return to && { _tag: "RequestConference", agentId: a.id, chatId: chat.id, targetAgentId: to.id }
}

/** The command an agent act becomes now, if the agent is still in a position to do it. */
export const agentAct = (world: World, a: SimAgent, chatId: string, act: AgentAct): Command | undefined => {
  if (act === "wrap-up") {
    if (!engineAgent(world, a).wrapUps.has(chatId)) return undefined
    const reasons = a.group.wrapUpReasons
    const u = world.draws.at(STREAMS.wrapUp, a.index, 0x10000 + a.wrapUpsDone).next()
    const reason = reasons[pickWeighted(reasons.map((r) => r.weight), u)]?.reason ?? world.scenario.wrapUpReasons[0]!
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
  const u = world.draws.at(STREAMS.handling, chatIndexOf(chatId), 0x30000 + (world.chats.get(chatId)?.handlings ?? 0))
  const delayMs = sampleMs(owner.group.conference.duration, u)
  world.kernel.schedule(atMs + delayMs, { _tag: "AgentAct", agent: owner.index, chatId, act: "end-conference" })
}

/** Disconnect faults: a Poisson process per agent over its shift (within the horizon). */
export const scheduleFaults = (world: World, a: SimAgent): void => {
  const d = world.scenario.faults.disconnects
  if (d === undefined || d.perAgentPerHour <= 0) return
  const seq = new Sequence(world.draws, STREAMS.faults, a.index)
  const shifts = agentSchedule(world.scenario, a.group, a.indexInGroup).shifts
  if (shifts.length === 0) return
  const end = Math.min(shifts.at(-1)!.endMs, world.scenario.horizonMs)
  // exact times between draws, rounded only when scheduled (rounding each gap would shorten them)
  for (let t = shifts[0]!.startMs; ;) {
    t += (-Math.log(seq.next()) * 3_600_000) / d.perAgentPerHour
    if (t >= end) return
    world.kernel.schedule(Math.floor(t), { _tag: "Disconnect", agent: a.index })
  }
}

/** The agent's link drops or comes back. After a grace-period logout, it logs in again. */
export const onLink = (world: World, a: SimAgent, down: boolean, atMs: number): void => {
  if (down) {
    if (a.linkDown || !loggedIn(world, a)) return
    a.linkDown = true
    command(world, atMs, { _tag: "AgentDisconnect", agentId: a.id })
    const d = world.scenario.faults.disconnects!
    // each outage its own draw, keyed by this agent's disconnect count
    const outMs = sampleMs(d.duration, world.draws.at(STREAMS.faults, a.index, 0x10000 + a.disconnects++))
    world.kernel.schedule(atMs + outMs, { _tag: "Reconnect", agent: a.index })
    return
  }
  a.linkDown = false
  if (loggedIn(world, a)) return command(world, atMs, { _tag: "AgentReconnect", agentId: a.id })
  if (!a.shiftOver) command(world, atMs, { _tag: "Login", agentId: a.id })
}
