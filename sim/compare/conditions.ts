/**
 * `compare --fail-if "<selector> <change>"` conditions: `increases`, `decreases` or `changes`
 * (any direction), and `worsens` or `improves` for a metric with a better direction. A condition
 * holds for a variant when the paired 95% CI of its difference excludes 0 in that direction, so a
 * CI job fails only on a significant change. Pure: parsing against the scenario, then evaluation.
 */
import type { Scenario } from "../scenario/model.ts"
import type { Selector } from "../summary/selector.ts"
import { knownNamesOf, parseSelector } from "../summary/selector.ts"
import type { PairedDifference } from "./difference.ts"
import { significantSign } from "./difference.ts"
import { directionOf } from "./metrics.ts"

const CHANGES = ["increases", "decreases", "changes", "worsens", "improves"] as const
export type Change = (typeof CHANGES)[number]

export interface Condition {
  /** As written, to name it when it holds. */
  readonly text: string
  readonly selector: Selector
  readonly change: Change
}

const EXAMPLE = `expected "<metric>[{queue:<id>}] ${CHANGES.join("|")}", e.g. "serviceLevel.20s decreases"`

export const parseCondition = (text: string, scenario: Scenario): Condition | string => {
  const where = `--fail-if ${JSON.stringify(text)}`
  const m = /^(.*\S)\s+([A-Za-z]+)\s*$/.exec(text)
  if (m === null) return `${where}: ${EXAMPLE}`
  const [, selectorPart = "", word = ""] = m
  const change = CHANGES.find((c) => c === word.toLowerCase())
  if (change === undefined) return `${where}: unknown change ${JSON.stringify(word)}; ${EXAMPLE}`
  const selector = parseSelector(selectorPart, knownNamesOf(scenario))
  if (typeof selector === "string") return `${where}: ${selector}`
  if ((change === "worsens" || change === "improves") && directionOf(selector.key) === "neutral") {
    return `${where}: ${selector.key} has no better direction; use increases, decreases or changes`
  }
  return { text, selector, change }
}

export const parseConditions = (
  texts: ReadonlyArray<string>,
  scenario: Scenario
): { readonly conditions: ReadonlyArray<Condition> } | { readonly problems: ReadonlyArray<string> } => {
  const parsed = texts.map((t) => parseCondition(t, scenario))
  const problems = parsed.filter((p): p is string => typeof p === "string")
  return problems.length > 0
    ? { problems }
    : { conditions: parsed.filter((p): p is Condition => typeof p !== "string") }
}

/** Whether the condition holds for this paired difference. */
export const holds = (c: Condition, d: PairedDifference): boolean => {
  const sign = significantSign(d)
  const better = directionOf(c.selector.key) === "higher-is-better" ? 1 : -1
  switch (c.change) {
    case "increases":
      return sign > 0
    case "decreases":
      return sign < 0
    case "changes":
      return sign !== 0
    case "worsens":
      return sign === -better
    case "improves":
      return sign === better
  }
}
