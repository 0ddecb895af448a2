/**
 * The one formatter of input problems: turns an Effect Schema issue tree into the `path: message`
 * lines users see (every problem listed, with its path), for scenario files, the server config,
 * summary files and CLI flags alike. Owns path formatting (`agents[1].queues[0]`), value quoting
 * and the messages for issues that carry none of their own: missing and unknown fields (with a
 * "did you mean" hint), wrong types, and unions that no member matched (tagged unions name the tag).
 */
import * as SchemaAST from "effect/SchemaAST"
import * as SchemaIssue from "effect/SchemaIssue"

/**
 * `["agents", 1, "queues", 0]` -> `agents[1].queues[0]`; odd keys are quoted, a flag name
 * (`--duration`) is not; an empty path names the whole input (`whole`: `scenario`, `config`).
 */
export const formatPath = (path: ReadonlyArray<PropertyKey>, whole = "scenario"): string => {
  let out = ""
  for (const key of path) {
    if (typeof key === "number") out += `[${key}]`
    else {
      const name = String(key)
      if (/^(?:--)?[A-Za-z_$][\w$-]*$/.test(name)) out += out === "" ? name : `.${name}`
      else out += `[${JSON.stringify(name)}]`
    }
  }
  return out === "" ? whole : out
}

/** A short rendering of a user value for messages. */
export const formatValue = (value: unknown): string => {
  if (value === undefined) return "nothing"
  let text: string
  try {
    text = JSON.stringify(value) ?? String(value)
  } catch {
    text = String(value)
  }
  return text.length > 60 ? `${text.slice(0, 57)}...` : text
}

export interface Problem {
  readonly path: ReadonlyArray<PropertyKey>
  readonly message: string
}

export const problemLine = (p: Problem, whole?: string): string => `${formatPath(p.path, whole)}: ${p.message}`

const stringAnnotation = (annotations: unknown, key: string): string | undefined => {
  const value =
    typeof annotations === "object" && annotations !== null ? (annotations as Record<string, unknown>)[key] : undefined
  return typeof value === "string" ? value : undefined
}

const got = (message: string, issue: SchemaIssue.Issue): string =>
  SchemaIssue.hasInput(issue) && !message.includes(", got ") ? `${message}, got ${formatValue(issue.input)}` : message

const typeName = (ast: SchemaAST.AST): string => {
  switch (ast._tag) {
    case "Objects":
      return "a mapping (key: value)"
    case "Arrays":
      return "a list"
    case "String":
      return "a string"
    case "Number":
      return "a number"
    case "Boolean":
      return "true or false"
    case "Literal":
      return JSON.stringify(ast.literal)
    default:
      return stringAnnotation(ast.annotations, "expected") ?? "a valid value"
  }
}

const literalOf = (ast: SchemaAST.AST): SchemaAST.LiteralValue | undefined =>
  SchemaAST.isLiteral(ast) ? ast.literal : undefined

/** For a union of structs that share a literal-valued key with distinct values (`dist`, `executor`): the key and its values. */
const discriminator = (union: SchemaAST.Union): { key: string; values: Array<string> } | undefined => {
  const [first, ...rest] = union.types
  if (first === undefined || !SchemaAST.isObjects(first)) return undefined
  for (const candidate of first.propertySignatures) {
    const values: Array<string> = []
    const all = [first, ...rest].every((member) => {
      if (!SchemaAST.isObjects(member)) return false
      const ps = member.propertySignatures.find((p) => p.name === candidate.name)
      const literal = ps === undefined ? undefined : literalOf(ps.type)
      if (literal === undefined) return false
      values.push(String(literal))
      return true
    })
    if (all && new Set(values).size === values.length) return { key: String(candidate.name), values }
  }
  return undefined
}

const unionProblems = (issue: SchemaIssue.AnyOf, path: ReadonlyArray<PropertyKey>): Array<Problem> => {
  const ast = issue.ast
  const own = stringAnnotation(ast.annotations, "message")
  if (own !== undefined) return [{ path, message: got(own, issue) }]
  if (issue.issues.length > 0) return issue.issues.flatMap((i) => walk(i, path))
  const literals = ast.types.map(literalOf)
  if (literals.every((l) => l !== undefined)) {
    return [{ path, message: got(`expected one of ${literals.map(String).join(", ")}`, issue) }]
  }
  const tag = discriminator(ast)
  if (tag === undefined)
    return [
      { path, message: got(`expected ${stringAnnotation(ast.annotations, "expected") ?? "a valid value"}`, issue) }
    ]
  const input = SchemaIssue.hasInput(issue) ? issue.input : undefined
  const options = tag.values.join(", ")
  if (typeof input !== "object" || input === null || Array.isArray(input)) {
    return [{ path, message: got(`expected a mapping with "${tag.key}" (one of ${options})`, issue) }]
  }
  const value = (input as Record<string, unknown>)[tag.key]
  return value === undefined
    ? [{ path: [...path, tag.key], message: `is required (one of ${options})` }]
    : [{ path: [...path, tag.key], message: `expected one of ${options}, got ${formatValue(value)}` }]
}

