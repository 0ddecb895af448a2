// Start-up: the command turns on Node's module compile cache (in the directory NODE_COMPILE_CACHE
// names, off with NODE_DISABLE_COMPILE_CACHE=1), and what a process loads before it can work stays
// what it needs: a replication's worker thread loads no statistics nor queueing theory (the main
// thread summarizes) nor effect's entry (which loads all of effect), the command tree loads no
// Redis client (@effect/platform-node's entry would bring one), and a command line that names a
// subcommand loads that subcommand's module only.
import { spawnSync } from "node:child_process"
import { mkdtempSync, readdirSync, rmSync } from "node:fs"
import { tmpdir } from "node:os"
import { join } from "node:path"
import { afterEach, describe, expect, it } from "vitest"
import { cli, root } from "../support/cli.ts"

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

/** `--help` with the compile cache in `cache`, turned off or not (whatever this process's environment says). */
const help = (cache: string, disabled: boolean) =>
  cli(["--help"], { NODE_COMPILE_CACHE: cache, NODE_DISABLE_COMPILE_CACHE: disabled ? "1" : undefined })

/** Preloaded: records every module URL the process loads and prints them as it exits. */
const RECORDER = `data:text/javascript,${encodeURIComponent(
  [
    'import { registerHooks } from "node:module"',
    "const urls = []",
    "registerHooks({ load(url, context, next) { urls.push(url); return next(url, context) } })",
    'process.on("exit", () => process.stderr.write("loaded " + JSON.stringify(urls) + "\\n"))'
  ].join("\n")
)}`

/** The module URLs a fresh Node process loads when run with `args` (after the recorder). */
const loadedBy = (args: ReadonlyArray<string>): Array<string> => {
  const r = spawnSync(process.execPath, ["--import", RECORDER, ...args], { cwd: root, encoding: "utf8" })
  expect(r.status, r.stderr).toBe(0)
  const line = r.stderr.split("\n").find((l) => l.startsWith("loaded "))
  expect(line).toBeDefined()
  return JSON.parse(line!.slice("loaded ".length)) as Array<string>
}

const importing = (path: string): Array<string> =>
  loadedBy(["--input-type=module", "-e", `await import(${JSON.stringify(join(root, path))})`])

const command = (args: ReadonlyArray<string>): Array<string> => loadedBy([join(root, "cli/main.ts"), ...args])

const cliModules = (urls: ReadonlyArray<string>): Array<string> =>
  urls.filter((u) => u.includes("/cli/")).map((u) => u.slice(u.lastIndexOf("/cli/") + 1))

describe("start-up", () => {
  it("the command fills the compile cache where NODE_COMPILE_CACHE says", () => {
    const cache = freshDir()
    const r = help(cache, false)
    expect(r.code, r.stderr).toBe(0)
    expect(r.stdout).toContain("SUBCOMMANDS")
    expect(filesUnder(cache).length).toBeGreaterThan(100)
  })

  it("NODE_DISABLE_COMPILE_CACHE=1 leaves it off", () => {
    const cache = freshDir()
    const r = help(cache, true)
    expect(r.code, r.stderr).toBe(0)
    expect(filesUnder(cache)).toEqual([])
  })

  it("a replication's worker thread loads the engine and the simulator, not the statistics nor the theory", () => {
    const urls = importing("sim/parallel/worker.ts")
    expect(urls.some((u) => u.endsWith("/core/engine.ts"))).toBe(true)
    expect(urls.some((u) => u.endsWith("/sim/run/replication.ts"))).toBe(true)
    expect(urls.filter((u) => /\/@stdlib\/|\/sim\/theory\/|\/sim\/summary\/summarize\.ts$/.test(u))).toEqual([])
    expect(urls.filter((u) => u.endsWith("/node_modules/effect/dist/index.js"))).toEqual([])
  })

  it("the command tree loads no Redis client", () => {
    const urls = command(["--help"])
    expect(urls.some((u) => u.endsWith("/cli/serve.ts"))).toBe(true)
    expect(urls.filter((u) => u.includes("/@redis/"))).toEqual([])
  })

  it("a command line naming a subcommand loads that subcommand's module, not the others", () => {
    const all = cliModules(command(["--help"]))
    expect(all).toEqual(expect.arrayContaining(["cli/run.ts", "cli/serve.ts", "cli/staff.ts", "cli/merge.ts"]))
    const serve = cliModules(command(["serve", "--help"]))
    expect(serve).toContain("cli/serve.ts")
    expect(serve.filter((m) => ["cli/run.ts", "cli/staff.ts", "cli/compare.ts", "cli/merge.ts"].includes(m))).toEqual(
      []
    )
  })
})
