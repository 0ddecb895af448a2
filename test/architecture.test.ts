// Architecture rules (docs/architecture.md, "Layering"): core/ imports only `effect` and core/; input/
// only effect, yaml and node:; core/ and sim/ never read the wall clock or global randomness.
import { readdirSync, readFileSync, statSync } from "node:fs"
import { dirname, join, relative, resolve } from "node:path"
import { fileURLToPath } from "node:url"
import { describe, expect, it } from "vitest"

const root = resolve(dirname(fileURLToPath(import.meta.url)), "..")

const tsFiles = (dir: string): Array<string> => {
  let out: Array<string> = []
  let names: Array<string> = []
  try {
    names = readdirSync(dir)
  } catch {
    return out
  }
  for (const name of names) {
    const path = join(dir, name)
    if (statSync(path).isDirectory()) out = out.concat(tsFiles(path))
    else if (name.endsWith(".ts")) out.push(path)
  }
  return out
}

const importsOf = (source: string): Array<string> =>
  [...source.matchAll(/(?:import|export)\s[^"']*?from\s+["']([^"']+)["']|import\(\s*["']([^"']+)["']\s*\)/g)].map(
    (m) => m[1] ?? m[2]!
  )

describe("architecture", () => {
  const coreFiles = tsFiles(join(root, "core"))

  it("finds the core modules", () => {
    expect(coreFiles.length).toBeGreaterThan(10)
  })

  it("core/ imports only effect and core/", () => {
    const offending: Array<string> = []
    for (const file of coreFiles) {
      for (const spec of importsOf(readFileSync(file, "utf8"))) {
        const ok =
          spec === "effect" ||
          spec.startsWith("effect/") ||
          (spec.startsWith(".") && resolve(dirname(file), spec).startsWith(join(root, "core")))
        if (!ok) offending.push(`${relative(root, file)} imports "${spec}"`)
      }
    }
    expect(offending).toEqual([])
  })

  it("input/ (the input boundary) imports only effect, yaml, node: and input/", () => {
    const offending: Array<string> = []
    for (const file of tsFiles(join(root, "input"))) {
      for (const spec of importsOf(readFileSync(file, "utf8"))) {
        const ok =
          spec === "effect" ||
          spec === "yaml" ||
          spec.startsWith("node:") ||
          (spec.startsWith(".") && resolve(dirname(file), spec).startsWith(join(root, "input")))
        if (!ok) offending.push(`${relative(root, file)} imports "${spec}"`)
      }
    }
    expect(offending).toEqual([])
  })

  it("core/ and sim/ read no wall clock and no global randomness", () => {
    const banned = /\b(Date\.now|new Date|Math\.random|setTimeout|setInterval|performance\.now|process\.hrtime)\b/
    const offending = [...coreFiles, ...tsFiles(join(root, "sim"))]
      .filter((file) => banned.test(readFileSync(file, "utf8")))
      .map((file) => relative(root, file))
    expect(offending).toEqual([])
  })

  it("the workload (sim/workload/) decides only: it reaches no kernel, world, engine host or socket", () => {
    const allowed = ["../scenario/model.ts"]
    const offending: Array<string> = []
    for (const file of tsFiles(join(root, "sim", "workload"))) {
      for (const spec of importsOf(readFileSync(file, "utf8"))) {
        const ok =
          (spec.startsWith("./") && !spec.includes("/", 2)) ||
          allowed.includes(spec) ||
          spec === "../../core/events.ts" ||
          spec === "../../core/presence.ts"
        if (!ok) offending.push(`${relative(root, file)} imports "${spec}"`)
      }
    }
    expect(tsFiles(join(root, "sim", "workload")).length).toBeGreaterThan(3)
    expect(offending).toEqual([])
  })

  it("the auditor does not reuse the engine's decide/evolve/routing", () => {
    const engineModules = ["decide", "evolve.ts", "routing.ts", "policies.ts", "step.ts", "state.ts", "waiting-line.ts"]
    const offending: Array<string> = []
    for (const file of tsFiles(join(root, "core", "audit"))) {
      for (const spec of importsOf(readFileSync(file, "utf8"))) {
        const target = relative(join(root, "core"), resolve(dirname(file), spec))
        if (engineModules.some((m) => target === m || target.startsWith(`${m}/`))) {
          offending.push(`${relative(root, file)} imports "${spec}"`)
        }
      }
    }
    expect(offending).toEqual([])
  })
})
