/**
 * Recording a run: opens a trace file with its header (the resolved scenario and its hash, the
 * engine configuration replay rebuilds the engine from, the command that made it) and gives the
 * runner's `trace` option plus `finish`, which writes the footer and returns the outcome digest.
 */
import { ENGINE_VERSION } from "../../core/version.ts"
import { engineConfigOf } from "../run/engine-config.ts"
import type { RunOptions } from "../run/replications.ts"
import type { Scenario } from "../scenario/model.ts"
import { scenarioHash, scenarioJson, TRACE_FORMAT } from "./format.ts"
import { TraceWriter } from "./writer.ts"

export interface TraceRecording {
  readonly option: NonNullable<RunOptions["trace"]>
  /** Footer, flush, close; the outcome digest (equal to the run summary's digest). */
  readonly finish: () => string
}

export const recordTrace = (
  path: string,
  scenario: Scenario,
  replications: number,
  command: string
): TraceRecording => {
  const writer = new TraceWriter(path)
  writer.header({
    type: "header",
    format: TRACE_FORMAT,
    engineVersion: ENGINE_VERSION,
    seed: scenario.seed,
    replications,
    scenarioName: scenario.name,
    scenarioHash: scenarioHash(scenario),
    scenario: JSON.parse(scenarioJson(scenario)),
    engineConfig: engineConfigOf(scenario),
    command
  })
  return {
    option: {
      replication: (index, seed) => writer.replication(index, seed),
      record: (command, atMs, events) => writer.record(command, atMs, events)
    },
    finish: () => writer.finish(command)
  }
}
