/**
 * What the swarm schedules on the kernel: the engine's timers (the wake-up of the earliest one,
 * sim/run/kernel-timers.ts), the chaos phase's acts (a decided command, or an intention resolved
 * against the engine state when it fires) and the drain's ticks. Data only; behaviour lives in chaos.ts, chaos-agents.ts and drain.ts.
 */
import type { Command } from "../../core/commands.ts"
import type { TimerKey } from "../../core/timers.ts"

export type SwarmEvent =
  | { readonly _tag: "Timer"; readonly timer: TimerKey }
  /** A command decided earlier, sent as is when due (late and duplicated answers stay late). */
  | { readonly _tag: "Send"; readonly command: Command }
  /** The next arrival episode (one chat or a burst). */
  | { readonly _tag: "Arrive" }
  /** The owner's next move on a chat it accepted: message, transfer, conference or end. */
  | { readonly _tag: "Handle"; readonly agentId: string; readonly chatId: string; readonly step: number }
  /** The owner or the participant ends a conference, if one is still open. */
  | { readonly _tag: "EndConference"; readonly chatId: string; readonly byParticipant: boolean }
  /** Back to Available after RONA, a decline or a break (if still logged in and connected). */
  | { readonly _tag: "Recover"; readonly agentId: string }
  /** Log back in (reconnecting first if needed), then go Available. */
  | { readonly _tag: "Rejoin"; readonly agentId: string }
  /** Staffing down: keep trying to log out (refused while work is open). */
  | { readonly _tag: "LeaveShift"; readonly agentId: string; readonly tries: number }
  /** The agent's next fault: disconnect, break, shift end, a command out of turn. */
  | { readonly _tag: "Fault"; readonly agentId: string }
  /** A stale or late command: old offers, closed chats, timers that already fired. */
  | { readonly _tag: "Stale" }
  | { readonly _tag: "DrainTick" }
