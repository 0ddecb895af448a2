/**
 * Script (`npm run gen:schema`): writes the editor JSON Schema of scenario files to
 * scenarios/scenario.schema.json from the file Schema. Run it after changing file.ts.
 */
import { writeFileSync } from "node:fs"
import { fileURLToPath } from "node:url"
import { SCHEMA_PATH, scenarioJsonSchemaText } from "./json-schema.ts"

const target = fileURLToPath(new URL(`../../${SCHEMA_PATH}`, import.meta.url))
writeFileSync(target, scenarioJsonSchemaText())
console.log(`wrote ${SCHEMA_PATH}`)
