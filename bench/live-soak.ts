/**
 * Live benchmark case `live-soak`: `livechat-sim load` against `livechat-sim serve` (the demo
 * center, both as child processes) for a long run at the demo center's capacity (the load driver's
 * default load scale: server chat slots over the scenario's, the default scenario at time scale
 * 60), sampling the server every 10 s: resident memory (/proc), open and closed chats (/metrics),
 * the log's size on disk. Prints the samples' summary as one JSON line: RSS after the first minute
 * and at the end, its slope against closed chats (MB per 1,000, least squares over the samples
 * after the first minute; about 0 when memory does not grow with history), the open chats, the
 * log size, and the load run's own figures and exit code. Duration: LIVE_SOAK_DURATION (default
 * 10m; `--quick`: 1m). Bounded: the load is killed at duration + 5 minutes.
 */
import { spawn } from "node:child_process"
import { existsSync, readFileSync, statSync } from "node:fs"
import { join } from "node:path"
import * as Result from "effect/Result"
import { readDuration } from "../input/duration.ts"
import { demoConfigFile } from "../live/demo.ts"
import { root, sleep, startServe, tempDir } from "./live-support.ts"

interface Sample {
  readonly atMs: number
  readonly rssMb: number
  readonly open: number
  readonly closed: number
}

const rssMbOf = (pid: number | undefined): number => {
  const kb = /VmRSS:\s+(\d+)/.exec(readFileSync(`/proc/${pid}/status`, "utf8"))?.[1]
  return Math.round((Number(kb ?? 0) / 1024) * 10) / 10
}

/** Sum of a metric's samples in Prometheus text (all label sets). */
const metricSum = (text: string, name: string): number =>
  text
    .split("\n")
    .filter((l) => l.startsWith(`${name}{`) || l.startsWith(`${name} `))
    .reduce((s, l) => s + Number(l.split(" ").at(-1)), 0)

/** Least-squares slope of y on x. */
const slope = (xs: ReadonlyArray<number>, ys: ReadonlyArray<number>): number => {
  const n = xs.length
  if (n < 2) return 0
  const mx = xs.reduce((a, b) => a + b, 0) / n
  const my = ys.reduce((a, b) => a + b, 0) / n
  let num = 0
  let den = 0
  for (let i = 0; i < n; i++) {
    num += (xs[i]! - mx) * (ys[i]! - my)
    den += (xs[i]! - mx) ** 2
  }
  return den === 0 ? 0 : num / den
}

const fileMb = (path: string): number => (existsSync(path) ? statSync(path).size / 1_048_576 : 0)

export const liveSoak = async (quick: boolean) => {
  const raw = process.env["LIVE_SOAK_DURATION"] ?? (quick ? "1m" : "10m")
  const read = readDuration(raw, ["LIVE_SOAK_DURATION"])
  if (Result.isFailure(read)) throw new Error(read.failure)
  const durationMs = read.success
  if (durationMs < 10_000) throw new Error(`LIVE_SOAK_DURATION: expected a duration of at least 10s, got "${raw}"`)
  const serve = await startServe(demoConfigFile())
  const dir = tempDir()
  const json = join(dir, "load.json")
  const samples: Array<Sample> = []
  const sample = async (): Promise<void> => {
    const metrics = await (await fetch(`${serve.url}/metrics`)).text()
    samples.push({
      atMs: performance.now(),
      rssMb: rssMbOf(serve.child.pid),
      open: metricSum(metrics, "livechat_chats_open"),
      closed: metricSum(metrics, "livechat_chats_closed_total")
    })
  }
  try {
    const t0 = performance.now()
    const load = spawn(
      process.execPath,
      [
        ...process.execArgv,
        join(root, "cli/main.ts"),
        "load",
        "scenarios/default.yaml",
        "--url",
        serve.url.replace("http", "ws"),
        "--duration",
        `${Math.round(durationMs / 1000)}s`,
        "--data",
        serve.dataDir,
        "--json",
        json,
        "--report",
        join(dir, "load.html")
      ],
      { cwd: root, stdio: ["ignore", "pipe", "pipe"], env: { ...process.env, CI: "true" } }
    )
    let output = ""
    load.stdout.on("data", (d: Buffer) => {
      output += d.toString()
    })
    load.stderr.on("data", (d: Buffer) => {
      output += d.toString()
    })
    const exited = new Promise<number | null>((resolve) => load.once("exit", (code) => resolve(code)))
    const guard = setTimeout(() => load.kill("SIGKILL"), durationMs + 300_000)
    let done = false
    void exited.then(() => {
      done = true
    })
    while (!done) {
      await sample()
      for (let i = 0; i < 100 && !done; i++) await sleep(100)
    }
    clearTimeout(guard)
    const code = await exited
    await sample()
    const steady = samples.filter((s) => s.atMs - t0 >= Math.min(60_000, durationMs / 4))
    const summary = existsSync(json) ? (JSON.parse(readFileSync(json, "utf8")) as Record<string, unknown>) : {}
    if (!existsSync(json))
      process.stderr.write(`live-soak: the load run wrote no summary (exit ${code}):\n${output.slice(-2_000)}\n`)
    const logMb = fileMb(join(serve.dataDir, "livechat.db")) + fileMb(join(serve.dataDir, "livechat.db-wal"))
    return {
      case: "live-soak",
      durationS: Math.round(durationMs / 1000),
      loadExit: code,
      chatsAttempted: summary["chatsAttempted"] ?? null,
      chatsCompleted: summary["chatsCompleted"] ?? null,
      chatsAbandoned: summary["chatsAbandoned"] ?? null,
      chatsClosedByServer: samples.at(-1)?.closed ?? null,
      lostMessages: summary["lostMessages"] ?? null,
      auditViolations: summary["auditViolations"] ?? null,
      openChatsMax: Math.max(...samples.map((s) => s.open)),
      openChatsEnd: samples.at(-1)?.open ?? null,
      serverRssAfterWarmupMb: steady[0]?.rssMb ?? null,
      serverRssEndMb: samples.at(-1)?.rssMb ?? null,
      serverRssMaxMb: Math.max(...samples.map((s) => s.rssMb)),
      rssMbPer1000ClosedChats:
        Math.round(
          1000 *
            slope(
              steady.map((s) => s.closed),
              steady.map((s) => s.rssMb)
            ) *
            1000
        ) / 1000,
      logMb: Math.round(logMb * 10) / 10,
      logKbPerClosedChat: samples.at(-1)?.closed
        ? Math.round(((logMb * 1024) / samples.at(-1)!.closed) * 10) / 10
        : null,
      samples: samples.length
    }
  } finally {
    await serve.stop()
  }
}
