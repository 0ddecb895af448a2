/**
 * The test harnesses' host: the engine as every host runs it, the RoutingEngine service of
 * `RoutingEngine.layer` (core/engine.ts) over the ports this host implements: `Timers` into the one
 * timer table (core/timer-table.ts), which a harness fires in (time, start order) with `popDue`,
 * and an `Outbox`. With `recordOutputs`, every output the ports get is also kept, as data, in
 * `HostOutputs` (a harness takes them after each command); without, notifications are dropped.
 * A harness obtains the engine as a service (`yield* RoutingEngine`), the table as `HostTimers`.
 * `cancels: false` imitates a host that cannot cancel: every started timer fires (the engine must
 * ignore the stale ones).
 * Invariant kept: each build of the layer is a fresh engine over a fresh, empty timer table.
 */
import * as Context from "effect/Context"
import * as Effect from "effect/Effect"
import * as Layer from "effect/Layer"
import type { EngineConfig } from "../../core/config.ts"
import { discardPorts, Outbox, RoutingEngine, Timers } from "../../core/engine.ts"
import type { Output } from "../../core/outputs.ts"
import { recordingSink } from "../../core/outputs.ts"
import { TimerTable } from "../../core/timer-table.ts"

/** The timer table behind the engine's `Timers` port, for the harness to fire. */
export class HostTimers extends Context.Service<HostTimers, TimerTable>()("livechat-sim/test/HostTimers") {}

/** The outputs the ports got since a harness last emptied it (only with `recordOutputs`). */
export class HostOutputs extends Context.Service<HostOutputs, Array<Output>>()("livechat-sim/test/HostOutputs") {}

export interface HostOptions {
  readonly cancels?: boolean
  readonly recordOutputs?: boolean
}

/** The host's ports over a fresh timer table and output record (see the header). */
const hostPorts = (options: HostOptions): Layer.Layer<Timers | Outbox | HostTimers | HostOutputs> => {
  const table = Layer.sync(HostTimers, () => new TimerTable({ cancels: options.cancels ?? true }))
  const record = Layer.sync(HostOutputs, () => [])
  const ports = Effect.gen(function* () {
    const table = yield* HostTimers
    if (options.recordOutputs !== true) return { timers: table, outbox: discardPorts.outbox }
    const sink = recordingSink(yield* HostOutputs)
    const timers = Timers.of({
      start: (t, atMs) => {
        table.start(t, atMs)
        sink.startTimer(t, atMs)
      },
      cancel: (t) => {
        table.cancel(t)
        sink.cancelTimer(t)
      }
    })
    return { timers, outbox: Outbox.of({ toAgent: sink.toAgent, toCustomer: sink.toCustomer }) }
  })
  const both = Layer.effectContext(
    Effect.map(ports, (p) => Context.make(Timers, p.timers).pipe(Context.add(Outbox, p.outbox)))
  )
  return both.pipe(Layer.provideMerge(Layer.mergeAll(table, record)))
}

/** The engine over `config` with this host's ports: RoutingEngine, its HostTimers and HostOutputs. */
export const hostLayer = (
  config: EngineConfig,
  options: HostOptions = {}
): Layer.Layer<RoutingEngine | HostTimers | HostOutputs> =>
  RoutingEngine.layer(config).pipe(Layer.provideMerge(hostPorts(options)))

/** What a harness built over the host needs: the engine, the timer table it fires, the outputs. */
export type HostServices = RoutingEngine | HostTimers | HostOutputs
