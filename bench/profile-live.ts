/**
 * `npm run profile:live [-- --duration 20s]`: Clinic Doctor on the live server under the load
 * driver. Starts `clinic doctor --on-port '<load driver>' -- node cli/main.ts serve --port 0` on a
 * temp data directory (demo center) with NO_INSIGHT=1 (without it clinic waits on a consent
 * prompt and exits 0 having done nothing), runs the driver for a bounded time once the server
 * listens, and clinic stops the server when the driver exits and writes its HTML report under
 * reports/out/clinic/. Without clinic installed it says so and exits 2. Bounded: killed after
 * duration + 3 minutes.
 */
import { spawn } from "node:child_process"
import { existsSync, mkdtempSync } from "node:fs"
import { tmpdir } from "node:os"
import { join } from "node:path"
import { fileURLToPath } from "node:url"

const root = fileURLToPath(new URL("..", import.meta.url))
const clinic = join(root, "node_modules/.bin/clinic")
const arg = (name: string, fallback: string): string => {
  const i = process.argv.indexOf(`--${name}`)
  return i >= 0 ? (process.argv[i + 1] ?? fallback) : fallback
}
const duration = arg("duration", "20s")
if (!/^\d+(s|m)$/.test(duration)) {
  console.error(`--duration: expected e.g. 20s or 1m, got "${duration}"`)
  process.exit(2)
}
if (!existsSync(clinic)) {
  console.error("clinic is not installed (npm install --save-dev --save-exact clinic); nothing to profile")
  process.exit(2)
}
const data = mkdtempSync(join(tmpdir(), "livechat-profile-"))
const node = process.execPath
const main = join(root, "cli/main.ts")
const load = `${node} ${main} load --url ws://127.0.0.1:$PORT --duration ${duration} --drain 20s --data ${data} --json reports/out/profile-load.json --report reports/out/profile-load.html`
const child = spawn(
  clinic,
  [
    "doctor",
    "--open=false",
    "--dest",
    "reports/out/clinic",
    "--on-port",
    load,
    "--",
    node,
    main,
    "serve",
    "--port",
    "0",
    "--data",
    data
  ],
  {
    cwd: root,
    stdio: ["ignore", "inherit", "inherit"],
    env: { ...process.env, NO_INSIGHT: "1", CI: "true" }
  }
)
const seconds = Number(duration.slice(0, -1)) * (duration.endsWith("m") ? 60 : 1)
const guard = setTimeout(
  () => {
    console.error("profile:live: over its time limit; stopping clinic")
    child.kill("SIGINT")
  },
  (seconds + 180) * 1000
)
child.on("exit", (code) => {
  clearTimeout(guard)
  console.log(
    `profile:live: clinic exited ${code}; report under reports/out/clinic/, load summary reports/out/profile-load.json`
  )
  process.exit(code ?? 1)
})