const editDistance = (a: string, b: string): number => {
  let row = Array.from({ length: b.length + 1 }, (_, j) => j)
  for (let i = 1; i <= a.length; i++) {
    const next = [i]
    for (let j = 1; j <= b.length; j++) {
      const cost = a[i - 1] === b[j - 1] ? 0 : 1
      next.push(Math.min((row[j] ?? 0) + 1, (next[j - 1] ?? 0) + 1, (row[j - 1] ?? 0) + cost))
    }
    row = next
  }
  return row[b.length] ?? 0
}

/** The closest known name to an unknown key, if it is close enough to be a typo. */
export const suggest = (key: string, known: ReadonlyArray<string>): string | undefined => {
  let best: string | undefined
  let bestDistance = Infinity
  for (const name of known) {
    const d = name.toLowerCase() === key.toLowerCase() ? 0 : editDistance(key, name)
    if (d < bestDistance) {
      best = name
      bestDistance = d
    }
  }
  return best !== undefined && bestDistance <= Math.floor(key.length / 3) ? best : undefined
}

const unexpectedKey = (issue: SchemaIssue.UnexpectedKey, path: ReadonlyArray<PropertyKey>): Problem => {
  const key = String(path[path.length - 1] ?? "")
  const known = SchemaAST.isObjects(issue.ast) ? issue.ast.propertySignatures.map((p) => String(p.name)) : []
  const hint = suggest(key, known)
  return { path, message: hint === undefined ? "unknown field" : `unknown field (did you mean "${hint}"?)` }
}

const filterMessage = (issue: SchemaIssue.Filter): string => {
  const inner = issue.issue
  const dynamic = inner._tag === "InvalidValue" ? stringAnnotation(inner.annotations, "message") : undefined
  if (dynamic !== undefined) return dynamic
  const own = stringAnnotation(issue.filter.annotations, "message")
  const expected = stringAnnotation(issue.filter.annotations, "expected") ?? "a valid value"
  return got(own ?? `expected ${expected}`, SchemaIssue.hasInput(issue) ? issue : inner)
}

const walk = (issue: SchemaIssue.Issue, path: ReadonlyArray<PropertyKey>): Array<Problem> => {
  switch (issue._tag) {
    case "Pointer":
      return walk(issue.issue, [...path, ...issue.path])
    case "Encoding":
      return walk(issue.issue, path)
    case "Composite":
      return issue.issues.flatMap((i) => walk(i, path))
    case "AnyOf":
      return unionProblems(issue, path)
    case "Filter":
      return [{ path, message: filterMessage(issue) }]
    case "InvalidType":
      return [
        {
          path,
          message: got(stringAnnotation(issue.ast.annotations, "message") ?? `expected ${typeName(issue.ast)}`, issue)
        }
      ]
    case "MissingKey":
      return [{ path, message: "is required" }]
    case "UnexpectedKey":
      return [unexpectedKey(issue, path)]
    case "InvalidValue":
      return [{ path, message: got(stringAnnotation(issue.annotations, "message") ?? "invalid value", issue) }]
    case "Forbidden":
      return [{ path, message: "cannot be decoded here" }]
    case "OneOf":
      return [{ path, message: got("matches more than one form", issue) }]
  }
}

/** Every leaf of a Schema issue as a problem with its full path (under `at`), in document order. */
export const issueProblems = (issue: SchemaIssue.Issue, at: ReadonlyArray<PropertyKey> = []): Array<Problem> =>
  walk(issue, at)

/** Every leaf of a Schema issue as a `path: message` line, each once, in document order. */
export const issueLines = (
  issue: SchemaIssue.Issue,
  at: ReadonlyArray<PropertyKey> = [],
  whole?: string
): Array<string> => [...new Set(issueProblems(issue, at).map((p) => problemLine(p, whole)))]
