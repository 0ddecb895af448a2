/**
 * sim/swarm/: `swarm`, random centers and chaos driven against the engine with the auditor on,
 * coverage counters, and shrinking a failure to a replayable trace.
 *
 * A swarm run: seeds `from .. from+seeds-1`, each a fresh random center through the safety phase
 * and the drain, with the coverage counters summed over all seeds. The first failing seed stops
 * the run: its inputs are shrunk, the shrunk trace is written under `outDir`, and the report says
 * the seed, what failed, how far it shrank, where the trace is and the commands that reproduce it.
 * A run with no failure still fails when a required counter stayed at zero.
 */
import { join } from "node:path"
import type { EngineLayer } from "../../core/engine.ts"
import { RoutingEngine } from "../../core/engine.ts"
import type { CenterOptions } from "./center.ts"
import { Coverage } from "./coverage.ts"
import type { DrainOptions } from "./drain.ts"
import type { Failure } from "./harness.ts"
import type { SeedResult } from "./seed-run.ts"
import { runSeed } from "./seed-run.ts"
import type { ShrinkResult } from "./shrink.ts"
import { shrinkFailure } from "./shrink.ts"
import type { WrittenTrace } from "./trace-out.ts"
import { writeFailureTrace } from "./trace-out.ts"

export interface SwarmOptions {
  readonly seeds: number
  readonly from: number
  readonly outDir: string
  readonly engineFor?: EngineLayer
  readonly center?: CenterOptions
  readonly drain?: DrainOptions
  readonly maxShrinkRuns?: number
  readonly onSeed?: (done: number, total: number) => void
}

export interface SwarmFailure {
  readonly seed: SeedResult
  readonly failure: Failure
  readonly shrink: ShrinkResult
  readonly trace: WrittenTrace
  readonly reproduce: string
}

export interface SwarmReport {
  readonly seedsRun: number
  readonly inputs: number
  readonly virtualMs: number
  readonly coverage: Coverage
  readonly failure: SwarmFailure | undefined
}

export const reproduceCommand = (seed: number): string => `npx livechat-sim swarm --seeds 1 --from ${seed}`

export const runSwarm = (options: SwarmOptions): SwarmReport => {
  const engineFor = options.engineFor ?? RoutingEngine.layer
  const coverage = new Coverage()
  let inputs = 0
  let virtualMs = 0
  for (let i = 0; i < options.seeds; i++) {
    const seed = options.from + i
    const result = runSeed(seed, coverage, {
      engineFor,
      ...(options.center === undefined ? {} : { center: options.center }),
      ...(options.drain === undefined ? {} : { drain: options.drain })
    })
    inputs += result.inputCount
    virtualMs += result.endMs
    options.onSeed?.(i + 1, options.seeds)
    if (result.failure !== undefined) {
      const shrink = shrinkFailure(result.case, engineFor, result.inputs, result.failure, options.maxShrinkRuns)
      const reproduce = reproduceCommand(seed)
      const trace = writeFailureTrace(
        join(options.outDir, `seed-${seed}.jsonl`),
        result.center,
        engineFor,
        shrink.inputs,
        reproduce
      )
      return {
        seedsRun: i + 1,
        inputs,
        virtualMs,
        coverage,
        failure: { seed: result, failure: result.failure, shrink, trace, reproduce }
      }
    }
  }
  return { seedsRun: options.seeds, inputs, virtualMs, coverage, failure: undefined }
}

/** A failure in a few lines a QA engineer can read. */
export const describeFailure = (f: Failure): Array<string> => {
  switch (f._tag) {
    case "Violation":
      return [
        `invariant "${f.violation.rule}" violated at ${f.violation.atMs} ms (record ${f.violation.index}):`,
        `  ${f.violation.message}`
      ]
    case "Threw":
      return [`the engine threw at ${f.atMs} ms on ${JSON.stringify(f.command)}:`, `  ${f.message}`]
    case "Stuck":
      return ["the drain could not finish:", ...f.lines]
  }
}

/** A failure in one line. */
export const summarizeFailure = (f: Failure): string => {
  switch (f._tag) {
    case "Violation":
      return `invariant "${f.violation.rule}" at ${f.violation.atMs} ms`
    case "Threw":
      return `exception at ${f.atMs} ms: ${f.message}`
    case "Stuck":
      return `drain stuck: ${f.lines[0] ?? ""}`
  }
}
