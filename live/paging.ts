/**
 * Windows of a chat's messages, so no frame carries a whole thread: the latest messages in a seq
 * range that fit a count and a byte budget (`latestPage`), and what a message costs in a frame.
 * Pure. Invariants: a page is a gap-free run of seqs ending at the newest message of the range;
 * it holds at least one message when the range has any (a single message never exceeds a frame:
 * its text is bounded by maxTextChars); `earlier` counts the range's messages before the page.
 */
import type { EventOf } from "../core/events.ts"

type Message = EventOf<"MessageSent">

/** Bytes a message takes in a frame: its UTF-8 text and about as much JSON around it as a frame has. */
export const messageCostBytes = (m: Message): number => Buffer.byteLength(m.text) + 200

export interface Page {
  readonly messages: ReadonlyArray<Message>
  /** Messages of the range older than the page (fetch them with `history`). */
  readonly earlier: number
}

/**
 * The newest messages with afterSeq < seq < beforeSeq, at most `maxMessages` and `maxBytes` (at
 * least one). `messages` is a chat's gap-free thread (seq n at index n - 1).
 */
export const latestPage = (
  messages: ReadonlyArray<Message>,
  afterSeq: number,
  beforeSeq: number,
  maxMessages: number,
  maxBytes: number
): Page => {
  const from = Math.max(0, Math.min(afterSeq, messages.length))
  const to = Math.max(from, Math.min(beforeSeq - 1, messages.length))
  let start = to
  let bytes = 0
  while (start > from && to - start < maxMessages) {
    const cost = messageCostBytes(messages[start - 1]!)
    if (start < to && bytes + cost > maxBytes) break
    bytes += cost
    start--
  }
  return { messages: messages.slice(start, to), earlier: start - from }
}

/** The windows frames use, from the configured limits. */
export interface Windows {
  readonly offerMessages: number
  readonly offerBytes: number
  readonly pageMessages: number
  readonly pageBytes: number
}

export const windowsOf = (l: {
  readonly offerThreadMessages: number
  readonly pageMessages: number
  readonly pageBytes: number
}): Windows => ({
  offerMessages: l.offerThreadMessages,
  offerBytes: Math.floor(l.pageBytes / 4),
  pageMessages: l.pageMessages,
  pageBytes: l.pageBytes
})
