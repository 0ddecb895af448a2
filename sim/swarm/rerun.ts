/**
 * Re-running a seed's external inputs through a fresh engine and auditor, then the drain: what
 * the shrinker asks of every candidate input list. Timers are not in the list: the fresh engine
 * starts them again, and each input runs after exactly as many same-instant timers as it did in
 * the original run, so the full list reproduces the original run event for event. Offer ids are
 * renumbered when earlier inputs are removed, so an answer carries its offer's stable key
 * (chat, agent, kind, occurrence) and is translated to the id that offer has in this run; when
 * that occurrence never came, to a pending offer of the same chat and kind (the same agent's if
 * any, else whoever holds it, who then also takes over the original agent's later commands on
 * that chat). The full list never needs these fallbacks, so it still reproduces exactly.
 * Invariant kept: a pure function of (config, engine factory, inputs, safety end).
 */
import type { Command } from "../../core/commands.ts"
import type { EngineConfig } from "../../core/config.ts"
import type { EngineLayer } from "../../core/engine.ts"
import type { DrainOptions, DrainResult } from "./drain.ts"
import { DRAIN, drain } from "./drain.ts"
import type { ExternalInput, InputObserver } from "./harness.ts"
import { Harness } from "./harness.ts"

/** An offer id no run reaches: a removed offer's answer becomes UNKNOWN_OFFER, not someone else's. */
const GONE_OFFER_ID = 1_000_000_000

export interface Case {
  readonly config: EngineConfig
  readonly safetyMs: number
}

/**
 * Where a removed input changed routing, an answer's offer may have gone to another agent: answer
 * as that agent, and let the chat's later commands by the original agent follow it (`rebound`).
 */
type Rebound = Map<string, Map<string, string>>

const pendingOffer = (h: Harness, chatId: string, kind: string, agentId: string | undefined) => {
  for (const o of h.state.offers.values()) {
    if (o.chatId === chatId && o.kind === kind && (agentId === undefined || o.agentId === agentId)) return o
  }
  return undefined
}

const translate = (h: Harness, rebound: Rebound, x: ExternalInput): Command => {
  const { command, offerKey } = x
  if (offerKey === undefined) {
    if (!("chatId" in command) || !("agentId" in command)) return command
    const to = rebound.get(command.chatId)?.get(command.agentId)
    return to === undefined ? command : { ...command, agentId: to }
  }
  const [chatId = "", agentId = "", kind = ""] = offerKey.split("|")
  const exact = h.offerIds.get(offerKey)
  const offer =
    exact === undefined
      ? (pendingOffer(h, chatId, kind, agentId) ?? pendingOffer(h, chatId, kind, undefined))
      : undefined
  const offerId = exact ?? offer?.id ?? GONE_OFFER_ID
  switch (command._tag) {
    case "AcceptOffer":
    case "DeclineOffer": {
      if (offer === undefined || offer.agentId === command.agentId) return { ...command, offerId }
      const forChat = rebound.get(chatId) ?? new Map<string, string>()
      rebound.set(chatId, forChat.set(command.agentId, offer.agentId))
      return { ...command, agentId: offer.agentId, offerId }
    }
    case "TimerFired":
      return { _tag: "TimerFired", timer: { _tag: "OfferDeadline", offerId } }
    default:
      return command
  }
}

/** Fire the timers due before `atMs` (and the first `sameInstant` ones due at it). */
const fireUntil = (h: Harness, atMs: number, sameInstant: number): void => {
  for (let t = h.kernel.peekTimeMs(); t !== undefined; t = h.kernel.peekTimeMs()) {
    if (h.failure !== undefined) return
    if (t > atMs || (t === atMs && h.timersFiredAt(atMs) >= sameInstant)) return
    const e = h.kernel.pop()!.event
    if (e._tag === "Timer") h.fire(e.timer)
  }
}

export interface RerunResult extends DrainResult {
  readonly harness: Harness
}

export const rerun = (
  c: Case,
  engineFor: EngineLayer,
  inputs: ReadonlyArray<ExternalInput>,
  options: { readonly observer?: InputObserver; readonly drain?: DrainOptions } = {}
): RerunResult => {
  const h = new Harness(c.config, engineFor)
  const rebound: Rebound = new Map()
  if (options.observer !== undefined) h.observe(options.observer)
  for (const x of inputs) {
    fireUntil(h, x.atMs, x.timersBefore)
    if (h.failure !== undefined) break
    if (h.kernel.nowMs < x.atMs) h.kernel.nowMs = x.atMs
    h.submit(translate(h, rebound, x))
    if (h.failure !== undefined) break
  }
  if (h.failure === undefined) fireUntil(h, c.safetyMs - 1, Number.MAX_SAFE_INTEGER)
  if (h.kernel.nowMs < c.safetyMs) h.kernel.nowMs = c.safetyMs
  return { harness: h, ...drain(h, c.safetyMs, options.drain ?? DRAIN) }
}
