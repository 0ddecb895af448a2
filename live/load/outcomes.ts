/**
 * How each chat the driver attempted ended, in exactly one category, and the accounting that checks
 * it: `completed`, `abandoned` and `otherOutcome` (closed by the server: expired, dropped) after
 * `chatClosed`; `refused` (the chat start was refused or could not reach the server, so no chat);
 * `unfinished` (still open when the run was torn down); `lostConnection` (the server went away and
 * the customer could not reconnect within the reconnect window). Pure.
 * Invariant: at the end of a run, attempted = the sum of the categories (`unaccounted` is 0).
 */
export const CHAT_ENDS = ["completed", "abandoned", "otherOutcome", "refused", "unfinished", "lostConnection"] as const
export type ChatEnd = (typeof CHAT_ENDS)[number]

/** The summary counter of each category. */
export const END_COUNTERS: Readonly<Record<ChatEnd, string>> = {
  completed: "chatsCompleted",
  abandoned: "chatsAbandoned",
  otherOutcome: "chatsOtherOutcome",
  refused: "chatsRefused",
  unfinished: "chatsUnfinished",
  lostConnection: "chatsLostConnection"
}

/** The category of a `chatClosed` outcome. */
export const endOfOutcome = (outcome: string): ChatEnd =>
  outcome === "completed" ? "completed" : outcome === "abandoned" ? "abandoned" : "otherOutcome"

export class ChatLedger {
  attempted = 0
  readonly ended: Record<ChatEnd, number> = {
    completed: 0,
    abandoned: 0,
    otherOutcome: 0,
    refused: 0,
    unfinished: 0,
    lostConnection: 0
  }

  attempt(): void {
    this.attempted++
  }

  end(e: ChatEnd): void {
    this.ended[e]++
  }

  /** Attempted chats not (yet) in any category. */
  unaccounted(): number {
    return this.attempted - CHAT_ENDS.reduce((s, e) => s + this.ended[e], 0)
  }
}
