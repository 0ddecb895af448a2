// A serve config whose template has a `<` or `>` outside a `<name>` placeholder is refused when it
// is loaded (core/config.ts `configProblems`, which the live config resolves through): exit 2, the
// template and the character named, no stack trace. (The scenario files of `run` have no templates.)
import { spawnSync } from "node:child_process"
import { writeFileSync } from "node:fs"
import { join } from "node:path"
import { describe, expect, it } from "vitest"
import { root } from "../support/cli.ts"
import { tempDir } from "./support.ts"

describe("serve config: templates", () => {
  it("a template with a stray > is refused at load with exit 2, naming the template and the character", () => {
    const dir = tempDir()
    const path = join(dir, "center.yaml")
    writeFileSync(
      path,
      [
        "queues: [{ id: support }]",
        "agents: [{ id: a1, password: pw-a1 }]",
        "templates:",
        '  greeting: "Hi there, 12 is > 1"',
        '  fine: "Hi <customerName>"',
        ""
      ].join("\n")
    )
    // a config that wrongly passes would start a server: the timeout ends it and the test fails
    const r = spawnSync(
      process.execPath,
      [join(root, "cli/main.ts"), "serve", "--port", "0", "--config", path, "--data", join(dir, "data")],
      {
        cwd: root,
        encoding: "utf8",
        timeout: 20_000,
        env: { ...process.env, CI: "true" }
      }
    )
    expect(r.status).toBe(2)
    expect(r.stderr).toContain('templates.greeting: stray ">" at character 17')
    expect(r.stderr).not.toContain("templates.fine")
    expect(r.stderr).not.toContain("    at ")
  })
})
