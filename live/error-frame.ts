/**
 * The `error` server frame, built one way everywhere: a documented code, a message for people,
 * and only the optional fields that apply (the offending path, the frame's ref, when to retry).
 * Invariant: an absent option is an absent key, never an `undefined` value on the wire.
 */
import type { ErrorCode } from "./protocol.ts"
import type { ServerFrame } from "./server-frames.ts"

export const errorFrame = (
  code: ErrorCode,
  message: string,
  extra: { path?: ReadonlyArray<string>; ref?: string | undefined; retryAfterMs?: number } = {}
): ServerFrame => ({
  type: "error",
  code,
  message,
  ...(extra.path === undefined ? {} : { path: extra.path }),
  ...(extra.ref === undefined ? {} : { ref: extra.ref }),
  ...(extra.retryAfterMs === undefined ? {} : { retryAfterMs: extra.retryAfterMs })
})
