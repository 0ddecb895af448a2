/**
 * sim/workload/: the workload, what simulated parties decide, shared by the simulator and the live
 * load driver. Seeded draws (draws.ts) and distributions (dists.ts), arrivals, the roster and duty,
 * offer answers, presence, handling plans; every decision is a pure function returning intents
 * (this module).
 *
 * What a simulated party means to do, and when: the only output of the workload's decision
 * functions. `afterMs` counts scenario milliseconds from the moment the party decided; a driver
 * carries an intent out at that time (the simulator on its kernel, as is; the load driver over a
 * socket, divided by its time scale). Acts on a chat are re-checked when they are due: by then the
 * chat may have ended, moved or been conferenced, and the driver then drops the act.
 */

/** An agent's act on a chat it holds (or wraps up). */
export type ChatAct = "end" | "transfer" | "conference" | "end-conference" | "reply" | "wrap-up"

/** A customer's act on its own chat. */
export type CustomerAct = "message" | "leave"

export type Intent =
  /** Answer the offer just received. */
  | { readonly _tag: "Accept" | "Decline"; readonly afterMs: number }
  /** A RONA or decline recovery ends (the agent may go Available again). */
  | { readonly _tag: "Recover"; readonly afterMs: number }
  | { readonly _tag: "AgentAct"; readonly afterMs: number; readonly act: ChatAct }
  | { readonly _tag: "CustomerAct"; readonly afterMs: number; readonly act: CustomerAct }
  /** The roster and faults: from the start of the run. */
  | { readonly _tag: "ShiftStart" | "ShiftEnd"; readonly afterMs: number }
  | { readonly _tag: "BreakStart" | "BreakEnd"; readonly afterMs: number; readonly code: string }
  | { readonly _tag: "Disconnect"; readonly afterMs: number }

/** The members of `Intent` whose tags all lie in `T`. */
export type IntentOf<T extends Intent["_tag"]> = Extract<Intent, { readonly _tag: T }>

/** The acts a handling plan holds: the owner's and its customer's. */
export type PlanStep = IntentOf<"AgentAct" | "CustomerAct">

/** A missed offer: no intent (the offer expires, and the engine sets RONA). */
export type OfferAnswer = IntentOf<"Accept" | "Decline"> | { readonly _tag: "Miss" }
