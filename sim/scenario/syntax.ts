/**
 * Scenario text -> raw document, for both file formats: YAML (1.2 core schema, merge keys `<<`
 * allowed, duplicate keys rejected) and strict JSON. Syntax errors come back as
 * `source:line:column: message` lines (1-based), never as exceptions.
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

const lineColumn = (text: string, offset: number): { line: number; column: number } => {
  let line = 1
  let start = 0
  for (let i = 0; i < offset && i < text.length; i++) {
    if (text[i] === "\n") {
      line++
      start = i + 1
    }
  }
  return { line, column: offset - start + 1 }
}

const parseYaml = (text: string, source: string): Result.Result<unknown, ReadonlyArray<string>> => {
  const doc = YAML.parseDocument(text, { merge: true, uniqueKeys: true })
  if (doc.errors.length > 0) {
    return Result.fail(doc.errors.map((e) => {
      const at = e.linePos?.[0] ?? lineColumn(text, e.pos[0])
      const column = "col" in at ? at.col : at.column
      const message = (e.message.split("\n")[0] ?? "").replace(/ at line \d+, column \d+:?$/, "")
      return `${source}:${at.line}:${column}: ${message}`
    }))
  }
  return Result.succeed(doc.toJS({ maxAliasCount: 10_000 }))
}

/** Where and why strict JSON parsing fails first (JSON.parse does not always say where). */
export const jsonSyntaxError = (text: string): { offset: number; message: string } | undefined => {
  let i = 0
  let error: { offset: number; message: string } | undefined
  const found = () => i >= text.length ? "end of input" : JSON.stringify(text[i])
  const fail = (message: string): boolean => {
    error ??= { offset: i, message }
    return false
  }
  const take = (): boolean => {
    i++
    return true
  }
  const space = () => {
    while (i < text.length && " \t\n\r".includes(text[i] ?? "")) i++
  }
  const string = (): boolean => {
    i++
    while (i < text.length) {
      const ch = text[i] ?? ""
      if (ch === "\"") return take()
      if (ch === "\n" || ch < " ") return fail("unterminated string")
      i += ch === "\\" ? 2 : 1
    }
    return fail("unterminated string")
  }
  const sticky = (re: RegExp, what: string): boolean => {
    re.lastIndex = i
    const m = re.exec(text)
    if (m === null) return fail(`unexpected ${found()} (expected ${what})`)
    i += m[0].length
    return true
  }
  const members = (close: string, member: () => boolean): boolean => {
    i++
    space()
    if (text[i] === close) return take()
    for (;;) {
      if (!member()) return false
      space()
      if (text[i] === close) return take()
      if (text[i] !== ",") return fail(`unexpected ${found()} (expected "," or "${close}")`)
      i++
      space()
      if (text[i] === close) return fail(`trailing comma before "${close}"`)
    }
  }
  const value = (): boolean => {
    space()
    const ch = text[i]
    if (ch === "{") {
      return members("}", () => {
        space()
        if (text[i] !== "\"") return fail(`unexpected ${found()} (expected a "quoted" key)`)
        if (!string()) return false
        space()
        if (text[i] !== ":") return fail(`unexpected ${found()} (expected ":")`)
        i++
        return value()
      })
    }
    if (ch === "[") return members("]", value)
    if (ch === "\"") return string()
    if (ch === "-" || (ch !== undefined && ch >= "0" && ch <= "9")) {
      return sticky(/-?(?:0|[1-9]\d*)(?:\.\d+)?(?:[eE][+-]?\d+)?/y, "a number")
    }
    return sticky(/true|false|null/y, "a value")
  }
  if (value()) {
    space()
    if (i < text.length) fail(`unexpected ${found()} after the end of the document`)
  }
  return error
}

const parseJson = (text: string, source: string): Result.Result<unknown, ReadonlyArray<string>> => {
  try {
    return Result.succeed(JSON.parse(text))
  } catch (e) {
    const located = jsonSyntaxError(text)
    const offset = located?.offset ?? 0
    const message = located?.message ?? (e instanceof Error ? e.message : String(e))
    const at = lineColumn(text, offset)
    return Result.fail([`${source}:${at.line}:${at.column}: ${message}`])
  }
}

/** Parses scenario text; `source` names it in error lines (usually the file path). */
export const parseText = (text: string, format: Format, source: string): Result.Result<unknown, ReadonlyArray<string>> =>
  format === "json" ? parseJson(text, source) : parseYaml(text, source)
