/** Writing a command's output files: the folder is created when missing. */
import { mkdirSync, writeFileSync } from "node:fs"
import { dirname } from "node:path"

export const writeFile = (path: string, text: string): void => {
  mkdirSync(dirname(path), { recursive: true })
  writeFileSync(path, text)
}
