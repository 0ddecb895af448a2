/**
 * `livechat-sim load [SCENARIO] --url ws://127.0.0.1:8080 --duration 60s`: the load driver
 * (live/load/). Plays the scenario's customers (open model) and agents (closed pool) against a
 * running `serve` over real sockets, prints a k6-style summary, writes the HTML report and, with
 * --json, the summary JSON, and audits the server's log (--data). The scenario is positional like
 * every command's (`--scenario` is an alias). `--write-config FILE` writes a server config for the
 * scenario and exits. Exit 0 ok, 1 the audit found a violation, 2 invalid input (every problem
 * listed; also an unreachable server), 99 a threshold failed (by default also when the server went
 * away: chats or agents that lost their connection).
 */
import { existsSync } from "node:fs"
import { join } from "node:path"
import * as Console from "effect/Console"
import { Argument, Command, Flag } from "effect/cli"
import * as Effect from "effect/Effect"
import * as Option from "effect/Option"
import * as Result from "effect/Result"
import { stringify } from "yaml"
import { loadDocument } from "../input/document.ts"
import { decodeConfigFile } from "../live/config.ts"
import { planArrivals } from "../live/load/arrivals.ts"
import type { ServerDirectory } from "../live/load/directory.ts"
import { demoDirectory, directoryOf, mapAgents, slotRatio } from "../live/load/directory.ts"
import { runAndAudit, ServerUnreachable } from "../live/load/driver.ts"
import { checkOptions, DEFAULTS, targetOf } from "../live/load/options.ts"
import { renderLoadHtml } from "../live/load/report.ts"
import { parseSegment, shareOf, WHOLE } from "../live/load/segment.ts"
import { serverConfigFor } from "../live/load/server-config.ts"
import { COUNTERS, summarize, terminalLines } from "../live/load/summary.ts"
import { DEFAULT_THRESHOLDS, parseLoadThresholds, withDefaults } from "../live/load/thresholds.ts"
import { CliExit, EXIT, invalidInput, problemsExit } from "./exit.ts"
import { writeFile, writeOutputs } from "./files.ts"
import { loadOrExit } from "./run.ts"

/** The server's agents: from its config file (the one loader, the config's Schema), or the demo center's. */
const directoryFrom = (file: Option.Option<string>): Result.Result<ServerDirectory, ReadonlyArray<string>> => {
  if (Option.isNone(file)) return Result.succeed(demoDirectory())
  const decoded = Result.flatMap(loadDocument(file.value, "a server config file"), decodeConfigFile)
  return Result.isSuccess(decoded)
    ? Result.map(decoded, directoryOf)
    : Result.fail([
        `--server-config ${file.value}: ${decoded.failure.length} problem(s) (check it with npx livechat-sim serve --config)`,
        ...decoded.failure.map((p) => `  ${p}`)
      ])
}

const DEFAULT_SCENARIO = "scenarios/default.yaml"

