// The editor JSON Schema (scenarios/scenario.schema.json) documents every field: each property at
// any depth, inside definitions and union branches too, carries a non-empty description, and the
// `{ $ref, description }` rewrite keeps the shared definition while describing each use. Tagged
// unions (arrivals by `executor`, distributions by `dist`) select one branch by their tag, so a
// mistake is one error from that branch; every bundled scenario is valid against the schema.
import { readdirSync, readFileSync } from "node:fs"
import { join, relative } from "node:path"
import * as JsonSchema from "effect/JsonSchema"
import * as Result from "effect/Result"
import * as Schema from "effect/Schema"
import { describe, expect, it } from "vitest"
import { formatOf, parseDocument } from "../../../input/document.ts"
import { ArrivalsFile } from "../../../sim/scenario/file-workload.ts"
import { scenarioJsonSchema } from "../../../sim/scenario/json-schema.ts"
import { flattenRefAnnotations } from "../../../sim/scenario/json-schema-shape.ts"
import { check } from "./json-schema-check.ts"
import { fixture, root } from "./support.ts"

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
    if (key === "additionalProperties" && isNode(value))
      return [{ path: here, schema: value }, ...propertySchemas(value, here)]
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

  it("the walk reaches nested places (shifts, breaks, transfer targets, distributions, thresholds)", () => {
    const paths = propertySchemas(schema).map((p) => p.path)
    expect(paths.length).toBeGreaterThan(119)
    for (const tail of [
      "/handleTime",
      "/shift/properties/start",
      "/breaks/items/properties/code",
      "/targets/items/properties/weight",
      "/conference/properties/duration",
      "/disconnects/properties/duration",
      "/messages/properties/gap",
      "/thresholds/additionalProperties",
      "/definitions/TimeDist/allOf/3/then/properties/cv",
      "/definitions/CountDist/allOf/5/then/properties/values",
      "/routing/properties/policy"
    ]) {
      expect(
        paths.some((p) => p.endsWith(tail)),
        tail
      ).toBe(true)
    }
  })

  it("the walk finds an undocumented property inside a definition's union branch", () => {
    const bad = {
      properties: { a: { description: "documented", $ref: "#/definitions/D" } },
      definitions: {
        D: { anyOf: [{ properties: { x: { description: "x" } } }, { properties: { y: { type: "string" } } }] }
      }
    }
    expect(undocumented(bad)).toEqual(["#/definitions/D/anyOf/1/properties/y"])
  })

  it("a field described at its use of a shared definition keeps the $ref beside its description", () => {
    expect(flattenRefAnnotations({ allOf: [{ $ref: "#/definitions/T" }, { description: "d" }] })).toEqual({
      $ref: "#/definitions/T",
      description: "d"
    })
    const constrained = { allOf: [{ $ref: "#/definitions/T" }, { minItems: 1 }] }
    expect(flattenRefAnnotations(constrained)).toBe(constrained)
  })
})

// ---- tagged unions ----------------------------------------------------------------------------

const schema = scenarioJsonSchema()
const arrivalItem = (schema["properties"] as Node)["arrivals"] as Node
const definition = (name: string): Node => (schema["definitions"] as Node)[name] as Node

/** The if/then branches of a discriminated union, with the tag value each `if` selects. */
const branchesOf = (union: Node, key: string) => {
  const allOf = (union["allOf"] ?? []) as Array<Node>
  return allOf.map((b) => {
    const cond = b["if"] as Node
    const then = b["then"] as Node
    return { cond, then, value: ((cond["properties"] as Node)[key] as Node)["const"] }
  })
}

describe("the arrivals item is discriminated by executor", () => {
  const item = arrivalItem["items"] as Node
  const branches = branchesOf(item, "executor")

  it("has no anyOf/oneOf: the executor is required, and two if/then branches each require their own one value", () => {
    expect(item["anyOf"]).toBeUndefined()
    expect(item["oneOf"]).toBeUndefined()
    expect(item["required"]).toEqual(["executor"])
    expect((item["properties"] as Node)["executor"]).toMatchObject({
      enum: ["constant-arrival-rate", "ramping-arrival-rate"]
    })
    expect(branches.map((b) => b.value)).toEqual(["constant-arrival-rate", "ramping-arrival-rate"])
    for (const b of branches) {
      expect(b.cond["required"]).toEqual(["executor"])
      expect(b.then["required"]).toContain("executor")
      expect((b.then["properties"] as Node)["executor"]).toMatchObject({ enum: [b.value] })
    }
  })

  it("executor constant-arrival-rate without rate selects exactly one branch, which reports only the missing rate", () => {
    const doc = { queue: "q", executor: "constant-arrival-rate" }
    const selected = branches.filter((b) => check(b.cond, doc).length === 0)
    expect(selected.map((b) => b.value)).toEqual(["constant-arrival-rate"])
    expect(check(selected[0]!.then, doc)).toEqual([": required rate"])
  })
})

