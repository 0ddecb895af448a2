/**
 * The invariant auditor (docs/rules.md, "Invariants and the auditor"): separate code that rebuilds its own view of agents,
 * chats, queues and offers from the stream of commands and events, and checks every invariant after
 * every event. It shares only the schema modules with the engine (never decide/evolve/routing/state),
 * so it is a second, independent implementation of the rules.
 *
 * Feed it `input(command, nowMs)` when a command begins (this closes the previous batch), then each
 * `event(e)` of that command's batch, and `end()` after the last batch. The first violation is kept
 * in `violation`; everything after it is ignored. Checks are incremental (touched agents and chats,
 * deadline indexes), so the cost per event does not grow with the number of chats.
 * This module owns the batch bookkeeping, `event-time` and `rejection` (a refusal is the only event
 * of its batch and names its command); the rest is delegated:
 * presence-checks, offer-checks, chat-checks, handling-checks, batch-checks.
 */
import type { Command } from "../commands.ts"
import type { EngineConfig } from "../config.ts"
import type { Event } from "../events.ts"
import { endBatch, isEffectOf, startBatch } from "./batch-checks.ts"
import { onChatArrived, onChatClosed, onChatEnded, onChatQueued } from "./chat-checks.ts"
import {
  onConferenceEnded,
  onMessageSent,
  onTransferRequested,
  onWrapUpStarted,
  onWrapUpSubmitted
} from "./handling-checks.ts"
import { onOfferEnded, onOfferMade } from "./offer-checks.ts"
import {
  checkExpectedPresence,
  onDisconnected,
  onLoggedIn,
  onLoggedOut,
  onPresenceChanged,
  onReconnected
} from "./presence-checks.ts"
import { View } from "./view.ts"
import type { InvariantId, Violation } from "./violation.ts"
import { AuditFailure, describeCommand, fail } from "./violation.ts"

export type { InvariantId, Violation } from "./violation.ts"
export { INVARIANT_IDS } from "./violation.ts"

export type AuditRecord =
  | { readonly _tag: "Input"; readonly atMs: number; readonly command: Command }
  | { readonly _tag: "Event"; readonly event: Event }

const dispatch = (v: View, e: Event): void => {
  switch (e._tag) {
    case "AgentLoggedIn":
      return onLoggedIn(v, e)
    case "AgentLoggedOut":
      return onLoggedOut(v, e)
    case "PresenceChanged":
      return onPresenceChanged(v, e)
    case "AgentDisconnected":
      return onDisconnected(v, e)
    case "AgentReconnected":
      return onReconnected(v, e)
    case "ChatArrived":
      return onChatArrived(v, e)
    case "ChatQueued":
      return onChatQueued(v, e)
    case "OfferMade":
      return onOfferMade(v, e)
    case "OfferAccepted":
    case "OfferDeclined":
    case "OfferExpired":
    case "OfferCancelled":
      return onOfferEnded(v, e)
    case "TransferRequested":
      return onTransferRequested(v, e)
    case "ConferenceEnded":
      return onConferenceEnded(v, e)
    case "MessageSent":
      return onMessageSent(v, e)
    case "ChatEnded":
      return onChatEnded(v, e)
    case "WrapUpStarted":
      return onWrapUpStarted(v, e)
    case "WrapUpSubmitted":
      return onWrapUpSubmitted(v, e)
    case "ChatClosed":
      return onChatClosed(v, e)
    case "CommandRejected": {
      if (v.batchEvents > 0) {
        fail(
          "rejection",
          `CommandRejected (${e.code}) follows ${v.batchEvents} other event(s) of its batch; a refusal must be the only event`
        )
      }
      const c = v.command
      const agentId = c !== undefined && "agentId" in c ? c.agentId : undefined
      const chatId = c !== undefined && "chatId" in c ? c.chatId : undefined
      if (e.command !== c?._tag || e.agentId !== agentId || e.chatId !== chatId) {
        fail(
          "rejection",
          `CommandRejected (${e.code}) names ${e.command} by ${String(e.agentId)} on chat ${String(e.chatId)}, but the batch's command is ${describeCommand(c)}`
        )
      }
      v.rejected = true
    }
  }
}

export class Auditor {
  private readonly view: View
  private found: Violation | undefined = undefined
  private records = 0
  private open = false
  private lastIndex = -1
  private lastEvent: Event | undefined = undefined

  constructor(config: EngineConfig) {
    this.view = new View(config)
  }

  /** The first violation found, if any. */
  get violation(): Violation | undefined {
    return this.found
  }

  /** A new command begins at `nowMs`: close the previous batch, then check the deadlines due by now. */
  input(command: Command, nowMs: number): void {
    const index = this.records++
    if (this.found !== undefined) return
    if (this.open && !this.closeBatch()) return
    try {
      startBatch(this.view, nowMs)
      this.view.command = command
      this.open = true
      this.lastIndex = index
      this.lastEvent = undefined
    } catch (err) {
      this.record(err, index, nowMs, undefined)
    }
  }

  /** Check one event of the current batch against the view, then apply it. */
  event(e: Event): void {
    const index = this.records++
    if (this.found !== undefined) return
    const v = this.view
    this.lastIndex = index
    this.lastEvent = e
    try {
      if (!this.open) fail("event-time", `${e._tag} arrived outside any command's batch`)
      if (e.atMs !== v.nowMs)
        fail("event-time", `${e._tag} carries time ${e.atMs} ms, but its command ran at ${v.nowMs} ms`)
      if (v.rejected)
        fail("rejection", `${e._tag} follows a CommandRejected in the same batch; a refusal must be the only event`)
      if (v.expectNext !== undefined) checkExpectedPresence(v, e._tag === "PresenceChanged" ? e : undefined)
      dispatch(v, e)
      if (!v.effectSeen && v.command !== undefined && isEffectOf(v.command, e)) v.effectSeen = true
      v.prev = e
      v.batchEvents++
    } catch (err) {
      this.record(err, index, e.atMs, e)
    }
  }

  /** Close the current batch (end-of-batch checks). Call once after the last event. */
  end(): void {
    if (this.found === undefined && this.open) this.closeBatch()
  }

  private closeBatch(): boolean {
    this.open = false
    try {
      endBatch(this.view)
      return true
    } catch (err) {
      this.record(err, this.lastIndex, this.view.nowMs, this.lastEvent)
      return false
    }
  }

  private record(err: unknown, index: number, atMs: number, event: Event | undefined): void {
    if (!(err instanceof AuditFailure)) throw err
    const rule: InvariantId = err.rule
    this.found = { index, atMs, rule, message: err.message, ...(event === undefined ? {} : { event }) }
  }
}

/** Audit a recorded stream of inputs and events; the first violation, if any. */
export const auditStream = (config: EngineConfig, records: ReadonlyArray<AuditRecord>): Violation | undefined => {
  const auditor = new Auditor(config)
  for (const r of records) {
    if (r._tag === "Input") auditor.input(r.command, r.atMs)
    else auditor.event(r.event)
    if (auditor.violation !== undefined) return auditor.violation
  }
  auditor.end()
  return auditor.violation
}
