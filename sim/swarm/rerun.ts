/**
 * Re-running a seed's external inputs through a fresh engine and auditor, then the drain: what
 * the shrinker asks of every candidate input list. Timers are not in the list: the fresh engine
 * starts them again, and each input runs after exactly as many same-instant timers as it did in
 * the original run, so the full list reproduces the original run event for event. Offer ids are
 * renumbered when earlier inputs are removed, so an answer carries its offer's stable key
 * (chat, agent, kind, occurrence) and is translated to the id that offer has in this run (or,
 * when that occurrence never came, to a pending offer of the same chat, agent and kind).
 * Invariant kept: a pure function of (config, engine factory, inputs, safety end).
 */
import type { Command } from "../../core/commands.ts"
import type { EngineConfig } from "../../core/config.ts"
import type { DrainOptions, DrainResult } from "./drain.ts"
import { drain, DRAIN } from "./drain.ts"
import type { EngineFactory, ExternalInput, InputObserver } from "./harness.ts"
import { Harness } from "./harness.ts"

/** An offer id no run reaches: a removed offer's answer becomes UNKNOWN_OFFER, not someone else's. */
const GONE_OFFER_ID = 1_000_000_000

export interface Case {
  readonly config: EngineConfig
  readonly safetyMs: number
}

/** An offer of the same chat, agent and kind pending now (an earlier occurrence was removed). */
const pendingLike = (h: Harness, offerKey: string): number | undefined => {
  const [chatId, agentId, kind] = offerKey.split("|")
  for (const o of h.state.offers.values()) {
    if (o.chatId === chatId && o.agentId === agentId && o.kind === kind) return o.id
  }
  return undefined
}

const translate = (h: Harness, x: ExternalInput): Command => {
  const { command, offerKey } = x
  if (offerKey === undefined) return command
  const offerId = h.offerIds.get(offerKey) ?? pendingLike(h, offerKey) ?? GONE_OFFER_ID
  switch (command._tag) {
    case "AcceptOffer":
    case "DeclineOffer":
      return { ...command, offerId }
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
  engineFor: EngineFactory,
  inputs: ReadonlyArray<ExternalInput>,
  options: { readonly observer?: InputObserver; readonly drain?: DrainOptions } = {}
): RerunResult => {
  const h = new Harness(c.config, engineFor)
  if (options.observer !== undefined) h.observe(options.observer)
  for (const x of inputs) {
    fireUntil(h, x.atMs, x.timersBefore)
    if (h.failure !== undefined) break
    if (h.kernel.nowMs < x.atMs) h.kernel.nowMs = x.atMs
    h.submit(translate(h, x))
    if (h.failure !== undefined) break
  }
  if (h.failure === undefined) fireUntil(h, c.safetyMs - 1, Number.MAX_SAFE_INTEGER)
  if (h.kernel.nowMs < c.safetyMs) h.kernel.nowMs = c.safetyMs
  return { harness: h, ...drain(h, c.safetyMs, options.drain ?? DRAIN) }
}
