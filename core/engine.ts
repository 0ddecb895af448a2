/**
 * The engine as an Effect service. `RoutingEngine` owns one engine state and hands every output to
 * two ports the host implements: `Timers` (start/cancel at an absolute engine time) and `Outbox`
 * (notifications for agents and customers). Port methods are plain synchronous functions, so a
 * simulator can drive `submitSync` on its hot path with no Effect per event; `submit` reads the
 * time from Effect's Clock for live hosts.
 */
import { Clock, Context, Effect, Layer } from "effect"
import type { Command } from "./commands.ts"
import type { EngineConfig } from "./config.ts"
import type { Directory } from "./directory.ts"
import { directory } from "./directory.ts"
import type { Event } from "./events.ts"
import type { Output, Recipient } from "./outputs.ts"
import type { EngineState } from "./state.ts"
import { initialState } from "./state.ts"
import type { StepResult } from "./step.ts"
import { step } from "./step.ts"
import type { TimerKey } from "./timers.ts"

export class Timers extends Context.Service<Timers, {
  readonly start: (timer: TimerKey, atMs: number) => void
  readonly cancel: (timer: TimerKey) => void
}>()("livechat-sim/core/Timers") {}

export class Outbox extends Context.Service<Outbox, {
  readonly send: (party: Recipient, message: Event) => void
}>()("livechat-sim/core/Outbox") {}

export class RoutingEngine extends Context.Service<RoutingEngine, {
  /** Apply a command at an explicit engine time; outputs go to the ports before this returns. */
  readonly submitSync: (command: Command, nowMs: number) => StepResult
  /** Apply a command at the Clock's current time. */
  readonly submit: (command: Command) => Effect.Effect<StepResult>
  readonly directory: (agentId: string) => Directory | undefined
  /** The live state, for read-only inspection (metrics, tests). */
  readonly state: EngineState
}>()("livechat-sim/core/RoutingEngine") {
  /** An engine over `config`; needs `Timers` and `Outbox`. */
  static readonly layer = (config: EngineConfig) =>
    Layer.effect(
      RoutingEngine,
      Effect.gen(function*() {
        const timers = yield* Timers
        const outbox = yield* Outbox
        const state = initialState(config)
        const deliver = (o: Output): void => {
          switch (o._tag) {
            case "StartTimer":
              return timers.start(o.timer, o.atMs)
            case "CancelTimer":
              return timers.cancel(o.timer)
            case "Notify":
              return outbox.send(o.party, o.message)
          }
        }
        const submitSync = (command: Command, nowMs: number): StepResult => {
          const result = step(state, command, nowMs)
          for (const o of result.outputs) deliver(o)
          return result
        }
        return RoutingEngine.of({
          submitSync,
          submit: (command) => Effect.map(Clock.currentTimeMillis, (nowMs) => submitSync(command, nowMs)),
          directory: (agentId) => directory(state, agentId),
          state
        })
      })
    )
}
