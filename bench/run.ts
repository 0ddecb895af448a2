/**
 * `npm run bench`: every case in its own process, one JSON line each. The bare M/M/c+M loop runs
 * in the same run as the side-by-side reference; `staff` on the intraday-peak day is timed end to
 * end; the live cases (relay vs a bare ws relay, time to
 * offer, concurrent connections) follow (`--no-live` skips them). Targets are
 * read against these lines in the README; no test depends on timing.
 */
import { execFileSync } from "node:child_process"
import { fileURLToPath } from "node:url"

const caseScript = fileURLToPath(new URL("./case.ts", import.meta.url))
const quick = process.argv.includes("--quick")
const cases: ReadonlyArray<readonly [string, number]> = [
  ["bare-loop", 1_000_000],
  ["erlang-audit-off", quick ? 100_000 : 1_000_000],
  ["erlang-audit-on", quick ? 100_000 : 1_000_000],
  ["default", 0],
  ["memory", 1_000_000],
  ...(quick ? [] : [["memory", 10_000_000] as const])
]

for (const [name, chats] of cases) {
  const out = execFileSync(process.execPath, [caseScript, name, String(chats)], { encoding: "utf8", maxBuffer: 1 << 20 })
  process.stdout.write(out)
}

// staffing a whole day as a planner runs it (bench/staff-case.ts)
process.stdout.write(execFileSync(process.execPath, [fileURLToPath(new URL("./staff-case.ts", import.meta.url))], { encoding: "utf8" }))

// live cases (bench/live-case.ts): the server in a child process, bounded, one JSON line each; the
// soft open-file limit is raised to the hard one first (the connection count needs 10,000 fds)
const liveScript = fileURLToPath(new URL("./live-case.ts", import.meta.url))
const raiseFdLimit = 'ulimit -n "$(ulimit -Hn)" 2>/dev/null; exec "$0" "$@"'
for (const name of process.argv.includes("--no-live") ? [] : ["live-relay", "live-offer", "live-connections"]) {
  const out = execFileSync("/bin/sh", ["-c", raiseFdLimit, process.execPath, liveScript, name], { encoding: "utf8", maxBuffer: 1 << 20 })
  process.stdout.write(out)
}
