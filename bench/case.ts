/**
 * One benchmark case in its own process (so its memory is its own): prints one JSON line
 * `{"case", "chats", "seconds", "cpuSeconds", "chatsPerSec", "chatsPerCpuSec", "eventsPerSec", "rssMb"}`
 * (seconds: wall time of the run alone, scenario loading excluded; cpuSeconds: this process's CPU
 * time over the same span, which other work on the machine moves less; rssMb: peak resident set).
 * `engine-share` prints its own fields instead (bench/engine-share.ts). `default` adds
 * `warmCpuSeconds` and `warmChatsPerCpuSec`: the same replications run once more in the same process,
 * with the code already compiled, to show how much of the first pass was the JIT's warm-up.
 */
import { runReplication } from "../sim/run/replication.ts"
import { replicationSeed } from "../sim/run/replications.ts"
import { benchmarkScenario } from "../sim/scenario/erlang-style.ts"
import { loadScenario } from "../sim/scenario/load.ts"
import type { Scenario } from "../sim/scenario/model.ts"
import { bareLoop } from "./bare-loop.ts"
import { cpuSeconds } from "./cpu-time.ts"
import { engineShare } from "./engine-share.ts"
import { tenthOf } from "./enterprise-tenth.ts"

const [name = "bare-loop", chatsArg = "1000000"] = process.argv.slice(2)
const chats = Number(chatsArg)

const timed = (f: () => { chats: number; events: number }) => {
  const cpu0 = cpuSeconds()
  const t0 = performance.now()
  const r = f()
  const sec = (performance.now() - t0) / 1000
  const cpuSec = cpuSeconds() - cpu0
  return {
    chats: r.chats,
    seconds: Number(sec.toFixed(2)),
    cpuSeconds: Number(cpuSec.toFixed(2)),
    chatsPerSec: Math.round(r.chats / sec),
    chatsPerCpuSec: Math.round(r.chats / cpuSec),
    eventsPerSec: Math.round(r.events / sec)
  }
}

/**
 * The scenario's replications one after another in this process (as one worker runs them), with
 * `run`'s seeds; each replication's digest goes to `digests`.
 */
const simulate =
  (scenario: Scenario, audit: boolean, digests: Array<string> = []) =>
  () => {
    let chats = 0
    let events = 0
    for (let i = 0; i < scenario.replications; i++) {
      const r = runReplication(scenario, { seed: replicationSeed(scenario.seed, i), audit })
      if (r.violation !== undefined) throw new Error(`invariant ${r.violation.rule}: ${r.violation.message}`)
      chats += r.chats
      events += r.digest.events
      digests.push(r.digest.hex())
    }
    return { chats, events }
  }

const scenarioFile = (path: string): Scenario => {
  const loaded = loadScenario(path)
  if (loaded._tag !== "Loaded") throw new Error(loaded.problems.join("\n"))
  return loaded.scenario
}

/** A bundled scenario's replications (default: 5, enterprise: 1), audit off, timed without the loading. */
const timedScenario = (path: string) => timed(simulate(scenarioFile(path), false))

/**
 * As timedScenario, then the same replications again, timed apart: the first pass is the figure
 * (`run` pays the warm-up in every worker), the second shows the rate once the code is compiled.
 */
const timedScenarioWarm = (path: string) => {
  const scenario = scenarioFile(path)
  const firstDigests: Array<string> = []
  const first = timed(simulate(scenario, false, firstDigests))
  const warmDigests: Array<string> = []
  const warm = timed(simulate(scenario, false, warmDigests))
  if (warmDigests.join() !== firstDigests.join()) throw new Error("the warm pass ran other events than the first")
  return { ...first, warmCpuSeconds: warm.cpuSeconds, warmChatsPerCpuSec: warm.chatsPerCpuSec }
}

const run = () => {
  switch (name) {
    case "bare-loop":
      return timed(() => bareLoop(chats, 100, 0.95, 300_000, 120_000))
    case "erlang-audit-off":
    case "memory":
      return timed(simulate(benchmarkScenario(chats), false))
    case "erlang-audit-on":
      return timed(simulate(benchmarkScenario(chats), true))
    case "default":
      return timedScenarioWarm("scenarios/default.yaml")
    case "enterprise":
      return timedScenario("scenarios/enterprise.yaml")
    case "enterprise-tenth":
      return timed(simulate(tenthOf(scenarioFile("scenarios/enterprise.yaml")), false))
    case "engine-share":
      return engineShare(chats)
    default:
      throw new Error(`unknown benchmark case "${name}"`)
  }
}

const result = run()
const rssMb = Math.round(process.resourceUsage().maxRSS / 1024)
console.log(JSON.stringify({ case: name === "memory" ? `memory-${chats}` : name, ...result, rssMb }))
