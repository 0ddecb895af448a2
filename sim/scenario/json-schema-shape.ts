/**
 * Rewrites of the draft-07 JSON Schema that Effect generates, for what editors show. A field
 * described at its use of a shared definition comes out as `allOf: [{ $ref }, { description }]`;
 * it becomes `{ $ref, description }`, which editors display on hover (draft-07 validators ignore
 * the sibling, and a description does not validate anything). Tagged unions (`anyOf` of objects
 * told apart by `executor` or `dist`) become if/then per tag value, so an editor reports the errors
 * of the one branch the tag selects. Pure functions over plain JSON.
 */
import type * as JsonSchema from "effect/JsonSchema"

type Node = JsonSchema.JsonSchema

const isNode = (u: unknown): u is Node => typeof u === "object" && u !== null && !Array.isArray(u)

/** Keywords whose value maps names to subschemas. */
const SCHEMA_MAPS = new Set(["properties", "patternProperties", "definitions"])
/** Keywords whose value is a subschema or a list of subschemas. */
const SCHEMA_VALUES = new Set([
  "items",
  "additionalProperties",
  "anyOf",
  "oneOf",
  "allOf",
  "if",
  "then",
  "else",
  "not",
  "propertyNames",
  "contains"
])
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

// ---- discriminated unions ---------------------------------------------------------------------

/** The one value a branch's property admits (`const`, or an `enum` of one string). */
const singleValue = (schema: unknown): string | undefined => {
  if (!isNode(schema)) return undefined
  if (typeof schema["const"] === "string") return schema["const"]
  const values = schema["enum"]
  return Array.isArray(values) && values.length === 1 && typeof values[0] === "string" ? values[0] : undefined
}

const propertiesOf = (branch: unknown): Node | undefined => {
  const properties = isNode(branch) ? branch["properties"] : undefined
  return isNode(properties) ? properties : undefined
}

const requires = (branch: unknown, key: string): boolean =>
  isNode(branch) && Array.isArray(branch["required"]) && branch["required"].includes(key)

/** The tag of a union of objects: a key every branch requires with its own single value. */
export const discriminatorOf = (
  branches: ReadonlyArray<unknown>
): { key: string; values: Array<string> } | undefined => {
  if (branches.length < 2) return undefined
  for (const key of Object.keys(propertiesOf(branches[0]) ?? {})) {
    const values = branches.map((b) => (requires(b, key) ? singleValue(propertiesOf(b)?.[key]) : undefined))
    if (values.every((v) => v !== undefined) && new Set(values).size === values.length) {
      return { key, values: values as Array<string> }
    }
  }
  return undefined
}

const tagDescription = (key: string, values: ReadonlyArray<string>, branches: ReadonlyArray<unknown>): string => {
  const forms = values.map((value, i) => {
    const own = propertiesOf(branches[i])?.[key]
    const description = isNode(own) && typeof own["description"] === "string" ? own["description"] : ""
    return description === "" ? value : `${value}: ${description}`
  })
  return `Selects the form, and with it which other fields apply. ${forms.join(" ")}`
}

/** The condition of a branch: an object whose tag is `value` (non-objects select no branch). */
const selects = (key: string, value: string): Node => ({
  type: "object",
  properties: { [key]: { const: value } },
  required: [key]
})

/**
 * A union of objects tagged by a key (`executor`, `dist`) as `anyOf` makes validators report the
 * errors of every branch (and offer only one branch's tag when the tag is wrong). It becomes: the
 * tag required with all its values, and one `if: { tag: const } then: branch` per value, so exactly
 * one branch applies and only its errors are reported; an unknown or missing tag is one error.
 */
export const discriminateUnions = (node: Node): Node => {
  const { anyOf, ...rest } = node
  if (!Array.isArray(anyOf) || !onlyAnnotations(rest)) return node
  const tag = discriminatorOf(anyOf)
  if (tag === undefined) return node
  const { key, values } = tag
  return {
    type: "object",
    ...rest,
    properties: { [key]: { type: "string", enum: values, description: tagDescription(key, values, anyOf) } },
    required: [key],
    // biome-ignore lint/suspicious/noThenProperty: JSON Schema's if/then keywords
    allOf: anyOf.map((branch, i) => ({ if: selects(key, values[i]!), then: branch }))
  }
}
