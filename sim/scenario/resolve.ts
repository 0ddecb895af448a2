/**
 * Scenario document (already parsed from JSON/YAML) -> the resolved `Scenario` of model.ts.
 * Decodes with the file Schema (every error, unknown fields rejected), adds the cross-field
 * checks of checks.ts, and only when both are clean fills every default and converts units:
 * durations -> integer ms, rates -> per hour, `dist` -> `_tag`, arrival and campaign rates ->
 * piecewise-linear stages covering exactly [0, horizon). Owns the scenario defaults. Never throws.
 */
import * as Result from "effect/Result"
import * as Schema from "effect/Schema"
import { DEFAULTS } from "../../core/config.ts"
import { durationMs } from "../../input/duration.ts"
import { issueProblems, problemLine } from "../../input/issues.ts"
import { semanticProblems } from "./checks.ts"
import { ScenarioFile } from "./file.ts"
import type { CountDist, TimeDist } from "./file-dists.ts"
import type {
  AgentGroup,
  ArrivalStream,
  Dist,
  ProactiveCampaign,
  QueueSpec,
  RateStage,
  Scenario,
  TransferTarget
} from "./model.ts"

const HOUR_MS = 3_600_000

/** Every default a scenario file may omit, in model units (ms, per hour). */
export const SCENARIO_DEFAULTS = {
  description: "",
  seed: 1,
  warmupMs: 0,
  replications: 10,
  serviceLevelThresholdsMs: [20_000, 60_000],
  intervalMs: 30 * 60_000,
  timeUnitMs: 1_000,
  startRate: 0,
  policy: DEFAULTS.policy,
  offerTimeoutMs: DEFAULTS.offerTimeoutMs,
  onTransferNotAccepted: DEFAULTS.onTransferNotAccepted,
  disconnectGraceMs: DEFAULTS.disconnectGraceMs,
  queuePriority: 0,
  serviceLevelThresholdMs: DEFAULTS.serviceLevelThresholdMs,
  wrapUpReasons: DEFAULTS.wrapUpReasons,
  leaveDuringChatProbability: 0,
  capacity: DEFAULTS.capacity,
  acceptDelay: { _tag: "fixed", value: 0 },
  missProbability: 0,
  ronaRecovery: { _tag: "fixed", value: 30_000 },
  declineProbability: 0,
  declineRecovery: { _tag: "fixed", value: 10_000 },
  wrapUp: { _tag: "fixed", value: 0 },
  breakCode: "Break",
  costPerHour: 1,
  weight: 1
} as const satisfies Record<string, unknown>

const decode = Schema.decodeUnknownResult(ScenarioFile, { errors: "all", onExcessProperty: "error", reportInput: true })

const check = (doc: unknown) => {
  const decoded = decode(doc)
  const schema = Result.isFailure(decoded) ? issueProblems(decoded.failure.issue) : []
  return { decoded, problems: [...schema, ...semanticProblems(doc)] }
}

// ---- conversions ------------------------------------------------------------------------------

export const timeDist = (d: TimeDist): Dist => {
  switch (d.dist) {
    case "fixed":
      return { _tag: "fixed", value: durationMs(d.value) }
    case "exponential":
      return { _tag: "exponential", mean: durationMs(d.mean) }
    case "lognormal":
      return { _tag: "lognormal", mean: durationMs(d.mean), sd: durationMs(d.sd) }
    case "gamma":
      return { _tag: "gamma", mean: durationMs(d.mean), cv: d.cv }
    case "uniform":
      return { _tag: "uniform", min: durationMs(d.min), max: durationMs(d.max) }
    case "empirical":
      return { _tag: "empirical", values: d.values.map(durationMs) }
  }
}

export const countDist = (d: CountDist): Dist => {
  switch (d.dist) {
    case "fixed":
      return { _tag: "fixed", value: d.value }
    case "exponential":
      return { _tag: "exponential", mean: d.mean }
    case "lognormal":
      return { _tag: "lognormal", mean: d.mean, sd: d.sd }
    case "gamma":
      return { _tag: "gamma", mean: d.mean, cv: d.cv }
    case "uniform":
      return { _tag: "uniform", min: d.min, max: d.max }
    case "empirical":
      return { _tag: "empirical", values: [...d.values] }
  }
}

const perHour = (rate: number, timeUnit: string | undefined): number =>
  (rate * HOUR_MS) / (timeUnit === undefined ? SCENARIO_DEFAULTS.timeUnitMs : durationMs(timeUnit))

/**
 * k6 ramping: from `startPerHour`, each ramp goes linearly to its target over its duration. The
 * result covers exactly [0, horizonMs): a ramp crossing the horizon is cut there (at the rate it
 * has reached), and after the last ramp its target holds until the horizon.
 */
