// The editor JSON Schema (scenarios/scenario.schema.json) documents every field: each property at
// any depth, inside definitions and union branches too, carries a non-empty description, and the
// `{ $ref, description }` rewrite keeps the shared definition while describing each use.
import { describe, expect, it } from "vitest"
import { scenarioJsonSchema } from "../../../sim/scenario/json-schema.ts"
import { flattenRefAnnotations } from "../../../sim/scenario/json-schema-shape.ts"

type Node = Record<string, unknown>
const isNode = (u: unknown): u is Node => typeof u === "object" && u !== null && !Array.isArray(u)

/** Keywords holding data (or, for `if`, a condition rather than a field), not documented subschemas. */
const NOT_SCHEMAS = new Set(["enum", "const", "default", "examples", "required", "if"])

/**
 * Every property schema under `node` with its path: the values of `properties` and a schema-valued
 * `additionalProperties` (the values of a map), found under any keyword that holds subschemas.
 */
const propertySchemas = (node: unknown, path = "#"): Array<{ path: string; schema: Node }> => {
  if (Array.isArray(node)) return node.flatMap((child, i) => propertySchemas(child, `${path}/${i}`))
  if (!isNode(node)) return []
  return Object.entries(node).flatMap(([key, value]) => {
    if (NOT_SCHEMAS.has(key)) return []
    const here = `${path}/${key}`
    if (key === "properties" && isNode(value)) {
      return Object.entries(value).flatMap(([name, schema]) =>
        isNode(schema) ? [{ path: `${here}/${name}`, schema }, ...propertySchemas(schema, `${here}/${name}`)] : []
      )
    }
    if (key === "additionalProperties" && isNode(value)) return [{ path: here, schema: value }, ...propertySchemas(value, here)]
    return propertySchemas(value, here)
  })
}

const undocumented = (schema: unknown): Array<string> =>
  propertySchemas(schema)
    .filter(({ schema: s }) => typeof s["description"] !== "string" || s["description"].trim() === "")
    .map(({ path }) => path)

describe("descriptions", () => {
  const schema = scenarioJsonSchema()

  it("every property at every depth has a non-empty description", () => {
    expect(undocumented(schema)).toEqual([])
  })

  it("the walk reaches the nested places issue #8 names", () => {
    const paths = propertySchemas(schema).map((p) => p.path)
    expect(paths.length).toBeGreaterThan(119)
    for (const tail of ["/handleTime", "/shift/properties/start", "/breaks/items/properties/code", "/targets/items/properties/weight",
      "/conference/properties/duration", "/disconnects/properties/duration", "/messages/properties/gap", "/thresholds/additionalProperties",
      "/definitions/TimeDist/anyOf/3/properties/cv", "/definitions/CountDist/anyOf/5/properties/values", "/routing/properties/policy"]) {
      expect(paths.some((p) => p.endsWith(tail)), tail).toBe(true)
    }
  })

  it("the walk finds an undocumented property inside a definition's union branch", () => {
    const bad = {
      properties: { a: { description: "documented", $ref: "#/definitions/D" } },
      definitions: { D: { anyOf: [{ properties: { x: { description: "x" } } }, { properties: { y: { type: "string" } } }] } }
    }
    expect(undocumented(bad)).toEqual(["#/definitions/D/anyOf/1/properties/y"])
  })

  it("a field described at its use of a shared definition keeps the $ref beside its description", () => {
    expect(flattenRefAnnotations({ allOf: [{ $ref: "#/definitions/T" }, { description: "d" }] }))
      .toEqual({ $ref: "#/definitions/T", description: "d" })
    const constrained = { allOf: [{ $ref: "#/definitions/T" }, { minItems: 1 }] }
    expect(flattenRefAnnotations(constrained)).toBe(constrained)
  })
})
