/**
 * What a source file imports, for the architecture test: every module specifier a `.ts`/`.js` file
 * names in a static `import ... from`, a side-effect `import "..."`, an `export ... from` or a
 * dynamic `import("...")` with a literal specifier, and whether it brings in types only.
 * Declarations are found where Biome puts them, at the start of a line, so an import list may run
 * over several lines and a line of a block comment (` * import ...`) is not taken for one. A
 * dynamic import counts as a value import wherever it stands (the strict reading).
 * Invariant kept: a file's imports come out in source order, one entry per specifier occurrence.
 */
import { readdirSync, statSync } from "node:fs"
import { join } from "node:path"

export interface Import {
  readonly spec: string
  /** `import type`, `export type ... from`, or a list whose every name is marked `type`. */
  readonly typeOnly: boolean
  readonly kind: "import" | "export" | "side-effect" | "dynamic"
}

// `import|export [type] <clause> from "spec"`; the clause is a default name, a namespace, a braced
// list (newlines allowed inside the braces) or a default name followed by one of those.
const CLAUSE = String.raw`(?:[\w$]+\s*,\s*)?(?:\{[^}]*\}|\*(?:\s+as\s+[\w$]+)?)|[\w$]+`
const FROM = new RegExp(
  String.raw`^[ \t]*(import|export)[ \t]+(type[ \t]+)?(${CLAUSE})\s*from\s*(["'])([^"'\n]+)\4`,
  "gm"
)
const SIDE_EFFECT = /^[ \t]*import[ \t]*(["'])([^"'\n]+)\1/gm
const DYNAMIC = /\bimport\(\s*(["'`])([^"'`\n]+)\1\s*\)/g

/** Every name in a braced list is marked `type` (`import { type A, type B } from`). */
const allTyped = (clause: string): boolean => {
  if (!clause.startsWith("{")) return false
  const names = clause
    .slice(1, -1)
    .split(",")
    .map((n) => n.trim())
    .filter((n) => n !== "")
  return names.length > 0 && names.every((n) => n.startsWith("type "))
}

interface Found extends Import {
  readonly at: number
}

/** The imports of one source text, in source order. */
export const importsOf = (source: string): Array<Import> => {
  const found: Array<Found> = []
  for (const m of source.matchAll(FROM)) {
    const clause = m[3]!.trim()
    const kind = m[1] === "import" ? "import" : "export"
    found.push({ spec: m[5]!, typeOnly: m[2] !== undefined || allTyped(clause), kind, at: m.index })
  }
  for (const m of source.matchAll(SIDE_EFFECT)) {
    found.push({ spec: m[2]!, typeOnly: false, kind: "side-effect", at: m.index })
  }
  for (const m of source.matchAll(DYNAMIC)) {
    found.push({ spec: m[2]!, typeOnly: false, kind: "dynamic", at: m.index })
  }
  return found.sort((a, b) => a.at - b.at).map(({ spec, typeOnly, kind }) => ({ spec, typeOnly, kind }))
}

const SOURCE = /\.(ts|js|mjs)$/

/** Every `.ts`, `.js` and `.mjs` file under `dir`, recursively (none when `dir` is missing). */
export const sourceFiles = (dir: string): Array<string> => {
  let names: Array<string>
  try {
    names = readdirSync(dir)
  } catch {
    return []
  }
  return names.flatMap((name) => {
    const path = join(dir, name)
    if (name === "node_modules") return []
    if (statSync(path).isDirectory()) return sourceFiles(path)
    return SOURCE.test(name) ? [path] : []
  })
}
