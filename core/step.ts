/**
 * `step(state, command, nowMs)`: one command end to end. Decide its events, apply them one by one,
 * run the routing pass, and collect timers and notifications (each from the state just before its
 * event). It never throws on bad input. Hosts do not call it: they run the engine through
 * `RoutingEngine` (core/engine.ts), which calls it and hands its outputs to the host's ports.
 */
import type { Command } from "./commands.ts"
import { decide } from "./decide/index.ts"
import type { Event } from "./events.ts"
import { evolve } from "./evolve.ts"
import type { Output } from "./outputs.ts"
import { collectOutputs } from "./outputs.ts"
import { route } from "./routing.ts"
import type { EngineState } from "./state.ts"

export interface StepResult {
  readonly events: ReadonlyArray<Event>
  readonly outputs: ReadonlyArray<Output>
}

export const step = (state: EngineState, cmd: Command, nowMs: number): StepResult => {
  const events = decide(state, cmd, nowMs)
  const outputs: Array<Output> = []
  for (const e of events) {
    collectOutputs(state, e, outputs)
    evolve(state, e)
  }
  route(state, nowMs, (e) => {
    events.push(e)
    collectOutputs(state, e, outputs)
    evolve(state, e)
  })
  return { events, outputs }
}
