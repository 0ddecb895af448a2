/**
 * `--set path=value` overrides, applied to the RAW scenario document before it is decoded, so an
 * override is checked exactly like the file. Paths are dotted; a list element is addressed by its
 * `id` (`agents.tier1.count=90`) or by index (`agents.0.count=90`). Values are YAML scalars or flow
 * collections (`horizon=4h`, `replications=5`, `serviceLevelThresholds=[20s, 60s]`); a field that
 * takes a string keeps the text as written (`name=123`). A path must name a field the file format
 * knows (missing optional fields and their parents are created); anything else is an error naming
 * the override. Owns nothing else; never throws.
 */
import * as SchemaAST from "effect/SchemaAST"
import YAML from "yaml"
import { suggest } from "../../input/issues.ts"
import { ScenarioFile } from "./file.ts"

type Node = Record<string, unknown>

const isNode = (u: unknown): u is Node => typeof u === "object" && u !== null && !Array.isArray(u)

const members = (ast: SchemaAST.AST): ReadonlyArray<SchemaAST.AST> =>
  SchemaAST.isUnion(ast) ? ast.types.flatMap(members) : SchemaAST.isSuspend(ast) ? members(ast.thunk()) : [ast]

/** The Schema of field `key` of an object schema (any union member), or undefined if unknown. */
const fieldOf = (ast: SchemaAST.AST, key: string): SchemaAST.AST | undefined => {
  for (const m of members(ast)) {
    if (!SchemaAST.isObjects(m)) continue
    const field = m.propertySignatures.find((p) => p.name === key)
    if (field !== undefined) return field.type
    const index = m.indexSignatures[0]
    if (index !== undefined) return index.type
  }
  return undefined
}

const fieldNames = (ast: SchemaAST.AST): Array<string> =>
  members(ast).flatMap((m) => (SchemaAST.isObjects(m) ? m.propertySignatures.map((p) => String(p.name)) : []))

const elementOf = (ast: SchemaAST.AST): SchemaAST.AST | undefined => {
  for (const m of members(ast)) {
    if (SchemaAST.isArrays(m)) return m.rest[0] ?? m.elements[0]
  }
  return undefined
}

const isObjectSchema = (ast: SchemaAST.AST): boolean => members(ast).some(SchemaAST.isObjects)
const takesText = (ast: SchemaAST.AST): boolean =>
  members(ast).some((m) => SchemaAST.isString(m) || (SchemaAST.isLiteral(m) && typeof m.literal === "string"))

const parseValue = (text: string, ast: SchemaAST.AST): unknown => {
  if (text.trim() === "") return ""
  let value: unknown
  try {
    value = YAML.parse(text)
  } catch {
    return text
  }
  return typeof value !== "string" && takesText(ast) && !isObjectSchema(ast) && elementOf(ast) === undefined
    ? text
    : value
}

const elementIndex = (list: ReadonlyArray<unknown>, segment: string): number => {
  if (/^\d+$/.test(segment)) {
    const index = Number(segment)
    return index < list.length ? index : -1
  }
  return list.findIndex((item) => isNode(item) && item["id"] === segment)
}

const describeList = (list: ReadonlyArray<unknown>): string => {
  const ids = list.map((item) => (isNode(item) && typeof item["id"] === "string" ? item["id"] : undefined))
  return ids.every((id) => id !== undefined) && ids.length > 0
    ? `ids: ${ids.join(", ")}`
    : `${list.length} element${list.length === 1 ? "" : "s"}`
}

/** Applies one override in place; returns a message on failure. */
const applyOne = (doc: unknown, path: string, valueText: string): string | undefined => {
  const segments = path.split(".")
  if (segments.some((s) => s === "")) return `"${path}" is not a field path (use e.g. agents.tier1.count)`
  let node: unknown = doc
  let ast: SchemaAST.AST = ScenarioFile.ast
  for (let i = 0; i < segments.length; i++) {
    const segment = segments[i] ?? ""
    const here = segments.slice(0, i).join(".") || "the scenario"
    const last = i === segments.length - 1
    if (Array.isArray(node)) {
      const element = elementOf(ast)
      const index = elementIndex(node, segment)
      if (element === undefined) return `${here} is not a list the format knows`
      if (index < 0) return `${here} has no element "${segment}" (${describeList(node)})`
      if (last) node[index] = parseValue(valueText, element)
      node = node[index]
      ast = element
    } else if (isNode(node)) {
      const field = fieldOf(ast, segment)
      if (field === undefined) {
        const hint = suggest(segment, fieldNames(ast))
        return `unknown field "${segment}" in ${here}${hint === undefined ? "" : ` (did you mean "${hint}"?)`}`
      }
      if (last) node[segment] = parseValue(valueText, field)
      else if (node[segment] === undefined) {
        if (!isObjectSchema(field))
          return `${[...segments.slice(0, i), segment].join(".")} is not in the file; set the whole value`
        node[segment] = {}
      }
      node = node[segment]
      ast = field
    } else {
      return `${here} is ${node === null ? "empty" : "a single value"}, not a mapping or a list`
    }
  }
  return undefined
}

/**
 * Applies every `path=value` override to a copy of `doc`. Fails with one line per bad override
 * (`--set <text>: <reason>`) and, alongside, the document with the good ones applied.
 */
export const applyOverrides = (
  doc: unknown,
  overrides: ReadonlyArray<string>
): { readonly doc: unknown; readonly problems: ReadonlyArray<string> } => {
  if (overrides.length === 0) return { doc, problems: [] }
  const copy: unknown = structuredClone(doc)
  const problems: Array<string> = []
  for (const text of overrides) {
    const eq = text.indexOf("=")
    const failure =
      eq <= 0
        ? "expected path=value, e.g. agents.tier1.count=90"
        : applyOne(copy, text.slice(0, eq).trim(), text.slice(eq + 1).trim())
    if (failure !== undefined) problems.push(`--set ${text}: ${failure}`)
  }
  return { doc: copy, problems }
}
