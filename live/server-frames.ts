/**
 * Server frames of the live protocol (docs/protocol.md section 7) as Effect Schemas tagged on
 * `type`, so the pages and the load driver can decode what the server sends, and the server's
 * frame builders (views.ts) are typed by them. Optional fields are absent, never undefined.
 */
import * as Schema from "effect/Schema"

const Ms = Schema.Int
const opt = Schema.optionalKey
const frame = <T extends string, F extends Schema.Struct.Fields>(type: T, fields: F) =>
  Schema.Struct({ type: Schema.tag(type), ...fields })

export const PresenceName = Schema.Literals(["LoggedOut", "Idle", "Available", "RONA"])
export const Sender = Schema.Literals(["customer", "agent", "system"])

export const MessageFrame = frame("message", {
  chatId: Schema.String,
  seq: Schema.Int,
  sender: Sender,
  agentName: opt(Schema.String),
  agentId: opt(Schema.String),
  text: Schema.String,
  templateId: opt(Schema.String),
  atMs: Ms
})
export type MessageFrame = typeof MessageFrame.Type

export const OfferFrame = frame("offer", {
  offerId: Schema.Int,
  kind: Schema.Literals(["route", "transfer", "conference"]),
  chatId: Schema.String,
  queueId: Schema.String,
  queueName: Schema.String,
  customerName: Schema.String,
  agentName: Schema.String,
  /** The chat's last few messages (limits.offerThreadMessages); earlier ones by `history`. */
  thread: Schema.Array(MessageFrame),
  earlierMessages: Schema.Int,
  receivedAtMs: Ms,
  offeredAtMs: Ms,
  deadlineMs: Ms,
  proactive: Schema.Boolean,
  fromAgentId: opt(Schema.String)
})
export type OfferFrame = typeof OfferFrame.Type

export const ChatView = Schema.Struct({
  chatId: Schema.String,
  role: Schema.Literals(["owner", "participant", "wrapUp"]),
  status: Schema.String,
  queueId: Schema.String,
  queueName: Schema.String,
  customerName: Schema.String,
  proactive: Schema.Boolean,
  receivedAtMs: Ms,
  conference: Schema.NullOr(
    Schema.Struct({ agentId: Schema.String, agentName: Schema.String, joined: Schema.Boolean })
  ),
  /** The newest page of the messages asked for; `earlierMessages` more of them come by `history`. */
  messages: Schema.Array(MessageFrame),
  earlierMessages: Schema.Int
})
export type ChatView = typeof ChatView.Type

const Limits = Schema.Struct({
  maxPayloadBytes: Schema.Int,
  maxTextChars: Schema.Int,
  maxChatMessages: Schema.Int,
  maxChatBytes: Schema.Int,
  rateBurst: Schema.Int,
  ratePerSec: Schema.Number
})
const WrapUpView = Schema.Struct({
  chatId: Schema.String,
  reasons: Schema.Array(Schema.String),
  defaultReason: Schema.String
})

export const AgentWelcome = frame("welcome", {
  protocol: Schema.Int,
  role: Schema.Literal("agent"),
  agentId: Schema.String,
  agentName: Schema.String,
  supervisor: Schema.Boolean,
  presence: PresenceName,
  code: opt(Schema.String),
  connected: Schema.Boolean,
  capacity: Schema.Int,
  usedSlots: Schema.Int,
  offers: Schema.Array(OfferFrame),
  chats: Schema.Array(ChatView),
  wrapUps: Schema.Array(WrapUpView),
  idleCodes: Schema.Array(Schema.String),
  wrapUpReasons: Schema.Array(Schema.String),
  templates: Schema.Array(
    Schema.Struct({ id: Schema.String, text: Schema.String, params: Schema.Array(Schema.String) })
  ),
  queues: Schema.Array(Schema.Struct({ id: Schema.String, name: Schema.String })),
  limits: Limits,
  serverTimeMs: Ms
})
export type AgentWelcome = typeof AgentWelcome.Type

export const CustomerStatus = Schema.Literals(["queued", "active", "ended", "closed"])
export type CustomerStatus = typeof CustomerStatus.Type

export const CustomerWelcome = frame("welcome", {
  protocol: Schema.Int,
  role: Schema.Literal("customer"),
  chatId: Schema.String,
  queueId: Schema.String,
  queueName: Schema.String,
  status: CustomerStatus,
  agentName: Schema.NullOr(Schema.String),
  outcome: Schema.NullOr(Schema.String),
  messages: Schema.Array(MessageFrame),
  earlierMessages: Schema.Int,
  limits: Limits,
  serverTimeMs: Ms
})
export type CustomerWelcome = typeof CustomerWelcome.Type

