/**
 * `npm run bench`: every case in its own process, one JSON line each. The bare M/M/c+M loop runs
 * in the same run as the side-by-side reference; `staff` on the intraday-peak day is timed end to
 * end; the live cases (relay vs a bare ws relay, time to offer, concurrent connections, and the
 * soak: load against serve for LIVE_SOAK_DURATION, default 10 minutes, 1 with --quick) follow
 * (`--no-live` skips them). `--only NAME` runs one case (e.g. `npm run bench -- --only live-soak`).
 * The JSON lines go to stdout; after the simulator cases, the table of speed and memory targets
 * (bench/targets.ts, each rate against the bare loop of this run) goes to stderr. No test depends
 * on timing. Every child runs with this process's Node flags (`npm run bench` passes the heap
 * flag the `livechat-sim` command runs with, so the cases measure what `run` does).
 */
import { execFileSync } from "node:child_process"
import { fileURLToPath } from "node:url"
import type { CaseLine } from "./targets.ts"
import { formatTargets, judgeTargets } from "./targets.ts"

const caseScript = fileURLToPath(new URL("./case.ts", import.meta.url))
const quick = process.argv.includes("--quick")
const onlyAt = process.argv.indexOf("--only")
const only = onlyAt >= 0 ? process.argv[onlyAt + 1] : undefined
const LIVE = ["live-relay", "live-offer", "live-connections", "live-soak"]
const STAFF = "staff-intraday-peak"
const allCases: ReadonlyArray<readonly [string, number]> = [
  ["bare-loop", 1_000_000],
  ["erlang-audit-off", quick ? 100_000 : 1_000_000],
  ["erlang-audit-on", quick ? 100_000 : 1_000_000],
  ["default", 0],
  ...(quick ? [] : [["enterprise", 0] as const, ["enterprise-tenth", 0] as const]),
  ["memory", 1_000_000],
  ["engine-share", quick ? 100_000 : 300_000],
  ...(quick ? [] : [["memory", 10_000_000] as const])
]
const known = [...new Set([...allCases.map(([n]) => n), STAFF, ...LIVE])]
if (only !== undefined && !known.includes(only)) {
  console.error(`--only: unknown case "${only}"; expected one of ${known.join(", ")}`)
  process.exit(2)
}
const cases = allCases.filter(([n]) => only === undefined || n === only)

const lines: Array<CaseLine> = []
for (const [name, chats] of cases) {
  const out = execFileSync(process.execPath, [...process.execArgv, caseScript, name, String(chats)], {
    encoding: "utf8",
    maxBuffer: 1 << 20
  })
  process.stdout.write(out)
  lines.push(JSON.parse(out) as CaseLine)
}
if (cases.length > 0) process.stderr.write(`\n${formatTargets(judgeTargets(lines))}\n\n`)

// staffing a whole day as a planner runs it (bench/staff-case.ts)
if (only === undefined || only === STAFF) {
  process.stdout.write(
    execFileSync(process.execPath, [...process.execArgv, fileURLToPath(new URL("./staff-case.ts", import.meta.url))], {
      encoding: "utf8"
    })
  )
}

// live cases (bench/live-case.ts): the server in a child process, bounded, one JSON line each; the
// soft open-file limit is raised to the hard one first (the connection count needs 10,000 fds)
const liveScript = fileURLToPath(new URL("./live-case.ts", import.meta.url))
const raiseFdLimit = 'ulimit -n "$(ulimit -Hn)" 2>/dev/null; exec "$0" "$@"'
for (const name of process.argv.includes("--no-live") ? [] : LIVE.filter((n) => only === undefined || n === only)) {
  const out = execFileSync(
    "/bin/sh",
    ["-c", raiseFdLimit, process.execPath, ...process.execArgv, liveScript, name, ...(quick ? ["--quick"] : [])],
    { encoding: "utf8", maxBuffer: 1 << 20 }
  )
  process.stdout.write(out)
}
