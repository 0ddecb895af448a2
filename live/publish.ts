/**
 * What an applied input's notifications are told as, to whom: each core notification becomes
 * its recipient's frames (live/views.ts), delivered in order.
 * Invariant: a chat view is built after the whole input applied, so it may already hold a message
 * that a later event of the same input also sends live (the "has joined the chat" line of an
 * accepted conference): per party and chat, a message at or below the view's last seq is not
 * sent again. A refused command's notification is never delivered.
 */
import type { Notify, Recipient } from "../core/outputs.ts"
import type { EngineState } from "../core/state.ts"
import type { Windows } from "./paging.ts"
import type { ServerFrame } from "./server-frames.ts"
import type { Transcripts } from "./transcripts.ts"
import { notifyFrames } from "./views.ts"

export interface PublishView {
  readonly state: EngineState
  readonly transcripts: Transcripts
  readonly windows: Windows
}

/** The last seq a chat view showed `who` (0: none; the key is only built when a view was shown). */
const shownSeq = (shown: ReadonlyMap<string, number>, who: string, chatId: string): number =>
  shown.size === 0 ? 0 : (shown.get(`${who}|${chatId}`) ?? 0)

/** Deliver the frames of the notifications, in order, without a message a chat view already showed. */
export const deliverNotes = (
  v: PublishView,
  notes: ReadonlyArray<Notify>,
  deliver: (party: Recipient, frame: ServerFrame) => void
): void => {
  const shown = new Map<string, number>()
  for (const o of notes) {
    if (o.message._tag === "CommandRejected") continue
    const who = o.party._tag === "Agent" ? o.party.agentId : `customer:${o.party.chatId}`
    for (const frame of notifyFrames(v.state, v.transcripts, v.windows, o.party, o.message, o.offer)) {
      if (frame.type === "chatAssigned") shown.set(`${who}|${frame.chat.chatId}`, frame.chat.messages.at(-1)?.seq ?? 0)
      if (frame.type === "message" && frame.seq <= shownSeq(shown, who, frame.chatId)) continue
      deliver(o.party, frame)
    }
  }
}
