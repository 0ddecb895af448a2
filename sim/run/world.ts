/**
 * The simulated world of one replication: the kernel's event types and the simulated agents and
 * chats (what the simulated parties know). Their decisions are the workload's (workload/); the
 * kernel adapters that carry them out live in agents.ts and customers.ts, and the loop that ties
 * them to the engine in replication.ts.
 */
import type { Command } from "../../core/commands.ts"
import type { IdWindow } from "../../core/id-window.ts"
import type { AgentState, EngineState } from "../../core/state.ts"
import type { TimerKey } from "../../core/timers.ts"
import type { AgentGroup, Scenario } from "../scenario/model.ts"
import type { Measurer } from "../stats/measurer.ts"
import type { Draws } from "../workload/draws.ts"
import type { ChatAct, CustomerAct } from "../workload/intent.ts"
import type { Kernel } from "./kernel.ts"

/**
 * What the kernel schedules: an engine command (itself, due at its time), or one of the simulator's
 * own events (their tags differ from every command's). Agent and chat actions re-check the world
 * when they fire.
 */
export type SimEvent = Command | OwnEvent

export type OwnEvent =
  | { readonly _tag: "Timer"; readonly timer: TimerKey }
  | { readonly _tag: "Arrival"; readonly stream: number }
  | { readonly _tag: "Invitation"; readonly campaign: number }
  | { readonly _tag: "ShiftStart" | "ShiftEnd" | "Recover" | "Disconnect" | "Reconnect"; readonly agent: number }
  | { readonly _tag: "BreakStart" | "BreakEnd"; readonly agent: number; readonly code: string }
  | { readonly _tag: "AgentAct"; readonly agent: number; readonly chatId: string; readonly act: ChatAct }
  | { readonly _tag: "CustomerAct"; readonly chatId: string; readonly act: CustomerAct }

export interface SimAgent {
  readonly index: number
  /** n of `<group>-<n+1>`: the agent's place in its group (staggered breaks, duty vectors). */
  readonly indexInGroup: number
  readonly id: string
  readonly group: AgentGroup
  readonly groupIndex: number
  /** Offers this agent has seen: the key of its per-offer draws (common random numbers). */
  offersSeen: number
  wrapUpsDone: number
  recoveries: number
  /** Disconnects so far: the key of each outage's duration draw. */
  disconnects: number
  /** Recoveries (from RONA or a decline) still running: no "go Available" until they end. */
  recovering: number
  onBreak: string | undefined
  shiftOver: boolean
  linkDown: boolean
}

/** An open chat's plan state, kept under its chat index (`chatIndexOf`). */
export interface SimChat {
  /** Handlings so far (accepts as owner): the sub-key of per-handling draws. */
  handlings: number
}

export interface World {
  readonly scenario: Scenario
  readonly kernel: Kernel<SimEvent>
  readonly draws: Draws
  readonly agents: ReadonlyArray<SimAgent>
  /** The agents of each group, in agent order: the candidates of a transfer to the group. */
  readonly groupMembers: ReadonlyMap<string, ReadonlyArray<SimAgent>>
  /** The agents serving each queue, in agent order: the candidates of a conference on its chat. */
  readonly queuePeers: ReadonlyMap<string, ReadonlyArray<SimAgent>>
  /** Open chats' plans by chat index (handed out in arrival order, so a window, not a hash table). */
  readonly chats: IdWindow<SimChat>
  readonly engine: EngineState
  /** Each simulated agent's engine state, by agent index (the engine keeps one object per agent). */
  readonly engineAgents: ReadonlyArray<AgentState>
  /** Counts what the engine's events do not carry (invitations). */
  readonly metrics: Measurer
  nextChatIndex: number
  /** Invitations sent so far, per proactive campaign: the key of each visitor's draw. */
  readonly invited: Array<number>
}

/** Each key's agents, in agent order. */
export const agentsBy = (
  agents: ReadonlyArray<SimAgent>,
  keys: ReadonlyArray<string>,
  has: (a: SimAgent, key: string) => boolean
): ReadonlyMap<string, ReadonlyArray<SimAgent>> => new Map(keys.map((k) => [k, agents.filter((a) => has(a, k))]))

export const command = (world: World, atMs: number, c: Command): void => {
  world.kernel.schedule(atMs, c)
}

/** The simulator names chat n `c<n>`: its index is the key of its draws and of its per-chat records. */
export const chatIdOf = (index: number): string => `c${index}`

/** The index of a chat the simulator named (`chatIdOf`), read off its digits without building a string. */
export const chatIndexOf = (chatId: string): number => {
  let n = 0
  for (let i = 1; i < chatId.length; i++) n = n * 10 + chatId.charCodeAt(i) - 48
  return n
}
