/**
 * The test harnesses' host: the engine as every host runs it, the RoutingEngine service of
 * `RoutingEngine.layer` (core/engine.ts) over the ports this host implements: `Timers` into the one
 * timer table (core/timer-table.ts), which a harness fires in (time, start order) with `popDue`,
 * and an `Outbox` that drops everything (harnesses read notifications from the step result).
 * A harness obtains the engine as a service (`yield* RoutingEngine`) and the table as `HostTimers`.
 * `cancels: false` imitates a host that cannot cancel: every started timer fires (the engine must
 * ignore the stale ones).
 * Invariant kept: each build of the layer is a fresh engine over a fresh, empty timer table.
 */
import { Context, Layer } from "effect"
import type { EngineConfig } from "../../core/config.ts"
import { discardPorts, Outbox, RoutingEngine, Timers } from "../../core/engine.ts"
import { TimerTable } from "../../core/timer-table.ts"

/** The timer table behind the engine's `Timers` port, for the harness to fire. */
export class HostTimers extends Context.Service<HostTimers, TimerTable>()("livechat-sim/test/HostTimers") {}

export interface HostOptions {
  readonly cancels?: boolean
}

/** The host's ports: a fresh timer table as `Timers` (and `HostTimers`), an `Outbox` that drops. */
const hostPorts = (options: HostOptions): Layer.Layer<Timers | Outbox | HostTimers> => {
  const table = Layer.sync(HostTimers, () => new TimerTable({ cancels: options.cancels ?? true }))
  const ports = Layer.mergeAll(Layer.effect(Timers, HostTimers), Layer.succeed(Outbox, discardPorts.outbox))
  return ports.pipe(Layer.provideMerge(table))
}

/** The engine over `config` with this host's ports: RoutingEngine and its HostTimers. */
export const hostLayer = (config: EngineConfig, options: HostOptions = {}): Layer.Layer<RoutingEngine | HostTimers> =>
  RoutingEngine.layer(config).pipe(Layer.provideMerge(hostPorts(options)))

/** What a harness built over the host needs: the engine and the timer table it fires. */
export type HostServices = RoutingEngine | HostTimers
