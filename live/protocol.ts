/**
 * Client frames of the live protocol (docs/protocol.md section 5) as Effect Schemas, tagged on
 * `type`, one table per role, and the error codes every error frame draws from.
 * Invariants: every client frame is decoded by `decodeClientFrame` (strict: excess keys refused);
 * ids, names and texts are bounded; template parameter names can never be prototype keys.
 * The agent id or chat id of a frame's actor never comes from the frame (it comes from the token).
 * A bad frame's message is its first problem in the words of input/issues.ts (`send: text: ...`).
 */
import * as Result from "effect/Result"
import * as Schema from "effect/Schema"
import { REJECTION_CODES } from "../core/rejections.ts"
import { issueProblems, problemLine } from "../input/issues.ts"

export const PROTOCOL_VERSION = 1

/** Protocol-level error codes (the engine's rejection codes come on top). */
export const PROTOCOL_ERROR_CODES = [
  "BAD_JSON",
  "BINARY_FRAME",
  "UNKNOWN_TYPE",
  "SCHEMA",
  "HELLO_REQUIRED",
  "ALREADY_HELLO",
  "FORBIDDEN",
  "RATE_LIMITED",
  "CHAT_FULL",
  "UNAUTHORIZED",
  "NOT_FOUND",
  "TOO_BIG",
  "UNAVAILABLE",
  "INTERNAL"
] as const
export type ProtocolErrorCode = (typeof PROTOCOL_ERROR_CODES)[number]
export const ERROR_CODES: ReadonlyArray<string> = [...PROTOCOL_ERROR_CODES, ...REJECTION_CODES]
export type ErrorCode = ProtocolErrorCode | (typeof REJECTION_CODES)[number]

const RESERVED_KEYS = new Set(["__proto__", "constructor", "prototype"])

const bounded = (min: number, max: number) => Schema.String.check(Schema.isBetweenLength(min, max))
export const Id = bounded(1, 64)
export const Name = bounded(1, 100)
export const Ref = Schema.String.check(Schema.isPattern(/^[A-Za-z0-9_.:-]{1,64}$/))
/** Message text; the configured `maxTextChars` is checked on top by the server. */
export const Text = bounded(1, 65_536)
const OfferId = Schema.Int.check(Schema.isBetween({ minimum: 1, maximum: Number.MAX_SAFE_INTEGER }))
const Seq = Schema.Int.check(Schema.isBetween({ minimum: 0, maximum: Number.MAX_SAFE_INTEGER }))
const ParamName = Id.check(
  Schema.makeFilter((k: string) => !RESERVED_KEYS.has(k) || `parameter name "${k}" is reserved`)
)
const Params = Schema.Record(ParamName, bounded(0, 1_000)).check(Schema.isMaxProperties(32))
const Resume = Schema.Record(
  Id.check(Schema.makeFilter((k: string) => !RESERVED_KEYS.has(k) || `chat id "${k}" is reserved`)),
  Seq
).check(Schema.isMaxProperties(100))

const ref = { ref: Schema.optionalKey(Ref) }
const frame = <T extends string, F extends Schema.Struct.Fields>(type: T, fields: F) =>
  Schema.Struct({ type: Schema.tag(type), ...fields })

export const AgentFrames = {
  hello: frame("hello", { resume: Schema.optionalKey(Resume), observe: Schema.optionalKey(Schema.Boolean) }),
  ping: frame("ping", ref),
  setPresence: Schema.Union([
    frame("setPresence", { presence: Schema.Literal("Available"), ...ref }),
    frame("setPresence", { presence: Schema.Literal("Idle"), code: Id, ...ref })
  ]),
  accept: frame("accept", { offerId: OfferId, ...ref }),
  decline: frame("decline", { offerId: OfferId, ...ref }),
  send: frame("send", { chatId: Id, text: Text, ...ref }),
  sendTemplate: frame("sendTemplate", { chatId: Id, templateId: Id, params: Params, ...ref }),
  typing: frame("typing", { chatId: Id, active: Schema.Boolean }),
  transfer: Schema.Union([
    frame("transfer", { chatId: Id, toQueue: Id, ...ref }),
    frame("transfer", { chatId: Id, toAgent: Id, ...ref })
  ]),
  conference: frame("conference", { chatId: Id, agentId: Id, ...ref }),
  endConference: frame("endConference", { chatId: Id, ...ref }),
  end: frame("end", { chatId: Id, ...ref }),
  wrapUp: frame("wrapUp", { chatId: Id, reason: Name, ...ref }),
  directory: frame("directory", ref),
  history: frame("history", {
    chatId: Id,
    afterSeq: Schema.optionalKey(Seq),
    beforeSeq: Schema.optionalKey(Seq),
    ...ref
  }),
  stats: frame("stats", ref),
  logout: frame("logout", ref)
} as const

