/**
 * `livechat-sim compare SCENARIO --variant NAME:path=value[,path=value] ...`: runs the baseline
 * and each variant on common random numbers (the same replication seeds), prints the paired
 * differences with 95% CIs and verdicts, writes the HTML (default named for the comparison, see
 * `compareReportPath`),
 * JSON and Markdown reports, and exits 99 when a `--fail-if` condition holds for a variant. Every
 * input problem (flags, variant specs, overrides, conditions) is listed at once with exit 2.
 */
import * as Console from "effect/Console"
import { Argument, Command, Flag } from "effect/cli"
import * as Effect from "effect/Effect"
import * as Option from "effect/Option"
import { renderCompareHtml, renderCompareMarkdown } from "../reports/compare-html.ts"
import { compareBlocks, compareFacts, VERDICT_NOTE } from "../reports/compare-tables.ts"
import { blocksToText } from "../reports/terminal.ts"
import type { Condition } from "../sim/compare/conditions.ts"
import { parseConditions } from "../sim/compare/conditions.ts"
import type { Comparison } from "../sim/compare/model.ts"
import type { Variant } from "../sim/compare/run.ts"
import { runComparison } from "../sim/compare/run.ts"
import { samplerFor } from "../sim/compare/sampler.ts"
import { parseVariants } from "../sim/compare/variants.ts"
import { loadScenario } from "../sim/scenario/load.ts"
import type { Scenario } from "../sim/scenario/model.ts"
import { hashString } from "../sim/workload/draws.ts"
import { comparisonViolationLines } from "./compare-violation.ts"
import { CliExit, EXIT, problemsExit } from "./exit.ts"
import type { OutputFlags } from "./files.ts"
import { overridesOf, writeOutputs } from "./files.ts"
import { progressBar } from "./progress.ts"
import { compareShard } from "./shard-compare.ts"
import { workersFlag, workersOrExit } from "./workers.ts"

/** Every input problem, or the baseline, the variants and the conditions. */
export const prepareComparison = (
  path: string,
  sets: ReadonlyArray<string>,
  variantTexts: ReadonlyArray<string>,
  conditionTexts: ReadonlyArray<string>
):
  | { readonly problems: ReadonlyArray<string> }
  | {
      readonly baseline: Scenario
      readonly variants: ReadonlyArray<Variant>
      readonly conditions: ReadonlyArray<Condition>
    } => {
  const loaded = loadScenario(path, sets)
  if (loaded._tag === "Invalid") return { problems: loaded.problems }
  const baseline = loaded.scenario
  const problems: Array<string> = []
  if (baseline.replications < 2) {
    problems.push(
      `replications: ${baseline.replications}; a comparison needs at least 2 for confidence intervals (use --replications)`
    )
  }
  const specs = parseVariants(variantTexts)
  const variants: Array<Variant> = []
  problems.push(...specs.problems)
  for (const spec of specs.variants) {
    const v = loadScenario(path, [...sets, ...spec.overrides])
    if (v._tag === "Invalid") {
      problems.push(...v.problems.map((p) => `variant ${spec.name}: ${p}`))
      continue
    }
    for (const field of ["seed", "replications"] as const) {
      if (v.scenario[field] !== baseline[field]) {
        problems.push(
          `variant ${spec.name}: changes ${field}; common random numbers need the baseline's (use --${field} for all runs)`
        )
      }
    }
    variants.push({ name: spec.name, overrides: spec.overrides, scenario: v.scenario })
  }
  const conditions = parseConditions(conditionTexts, baseline)
  if ("problems" in conditions) problems.push(...conditions.problems)
  if (problems.length > 0 || "problems" in conditions) return { problems }
  return { baseline, variants, conditions: conditions.conditions }
}

/** A file-name-safe slug. */
const slug = (text: string): string => text.replace(/[^A-Za-z0-9._-]+/g, "_").slice(0, 40)

/**
 * The default report of a comparison, named for it: the scenario, the variant names and a hash of
 * everything that defines the comparison (overrides included), so another comparison never lands
 * on (and silently overwrites) this one's report; rerunning the same comparison replaces its own.
 */
export const compareReportPath = (
  baseline: Scenario,
  variants: ReadonlyArray<Variant>,
  sets: ReadonlyArray<string>
): string => {
  const identity = JSON.stringify([baseline.name, sets, variants.map((v) => [v.name, v.overrides])])
  const hash = (hashString(identity) >>> 0).toString(16).padStart(8, "0").slice(0, 8)
  return `reports/out/${slug(baseline.name)}-vs-${slug(variants.map((v) => v.name).join("+"))}-${hash}.html`
}

