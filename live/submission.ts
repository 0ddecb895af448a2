/**
 * What submitting an input to the center answers (`Submitted`): applied (with its ack and
 * events), a duplicate of an (actor, ref) already used (the stored ack, marked), refused by the
 * engine (its code and message), or no effect; and `ackFor`, the ack of an applied command, a
 * pure function of the command and its events.
 * Invariant: an ack carries the frame's ref, and the chat and seq of the message the command wrote
 * (or the chat a StartChat started), nothing else.
 */
import type { Command } from "../core/commands.ts"
import type { Event } from "../core/events.ts"
import type { Role } from "./protocol.ts"
import type { ServerFrameOf } from "./server-frames.ts"

export type Ack = ServerFrameOf<"ack">

/** Who an input comes from, as the log and the idempotency check name it: `agent:<agent id>`, `customer:<chat id>`. */
export const actorOf = (role: Role, subject: string): string => `${role}:${subject}`

export type Submitted =
  | { readonly _tag: "Applied"; readonly ack: Ack; readonly events: ReadonlyArray<Event> }
  | { readonly _tag: "Duplicate"; readonly ack: Ack }
  | { readonly _tag: "Rejected"; readonly code: string; readonly message: string }
  | { readonly _tag: "NoEffect" }

/** The ack of an applied command: its ref, and the chat and seq of the message it wrote. */
export const ackFor = (command: Command, events: ReadonlyArray<Event>, ref: string | undefined): Ack => {
  const base: Ack = ref === undefined ? { type: "ack" } : { type: "ack", ref }
  if (command._tag === "CustomerMessage" || command._tag === "AgentMessage" || command._tag === "AgentTemplate") {
    const sent = events.find((e) => e._tag === "MessageSent" && e.chatId === command.chatId)
    if (sent !== undefined && sent._tag === "MessageSent") return { ...base, chatId: sent.chatId, seq: sent.seq }
  }
  if (command._tag === "StartChat") return { ...base, chatId: command.chatId }
  return base
}