const flags = {
  scenarioFile: Argument.String("scenario").pipe(
    Argument.withDescription(`scenario file, .yaml or .json (default: ${DEFAULT_SCENARIO})`),
    Argument.optional
  ),
  scenario: Flag.String("scenario").pipe(
    Flag.withDescription("the scenario file, as a flag: an alias of the positional SCENARIO (default: none)"),
    Flag.optional
  ),
  url: Flag.String("url").pipe(
    Flag.withDescription(
      "the server, ws://127.0.0.1:PORT, loopback only unless --allow-remote (default: ws://127.0.0.1:8080)"
    ),
    Flag.withDefault("ws://127.0.0.1:8080")
  ),
  duration: Flag.String("duration").pipe(
    Flag.withDescription("how long customers arrive, 1s-1h (default: 60s)"),
    Flag.withDefault("60s")
  ),
  json: Flag.String("json").pipe(Flag.withDescription("write the summary JSON here (default: none)"), Flag.optional),
  report: Flag.String("report").pipe(
    Flag.withDescription("write the HTML report here (default: reports/out/load-<scenario>.html)"),
    Flag.optional
  ),
  seed: Flag.Int("seed").pipe(
    Flag.withDescription(`seed of the arrivals and behaviour draws (default: ${DEFAULTS.seed})`),
    Flag.optional
  ),
  timeScale: Flag.Finite("time-scale").pipe(
    Flag.withDescription(
      `scenario seconds per wall second: behaviour times divided, rates multiplied (default: ${DEFAULTS.timeScale})`
    ),
    Flag.optional
  ),
  loadScale: Flag.Finite("load-scale").pipe(
    Flag.withDescription("arrival-rate factor (default: server chat slots / scenario chat slots)"),
    Flag.optional
  ),
  drain: Flag.String("drain").pipe(
    Flag.withDescription(`after the arrivals, time for open chats to finish (default: ${DEFAULTS.drainMs / 1000}s)`),
    Flag.optional
  ),
  reconnectWindow: Flag.String("reconnect-window").pipe(
    Flag.withDescription(
      `how long a dropped customer or agent tries to reconnect before it counts as lost (default: ${DEFAULTS.reconnectWindowMs / 1000}s)`
    ),
    Flag.optional
  ),
  threshold: Flag.String("threshold").pipe(
    Flag.withDescription(
      `k6-style threshold "metric:expression", e.g. "messageLatencyMs:p(99)<500", repeatable; replaces the default on the same metric (default: ${DEFAULT_THRESHOLDS.join(", ")})`
    ),
    Flag.atLeast(0)
  ),
  serverConfig: Flag.String("server-config").pipe(
    Flag.withDescription("the config file the server runs, for its agents and passwords (default: the demo center)"),
    Flag.optional
  ),
  data: Flag.String("data").pipe(
    Flag.withDescription(
      "the server's data directory, to audit its log (default: ./data when it has a log, else no audit)"
    ),
    Flag.optional
  ),
  writeConfig: Flag.String("write-config").pipe(
    Flag.withDescription("write a server config for the scenario to FILE and exit (default: none, run the load)"),
    Flag.optional
  ),
  maxAgents: Flag.Int("max-agents").pipe(
    Flag.withDescription("--write-config: at most this many agents, groups scaled down (default: 100)"),
    Flag.withDefault(100)
  ),
  maxChats: Flag.Int("max-chats").pipe(
    Flag.withDescription(`at most this many chats in the run (default: ${DEFAULTS.maxChats})`),
    Flag.optional
  ),
  maxOpenChats: Flag.Int("max-open-chats").pipe(
    Flag.withDescription(`at most this many customers connected at once (default: ${DEFAULTS.maxOpenChats})`),
    Flag.optional
  ),
  sourceAddresses: Flag.Int("source-addresses").pipe(
    Flag.withDescription(`loopback source addresses 127.0.0.2...; 1: none (default: ${DEFAULTS.sourceAddresses})`),
    Flag.optional
  ),
  set: Flag.String("set").pipe(
    Flag.withDescription("override a scenario field, e.g. agents.tier1.count=5, repeatable (default: none)"),
    Flag.atLeast(0)
  ),
  allowRemote: Flag.Boolean("allow-remote").pipe(
    Flag.withDescription("allow a non-loopback --url; you must own the server (default: off)"),
    Flag.withDefault(false)
  ),
  executionSegment: Flag.String("execution-segment").pipe(
    Flag.withDescription(
      "k6's execution segment: this machine's share a:b of the arrivals and agents, e.g. 1/4:2/4 (default: 0:1, all)"
    ),
    Flag.optional
  ),
  executionSegmentSequence: Flag.String("execution-segment-sequence").pipe(
    Flag.withDescription(
      "the cut points every machine uses, e.g. 0,1/4,2/4,3/4,1; the segment must be two consecutive ones (default: none)"
    ),
    Flag.optional
  )
}

