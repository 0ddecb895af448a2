/**
 * `step(state, command, nowMs, out)`: one command end to end. Decide its events, apply them one by
 * one, run the routing pass, and send the timers and notifications to `out` (each from the state
 * just before its event). It never throws on bad input. Hosts do not call it: they run the engine
 * through `RoutingEngine` (core/engine.ts), which calls it and hands its outputs to the host's ports.
 */
import type { Command } from "./commands.ts"
import { decide } from "./decide/index.ts"
import type { Event } from "./events.ts"
import { evolve } from "./evolve.ts"
import type { OutputSink } from "./outputs.ts"
import { collectOutputs } from "./outputs.ts"
import { route } from "./routing.ts"
import type { EngineState } from "./state.ts"

/** What one command did: its events, in order (its outputs went to the host's ports). */
export interface StepResult {
  readonly events: ReadonlyArray<Event>
}

/** Apply `cmd` at `nowMs`; returns its events in order. */
export const step = (state: EngineState, cmd: Command, nowMs: number, out: OutputSink): Array<Event> => {
  const events = decide(state, cmd, nowMs)
  for (const e of events) {
    collectOutputs(state, e, out)
    evolve(state, e)
  }
  route(state, nowMs, (e) => {
    events.push(e)
    collectOutputs(state, e, out)
    evolve(state, e)
  })
  return events
}
