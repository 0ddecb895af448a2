/**
 * The staffing benchmark: `livechat-sim staff` on the bundled intraday-peak day with its default
 * settings (whole-day search, two staffing groups, the scenario's 10 replications per candidate,
 * verification audited, worker threads on every core), timed end to end in a child process like a
 * planner runs it. One JSON line: wall seconds, simulated days, cores. Target: under 120 s on 2 cores.
 */
import { execFileSync } from "node:child_process"
import { mkdtempSync, readFileSync } from "node:fs"
import { availableParallelism, tmpdir } from "node:os"
import { join } from "node:path"
import { fileURLToPath } from "node:url"

const main = fileURLToPath(new URL("../cli/main.ts", import.meta.url))
const dir = mkdtempSync(join(tmpdir(), "livechat-sim-bench-staff-"))
const json = join(dir, "staff.json")
const t0 = performance.now()
execFileSync(
  process.execPath,
  [
    ...process.execArgv,
    main,
    "staff",
    "scenarios/intraday-peak.yaml",
    "--target",
    "serviceLevel.20s>=0.8",
    "--target",
    "abandonRate<=0.05",
    "--json",
    json,
    "--report",
    join(dir, "staff.html")
  ],
  { stdio: ["ignore", "ignore", "inherit"], env: { ...process.env, CI: "true" } }
)
const seconds = (performance.now() - t0) / 1000
const s = JSON.parse(readFileSync(json, "utf8")) as { simulations: number; periods: ReadonlyArray<unknown> }
console.log(
  JSON.stringify({
    case: "staff-intraday-peak",
    seconds: Number(seconds.toFixed(1)),
    simulatedDays: s.simulations,
    intervals: s.periods.length,
    cores: availableParallelism(),
    targetSeconds: 120
  })
)
