// Runs the livechat-sim command in a child process (CI=true, so no progress bar) and returns its
// exit code and output, whatever the code.
import { execFileSync } from "node:child_process"
import { join, resolve } from "node:path"

export const root = resolve(import.meta.dirname, "../..")

export interface CliResult { readonly code: number; readonly stdout: string; readonly stderr: string }

export const cli = (args: ReadonlyArray<string>): CliResult => {
  try {
    const stdout = execFileSync(process.execPath, [join(root, "cli/main.ts"), ...args], {
      cwd: root, encoding: "utf8", stdio: ["ignore", "pipe", "pipe"], env: { ...process.env, CI: "true" }
    })
    return { code: 0, stdout, stderr: "" }
  } catch (e) {
    const err = e as { status: number; stdout: string; stderr: string }
    return { code: err.status, stdout: err.stdout, stderr: err.stderr }
  }
}
