// A small draft-07 validator for exactly the keywords scenarios/scenario.schema.json uses, so the
// tests can see what an editor reports without a validator dependency. Like ajv with allErrors, it
// reports every error, and for a failed anyOf the errors of every branch. An unknown keyword throws:
// the checker never passes a document by ignoring part of the schema.
type Node = Record<string, unknown>

const isNode = (u: unknown): u is Node => typeof u === "object" && u !== null && !Array.isArray(u)
const ANNOTATIONS = new Set(["description", "title", "default", "examples", "$schema", "definitions"])

const typeOf = (v: unknown): string =>
  v === null ? "null" : Array.isArray(v) ? "array" : typeof v === "number" && Number.isInteger(v) ? "integer" : typeof v
const hasType = (v: unknown, type: unknown): boolean =>
  typeOf(v) === type || (type === "number" && typeOf(v) === "integer")
const same = (a: unknown, b: unknown): boolean => JSON.stringify(a) === JSON.stringify(b)

type Check = (schema: Node, v: unknown, path: string, root: Node) => Array<string>

const objectChecks: Record<string, Check> = {
  properties: (s, v, path, root) => {
    if (!isNode(v)) return []
    const properties = Object.entries(s["properties"] as Record<string, Node>)
    return properties.flatMap(([k, sub]) => k in v ? check(sub, v[k], `${path}/${k}`, root) : [])
  },
  required: (s, v, path) => isNode(v) ? (s["required"] as Array<string>).filter((k) => !(k in v)).map((k) => `${path}: required ${k}`) : [],
  additionalProperties: (s, v, path, root) => {
    if (!isNode(v)) return []
    const known = Object.keys(isNode(s["properties"]) ? s["properties"] : {})
    const extra = Object.keys(v).filter((k) => !known.includes(k))
    const rule = s["additionalProperties"]
    return extra.flatMap((k) => rule === false ? [`${path}: additional property ${k}`] : check(rule as Node, v[k], `${path}/${k}`, root))
  }
}

const valueChecks: Record<string, Check> = {
  type: (s, v, path) => hasType(v, s["type"]) ? [] : [`${path}: type ${String(s["type"])}`],
  enum: (s, v, path) => (s["enum"] as Array<unknown>).some((e) => same(e, v)) ? [] : [`${path}: enum ${(s["enum"] as Array<unknown>).join("|")}`],
  const: (s, v, path) => same(s["const"], v) ? [] : [`${path}: const ${String(s["const"])}`],
  items: (s, v, path, root) => Array.isArray(v) ? v.flatMap((x, i) => check(s["items"] as Node, x, `${path}/${i}`, root)) : [],
  minItems: (s, v, path) => Array.isArray(v) && v.length < (s["minItems"] as number) ? [`${path}: minItems`] : [],
  minLength: (s, v, path) => typeof v === "string" && [...v].length < (s["minLength"] as number) ? [`${path}: minLength`] : [],
  pattern: (s, v, path) => typeof v === "string" && !new RegExp(s["pattern"] as string, "u").test(v) ? [`${path}: pattern`] : [],
  minimum: (s, v, path) => typeof v === "number" && v < (s["minimum"] as number) ? [`${path}: minimum`] : [],
  maximum: (s, v, path) => typeof v === "number" && v > (s["maximum"] as number) ? [`${path}: maximum`] : [],
  exclusiveMinimum: (s, v, path) => typeof v === "number" && v <= (s["exclusiveMinimum"] as number) ? [`${path}: exclusiveMinimum`] : []
}

const combinators: Record<string, Check> = {
  allOf: (s, v, path, root) => (s["allOf"] as Array<Node>).flatMap((sub) => check(sub, v, path, root)),
  anyOf: (s, v, path, root) => {
    const results = (s["anyOf"] as Array<Node>).map((sub) => check(sub, v, path, root))
    return results.some((r) => r.length === 0) ? [] : [...results.flat(), `${path}: anyOf`]
  },
  if: (s, v, path, root) => check(s["if"] as Node, v, path, root).length === 0 ? check(s["then"] as Node, v, path, root) : [],
  then: () => [],
  $ref: (s, v, path, root) => {
    const name = String(s["$ref"]).replace("#/definitions/", "")
    return check((root["definitions"] as Node)[name] as Node, v, path, root)
  }
}

const CHECKS: Record<string, Check> = { ...objectChecks, ...valueChecks, ...combinators }

/** The errors of `v` against `schema` as `path: keyword detail` lines (`root` holds the definitions). */
export const check = (schema: Node, v: unknown, path = "", root: Node = schema): Array<string> =>
  Object.keys(schema).flatMap((keyword) => {
    if (ANNOTATIONS.has(keyword)) return []
    const run = CHECKS[keyword]
    if (run === undefined) throw new Error(`json-schema-check: unsupported keyword ${keyword} at ${path || "/"}`)
    return run(schema, v, path, root)
  })
