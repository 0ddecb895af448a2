/**
 * Helpers for the live benchmark cases: start a child process that prints its listening URL
 * (`livechat-sim serve` with a config written to a temp dir, or the bare relay), wait for it, and
 * stop it; log in an agent; a timed promise race. Every wait is bounded. LIVE_BENCH_CPU_PROF=DIR
 * makes each server child write a V8 CPU profile to DIR when it stops.
 */

import type { ChildProcess } from "node:child_process"
import { spawn } from "node:child_process"
import { mkdtempSync, writeFileSync } from "node:fs"
import { tmpdir } from "node:os"
import { join } from "node:path"
import { fileURLToPath } from "node:url"
import { stringify } from "yaml"
import type { ConfigFile } from "../live/config.ts"
import { postJson } from "../live/load/net.ts"

export const root = fileURLToPath(new URL("..", import.meta.url))

export interface Child {
  readonly url: string
  readonly child: ChildProcess
  readonly dataDir: string
  readonly stop: () => Promise<void>
}

const startChild = (args: ReadonlyArray<string>, dataDir: string): Promise<Child> =>
  new Promise((resolve, reject) => {
    const child = spawn(process.execPath, [...process.execArgv, ...args], {
      cwd: root,
      stdio: ["ignore", "pipe", "pipe"],
      env: { ...process.env, CI: "true" }
    })
    let out = ""
    const timer = setTimeout(
      () => reject(new Error(`${args.join(" ")}: no listening line within 30 s\n${out}`)),
      30_000
    )
    const onData = (d: Buffer): void => {
      out += d.toString()
      const m = /listening on (http:\/\/127\.0\.0\.1:\d+)/.exec(out)
      if (m === null) return
      clearTimeout(timer)
      child.stdout?.off("data", onData)
      child.stdout?.resume()
      child.stderr?.resume()
      resolve({
        url: m[1]!,
        child,
        dataDir,
        stop: () =>
          new Promise<void>((done) => {
            if (child.exitCode !== null) return done()
            const kill = setTimeout(() => child.kill("SIGKILL"), 10_000)
            child.once("exit", () => {
              clearTimeout(kill)
              done()
            })
            child.kill("SIGINT")
          })
      })
    }
    child.stdout?.on("data", onData)
    child.stderr?.on("data", (d: Buffer) => {
      out += d.toString()
    })
    child.once("exit", (code) => reject(new Error(`${args.join(" ")} exited ${code}\n${out}`)))
  })

export const tempDir = (base = tmpdir()): string => mkdtempSync(join(base, "livechat-bench-"))

/** `livechat-sim serve` on a free port with `config`, on a fresh data directory under `base`. */
export const startServe = (config: ConfigFile, base = tmpdir()): Promise<Child> => {
  const dir = tempDir(base)
  const path = join(dir, "center.yaml")
  writeFileSync(path, stringify(config))
  // LIVE_BENCH_CPU_PROF=DIR: the server writes a V8 CPU profile there when it stops (profiling aid)
  const prof = process.env["LIVE_BENCH_CPU_PROF"]
  return startChild(
    [
      ...(prof === undefined ? [] : ["--cpu-prof", `--cpu-prof-dir=${prof}`]),
      join(root, "cli/main.ts"),
      "serve",
      "--port",
      "0",
      "--config",
      path,
      "--data",
      join(dir, "data")
    ],
    join(dir, "data")
  )
}

export const startBareRelay = (): Promise<Child> => startChild([join(root, "bench/bare-relay.ts")], "")

/** Frame rate limits, per connection and per principal, out of the way: a benchmark measures the relay, not the token buckets. */
export const OPEN_LIMITS = {
  rateBurst: 1_000_000,
  ratePerSec: 1_000_000,
  floodBurst: 1_000_000,
  principalRateBurst: 1_000_000,
  principalRatePerSec: 1_000_000
} as const

export const agentToken = async (base: string, agentId: string, password: string): Promise<string> => {
  const r = await postJson(base, "/api/agent/login", { agentId, password })
  if (r.status !== 200) throw new Error(`login ${agentId}: ${r.status} ${JSON.stringify(r.body)}`)
  return String(r.body["token"])
}

export const withTimeout = <A>(p: Promise<A>, ms: number, what: string): Promise<A> =>
  Promise.race([
    p,
    new Promise<A>((_, reject) => setTimeout(() => reject(new Error(`${what}: over ${ms / 1000} s`)), ms).unref())
  ])

export const sleep = (ms: number): Promise<void> => new Promise((r) => setTimeout(r, ms))
