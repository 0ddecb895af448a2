/**
 * The test harnesses' host: the engine as every host runs it (a RoutingEngine from buildEngine,
 * core/engine.ts) with its timers in the one timer table (core/timer-table.ts), fired by the
 * harness in (time, start order) with `popDue`. Harnesses read notifications from the step result,
 * so the outbox is discarded. `cancels: false` imitates a host that cannot cancel: every started
 * timer fires (the engine must ignore the stale ones).
 */
import type { EngineConfig } from "../../core/config.ts"
import type { RoutingEngine } from "../../core/engine.ts"
import { buildEngine, discardPorts } from "../../core/engine.ts"
import { TimerTable } from "../../core/timer-table.ts"

export interface TestHost {
  readonly engine: RoutingEngine["Service"]
  readonly timers: TimerTable
}

export const testHost = (config: EngineConfig, options: { readonly cancels?: boolean } = {}): TestHost => {
  const timers = new TimerTable({ cancels: options.cancels ?? true })
  return { engine: buildEngine(config, { timers, outbox: discardPorts.outbox }), timers }
}
