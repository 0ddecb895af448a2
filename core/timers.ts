/**
 * Timers as data. The engine never sleeps: it emits `StartTimer{timer, atMs}` and
 * `CancelTimer{timer}`, the host keeps them in the one timer table (core/timer-table.ts: the
 * simulator's kernel on virtual time, the live server on the wall clock) and feeds
 * `TimerFired{timer}` back at `atMs`. A fired timer whose subject has moved on is ignored (no
 * events), so a host that cannot cancel stays correct. `timerId` gives each timer a stable string key.
 */
import * as Schema from "effect/Schema"
import { AgentId, ChatId, OfferId } from "./ids.ts"

export const TimerKey = Schema.TaggedUnion({
  OfferDeadline: { offerId: OfferId },
  Patience: { chatId: ChatId },
  MaxWait: { chatId: ChatId, segment: Schema.Int },
  AutoWrapUp: { agentId: AgentId, chatId: ChatId },
  DisconnectGrace: { agentId: AgentId }
})
export type TimerKey = typeof TimerKey.Type

export const timerId = (t: TimerKey): string => {
  switch (t._tag) {
    case "OfferDeadline":
      return `offer:${t.offerId}`
    case "Patience":
      return `patience:${t.chatId}`
    case "MaxWait":
      return `maxwait:${t.chatId}:${t.segment}`
    case "AutoWrapUp":
      return `wrapup:${t.agentId}:${t.chatId}`
    case "DisconnectGrace":
      return `grace:${t.agentId}`
  }
}
