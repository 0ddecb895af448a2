// Runs the livechat-sim command in a child process (CI=true, so no progress bar) and returns its
// exit code and output, whatever the code. `env` sets variables over this process's, or unsets
// those given as undefined.
import { spawnSync } from "node:child_process"
import { join, resolve } from "node:path"

export const root = resolve(import.meta.dirname, "../..")

export interface CliResult {
  readonly code: number
  readonly stdout: string
  readonly stderr: string
}

export const cli = (args: ReadonlyArray<string>, env: Record<string, string | undefined> = {}): CliResult => {
  const merged = Object.entries({ ...process.env, CI: "true", ...env }).filter(([, v]) => v !== undefined)
  const r = spawnSync(process.execPath, [join(root, "cli/main.ts"), ...args], {
    cwd: root,
    encoding: "utf8",
    stdio: ["ignore", "pipe", "pipe"],
    env: Object.fromEntries(merged),
    maxBuffer: 64 * 1024 * 1024
  })
  return { code: r.status ?? -1, stdout: r.stdout, stderr: r.stderr }
}
