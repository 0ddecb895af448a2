/**
 * What `compare` prints when a run of the comparison broke an invariant, sharded or not: which
 * run (the baseline or a variant), then the run's violation report, whose reproducing command
 * carries that run's overrides after the shared ones.
 */
import type { CompareResult, Variant } from "../sim/compare/run.ts"
import { violationReport } from "./run-report.ts"

export const comparisonViolationLines = (
  path: string,
  sets: ReadonlyArray<string>,
  variants: ReadonlyArray<Variant>,
  result: Extract<CompareResult, { _tag: "Violation" }>
): Array<string> => {
  const runSets = [...sets, ...(variants.find((v) => v.name === result.run)?.overrides ?? [])]
  return [
    `in the ${result.run === "baseline" ? "baseline" : `variant ${result.run}`}:`,
    ...violationReport(path, result.scenario, runSets, result)
  ]
}
