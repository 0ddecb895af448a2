/**
 * fast-check arbitraries for the engine model test: a small random engine config (every routing
 * policy, both transfer fallbacks, max wait with overflow, auto wrap-up, disconnect grace) and
 * sequences of actions. Actions are mostly "smart" (resolved against the live state when run, so
 * they hit open offers, owned chats and pending wrap-ups often) mixed with raw commands full of
 * unknown ids, wrong actors, reserved characters and missing template parameters, time jumps onto
 * timer deadlines (accepts exactly at the deadline) and duplicates of the previous command. Chats
 * arrive proactive or not, with or without patience, a chat priority and a returning customer's id.
 */
import fc from "fast-check"
import type { Command } from "../../../core/commands.ts"
import type { EngineConfig } from "../../../core/config.ts"
import { makeEngineConfig } from "../../../core/config.ts"

export const AGENTS = ["a0", "a1", "a2", "a3"] as const
export const QUEUES = ["q0", "q1", "q2"] as const
const REASONS = ["Resolved", "Escalated"] as const
const TEXTS = ["hello", "a < b", "x>y", "", "fine thanks"] as const

export const configArb: fc.Arbitrary<EngineConfig> = fc
  .record({
    policy: fc.constantFrom("longest-available", "least-busy", "round-robin", "skills-best"),
    onTransferNotAccepted: fc.constantFrom("drop", "requeue"),
    offerTimeoutMs: fc.constantFrom(1_000, 5_000),
    disconnectGraceMs: fc.constantFrom(0, 2_000, 10_000),
    autoWrapUpMs: fc.option(fc.constantFrom(0, 1_500), { nil: undefined }),
    queues: fc.tuple(
      ...QUEUES.map((id, i) =>
        fc
          .record({
            priority: fc.integer({ min: 0, max: 2 }),
            maxWaitMs: fc.option(fc.constantFrom(1_000, 4_000), { nil: undefined }),
            overflow: fc.boolean()
          })
          .map((q) => ({
            id,
            priority: q.priority,
            ...(q.maxWaitMs === undefined ? {} : { maxWaitMs: q.maxWaitMs }),
            ...(q.maxWaitMs !== undefined && q.overflow ? { overflowTo: QUEUES[(i + 1) % QUEUES.length]! } : {})
          }))
      )
    ),
    agents: fc.tuple(
      ...AGENTS.map((id) =>
        fc
          .record({
            capacity: fc.integer({ min: 1, max: 3 }),
            queues: fc.subarray([...QUEUES], { minLength: 1 }),
            skill: fc.integer({ min: 0, max: 3 })
          })
          .map((a) => ({
            id,
            capacity: a.capacity,
            queues: a.queues,
            skills: Object.fromEntries(a.queues.map((q) => [q, a.skill]))
          }))
      )
    )
  })
  .map((c) =>
    makeEngineConfig({
      ...c,
      wrapUpReasons: [...REASONS],
      templates: { greet: "Hi <name>", thanks: "Thank you" }
    })
  )

export type Smart =
  | { readonly _tag: "Answer"; readonly pick: number; readonly accept: boolean; readonly wrongAgent: boolean }
  | { readonly _tag: "Owner"; readonly pick: number; readonly act: number; readonly arg: number }
  | { readonly _tag: "WrapUp"; readonly pick: number; readonly valid: boolean }
  | { readonly _tag: "Presence"; readonly agent: number; readonly act: number }
  | {
      readonly _tag: "Start"
      readonly queue: number
      readonly proactive: boolean
      readonly patience: number
      /** 0: no chat priority, else priority - 1 (0-2). */
      readonly priority: number
      /** 0: no customer id, else one of a few returning customers. */
      readonly customer: number
    }
  | { readonly _tag: "Customer"; readonly pick: number; readonly leave: boolean }

export type Action =
  | { readonly _tag: "Smart"; readonly dtMs: number; readonly smart: Smart }
  | { readonly _tag: "Raw"; readonly dtMs: number; readonly command: Command }
  | { readonly _tag: "JumpToTimer"; readonly actFirst: Smart | undefined }
  | { readonly _tag: "Duplicate" }

const pick = fc.nat({ max: 20 })
const agentId = fc.constantFrom(...AGENTS, "ghost")
const chatId = fc.constantFrom("c1", "c2", "c3", "c4", "nope")
const queueId = fc.constantFrom(...QUEUES, "nowhere")

