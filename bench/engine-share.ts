/**
 * Where the simulator's time goes: the engine's share of one run. The Erlang A workload runs as
 * `run` runs it (timed, after a shorter run to warm up), once more recording every command with its
 * time, and then the recorded commands go through a fresh engine with ports that drop every output
 * (timed), and again with the run digest folded over the replayed events (timed; each replay three
 * times, the fastest counts). The replays must reproduce the run's digest, or the figures would
 * describe another run and the case fails. What they do not account for is the simulator around
 * the engine: kernel, simulated parties, their draws and schedules, the engine's ports, and the
 * measurements.
 */
import type { Command } from "../core/commands.ts"
import { buildEngine, discardPorts } from "../core/engine.ts"
import { Digest } from "../sim/run/digest.ts"
import { engineConfigOf } from "../sim/run/engine-config.ts"
import { runReplication } from "../sim/run/replication.ts"
import { replicationSeed } from "../sim/run/replications.ts"
import { benchmarkScenario } from "../sim/scenario/erlang-style.ts"
import type { Scenario } from "../sim/scenario/model.ts"
import { cpuSeconds } from "./cpu-time.ts"

export interface EngineShare {
  readonly chats: number
  /** The whole run, as `run` does it (audit off). */
  readonly cpuSeconds: number
  readonly chatsPerCpuSec: number
  /** The run's commands through the engine alone. */
  readonly engineCpuSeconds: number
  readonly engineChatsPerCpuSec: number
  /** The same with the run digest over the events. */
  readonly engineDigestCpuSeconds: number
  /** engineCpuSeconds over cpuSeconds; digestShare: what the digest adds, over cpuSeconds. */
  readonly engineShare: number
  readonly digestShare: number
}

/** Each replay runs this many times and the fastest counts (the first also compiles the replay loop). */
const REPLAYS = 3

const replay = (
  scenario: Scenario,
  commands: ReadonlyArray<Command>,
  atsMs: ReadonlyArray<number>,
  digest?: Digest
) => {
  const engine = buildEngine(engineConfigOf(scenario), discardPorts)
  const t0 = cpuSeconds()
  for (let i = 0; i < commands.length; i++) {
    const { events } = engine.submitSync(commands[i]!, atsMs[i]!)
    if (digest !== undefined) for (const e of events) digest.add(e)
  }
  return cpuSeconds() - t0
}

const round = (x: number, digits: number): number => Number(x.toFixed(digits))

export const engineShare = (chats: number): EngineShare => {
  const scenario = benchmarkScenario(chats)
  const seed = replicationSeed(scenario.seed, 0)
  // a shorter run first warms the code up; the recording run comes after the timed one (the
  // recorded commands would otherwise sit in the heap the timed run collects)
  runReplication(benchmarkScenario(Math.ceil(chats / 10)), { seed, audit: false })
  const t0 = cpuSeconds()
  const run = runReplication(scenario, { seed, audit: false })
  const runCpu = cpuSeconds() - t0
  const commands: Array<Command> = []
  const atsMs: Array<number> = []
  runReplication(scenario, {
    seed,
    audit: false,
    observe: (command, atMs) => {
      commands.push(command)
      atsMs.push(atMs)
    }
  })
  let engineCpu = Number.POSITIVE_INFINITY
  let withDigestCpu = Number.POSITIVE_INFINITY
  for (let i = 0; i < REPLAYS; i++) {
    engineCpu = Math.min(engineCpu, replay(scenario, commands, atsMs))
    const digest = new Digest()
    withDigestCpu = Math.min(withDigestCpu, replay(scenario, commands, atsMs, digest))
    if (digest.hex() !== run.digest.hex()) throw new Error("the engine replay did not reproduce the run's digest")
  }
  return {
    chats: run.chats,
    cpuSeconds: round(runCpu, 2),
    chatsPerCpuSec: Math.round(run.chats / runCpu),
    engineCpuSeconds: round(engineCpu, 2),
    engineChatsPerCpuSec: Math.round(run.chats / engineCpu),
    engineDigestCpuSeconds: round(withDigestCpu, 2),
    engineShare: round(engineCpu / runCpu, 3),
    digestShare: round((withDigestCpu - engineCpu) / runCpu, 3)
  }
}
