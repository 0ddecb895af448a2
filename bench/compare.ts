/**
 * This checkout's simulator speed against another checkout's, in one process: both source trees
 * are loaded side by side and their replications alternate (here, other; other, here; ...), so the
 * host's slow and fast periods hit both alike. On a noisy machine, runs one after the other or side
 * by side cannot see differences under about 10%; this can. Both versions share one heap, so a
 * difference in garbage shows only in part (compare those with runs pinned to one CPU).
 *   npx node --max-semi-space-size=16 --memory-balancer bench/compare.ts OTHER [CASE] [ROUNDS] [FRACTION]
 * OTHER: another checkout of this project, with its dependencies installed (or its node_modules a
 * link to this one's). CASE: `erlang` (100 agents, load 0.95, 100,000 chats a round) or a bundled
 * scenario's name (one replication a round, with `run`'s seeds); ROUNDS (default 12) of which the
 * first 2 warm up; FRACTION (default 1) shortens each replication's day (0.1 for enterprise).
 * Prints one JSON line (bench/compare-rounds.ts).
 */
import { existsSync } from "node:fs"
import { join, resolve } from "node:path"
import { fileURLToPath, pathToFileURL } from "node:url"
import type { Round, Timed } from "./compare-rounds.ts"
import { compareRounds } from "./compare-rounds.ts"
import { cpuSeconds } from "./cpu-time.ts"

const WARM_UP = 2
const here = resolve(fileURLToPath(new URL("..", import.meta.url)))

const fail = (message: string): never => {
  console.error(`compare: ${message}`)
  process.exit(2)
}

const positive = (text: string | undefined, fallback: number, what: string): number => {
  if (text === undefined) return fallback
  const n = Number(text)
  return Number.isFinite(n) && n > 0 ? n : fail(`${what} must be a positive number, got "${text}"`)
}

const [otherArg, caseName = "erlang", roundsArg, fractionArg] = process.argv.slice(2)
if (otherArg === undefined) fail("usage: bench/compare.ts OTHER_CHECKOUT [CASE] [ROUNDS] [FRACTION]")
const other = resolve(otherArg!)
const rounds = Math.floor(positive(roundsArg, 12, "ROUNDS"))
const fraction = positive(fractionArg, 1, "FRACTION")
if (rounds <= WARM_UP) fail(`ROUNDS must be more than the ${WARM_UP} warm-up rounds, got ${rounds}`)
if (!existsSync(join(other, "sim/run/replication.ts"))) fail(`${other} is not a checkout of this project`)
if (caseName !== "erlang" && !existsSync(join(here, "scenarios", `${caseName}.yaml`)))
  fail(`unknown case "${caseName}": "erlang" or a scenario in scenarios/ (without .yaml)`)

/** One tree's replication runner for the case: round -> chats simulated. */
const load = async (tree: string): Promise<(round: number) => number> => {
  const from = (path: string) => import(pathToFileURL(join(tree, path)).href)
  const [replication, replications, scenarios, erlang] = await Promise.all([
    from("sim/run/replication.ts"),
    from("sim/run/replications.ts"),
    from("sim/scenario/load.ts"),
    from("sim/scenario/erlang-style.ts")
  ]).catch((e: unknown) =>
    fail(`could not load ${tree} (are its dependencies installed?): ${e instanceof Error ? e.message : String(e)}`)
  )
  const loaded = caseName === "erlang" ? undefined : scenarios.loadScenario(join(tree, "scenarios", `${caseName}.yaml`))
  if (loaded !== undefined && loaded._tag !== "Loaded") fail(`${tree}: ${loaded.problems.join("; ")}`)
  const base = loaded === undefined ? erlang.benchmarkScenario(100_000) : loaded.scenario
  const scenario = { ...base, horizonMs: Math.ceil(base.horizonMs * fraction) }
  return (round) =>
    replication.runReplication(scenario, {
      seed: replications.replicationSeed(scenario.seed, round % scenario.replications),
      audit: false
    }).chats
}

const timed = (run: (round: number) => number, round: number): Timed => {
  const t0 = cpuSeconds()
  const chats = run(round)
  return { chats, cpuSeconds: cpuSeconds() - t0 }
}

const runHere = await load(here)
const runOther = await load(other)
const results: Array<Round> = []
for (let r = 0; r < rounds; r++) {
  // alternate who goes first, so neither always runs right after the other's garbage
  if (r % 2 === 0) {
    const h = timed(runHere, r)
    results.push({ here: h, other: timed(runOther, r) })
  } else {
    const o = timed(runOther, r)
    results.push({ here: timed(runHere, r), other: o })
  }
}
console.log(JSON.stringify({ case: caseName, fraction, other, ...compareRounds(results, WARM_UP) }))
