// Architecture rules (docs/architecture.md, "Layering"), one `it` per rule: who may import
// whom (core/, input/, sim/, reports/, live/, cli/, the workload, the auditor), and that core/ and
// sim/ read no wall clock or global randomness. Each rule lists its offenders as `file imports
// "spec"` and first checks that it found the files it judges, so a moved folder cannot pass it.
import { readdirSync, readFileSync, statSync } from "node:fs"
import { dirname, isAbsolute, join, relative, resolve } from "node:path"
import { fileURLToPath } from "node:url"
import { describe, expect, it } from "vitest"
import type { Import } from "./support/imports.ts"
import { importsOf, sourceFiles } from "./support/imports.ts"

const root = resolve(dirname(fileURLToPath(import.meta.url)), "..")

/** Is `path` (absolute) inside the repository folder `dir` (relative to the root)? */
const inside = (path: string, dir: string): boolean => {
  const rel = relative(join(root, dir), path)
  return rel !== "" && !rel.startsWith("..") && !isAbsolute(rel)
}

const isRelative = (spec: string): boolean => spec.startsWith("./") || spec.startsWith("../")

/** An import as the rules judge it: the file, the specifier and, when relative, its target. */
interface Edge extends Import {
  readonly file: string
  /** The absolute path a relative specifier resolves to; undefined for a package. */
  readonly target: string | undefined
}

const edgesOf = (file: string): Array<Edge> =>
  importsOf(readFileSync(file, "utf8")).map((imp) => ({
    ...imp,
    file,
    target: isRelative(imp.spec) ? resolve(dirname(file), imp.spec) : undefined
  }))

/** Every import of `files` that `allowed` refuses, as `file imports "spec"`. */
const offenders = (files: ReadonlyArray<string>, allowed: (edge: Edge) => boolean): Array<string> =>
  files.flatMap((file) =>
    edgesOf(file)
      .filter((edge) => !allowed(edge))
      .map((edge) => `${relative(root, file)} imports "${edge.spec}"`)
  )

const filesIn = (dir: string): Array<string> => sourceFiles(join(root, dir))

const isEffect = (spec: string): boolean => spec === "effect" || spec.startsWith("effect/")
const into = (edge: Edge, dir: string): boolean => edge.target !== undefined && inside(edge.target, dir)
const isFile = (edge: Edge, path: string): boolean => edge.target === join(root, path)

/** Every source file outside cli/, test/ and bench/ (the folders that may drive the command). */
const outsideCli = (): Array<string> =>
  readdirSync(root)
    .filter((name) => !name.startsWith(".") && !["node_modules", "cli", "test", "bench"].includes(name))
    .flatMap((name) =>
      statSync(join(root, name)).isDirectory() ? filesIn(name) : /\.(ts|js|mjs)$/.test(name) ? [join(root, name)] : []
    )

describe("the import parser", () => {
  it("reads multi-line lists, type-only imports, re-exports, side effects and dynamic imports", () => {
    const source = [
      "/**",
      ' * import { fake } from "in-a-comment"',
      " */",
      "import {",
      "  alpha,",
      "  beta",
      '} from "../sim/summary/catalog.ts"',
      'import type { Summary } from "../sim/summary/model.ts"',
      'import { type A, type B } from "./types.ts"',
      'import { type C, d } from "./mixed.ts"',
      'import * as ns from "effect/Effect"',
      'import fc, { sample } from "fast-check"',
      'export type { Known } from "../sim/summary/selector.ts"',
      "export {",
      "  gamma",
      '} from "./gamma.ts"',
      'export * from "./all.ts"',
      'import "./side-effect.ts"',
      'const later = () => import("../cli/main.ts")',
      "export const notAnImport = 1"
    ].join("\n")
    expect(importsOf(source)).toEqual([
      { spec: "../sim/summary/catalog.ts", typeOnly: false, kind: "import" },
      { spec: "../sim/summary/model.ts", typeOnly: true, kind: "import" },
      { spec: "./types.ts", typeOnly: true, kind: "import" },
      { spec: "./mixed.ts", typeOnly: false, kind: "import" },
      { spec: "effect/Effect", typeOnly: false, kind: "import" },
      { spec: "fast-check", typeOnly: false, kind: "import" },
      { spec: "../sim/summary/selector.ts", typeOnly: true, kind: "export" },
      { spec: "./gamma.ts", typeOnly: false, kind: "export" },
      { spec: "./all.ts", typeOnly: false, kind: "export" },
      { spec: "./side-effect.ts", typeOnly: false, kind: "side-effect" },
      { spec: "../cli/main.ts", typeOnly: false, kind: "dynamic" }
    ])
  })
})

