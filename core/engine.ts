/**
 * The engine as an Effect service, and the one way a host runs it. `RoutingEngine` owns one engine
 * state and hands every output to two ports the host implements: `Timers` (start/cancel at an
 * absolute engine time; every host that keeps timers puts the one timer table,
 * core/timer-table.ts, behind it) and `Outbox` (notifications for agents and customers). Port
 * methods are plain synchronous functions, so a hot loop (simulator, swarm, live server, replay)
 * calls `submitSync` with no Effect per event and still gets the step's events and outputs back;
 * `submit` reads the time from Effect's Clock. Which engine a host runs is an `EngineLayer`, a
 * layer factory over the engine configuration: `RoutingEngine.layer` (the built-in engine) by
 * default, or a wrapper (`wrapEngine`: a test's planted bug, `replay --engine`). `buildEngine`
 * builds one synchronously for a host's plain loop.
 */
import * as Clock from "effect/Clock"
import * as Context from "effect/Context"
import * as Effect from "effect/Effect"
import * as Layer from "effect/Layer"
import type { Command } from "./commands.ts"
import type { EngineConfig } from "./config.ts"
import type { Directory } from "./directory.ts"
import { directory } from "./directory.ts"
import type { Event } from "./events.ts"
import { OutputBuffer } from "./output-buffer.ts"
import type { OfferView } from "./outputs.ts"
import type { EngineState } from "./state.ts"
import { initialState } from "./state.ts"
import type { StepResult } from "./step.ts"
import { step } from "./step.ts"
import type { TimerKey } from "./timers.ts"

export class Timers extends Context.Service<
  Timers,
  {
    readonly start: (timer: TimerKey, atMs: number) => void
    readonly cancel: (timer: TimerKey) => void
  }
>()("livechat-sim/core/Timers") {}

export class Outbox extends Context.Service<
  Outbox,
  {
    /** A notification for an agent; `offer`: what its popover shows, with an `OfferMade`. */
    readonly toAgent: (agentId: string, message: Event, offer?: OfferView) => void
    /** A notification for a chat's customer. */
    readonly toCustomer: (chatId: string, message: Event) => void
  }
>()("livechat-sim/core/Outbox") {}

type Submit = (command: Command, nowMs: number) => StepResult

export class RoutingEngine extends Context.Service<
  RoutingEngine,
  {
    /** Apply a command at an explicit engine time; outputs go to the ports before this returns. */
    readonly submitSync: Submit
    /** Apply a command at the Clock's current time. */
    readonly submit: (command: Command) => Effect.Effect<StepResult>
    readonly directory: (agentId: string) => Directory | undefined
    /** The live state, for read-only inspection (metrics, tests). */
    readonly state: EngineState
  }
>()("livechat-sim/core/RoutingEngine") {
  /** The built-in engine over `config`; needs `Timers` and `Outbox`. */
  static readonly layer: EngineLayer = (config) =>
    Layer.effect(
      RoutingEngine,
      Effect.gen(function* () {
        const timers = yield* Timers
        const outbox = yield* Outbox
        return RoutingEngine.of(new StepEngine(initialState(config), { timers, outbox }))
      })
    )
}

/**
 * What every engine service shares: `submit` at the Clock's time and `directory`, over the state
 * and the `submitSync` of the engine it is.
 */
abstract class EngineService {
  abstract readonly state: EngineState
  abstract submitSync(command: Command, nowMs: number): StepResult

  submit(command: Command): Effect.Effect<StepResult> {
    return Effect.map(Clock.currentTimeMillis, (nowMs) => this.submitSync(command, nowMs))
  }

  directory(agentId: string): Directory | undefined {
    return directory(this.state, agentId)
  }
}

/**
 * The built-in engine's service: each command a `step` over its state, the outputs held in one
 * reused buffer and delivered to the ports after it. A class, so `submitSync` is one function for
 * every engine built: a host that builds an engine per replication keeps its optimized calls into
 * it from one replication to the next (a closure made per engine would deoptimize them).
 */
class StepEngine extends EngineService {
  readonly state: EngineState
  private readonly ports: EnginePorts
  private readonly buffer = new OutputBuffer()

  constructor(state: EngineState, ports: EnginePorts) {
    super()
    this.state = state
    this.ports = ports
  }

  submitSync(command: Command, nowMs: number): StepResult {
    const events = step(this.state, command, nowMs, this.buffer)
    this.buffer.deliver(this.ports)
    return { events }
  }
}

/** A wrapped engine's service: `submitSync` as the wrapper gives it, over the inner engine's state. */
class WrappedEngine extends EngineService {
  readonly state: EngineState
  private readonly apply: Submit

  constructor(state: EngineState, apply: Submit) {
    super()
    this.state = state
    this.apply = apply
  }

  submitSync(command: Command, nowMs: number): StepResult {
    return this.apply(command, nowMs)
  }
}

/** Which engine a host runs: a layer factory over the engine configuration. */
export type EngineLayer = (config: EngineConfig) => Layer.Layer<RoutingEngine, never, Timers | Outbox>

/**
 * An engine whose `submitSync` is `around(inner)` over the engine `layerFor` builds (its `submit`
 * follows): how a test or a `replay --engine` module changes what the engine does.
 */
export const wrapEngine =
  (layerFor: EngineLayer, around: (inner: RoutingEngine["Service"]) => Submit): EngineLayer =>
  (config) =>
    Layer.effect(
      RoutingEngine,
      Effect.map(RoutingEngine, (inner) => RoutingEngine.of(new WrappedEngine(inner.state, around(inner))))
    ).pipe(Layer.provide(layerFor(config)))

export interface EnginePorts {
  readonly timers: Timers["Service"]
  readonly outbox: Outbox["Service"]
}

/** Ports that drop every output: for hosts whose timers come back as recorded inputs (replay, log export). */
export const discardPorts: EnginePorts = {
  timers: { start: () => {}, cancel: () => {} },
  outbox: { toAgent: () => {}, toCustomer: () => {} }
}

/** Build the engine `layerFor` gives over `config` and `ports`, at once, for a host's plain loop. */
export const buildEngine = (
  config: EngineConfig,
  ports: EnginePorts,
  layerFor: EngineLayer = RoutingEngine.layer
): RoutingEngine["Service"] =>
  Effect.runSync(
    Effect.provide(
      RoutingEngine,
      layerFor(config).pipe(
        Layer.provide(Layer.mergeAll(Layer.succeed(Timers, ports.timers), Layer.succeed(Outbox, ports.outbox)))
      )
    )
  )