export const rateStages = (
  startPerHour: number,
  ramps: ReadonlyArray<{ readonly durationMs: number; readonly targetPerHour: number }>,
  horizonMs: number
): Array<RateStage> => {
  const out: Array<RateStage> = []
  let t = 0
  let from = startPerHour
  for (const ramp of ramps) {
    if (t >= horizonMs) break
    const end = t + ramp.durationMs
    const endMs = Math.min(end, horizonMs)
    const to =
      end <= horizonMs ? ramp.targetPerHour : from + ((ramp.targetPerHour - from) * (horizonMs - t)) / ramp.durationMs
    out.push({ startMs: t, endMs, fromPerHour: from, toPerHour: to })
    t = endMs
    from = to
  }
  if (t < horizonMs) out.push({ startMs: t, endMs: horizonMs, fromPerHour: from, toPerHour: from })
  return out
}

type FileStages = ReadonlyArray<{ readonly duration: string; readonly target: number }>

const stagesOf = (start: number, timeUnit: string | undefined, stages: FileStages | undefined, horizonMs: number) =>
  rateStages(
    perHour(start, timeUnit),
    (stages ?? []).map((s) => ({ durationMs: durationMs(s.duration), targetPerHour: perHour(s.target, timeUnit) })),
    horizonMs
  )

// ---- building ---------------------------------------------------------------------------------

type File = ScenarioFile
type FileAgent = File["agents"][number]

const queueSpec = (q: File["queues"][number]): QueueSpec => ({
  id: q.id,
  name: q.name ?? q.id,
  priority: q.priority ?? SCENARIO_DEFAULTS.queuePriority,
  skill: q.skill ?? q.id,
  serviceLevelThresholdMs:
    q.serviceLevelThreshold === undefined
      ? SCENARIO_DEFAULTS.serviceLevelThresholdMs
      : durationMs(q.serviceLevelThreshold),
  ...(q.maxWait === undefined ? {} : { maxWaitMs: durationMs(q.maxWait) }),
  ...(q.overflowTo === undefined ? {} : { overflowTo: q.overflowTo })
})

const arrivalStream = (a: NonNullable<File["arrivals"]>[number], horizonMs: number): ArrivalStream =>
  a.executor === "constant-arrival-rate"
    ? { queueId: a.queue, executor: a.executor, stages: stagesOf(a.rate, a.timeUnit, [], horizonMs) }
    : {
        queueId: a.queue,
        executor: a.executor,
        stages: stagesOf(a.startRate ?? SCENARIO_DEFAULTS.startRate, a.timeUnit, a.stages, horizonMs)
      }

const campaign = (p: NonNullable<File["proactive"]>[number], horizonMs: number): ProactiveCampaign => ({
  id: p.id,
  queueId: p.queue,
  stages: stagesOf(p.rate, p.timeUnit, p.stages, horizonMs),
  acceptProbability: p.acceptProbability
})

const transferTarget = (t: {
  readonly queue?: string
  readonly agentGroup?: string
  readonly weight?: number
}): TransferTarget => ({
  weight: t.weight ?? SCENARIO_DEFAULTS.weight,
  ...(t.queue === undefined ? {} : { queueId: t.queue }),
  ...(t.agentGroup === undefined ? {} : { agentGroup: t.agentGroup })
})

const agentGroup = (a: FileAgent, queueIds: ReadonlyArray<string>, reasons: ReadonlyArray<string>): AgentGroup => ({
  id: a.id,
  count: a.count,
  queues: a.queues ?? queueIds,
  skills: a.skills ?? {},
  capacity: a.capacity ?? SCENARIO_DEFAULTS.capacity,
  shiftStartMs: a.shift?.start === undefined ? 0 : durationMs(a.shift.start),
  shiftEndMs: a.shift?.end === undefined ? Infinity : durationMs(a.shift.end),
  breaks: (a.breaks ?? []).map((b) => {
    const code = b.code ?? SCENARIO_DEFAULTS.breakCode
    const length = durationMs(b.duration)
    return b.window === undefined
      ? { startMs: durationMs(b.start ?? "0s"), durationMs: length, code }
      : { startMs: durationMs(b.window[0]), durationMs: length, code, windowEndMs: durationMs(b.window[1]) }
  }),
  costPerHour: a.costPerHour ?? SCENARIO_DEFAULTS.costPerHour,
  shrinkage: a.shrinkage,
  acceptDelay: a.acceptDelay === undefined ? SCENARIO_DEFAULTS.acceptDelay : timeDist(a.acceptDelay),
  missProbability: a.missProbability ?? SCENARIO_DEFAULTS.missProbability,
  ronaRecovery: a.ronaRecovery === undefined ? SCENARIO_DEFAULTS.ronaRecovery : timeDist(a.ronaRecovery),
  declineProbability: a.declineProbability ?? SCENARIO_DEFAULTS.declineProbability,
  declineRecovery: a.declineRecovery === undefined ? SCENARIO_DEFAULTS.declineRecovery : timeDist(a.declineRecovery),
  handleTime: timeDist(a.handleTime),
  transfer: {
    probability: a.transfer?.probability ?? 0,
    targets: (a.transfer?.targets ?? []).map(transferTarget)
  },
  conference:
    a.conference === undefined
      ? { probability: 0, duration: { _tag: "fixed", value: 0 } }
      : { probability: a.conference.probability, duration: timeDist(a.conference.duration) },
  wrapUp: a.wrapUp === undefined ? SCENARIO_DEFAULTS.wrapUp : timeDist(a.wrapUp),
  wrapUpReasons:
    a.wrapUpReasons === undefined
      ? reasons.map((reason) => ({ reason, weight: SCENARIO_DEFAULTS.weight }))
      : a.wrapUpReasons.map((e) =>
          typeof e === "string"
            ? { reason: e, weight: SCENARIO_DEFAULTS.weight }
            : { reason: e.reason, weight: e.weight ?? SCENARIO_DEFAULTS.weight }
        )
})

