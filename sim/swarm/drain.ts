/**
 * The drain phase: faults off, no arrivals. Every tick each agent behaves: reconnects, logs in,
 * accepts its offers, submits its wrap-ups, ends the chats it owns and goes Available; a customer
 * whose queued chat every agent serving the queue is barred from (missed or declined it during
 * this visit, so the engine may never offer it again) leaves, as a real one would. Timers keep
 * firing. The drain succeeds when no chat is open; past its limit the seed fails as stuck, with
 * each open chat's state and why it could not finish (an eligible agent never offered it, or the
 * command a behaving agent last tried on it and why the engine refused it).
 * Invariant kept: the drain reads the engine state only to choose commands; it is a pure function
 * of the state, the pending timers and the start time, so a re-run drains the same way.
 */
import type { Command } from "../../core/commands.ts"
import { presenceLabel } from "../../core/presence.ts"
import type { ChatState, EngineState } from "../../core/state.ts"
import { isFree, mayTake } from "../../core/state.ts"
import type { Failure, Harness } from "./harness.ts"

export interface DrainOptions {
  readonly tickMs: number
  readonly limitMs: number
}
export const DRAIN: DrainOptions = { tickMs: 1_000, limitMs: 15 * 60_000 }

export interface DrainResult {
  readonly failure: Failure | undefined
  /** Customers who left a queued chat every serving agent was barred from. */
  readonly barredLeaves: number
  readonly endMs: number
}

const barredEverywhere = (s: EngineState, chat: ChatState): boolean =>
  s.agentsById.every((a) => !a.config.queues.includes(chat.queueId) || chat.excluded.has(a.id))

/** The drain's last refused command per chat: why a behaving agent could not move it on. */
type Refusals = Map<string, string>

const behave = (h: Harness, refusals: Refusals): number => {
  const s = h.state
  const cmd = (c: Command): void => {
    const chatId = c._tag === "AcceptOffer" ? s.offers.get(c.offerId)?.chatId : "chatId" in c ? c.chatId : undefined
    const first = h.submit(c)[0]
    if (first?._tag === "CommandRejected" && chatId !== undefined) {
      refusals.set(
        chatId,
        `${c._tag}${"agentId" in c ? ` by "${c.agentId}"` : ""} was refused ${first.code} (${first.message})`
      )
    }
  }
  for (const a of s.agentsById) {
    const agentId = a.id
    if (!a.connected) cmd({ _tag: "AgentReconnect", agentId })
    if (a.presence._tag === "LoggedOut") cmd({ _tag: "Login", agentId })
    for (const offerId of [...a.offers]) cmd({ _tag: "AcceptOffer", agentId, offerId })
    for (const chatId of [...a.wrapUps.keys()])
      cmd({ _tag: "SubmitWrapUp", agentId, chatId, reason: h.config.defaultWrapUpReason })
    for (const chatId of [...a.chats]) {
      const chat = s.chats.get(chatId)
      if (chat?.owner === agentId && chat.status === "Active") cmd({ _tag: "EndChat", agentId, chatId })
    }
    if (a.connected && a.presence._tag !== "LoggedOut" && a.presence._tag !== "Available")
      cmd({ _tag: "GoAvailable", agentId })
  }
  let left = 0
  for (const chat of [...s.chats.values()]) {
    if (chat.status === "Queued" && barredEverywhere(s, chat)) {
      cmd({ _tag: "CustomerLeave", chatId: chat.id })
      left++
    }
  }
  return left
}

export const drain = (h: Harness, startMs: number, options: DrainOptions = DRAIN): DrainResult => {
  const endMs = startMs + options.limitMs
  let barredLeaves = 0
  const refusals: Refusals = new Map()
  h.kernel.schedule(startMs, { _tag: "DrainTick" })
  for (let entry = h.kernel.pop(); entry !== undefined; entry = h.kernel.pop()) {
    if (h.failure !== undefined || h.state.chats.size === 0 || entry.timeMs > endMs) break
    const e = entry.event
    if (e._tag === "Timer") h.fire(e.timer)
    else if (e._tag === "DrainTick") {
      barredLeaves += behave(h, refusals)
      h.kernel.schedule(entry.timeMs + options.tickMs, e)
    }
  }
  h.end()
  const failure = h.failure ?? (h.state.chats.size > 0 ? stuck(h.state, startMs, endMs, refusals) : undefined)
  return { failure, barredLeaves, endMs: h.kernel.nowMs }
}

const agentLine = (s: EngineState, id: string): string => {
  const a = s.agents.get(id)
  if (a === undefined) return `"${id}" (unknown agent)`
  const link = a.connected ? "" : `, disconnected (grace until ${String(a.graceDeadlineMs)} ms)`
  return `"${id}" (${presenceLabel(a.presence)}, ${a.usedSlots}/${a.config.capacity} slots${link})`
}

/** One open chat's state: where it waits, who holds it, whose wrap-up it waits for. */
export const describeChat = (s: EngineState, chat: ChatState): string => {
  const parts: Array<string> = [`chat "${chat.id}" ${chat.status}`]
  if (chat.status === "Queued") {
    parts.push(`in "${chat.queueId}" (segment ${chat.segment}, enqueued at ${chat.enqueuedAtMs} ms)`)
    const serving = s.agentsById.filter((a) => a.config.queues.includes(chat.queueId))
    const barred = serving.filter((a) => chat.excluded.has(a.id)).map((a) => a.id)
    parts.push(`serving agents: ${serving.map((a) => agentLine(s, a.id)).join(", ") || "none"}`)
    if (barred.length > 0) parts.push(`barred this visit: ${barred.join(", ")}`)
  }
  const offers = [...s.offers.values()].filter((o) => o.chatId === chat.id)
  for (const o of offers)
    parts.push(`${o.kind} offer ${o.id} to ${agentLine(s, o.agentId)}, deadline ${o.deadlineMs} ms`)
  if (chat.owner !== undefined) parts.push(`owned by ${agentLine(s, chat.owner)}`)
  if (chat.participant !== undefined) parts.push(`participant ${agentLine(s, chat.participant)}`)
  const wrapping = s.agentsById.filter((a) => a.wrapUps.has(chat.id))
  if (wrapping.length > 0)
    parts.push(`waiting for the wrap-up of ${wrapping.map((a) => agentLine(s, a.id)).join(", ")}`)
  return parts.join("; ")
}

/** Why a queued chat is not offered although the drain has every agent back. */
const whyWaiting = (s: EngineState, chat: ChatState): string | undefined => {
  if (chat.status !== "Queued") return undefined
  const free = s.agentsById.filter((a) => a.config.queues.includes(chat.queueId) && isFree(a) && mayTake(a, chat))
  return free.length > 0
    ? `not offered although ${free.map((a) => `"${a.id}"`).join(", ")} could take it (routing is not work-conserving)`
    : "no agent serving its queue is free to take it"
}

const stuck = (s: EngineState, startMs: number, endMs: number, refusals: Refusals): Failure => ({
  _tag: "Stuck",
  atMs: endMs,
  lines: [
    `${s.chats.size} chat(s) still open ${endMs - startMs} ms into the drain (agents behaving, no arrivals):`,
    ...[...s.chats.values()].map((c) => {
      const why = [whyWaiting(s, c), refusals.has(c.id) ? `the drain's last try: ${refusals.get(c.id)!}` : undefined]
      return `  ${[describeChat(s, c), ...why.filter((w) => w !== undefined)].join("; ")}`
    })
  ]
})
