/**
 * Writing a failing seed's (shrunk) inputs as a trace in the sim/trace format, so
 * `livechat-sim replay FILE` reproduces it: the inputs are re-run once more through a fresh engine
 * and auditor, and every input the engine saw (timers and the drain's commands included) is
 * written with its events, stopping after the batch that failed. The header's scenario is the
 * seed's center; its engine configuration is what replay rebuilds the engine from.
 */
import type { Command } from "../../core/commands.ts"
import type { EngineLayer } from "../../core/engine.ts"
import type { Event } from "../../core/events.ts"
import { ENGINE_VERSION } from "../../core/version.ts"
import { scenarioHash, scenarioJson, TRACE_FORMAT } from "../trace/format.ts"
import { TraceWriter } from "../trace/writer.ts"
import type { Center } from "./center.ts"
import { describeCenter } from "./center.ts"
import type { ExternalInput, Failure } from "./harness.ts"
import { rerun } from "./rerun.ts"

export interface WrittenTrace {
  readonly path: string
  readonly digest: string
  readonly failure: Failure | undefined
  readonly inputs: number
}

export const writeFailureTrace = (
  path: string,
  center: Center,
  engineFor: EngineLayer,
  inputs: ReadonlyArray<ExternalInput>,
  command: string
): WrittenTrace => {
  const records: Array<{ command: Command; atMs: number; events: ReadonlyArray<Event> }> = []
  const result = rerun({ config: center.config, safetyMs: center.safetyMs }, engineFor, inputs, {
    observer: { after: (c, atMs, events) => void records.push({ command: c, atMs, events }) }
  })
  const scenario = describeCenter(center)
  const writer = new TraceWriter(path)
  writer.header({
    type: "header",
    format: TRACE_FORMAT,
    engineVersion: ENGINE_VERSION,
    seed: center.seed,
    replications: 1,
    scenarioName: `swarm-seed-${center.seed}`,
    scenarioHash: scenarioHash(scenario),
    scenario: JSON.parse(scenarioJson(scenario)),
    engineConfig: center.config,
    command
  })
  writer.replication(0, center.seed)
  for (const r of records) writer.record(r.command, r.atMs, r.events)
  const digest = writer.finish(command)
  return { path, digest, failure: result.failure, inputs: records.length }
}
