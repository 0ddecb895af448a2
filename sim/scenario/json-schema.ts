/**
 * The editor JSON Schema of scenario files (scenarios/scenario.schema.json), derived from the file
 * Schema so it cannot drift: draft-07 (the dialect editors and yaml-language-server support
 * best), unknown fields flagged, reshaped for editors by json-schema-shape.ts. `gen-schema.ts`
 * writes it; a test fails when the file is stale.
 */
import * as JsonSchema from "effect/JsonSchema"
import * as Schema from "effect/Schema"
import { ScenarioFile } from "./file.ts"
import { discriminateUnions, flattenRefAnnotations, mapSchemas } from "./json-schema-shape.ts"

/** Where the generated schema lives, relative to the repository root. */
export const SCHEMA_PATH = "scenarios/scenario.schema.json"

export const scenarioJsonSchema = (): JsonSchema.JsonSchema => {
  const doc = JsonSchema.toDocumentDraft07(Schema.toJsonSchemaDocument(ScenarioFile, { onExcessProperty: "error" }))
  const root = {
    $schema: JsonSchema.META_SCHEMA_URI_DRAFT_07,
    title: "livechat-sim scenario",
    description:
      "Scenario file of livechat-sim (.yaml or .json). Generated from sim/scenario/file.ts by `npm run gen:schema`; do not edit.",
    ...doc.schema,
    ...(Object.keys(doc.definitions).length === 0 ? {} : { definitions: doc.definitions })
  }
  return mapSchemas(root, (node) => discriminateUnions(flattenRefAnnotations(node))) as JsonSchema.JsonSchema
}

/** The exact text of the committed file. */
export const scenarioJsonSchemaText = (): string => `${JSON.stringify(scenarioJsonSchema(), null, 2)}\n`