export const load = Command.make("load", flags, (f) =>
  Effect.gen(function* () {
    const positional = Option.getOrUndefined(f.scenarioFile)
    const flagged = Option.getOrUndefined(f.scenario)
    if (positional !== undefined && flagged !== undefined && positional !== flagged) {
      return yield* invalidInput([
        `load: two scenarios given, ${positional} (positional) and ${flagged} (--scenario); give one`
      ])
    }
    const scenarioPath = positional ?? flagged ?? DEFAULT_SCENARIO
    const scenario = yield* loadOrExit(scenarioPath, f.set)
    const timeScale = Option.getOrUndefined(f.timeScale)
    if (Option.isSome(f.writeConfig)) {
      if (f.maxAgents < 1 || f.maxAgents > 5_000)
        return yield* invalidInput([`--max-agents: from 1 to 5000, got ${f.maxAgents}`])
      const config = serverConfigFor(scenario, timeScale ?? DEFAULTS.timeScale, f.maxAgents)
      writeFile(
        f.writeConfig.value,
        `# server config for load runs of scenario ${scenario.name} (livechat-sim load --write-config)\n${stringify(config)}`
      )
      yield* Console.log(
        `wrote ${f.writeConfig.value}: ${config.queues.length} queue(s), ${config.agents.length} agent(s)`
      )
      return yield* Console.log(
        `serve it:  npx livechat-sim serve --config ${f.writeConfig.value} --data DIR\nload it:   npx livechat-sim load ${scenarioPath} --server-config ${f.writeConfig.value} --data DIR`
      )
    }
    const checked = checkOptions({
      url: f.url,
      duration: f.duration,
      timeScale,
      loadScale: Option.getOrUndefined(f.loadScale),
      drain: Option.getOrUndefined(f.drain),
      seed: Option.getOrUndefined(f.seed),
      maxChats: Option.getOrUndefined(f.maxChats),
      maxOpenChats: Option.getOrUndefined(f.maxOpenChats),
      sourceAddresses: Option.getOrUndefined(f.sourceAddresses),
      reconnectWindow: Option.getOrUndefined(f.reconnectWindow),
      allowRemote: f.allowRemote
    })
    const thresholds = parseLoadThresholds(withDefaults(f.threshold), COUNTERS)
    const segment =
      Option.isNone(f.executionSegment) && Option.isNone(f.executionSegmentSequence)
        ? WHOLE
        : parseSegment(
            Option.getOrElse(f.executionSegment, () => "0:1"),
            Option.getOrUndefined(f.executionSegmentSequence)
          )
    const problems = [
      ...("problems" in checked ? checked.problems : []),
      ...("problems" in thresholds ? thresholds.problems : []),
      ...(typeof segment === "string" ? [segment] : [])
    ]
    if (problems.length > 0 || !("options" in checked) || !("parsed" in thresholds) || typeof segment === "string") {
      return yield* problemsExit("load", problems)
    }
    const options = checked.options
    const directory = directoryFrom(f.serverConfig)
    if (Result.isFailure(directory)) return yield* invalidInput(directory.failure)
    const dir = directory.success
    const mapped = mapAgents(scenario, dir)
    if (typeof mapped === "string") return yield* invalidInput([`${scenarioPath}: ${mapped}`])

    const missing = [
      ...new Set([...scenario.arrivals.map((a) => a.queueId), ...scenario.proactive.map((p) => p.queueId)])
    ].filter((q) => !dir.queues.includes(q))
    if (missing.length > 0) {
      return yield* invalidInput([
        `${scenarioPath}: queue(s) ${missing.join(", ")} are not on the server (its queues: ${dir.queues.join(", ")}); ` +
          `use --server-config with a config that has them, e.g. one written by --write-config`
      ])
    }
    const loadScale = options.loadScale ?? slotRatio(scenario, mapped)
    const whole = planArrivals(scenario, {
      durationMs: options.durationMs,
      timeScale: options.timeScale,
      loadScale,
      seed: options.seed,
      maxChats: options.maxChats
    })
    // this machine's share of the arrivals and the agents (every machine computes the same whole plan)
    const share = shareOf(segment, whole, mapped)
    const plan = share.plan
    const played = share.agentIndices.map((i) => mapped[i]!)
    if (segment !== WHOLE) {
      yield* Console.log(
        `execution segment ${segment.text}: ${plan.arrivals.length} of ${whole.arrivals.length} arrivals, ${played.length} of ${mapped.length} agents`
      )
    }
    const dataDir = Option.getOrElse(f.data, () => (existsSync(join("data", "livechat.db")) ? "data" : "")) || undefined
    const target = targetOf(options.url, true) as { http: string; ws: string }
    const run = yield* Effect.tryPromise({
      try: () =>
        runAndAudit({
          target,
          scenario,
          options,
          played,
          everyone: mapped,
          plan,
          dataDir,
          progress: (l) => process.stderr.write(`load: ${l}\n`)
        }),
      catch: (e) => e
    }).pipe(
      Effect.catch((e) =>
        e instanceof ServerUnreachable
          ? invalidInput([e.message])
          : invalidInput([`load: ${(e as Error).message ?? String(e)}`])
      )
    )
    const groups: Record<string, number> = {}
    for (const a of played) groups[a.group.id] = (groups[a.group.id] ?? 0) + 1
    const summary = summarize(
      {
        scenario: scenario.name,
        url: options.url,
        seed: options.seed,
        durationMs: options.durationMs,
        timeScale: options.timeScale,
        loadScale,
        plannedArrivalsPerSec: plan.meanPerSec,
        chatsPlanned: plan.arrivals.length,
        agents: played.length,
        agentGroups: groups
      },
      run,
      thresholds.parsed
    )
    for (const line of terminalLines(summary)) yield* Console.log(line)
    yield* writeOutputs(f, {
      defaultReport: `reports/out/load-${scenario.name}.html`,
      jsonLabel: "summary JSON",
      html: () => renderLoadHtml(summary),
      json: () => summary
    })
    if (run.audit._tag === "Audited" && run.audit.violation !== undefined) {
      const v = run.audit.violation
      yield* Console.error(
        `invariant "${v.rule}" violated in the server's log at ${v.atMs} ms (record ${v.index}): ${v.message}`
      )
      return yield* new CliExit({ code: EXIT.violation })
    }
    const failed = summary.thresholds.filter((t) => !t.ok)
    if (failed.length > 0) {
      for (const t of failed) yield* Console.error(`threshold failed: ${t.metric}:${t.expression} (value ${t.value})`)
      return yield* new CliExit({ code: EXIT.threshold })
    }
  })
).pipe(
  Command.withDescription(
    "Drive a running serve with the scenario's customers and agents over real sockets (k6-style summary, thresholds)"
  )
)
