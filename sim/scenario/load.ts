/**
 * Loading a scenario for the CLI, benchmarks and tests: file (.json, .yaml, .yml) -> text ->
 * raw document -> `--set` overrides -> resolved `Scenario`, or every problem as a line
 * (`file:line:column: ...` for syntax, `--set ...: ...` for overrides, `path: message` for the
 * content). Synchronous (node:fs); never throws, so no stack trace reaches the user.
 */
import { readFileSync } from "node:fs"
import { Result } from "effect"
import type { Scenario } from "./model.ts"
import { applyOverrides } from "./overrides.ts"
import { resolveScenario } from "./resolve.ts"
import { scenarioWarnings } from "./warnings.ts"
import { formatOf, parseText } from "./syntax.ts"
import type { Format } from "./syntax.ts"

export type LoadResult =
  | { readonly _tag: "Loaded"; readonly scenario: Scenario; readonly warnings: ReadonlyArray<string> }
  | { readonly _tag: "Invalid"; readonly problems: ReadonlyArray<string> }

const invalid = (problems: ReadonlyArray<string>): LoadResult => ({ _tag: "Invalid", problems })

/** Overrides, then resolution; problems of both are reported together. */
export const loadDocument = (doc: unknown, overrides: ReadonlyArray<string> = []): LoadResult => {
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
  const parsed = parseText(text, format, source)
  return Result.isFailure(parsed) ? invalid(parsed.failure) : loadDocument(parsed.success, overrides)
}

const readProblem = (path: string, error: unknown): string => {
  const code = typeof error === "object" && error !== null && "code" in error ? String(error.code) : ""
  if (code === "ENOENT") return `${path}: file not found`
  if (code === "EISDIR") return `${path}: is a directory, not a scenario file`
  if (code === "EACCES") return `${path}: permission denied`
  return `${path}: cannot be read${code === "" ? "" : ` (${code})`}`
}

/** A scenario file with `--set path=value` overrides applied before decoding. */
export const loadScenario = (path: string, overrides: ReadonlyArray<string> = []): LoadResult => {
  const format = formatOf(path)
  if (format === undefined) return invalid([`${path}: unsupported file type (use .json, .yaml or .yml)`])
  let text: string
  try {
    text = readFileSync(path, "utf8")
  } catch (error) {
    return invalid([readProblem(path, error)])
  }
  return loadScenarioText(text, format, overrides, path)
}