const smartArb: fc.Arbitrary<Smart> = fc.oneof(
  {
    weight: 8,
    arbitrary: fc
      .record({ _tag: fc.constant("Answer" as const), pick, answer: fc.nat({ max: 9 }) })
      .map(({ _tag, pick, answer }) => ({ _tag, pick, accept: answer < 7, wrongAgent: answer === 9 }))
  },
  {
    weight: 5,
    arbitrary: fc.record({ _tag: fc.constant("Owner" as const), pick, act: fc.nat({ max: 8 }), arg: pick })
  },
  { weight: 3, arbitrary: fc.record({ _tag: fc.constant("WrapUp" as const), pick, valid: fc.boolean() }) },
  {
    weight: 4,
    arbitrary: fc.record({ _tag: fc.constant("Presence" as const), agent: fc.nat({ max: 4 }), act: fc.nat({ max: 7 }) })
  },
  {
    weight: 4,
    arbitrary: fc.record({
      _tag: fc.constant("Start" as const),
      queue: fc.nat({ max: 3 }),
      proactive: fc.boolean(),
      patience: fc.nat({ max: 3 }),
      priority: fc.nat({ max: 3 }),
      customer: fc.nat({ max: 3 })
    })
  },
  { weight: 1, arbitrary: fc.record({ _tag: fc.constant("Customer" as const), pick, leave: fc.boolean() }) }
)

const rawArb: fc.Arbitrary<Command> = fc.oneof(
  fc.record({ _tag: fc.constant("AcceptOffer" as const), agentId, offerId: fc.integer({ min: -1, max: 30 }) }),
  fc.record({ _tag: fc.constant("DeclineOffer" as const), agentId, offerId: fc.integer({ min: 0, max: 30 }) }),
  fc.record({ _tag: fc.constant("AgentMessage" as const), agentId, chatId, text: fc.constantFrom(...TEXTS) }),
  fc.record({ _tag: fc.constant("EndChat" as const), agentId, chatId }),
  fc.record({
    _tag: fc.constant("SubmitWrapUp" as const),
    agentId,
    chatId,
    reason: fc.constantFrom(...REASONS, "Bogus")
  }),
  fc.record({ _tag: fc.constant("TransferToAgent" as const), agentId, chatId, targetAgentId: agentId }),
  fc.record({ _tag: fc.constant("TransferToQueue" as const), agentId, chatId, queueId }),
  fc.record({ _tag: fc.constant("RequestConference" as const), agentId, chatId, targetAgentId: agentId }),
  fc.record({ _tag: fc.constant("EndConference" as const), agentId, chatId }),
  fc.record({
    _tag: fc.constant("StartChat" as const),
    chatId,
    queueId,
    customerName: fc.constant("X"),
    proactive: fc.boolean()
  }),
  fc.record({ _tag: fc.constant("CustomerLeave" as const), chatId }),
  fc.record({ _tag: fc.constant("GoIdle" as const), agentId, code: fc.constantFrom("Break", "Nap") }),
  fc.record({ _tag: fc.constant("Logout" as const), agentId }),
  fc.record({
    _tag: fc.constant("TimerFired" as const),
    timer: fc.record({ _tag: fc.constant("OfferDeadline" as const), offerId: fc.nat({ max: 30 }) })
  })
)

const dtArb = fc.oneof(
  { weight: 4, arbitrary: fc.constant(0) },
  { weight: 4, arbitrary: fc.integer({ min: 1, max: 800 }) },
  { weight: 1, arbitrary: fc.constantFrom(1_000, 5_000, 10_000) }
)

export const actionArb: fc.Arbitrary<Action> = fc.oneof(
  { weight: 12, arbitrary: fc.record({ _tag: fc.constant("Smart" as const), dtMs: dtArb, smart: smartArb }) },
  { weight: 3, arbitrary: fc.record({ _tag: fc.constant("Raw" as const), dtMs: dtArb, command: rawArb }) },
  {
    weight: 2,
    arbitrary: fc.record({
      _tag: fc.constant("JumpToTimer" as const),
      actFirst: fc.option(smartArb, { nil: undefined })
    })
  },
  { weight: 1, arbitrary: fc.constant({ _tag: "Duplicate" as const }) }
)

/** A run's actions: long enough to reach transfers, conferences and RONA (fast-check's default is ~10). */
export const sequenceArb: fc.Arbitrary<Array<Action>> = fc.array(actionArb, {
  minLength: 10,
  maxLength: 150,
  size: "max"
})
