/**
 * Which presence an agent moves toward, from what it knows of itself: after its shift, logged out
 * once its work is done (Idle{EndOfShift} until then); on a break, Idle with the break's code;
 * otherwise Available, except while a recovery from RONA or a decline is still running. A
 * disconnected or logged-out agent does nothing. Pure.
 */
import type { Presence } from "../../core/presence.ts"

/** The idle code an agent whose shift is over shows while it finishes its chats. */
export const END_OF_SHIFT = "EndOfShift"

export interface Standing {
  readonly linkDown: boolean
  readonly presence: Presence
  /** Slots held (offers, chats, wrap-ups). */
  readonly usedSlots: number
  readonly shiftOver: boolean
  readonly onBreak: string | undefined
  /** Recoveries still running. */
  readonly recovering: number
}

export type PresenceStep =
  | { readonly _tag: "Stay" }
  | { readonly _tag: "Logout" }
  | { readonly _tag: "GoIdle"; readonly code: string }
  | { readonly _tag: "GoAvailable" }

const STAY: PresenceStep = { _tag: "Stay" }
const LOGOUT: PresenceStep = { _tag: "Logout" }
const AVAILABLE: PresenceStep = { _tag: "GoAvailable" }

const idleWith = (p: Presence, code: string): PresenceStep =>
  p._tag === "Idle" && p.code === code ? STAY : { _tag: "GoIdle", code }

export const presenceStep = (s: Standing): PresenceStep => {
  if (s.linkDown || s.presence._tag === "LoggedOut") return STAY
  if (s.shiftOver) return s.usedSlots === 0 ? LOGOUT : idleWith(s.presence, END_OF_SHIFT)
  if (s.onBreak !== undefined) return idleWith(s.presence, s.onBreak)
  return s.presence._tag !== "Available" && s.recovering === 0 ? AVAILABLE : STAY
}
