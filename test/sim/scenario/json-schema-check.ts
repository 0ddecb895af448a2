// The editor's view of a scenario file: Ajv (draft-07, every error) against the generated JSON
// Schema, each error as a `path: keyword detail` line, so tests can say how many errors an editor
// shows for a mistake and what they are (Ajv's `if` error, which only wraps the failed `then`
// reported beside it, is left out).

import type { ErrorObject } from "ajv"
import { Ajv } from "ajv"

type Node = Record<string, unknown>

const detail = (e: ErrorObject): string => {
  const p = e.params as Record<string, unknown>
  switch (e.keyword) {
    case "required":
      return `required ${String(p["missingProperty"])}`
    case "additionalProperties":
      return `additional property ${String(p["additionalProperty"])}`
    case "type":
      return `type ${String(p["type"])}`
    case "enum":
      return `enum ${(p["allowedValues"] as Array<unknown>).join("|")}`
    case "const":
      return `const ${String(p["allowedValue"])}`
    default:
      return e.keyword
  }
}

/** The errors of `v` against `schema` (`root` holds the definitions when `schema` is a part of it). */
export const check = (schema: Node, v: unknown, _path = "", root: Node = schema): Array<string> => {
  const ajv = new Ajv({ allErrors: true, strict: false, validateSchema: false })
  const validate = ajv.compile(schema === root ? schema : { ...schema, definitions: root["definitions"] })
  // an `if` error only wraps the failed `then` reported beside it: one problem, not two
  return validate(v)
    ? []
    : (validate.errors ?? []).filter((e) => e.keyword !== "if").map((e) => `${e.instancePath}: ${detail(e)}`)
}
