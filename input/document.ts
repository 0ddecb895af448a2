/**
 * The one document loader of every input file (scenarios, the server config): file -> text ->
 * document, with one parser (the `yaml` package) for both formats: YAML (1.2 core schema, merge
 * keys `<<` allowed) and JSON (read with the JSON schema, so only JSON's scalars; a trailing comma
 * is forgiven). Duplicate keys are rejected in both. Problems come back as lines, never as
 * exceptions: `source: file not found`, `source:line:column: message` (1-based) for syntax.
 */
import { readFileSync } from "node:fs"
import * as Result from "effect/Result"
import YAML from "yaml"

export type Format = "json" | "yaml"

/** The format a file name implies, or undefined for any other extension. */
export const formatOf = (path: string): Format | undefined => {
  const lower = path.toLowerCase()
  if (lower.endsWith(".json")) return "json"
  if (lower.endsWith(".yaml") || lower.endsWith(".yml")) return "yaml"
  return undefined
}

/** The parser's message, in JSON's words where the YAML ones would puzzle a JSON author. */
const messageOf = (e: YAML.YAMLError, format: Format): string => {
  const message = (e.message.split("\n")[0] ?? "").replace(/ at line \d+, column \d+:?$/, "")
  if (format !== "json" || e.code !== "TAG_RESOLVE_FAILED") return message
  const scalar = /"(.*)"$/.exec(message)?.[1] ?? ""
  return `expected a value (a "quoted" string, a number, true, false, null, an object or a list), got ${scalar === "" ? "nothing" : `"${scalar}"`}`
}

/** Parses document text into its plain value; `source` names it in problem lines (usually the file path). */
export const parseDocument = (
  text: string,
  format: Format,
  source: string
): Result.Result<unknown, ReadonlyArray<string>> => {
  const doc = YAML.parseDocument(
    text,
    format === "json" ? { schema: "json", uniqueKeys: true } : { merge: true, uniqueKeys: true }
  )
  if (doc.errors.length > 0) {
    return Result.fail(
      doc.errors.map((e) => {
        const at = e.linePos?.[0] ?? { line: 1, col: 1 }
        return `${source}:${at.line}:${at.col}: ${messageOf(e, format)}`
      })
    )
  }
  if (format === "json" && doc.contents === null)
    return Result.fail([`${source}:1:1: empty document (expected a JSON object)`])
  return Result.succeed(doc.toJS({ maxAliasCount: 10_000 }))
}

const readProblem = (path: string, kind: string, error: unknown): string => {
  const code = typeof error === "object" && error !== null && "code" in error ? String(error.code) : ""
  if (code === "ENOENT") return `${path}: file not found`
  if (code === "EISDIR") return `${path}: is a directory, not ${kind}`
  if (code === "EACCES") return `${path}: permission denied`
  return `${path}: cannot be read${code === "" ? "" : ` (${code})`}`
}

/**
 * Reads and parses a file: .json, .yaml or .yml, or any name when `format` is given (a summary
 * JSON); `kind` names what it should be ("a scenario file").
 */
export const loadDocument = (
  path: string,
  kind: string,
  format = formatOf(path)
): Result.Result<unknown, ReadonlyArray<string>> => {
  if (format === undefined) return Result.fail([`${path}: unsupported file type (use .json, .yaml or .yml)`])
  let text: string
  try {
    text = readFileSync(path, "utf8")
  } catch (error) {
    return Result.fail([readProblem(path, kind, error)])
  }
  return parseDocument(text, format, path)
}
