/**
 * Agent presence. `RONA` is entered only by the system (an expired offer) and left only by the
 * agent's own Available, Idle code or logout; every other change is the agent's own. The end of a
 * disconnected session (grace expiry) logs the agent out: the session ends, whatever its presence.
 */
import * as Schema from "effect/Schema"

export const Presence = Schema.TaggedUnion({
  LoggedOut: {},
  Idle: { code: Schema.String },
  Available: {},
  RONA: {}
})
export type Presence = typeof Presence.Type

export const LOGGED_OUT: Presence = { _tag: "LoggedOut" }
export const AVAILABLE: Presence = { _tag: "Available" }
export const RONA: Presence = { _tag: "RONA" }
export const idle = (code: string): Presence => ({ _tag: "Idle", code })

export const presenceLabel = (p: Presence): string => (p._tag === "Idle" ? `Idle(${p.code})` : p._tag)