export const CustomerFrames = {
  hello: frame("hello", { lastSeq: Schema.optionalKey(Seq) }),
  ping: frame("ping", ref),
  send: frame("send", { text: Text, ...ref }),
  typing: frame("typing", { active: Schema.Boolean }),
  history: frame("history", { afterSeq: Schema.optionalKey(Seq), beforeSeq: Schema.optionalKey(Seq), ...ref }),
  leave: frame("leave", ref)
} as const

export const AgentFrame = Schema.Union(Object.values(AgentFrames))
export type AgentFrame = typeof AgentFrame.Type
export const CustomerFrame = Schema.Union(Object.values(CustomerFrames))
export type CustomerFrame = typeof CustomerFrame.Type

export type Role = "agent" | "customer"

export interface FrameError {
  readonly code: ProtocolErrorCode
  readonly message: string
  readonly path?: ReadonlyArray<string>
  readonly ref?: string
}

export type Decoded<F> =
  | { readonly _tag: "Frame"; readonly frame: F }
  | { readonly _tag: "Error"; readonly error: FrameError }

const decoders = <Table extends Record<string, Schema.Top & { readonly DecodingServices: never }>>(table: Table) => {
  const out = new Map<string, (u: unknown) => Result.Result<unknown, Schema.SchemaError>>()
  for (const [type, schema] of Object.entries(table))
    out.set(type, Schema.decodeUnknownResult(schema, { onExcessProperty: "error", reportInput: true }))
  return out
}
const agentDecoders = decoders(AgentFrames)
const customerDecoders = decoders(CustomerFrames)

/** A ref we may echo back: only when it is itself well-formed. */
const refOf = (value: Record<string, unknown>): { ref?: string } => {
  const r = Object.hasOwn(value, "ref") ? value["ref"] : undefined
  return typeof r === "string" && /^[A-Za-z0-9_.:-]{1,64}$/.test(r) ? { ref: r } : {}
}

/** Decode one text frame for `role`: a typed frame, or the error frame to answer with. */
export function decodeClientFrame(role: "agent", text: string): Decoded<AgentFrame>
export function decodeClientFrame(role: "customer", text: string): Decoded<CustomerFrame>
export function decodeClientFrame(role: Role, text: string): Decoded<AgentFrame | CustomerFrame> {
  let value: unknown
  try {
    value = JSON.parse(text)
  } catch {
    return { _tag: "Error", error: { code: "BAD_JSON", message: "the frame is not valid JSON" } }
  }
  if (value === null || typeof value !== "object" || Array.isArray(value)) {
    return {
      _tag: "Error",
      error: { code: "UNKNOWN_TYPE", message: 'a frame is a JSON object with a string "type"', path: ["type"] }
    }
  }
  const record = value as Record<string, unknown>
  const type = Object.hasOwn(record, "type") ? record["type"] : undefined
  const decode = typeof type === "string" ? (role === "agent" ? agentDecoders : customerDecoders).get(type) : undefined
  if (decode === undefined) {
    const shown = typeof type === "string" ? `"${type.slice(0, 40)}"` : "missing"
    const known = [...(role === "agent" ? agentDecoders : customerDecoders).keys()].join(", ")
    return {
      _tag: "Error",
      error: {
        code: "UNKNOWN_TYPE",
        message: `frame type ${shown} is not one of: ${known}`,
        path: ["type"],
        ...refOf(record)
      }
    }
  }
  const r = decode(value)
  if (Result.isSuccess(r)) return { _tag: "Frame", frame: r.success as AgentFrame | CustomerFrame }
  const first = issueProblems(r.failure.issue)[0] ?? { path: [], message: "invalid frame" }
  const message = `${type}: ${problemLine(first, "frame")}`
  return {
    _tag: "Error",
    error: { code: "SCHEMA", message: message.slice(0, 300), path: first.path.map(String), ...refOf(record) }
  }
}
