/**
 * Rejection codes: every way a command can be refused. A refusal is an event, never a throw,
 * and leaves the state unchanged.
 */
export const REJECTION_CODES = [
  "UNKNOWN_AGENT",
  "UNKNOWN_CHAT",
  "UNKNOWN_QUEUE",
  "UNKNOWN_OFFER",
  "UNKNOWN_TEMPLATE",
  "UNKNOWN_IDLE_CODE",
  "UNKNOWN_WRAPUP_REASON",
  "DUPLICATE_CHAT",
  "CUSTOMER_HAS_OPEN_CHAT",
  "NOT_LOGGED_IN",
  "ALREADY_LOGGED_IN",
  "ALREADY_IN_PRESENCE",
  "LOGOUT_REFUSED",
  "NOT_CONNECTED",
  "ALREADY_CONNECTED",
  "NOT_YOUR_OFFER",
  "OFFER_EXPIRED",
  "OFFER_NOT_PENDING",
  "NOT_ACCEPTED_YET",
  "NOT_PARTICIPANT",
  "NOT_OWNER",
  "CHAT_NOT_ACTIVE",
  "RESERVED_CHARACTERS",
  "EMPTY_MESSAGE",
  "TEMPLATE_PARAM_MISSING",
  "TARGET_UNAVAILABLE",
  "QUEUE_NOT_ALLOWED",
  "CONFERENCE_OPEN",
  "NO_CONFERENCE",
  "NO_WRAPUP_PENDING"
] as const
export type RejectionCode = (typeof REJECTION_CODES)[number]

/** The characters that mark template parameters and may not appear in agent text. */
export const hasReservedCharacters = (text: string): boolean => text.includes("<") || text.includes(">")