describe("what an editor reports for a scenario", () => {
  const minimal = {
    name: "tiny",
    horizon: "1h",
    queues: [{ id: "q" }],
    arrivals: [{ queue: "q", executor: "constant-arrival-rate", rate: 1 }],
    agents: [{ id: "g", count: 2, handleTime: { dist: "fixed", value: "1m" } }]
  }
  const errors = (patch: (doc: typeof minimal & Node) => void): Array<string> => {
    const doc = structuredClone(minimal) as typeof minimal & Node
    patch(doc)
    return check(schema, doc)
  }
  const arrival = (a: Node) => (d: Node) => void (d["arrivals"] = [a])
  const handleTime = (h: Node) => (d: typeof minimal) =>
    void (d.agents[0]!.handleTime = h as (typeof d.agents)[0]["handleTime"])

  it("nothing for the smallest valid scenario", () => {
    expect(check(schema, minimal)).toEqual([])
  })
  it("one error for a missing rate, a wrong or missing executor, a field of the other executor", () => {
    expect(errors(arrival({ queue: "q", executor: "constant-arrival-rate" }))).toEqual(["/arrivals/0: required rate"])
    expect(errors(arrival({ queue: "q", executor: "constant", rate: 3 }))).toEqual([
      "/arrivals/0/executor: enum constant-arrival-rate|ramping-arrival-rate"
    ])
    expect(errors(arrival({ queue: "q", rate: 3 }))).toEqual(["/arrivals/0: required executor"])
    expect(errors(arrival({ queue: "q", executor: "constant-arrival-rate", rate: 3, startRate: 1 }))).toEqual([
      "/arrivals/0: additional property startRate"
    ])
  })
  it("one error for a distribution missing a field or with an unknown dist", () => {
    expect(errors(handleTime({ dist: "gamma", mean: "5m" }))).toEqual(["/agents/0/handleTime: required cv"])
    expect(errors(handleTime({ dist: "normal", mean: "5m" }))).toEqual([
      "/agents/0/handleTime/dist: enum fixed|exponential|lognormal|gamma|uniform|empirical"
    ])
    expect(errors(handleTime({ dist: "fixed", value: "1 minute" }))).toEqual(["/agents/0/handleTime/value: pattern"])
  })
  it("Effect's plain anyOf reported every branch for a wrong executor (why the schema is reshaped)", () => {
    const doc = JsonSchema.toDocumentDraft07(Schema.toJsonSchemaDocument(ArrivalsFile, { onExcessProperty: "error" }))
    const plain: Node = { ...doc.schema, definitions: doc.definitions }
    expect(plain["anyOf"]).toHaveLength(2)
    expect(check(plain, { queue: "q", executor: "constant", rate: 3 }).length).toBeGreaterThan(3)
  })
  it("every distribution definition is discriminated by dist the same way", () => {
    for (const name of ["TimeDist", "CountDist"]) {
      const values = branchesOf(definition(name), "dist").map((b) => b.value)
      expect(values).toEqual(["fixed", "exponential", "lognormal", "gamma", "uniform", "empirical"])
      expect(definition(name)["required"]).toEqual(["dist"])
    }
  })
})

describe("every bundled scenario and fixture is valid against the editor schema", () => {
  const files = [
    ...readdirSync(join(root, "scenarios"))
      .filter((f) => f.endsWith(".yaml"))
      .map((f) => join("scenarios", f)),
    relative(root, fixture("design-minimal.yaml")),
    relative(root, fixture("design-minimal.json"))
  ]
  it.each(files)("%s", (name) => {
    const path = join(root, name)
    const parsed = parseDocument(readFileSync(path, "utf8"), formatOf(path)!, path)
    if (Result.isFailure(parsed)) expect.fail(parsed.failure.join("\n"))
    expect(check(schema, parsed.success)).toEqual([])
  })
  it("and the bad fixture is not", () => {
    const parsed = parseDocument(readFileSync(fixture("bad.yaml"), "utf8"), "yaml", "bad.yaml")
    expect(Result.isSuccess(parsed) && check(schema, parsed.success).length > 0).toBe(true)
  })
})