/** Fills every default and converts units; `file` must be decoded and free of cross-field problems. */
export const buildScenario = (file: File): Scenario => {
  const horizonMs = durationMs(file.horizon)
  const queueIds = file.queues.map((q) => q.id)
  const reasons = file.wrapUpReasons ?? SCENARIO_DEFAULTS.wrapUpReasons
  const routing = file.routing ?? {}
  const disconnects = file.faults?.disconnects
  return {
    name: file.name,
    description: file.description ?? SCENARIO_DEFAULTS.description,
    seed: file.seed ?? SCENARIO_DEFAULTS.seed,
    horizonMs,
    warmupMs: file.warmup === undefined ? SCENARIO_DEFAULTS.warmupMs : durationMs(file.warmup),
    replications: file.replications ?? SCENARIO_DEFAULTS.replications,
    serviceLevelThresholdsMs:
      file.serviceLevelThresholds?.map(durationMs) ?? SCENARIO_DEFAULTS.serviceLevelThresholdsMs,
    intervalMs: file.interval === undefined ? SCENARIO_DEFAULTS.intervalMs : durationMs(file.interval),
    routing: {
      policy: routing.policy ?? SCENARIO_DEFAULTS.policy,
      offerTimeoutMs:
        routing.offerTimeout === undefined ? SCENARIO_DEFAULTS.offerTimeoutMs : durationMs(routing.offerTimeout),
      onTransferNotAccepted: routing.onTransferNotAccepted ?? SCENARIO_DEFAULTS.onTransferNotAccepted,
      disconnectGraceMs:
        routing.disconnectGrace === undefined
          ? SCENARIO_DEFAULTS.disconnectGraceMs
          : durationMs(routing.disconnectGrace),
      ...(routing.autoWrapUp === undefined ? {} : { autoWrapUpMs: durationMs(routing.autoWrapUp) })
    },
    queues: file.queues.map(queueSpec),
    wrapUpReasons: [...reasons],
    arrivals: (file.arrivals ?? []).map((a) => arrivalStream(a, horizonMs)),
    proactive: (file.proactive ?? []).map((p) => campaign(p, horizonMs)),
    customers: {
      patience: file.customers?.patience === undefined ? undefined : timeDist(file.customers.patience),
      messages:
        file.customers?.messages === undefined
          ? undefined
          : { count: countDist(file.customers.messages.count), gap: timeDist(file.customers.messages.gap) },
      leaveDuringChatProbability:
        file.customers?.leaveDuringChatProbability ?? SCENARIO_DEFAULTS.leaveDuringChatProbability
    },
    agents: file.agents.map((a) => agentGroup(a, queueIds, reasons)),
    faults: {
      disconnects:
        disconnects === undefined
          ? undefined
          : {
              perAgentPerHour: perHour(disconnects.rate, disconnects.timeUnit),
              duration: timeDist(disconnects.duration)
            }
    },
    thresholds: file.thresholds ?? {}
  }
}

/** Raw document -> Scenario, or every problem as a `path: message` line. Never throws. */
export const resolveScenario = (doc: unknown): Result.Result<Scenario, ReadonlyArray<string>> => {
  try {
    const { decoded, problems: found } = check(doc)
    const problems = [...new Set(found.map((p) => problemLine(p)))]
    if (problems.length > 0 || Result.isFailure(decoded)) return Result.fail(problems)
    return Result.succeed(buildScenario(decoded.success))
  } catch (error) {
    return Result.fail([`scenario: could not be read (${error instanceof Error ? error.message : String(error)})`])
  }
}