export const ServerFrame = Schema.Union([
  AgentWelcome,
  CustomerWelcome,
  MessageFrame,
  OfferFrame,
  frame("ack", {
    ref: opt(Schema.String),
    chatId: opt(Schema.String),
    seq: opt(Schema.Int),
    duplicate: opt(Schema.Boolean)
  }),
  frame("error", {
    code: Schema.String,
    message: Schema.String,
    path: opt(Schema.Array(Schema.String)),
    ref: opt(Schema.String),
    retryAfterMs: opt(Schema.Int)
  }),
  frame("pong", { ref: opt(Schema.String), serverTimeMs: Ms }),
  frame("history", {
    ref: opt(Schema.String),
    chatId: Schema.String,
    messages: Schema.Array(MessageFrame),
    earlierMessages: Schema.Int
  }),
  frame("offerEnded", {
    offerId: Schema.Int,
    chatId: Schema.String,
    kind: Schema.String,
    outcome: Schema.Literals(["accepted", "declined", "expired", "cancelled"]),
    reason: opt(Schema.String)
  }),
  frame("chatAssigned", { chat: ChatView }),
  frame("presence", { presence: PresenceName, code: opt(Schema.String), cause: Schema.String, atMs: Ms }),
  frame("typing", {
    chatId: Schema.String,
    from: Schema.Literals(["customer", "agent"]),
    name: Schema.String,
    active: Schema.Boolean
  }),
  frame("queued", {
    chatId: Schema.String,
    queueId: Schema.String,
    queueName: Schema.String,
    reason: Schema.String,
    atMs: Ms
  }),
  frame("agentJoined", { chatId: Schema.String, agentName: Schema.String, atMs: Ms }),
  frame("transferred", {
    chatId: Schema.String,
    fromAgentId: Schema.String,
    toQueue: opt(Schema.String),
    toAgent: opt(Schema.String),
    atMs: Ms
  }),
  frame("conferenceRequested", {
    chatId: Schema.String,
    agentId: Schema.String,
    agentName: Schema.String,
    offerId: Schema.Int,
    deadlineMs: Ms
  }),
  frame("conferenceJoined", { chatId: Schema.String, agentId: Schema.String, agentName: Schema.String, atMs: Ms }),
  frame("conferenceEnded", {
    chatId: Schema.String,
    agentId: Schema.String,
    reason: Schema.Literals(["ended", "declined", "expired", "cancelled"]),
    atMs: Ms
  }),
  frame("chatEnded", { chatId: Schema.String, by: Sender, atMs: Ms }),
  frame("wrapUpStarted", {
    chatId: Schema.String,
    reasons: Schema.Array(Schema.String),
    defaultReason: Schema.String,
    autoDeadlineMs: opt(Ms),
    atMs: Ms
  }),
  frame("wrapUpDone", { chatId: Schema.String, reason: Schema.String, auto: Schema.Boolean, atMs: Ms }),
  frame("chatClosed", { chatId: Schema.String, outcome: Schema.String, atMs: Ms }),
  frame("directory", {
    ref: opt(Schema.String),
    queues: Schema.Array(
      Schema.Struct({ id: Schema.String, name: Schema.String, priority: Schema.Int, waiting: Schema.Int })
    ),
    agents: Schema.Array(
      Schema.Struct({
        id: Schema.String,
        name: Schema.String,
        presence: PresenceName,
        code: opt(Schema.String),
        freeSlots: Schema.Int,
        canTake: Schema.Boolean
      })
    )
  }),
  frame("stats", {
    ref: opt(Schema.String),
    atMs: Ms,
    queues: Schema.Array(
      Schema.Struct({ id: Schema.String, name: Schema.String, waiting: Schema.Int, oldestEnqueuedAtMs: opt(Ms) })
    ),
    agents: Schema.Array(
      Schema.Struct({
        id: Schema.String,
        name: Schema.String,
        presence: PresenceName,
        code: opt(Schema.String),
        connected: Schema.Boolean,
        usedSlots: Schema.Int,
        capacity: Schema.Int
      })
    ),
    chats: Schema.Struct({ open: Schema.Int, queued: Schema.Int, offered: Schema.Int, active: Schema.Int }),
    offersPending: Schema.Int,
    service: Schema.Array(
      Schema.Struct({
        queueId: Schema.String,
        thresholdMs: Ms,
        windowMs: Ms,
        arrived: Schema.Int,
        counted: Schema.Int,
        answered: Schema.Int,
        answeredWithin: Schema.Int,
        abandoned: Schema.Int,
        serviceLevel: Schema.NullOr(Schema.Number),
        answeredWithinOfSettled: Schema.NullOr(Schema.Number)
      })
    ),
    rona: Schema.Int,
    transfers: Schema.Int
  })
])
export type ServerFrame = typeof ServerFrame.Type
export type ServerFrameOf<T extends ServerFrame["type"]> = Extract<ServerFrame, { readonly type: T }>
