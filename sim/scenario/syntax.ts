/**
 * Scenario text -> raw document, for both file formats, with one parser (the `yaml` package):
 * YAML (1.2 core schema, merge keys `<<` allowed) and JSON (read with the JSON schema, so only
 * JSON's scalars; a trailing comma is forgiven). Duplicate keys are rejected in both. Syntax
 * errors come back as `source:line:column: message` lines (1-based), never as exceptions.
 */
import { Result } from "effect"
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

/** Parses scenario text; `source` names it in error lines (usually the file path). */
export const parseText = (text: string, format: Format, source: string): Result.Result<unknown, ReadonlyArray<string>> => {
  const doc = YAML.parseDocument(text, format === "json"
    ? { schema: "json", uniqueKeys: true }
    : { merge: true, uniqueKeys: true })
  if (doc.errors.length > 0) {
    return Result.fail(doc.errors.map((e) => {
      const at = e.linePos?.[0] ?? { line: 1, col: 1 }
      return `${source}:${at.line}:${at.col}: ${messageOf(e, format)}`
    }))
  }
  if (format === "json" && doc.contents === null) return Result.fail([`${source}:1:1: empty document (expected a JSON object)`])
  return Result.succeed(doc.toJS({ maxAliasCount: 10_000 }))
}
