/**
 * Rewrites of the draft-07 JSON Schema that Effect generates, for what editors show. A field
 * described at its use of a shared definition comes out as `allOf: [{ $ref }, { description }]`;
 * it becomes `{ $ref, description }`, which editors display on hover (draft-07 validators ignore
 * the sibling, and a description does not validate anything). Pure functions over plain JSON.
 */
import type { JsonSchema } from "effect"

type Node = JsonSchema.JsonSchema

const isNode = (u: unknown): u is Node => typeof u === "object" && u !== null && !Array.isArray(u)

/** Keywords whose value maps names to subschemas. */
const SCHEMA_MAPS = new Set(["properties", "patternProperties", "definitions"])
/** Keywords whose value is a subschema or a list of subschemas. */
const SCHEMA_VALUES = new Set(["items", "additionalProperties", "anyOf", "oneOf", "allOf", "if", "then", "else", "not", "propertyNames", "contains"])
/** Keywords that annotate and never reject a value. */
const ANNOTATIONS = new Set(["description", "title", "default", "examples"])

const mapValue = (value: unknown, f: (n: Node) => Node): unknown =>
  Array.isArray(value) ? value.map((v) => mapSchemas(v, f)) : mapSchemas(value, f)

/** Applies `f` to every subschema of `node`, children before parents; data (enum, default...) untouched. */
export const mapSchemas = (node: unknown, f: (n: Node) => Node): unknown => {
  if (!isNode(node)) return node
  const out: Node = {}
  for (const [key, value] of Object.entries(node)) {
    if (SCHEMA_MAPS.has(key) && isNode(value)) {
      out[key] = Object.fromEntries(Object.entries(value).map(([name, v]) => [name, mapSchemas(v, f)]))
    } else {
      out[key] = SCHEMA_VALUES.has(key) ? mapValue(value, f) : value
    }
  }
  return f(out)
}

const onlyAnnotations = (n: Node): boolean => Object.keys(n).every((k) => ANNOTATIONS.has(k))

/** `{ allOf: [{ $ref }, { description }] }` -> `{ $ref, description }`; anything else unchanged. */
export const flattenRefAnnotations = (node: Node): Node => {
  const { allOf, ...rest } = node
  if (!Array.isArray(allOf) || !onlyAnnotations(rest)) return node
  const refs = allOf.filter((s) => isNode(s) && typeof s["$ref"] === "string" && Object.keys(s).length === 1)
  const notes = allOf.filter((s): s is Node => isNode(s) && onlyAnnotations(s))
  if (refs.length !== 1 || refs.length + notes.length !== allOf.length) return node
  return Object.assign({}, refs[0], ...notes, rest)
}