/** Print a comparison, write its reports, and exit 99 when a --fail-if condition holds. */
export const reportComparison = (
  flags: OutputFlags,
  baseline: Scenario,
  variants: ReadonlyArray<Variant>,
  sets: ReadonlyArray<string>,
  c: Comparison
) =>
  Effect.gen(function* () {
    yield* Console.log(renderCompareTerminal(c))
    yield* writeOutputs(flags, {
      defaultReport: compareReportPath(baseline, variants, sets),
      jsonLabel: "comparison JSON",
      html: () => renderCompareHtml(c),
      json: () => c,
      markdown: () => renderCompareMarkdown(c)
    })
    const held = c.failIf.filter((r) => r.holds)
    if (held.length > 0) {
      for (const r of held) {
        yield* Console.error(
          `fail-if holds: "${r.condition}" for variant ${r.variant} ` +
            `(paired difference ${Number(r.paired.mean.toPrecision(4))}, 95% CI [${r.paired.ci95.map((x) => Number(x.toPrecision(4))).join(", ")}])`
        )
      }
      return yield* new CliExit({ code: EXIT.threshold })
    }
  })

export const renderCompareTerminal = (c: Comparison): string =>
  [
    `livechat-sim compare: ${c.scenario}`,
    ...compareFacts(c)
      .slice(1)
      .map(([k, v]) => `  ${k}: ${v}`),
    `  ${VERDICT_NOTE}`,
    ""
  ].join("\n") +
  "\n" +
  blocksToText(compareBlocks(c))

export const compare = Command.make(
  "compare",
  {
    scenario: Argument.String("scenario").pipe(
      Argument.withDescription("baseline scenario file, .yaml or .json (required)")
    ),
    variant: Flag.String("variant").pipe(
      Flag.withDescription(
        "a variant: NAME:path=value[,path=value], the baseline with these overrides (repeatable; at least one)"
      ),
      Flag.atLeast(0)
    ),
    seed: Flag.Int("seed").pipe(
      Flag.withDescription("override the scenario seed in every run (default: the scenario's)"),
      Flag.optional
    ),
    replications: Flag.Int("replications").pipe(
      Flag.withDescription("override the number of replications in every run (default: the scenario's)"),
      Flag.optional
    ),
    set: Flag.String("set").pipe(
      Flag.withDescription("override a scenario field in every run, e.g. horizon=2h (repeatable; default: none)"),
      Flag.atLeast(0)
    ),
    json: Flag.String("json").pipe(
      Flag.withDescription("write the comparison JSON here (default: none)"),
      Flag.optional
    ),
    report: Flag.String("report").pipe(
      Flag.withDescription(
        "write the HTML report here (default: reports/out/<scenario>-vs-<variants>-<hash>.html, named for this comparison)"
      ),
      Flag.optional
    ),
    markdown: Flag.String("markdown").pipe(
      Flag.withDescription("write a Markdown report here (default: none)"),
      Flag.optional
    ),
    failIf: Flag.String("fail-if").pipe(
      Flag.withDescription(
        `exit 99 when a variant significantly changes a metric, e.g. "serviceLevel.20s decreases" (repeatable; default: none)`
      ),
      Flag.atLeast(0)
    ),
    workers: workersFlag,
    shard: Flag.String("shard").pipe(
      Flag.withDescription(
        "run only shard K of N (replications r with r mod N = K, K from 0) of every run and write a part for " +
          "`merge` to --json (default: the whole comparison)"
      ),
      Flag.optional
    ),
    noAudit: Flag.Boolean("no-audit").pipe(
      Flag.withDescription("skip the invariant auditor (default: audit every event)"),
      Flag.withDefault(false)
    )
  },
  (flags) =>
    Effect.gen(function* () {
      const sets = overridesOf(flags)
      const prepared = prepareComparison(flags.scenario, sets, flags.variant, flags.failIf)
      if ("problems" in prepared) return yield* problemsExit(flags.scenario, prepared.problems)
      const { baseline, variants, conditions } = prepared
      if (Option.isSome(flags.shard)) return yield* compareShard(flags, flags.shard.value, sets, prepared)
      const workers = yield* workersOrExit(flags.workers)
      const progress = progressBar(`${baseline.name} vs ${variants.map((v) => v.name).join(", ")}`)
      const sampler = samplerFor(Math.min(workers, baseline.replications * (variants.length + 1)))
      const result = yield* Effect.promise(() =>
        runComparison(baseline, variants, {
          audit: !flags.noAudit,
          conditions,
          onReplication: progress.update,
          sampler
        }).finally(() => sampler.close())
      )
      progress.finish()
      if (result._tag === "Violation") {
        for (const line of comparisonViolationLines(flags.scenario, flags.set, variants, result))
          yield* Console.error(line)
        return yield* new CliExit({ code: EXIT.violation })
      }
      return yield* reportComparison(flags, baseline, variants, sets, result.comparison)
    })
).pipe(
  Command.withDescription(
    "Compare variants of a scenario against it on common random numbers: paired differences with CIs"
  )
)