describe("architecture", () => {
  it("core/ imports only effect (and effect/*) and core/", () => {
    const files = filesIn("core")
    expect(files.length).toBeGreaterThan(10)
    expect(offenders(files, (e) => isEffect(e.spec) || into(e, "core"))).toEqual([])
  })

  it("input/ (the input boundary) imports only effect, yaml, node: and input/", () => {
    const files = filesIn("input")
    expect(files.length).toBeGreaterThan(1)
    const allowed = (e: Edge) => isEffect(e.spec) || e.spec === "yaml" || e.spec.startsWith("node:") || into(e, "input")
    expect(offenders(files, allowed)).toEqual([])
  })

  it("sim/ imports core/, input/, sim/ and packages; never live/, reports/, cli/, bench/ or test/", () => {
    const files = filesIn("sim")
    expect(files.length).toBeGreaterThan(50)
    const allowed = (e: Edge) => e.target === undefined || ["core", "input", "sim"].some((dir) => into(e, dir))
    expect(offenders(files, allowed)).toEqual([])
  })

  it("reports/ takes from sim/ only types, and values from the summary (sim/summary/)", () => {
    const files = filesIn("reports")
    expect(files.length).toBeGreaterThan(10)
    const allowed = (e: Edge) => !into(e, "sim") || e.typeOnly || into(e, "sim/summary")
    expect(offenders(files, allowed)).toEqual([])
  })

  it("live/ takes from sim/ only the workload, the trace format and the scenario's types", () => {
    const files = filesIn("live")
    expect(files.length).toBeGreaterThan(30)
    const allowed = (e: Edge) =>
      !into(e, "sim") ||
      into(e, "sim/workload") ||
      isFile(e, "sim/trace/format.ts") ||
      isFile(e, "sim/trace/writer.ts") ||
      (e.typeOnly && isFile(e, "sim/scenario/model.ts"))
    expect(offenders(files, allowed)).toEqual([])
  })

  it("nothing outside cli/ imports cli/, except test/ and bench/ that drive it", () => {
    const files = outsideCli()
    expect(files.length).toBeGreaterThan(200)
    expect(files.some((f) => inside(f, "live/pages"))).toBe(true)
    expect(offenders(files, (e) => !into(e, "cli"))).toEqual([])
  })

  it("every module takes effect's and @effect/platform-node's modules by their own path, not the entry that loads them all", () => {
    const files = [...outsideCli(), ...["cli", "bench", "test"].flatMap(filesIn)]
    expect(files.length).toBeGreaterThan(300)
    const entries = ["effect", "@effect/platform-node"]
    expect(offenders(files, (e) => !entries.includes(e.spec))).toEqual([])
  })

  it("core/ and sim/ read no wall clock and no global randomness", () => {
    const files = [...filesIn("core"), ...filesIn("sim")]
    expect(files.length).toBeGreaterThan(60)
    const banned = /\b(Date\.now|new Date|Math\.random|setTimeout|setInterval|performance\.now|process\.hrtime)\b/
    const offending = files.filter((file) => banned.test(readFileSync(file, "utf8"))).map((f) => relative(root, f))
    expect(offending).toEqual([])
  })

  it("the workload (sim/workload/) decides only: siblings, the scenario's types and core's types", () => {
    const files = filesIn("sim/workload")
    expect(files.length).toBeGreaterThan(3)
    const sibling = (spec: string) => spec.startsWith("./") && !spec.includes("/", 2)
    const allowed = (e: Edge) =>
      sibling(e.spec) || (e.typeOnly && (isFile(e, "sim/scenario/model.ts") || into(e, "core")))
    expect(offenders(files, allowed)).toEqual([])
  })

  it("the auditor does not reuse the engine's decide/evolve/routing", () => {
    const files = filesIn("core/audit")
    expect(files.length).toBeGreaterThan(5)
    const engineModules = ["decide", "evolve.ts", "routing.ts", "policies.ts", "step.ts", "state.ts", "waiting-line.ts"]
    const allowed = (e: Edge) => {
      const target = e.target === undefined ? "" : relative(join(root, "core"), e.target)
      return !engineModules.some((m) => target === m || target.startsWith(`${m}/`))
    }
    expect(offenders(files, allowed)).toEqual([])
  })
})
