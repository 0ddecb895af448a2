/**
 * Loading a scenario for the CLI, benchmarks and tests: file (.json, .yaml, .yml) -> document
 * (input/document.ts, the one loader) -> `--set` overrides -> resolved `Scenario`, or every
 * problem as a line (`file:line:column: ...` for syntax, `--set ...: ...` for overrides,
 * `path: message` for the content). Synchronous (node:fs); never throws, so no stack trace
 * reaches the user.
 */
import * as Result from "effect/Result"
import type { Format } from "../../input/document.ts"
import { loadDocument, parseDocument } from "../../input/document.ts"
import type { Scenario } from "./model.ts"
import { applyOverrides } from "./overrides.ts"
import { resolveScenario } from "./resolve.ts"
import { scenarioWarnings } from "./warnings.ts"

export type LoadResult =
  | { readonly _tag: "Loaded"; readonly scenario: Scenario; readonly warnings: ReadonlyArray<string> }
  | { readonly _tag: "Invalid"; readonly problems: ReadonlyArray<string> }

const invalid = (problems: ReadonlyArray<string>): LoadResult => ({ _tag: "Invalid", problems })

/** A parsed document with overrides applied, then resolved; problems of both are reported together. */
export const loadScenarioDocument = (doc: unknown, overrides: ReadonlyArray<string> = []): LoadResult => {
  const overridden = applyOverrides(doc, overrides)
  const resolved = resolveScenario(overridden.doc)
  const problems = [...overridden.problems, ...(Result.isFailure(resolved) ? resolved.failure : [])]
  if (problems.length > 0 || Result.isFailure(resolved)) return invalid(problems)
  return { _tag: "Loaded", scenario: resolved.success, warnings: scenarioWarnings(overridden.doc, resolved.success) }
}

/** Scenario text in a known format; `source` names it in syntax error lines. */
export const loadScenarioText = (
  text: string,
  format: Format,
  overrides: ReadonlyArray<string> = [],
  source = `scenario.${format}`
): LoadResult => {
  const parsed = parseDocument(text, format, source)
  return Result.isFailure(parsed) ? invalid(parsed.failure) : loadScenarioDocument(parsed.success, overrides)
}

/** A scenario file with `--set path=value` overrides applied before decoding. */
export const loadScenario = (path: string, overrides: ReadonlyArray<string> = []): LoadResult => {
  const loaded = loadDocument(path, "a scenario file")
  return Result.isFailure(loaded) ? invalid(loaded.failure) : loadScenarioDocument(loaded.success, overrides)
}
