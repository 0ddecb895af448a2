// Start-up: the command turns on Node's module compile cache (in the directory NODE_COMPILE_CACHE
// names, off with NODE_DISABLE_COMPILE_CACHE=1), and what a process loads before it can work stays
// what it needs: a replication's worker thread loads no statistics nor queueing theory (the main
// thread summarizes) nor effect's entry (which loads all of effect), and the command tree loads no
// Redis client (@effect/platform-node's entry would bring one).
import { spawnSync } from "node:child_process"
import { mkdtempSync, readdirSync, rmSync } from "node:fs"
import { tmpdir } from "node:os"
import { join } from "node:path"
import { afterEach, describe, expect, it } from "vitest"
import { root } from "../support/cli.ts"

const dirs: Array<string> = []
afterEach(() => {
  for (const d of dirs.splice(0)) rmSync(d, { recursive: true, force: true })
})

const freshDir = (): string => {
  const d = mkdtempSync(join(tmpdir(), "livechat-start-up-"))
  dirs.push(d)
  return d
}

/** Files under `dir`, at any depth. */
const filesUnder = (dir: string): Array<string> =>
  readdirSync(dir, { recursive: true, withFileTypes: true })
    .filter((e) => e.isFile())
    .map((e) => join(e.parentPath, e.name))

const help = (env: Record<string, string>) => {
  const { NODE_COMPILE_CACHE: _, NODE_DISABLE_COMPILE_CACHE: __, ...rest } = process.env
  return spawnSync(process.execPath, [join(root, "cli/main.ts"), "--help"], {
    cwd: root,
    encoding: "utf8",
    env: { ...rest, CI: "true", ...env }
  })
}

/**
 * The file URLs a fresh Node process loads to import `path` (relative to the root), on a line of
 * their own (the command tree, once imported, goes on to print its help).
 */
const loadedBy = (path: string): Array<string> => {
  const script = [
    'import { registerHooks } from "node:module"',
    "const urls = []",
    "registerHooks({ load(url, context, next) { urls.push(url); return next(url, context) } })",
    `await import(${JSON.stringify(join(root, path))})`,
    'process.stdout.write("loaded " + JSON.stringify(urls) + "\\n")'
  ].join("\n")
  const r = spawnSync(process.execPath, ["--input-type=module", "-e", script], { cwd: root, encoding: "utf8" })
  expect(r.status, r.stderr).toBe(0)
  const line = r.stdout.split("\n").find((l) => l.startsWith("loaded "))
  expect(line).toBeDefined()
  return JSON.parse(line!.slice("loaded ".length)) as Array<string>
}

describe("start-up", () => {
  it("the command fills the compile cache where NODE_COMPILE_CACHE says", () => {
    const cache = freshDir()
    const r = help({ NODE_COMPILE_CACHE: cache })
    expect(r.status, r.stderr).toBe(0)
    expect(r.stdout).toContain("SUBCOMMANDS")
    expect(filesUnder(cache).length).toBeGreaterThan(100)
  })

  it("NODE_DISABLE_COMPILE_CACHE=1 leaves it off", () => {
    const cache = freshDir()
    const r = help({ NODE_COMPILE_CACHE: cache, NODE_DISABLE_COMPILE_CACHE: "1" })
    expect(r.status, r.stderr).toBe(0)
    expect(filesUnder(cache)).toEqual([])
  })

  it("a replication's worker thread loads the engine and the simulator, not the statistics nor the theory", () => {
    const urls = loadedBy("sim/parallel/worker.ts")
    expect(urls.some((u) => u.endsWith("/core/engine.ts"))).toBe(true)
    expect(urls.some((u) => u.endsWith("/sim/run/replication.ts"))).toBe(true)
    expect(urls.filter((u) => /\/@stdlib\/|\/sim\/theory\/|\/sim\/summary\/summarize\.ts$/.test(u))).toEqual([])
    expect(urls.filter((u) => u.endsWith("/node_modules/effect/dist/index.js"))).toEqual([])
  })

  it("the command tree loads no Redis client", () => {
    const urls = loadedBy("cli/program.ts")
    expect(urls.some((u) => u.endsWith("/cli/serve.ts"))).toBe(true)
    expect(urls.filter((u) => u.includes("/@redis/"))).toEqual([])
  })
})
