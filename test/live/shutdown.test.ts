// Stopping `serve` with a signal: SIGTERM and SIGINT drain the server (connections closed 1001,
// staged inputs committed, the log closed) and the process exits 0; 130 would say it was cut short.
import type { ChildProcess } from "node:child_process"
import { writeFileSync } from "node:fs"
import { join } from "node:path"
import { describe, expect, it } from "vitest"
import { stringify } from "yaml"
import { Client, login, serveChild, tempDir, testConfigFile, type } from "./support.ts"

const exitOf = (child: ChildProcess): Promise<{ code: number | null; signal: NodeJS.Signals | null }> =>
  new Promise((resolve) => {
    if (child.exitCode !== null || child.signalCode !== null)
      return resolve({ code: child.exitCode, signal: child.signalCode })
    child.once("exit", (code, signal) => resolve({ code, signal }))
  })

describe("serve stops cleanly on a signal", () => {
  for (const signal of ["SIGTERM", "SIGINT"] as const) {
    it(`${signal}: drained, connections told 1001, exit 0`, async () => {
      const dir = tempDir()
      const configPath = join(dir, "center.yaml")
      writeFileSync(configPath, stringify(testConfigFile()))
      const { child, base } = await serveChild(configPath, join(dir, "data"))
      const agent = await Client.open(base, "agent", await login(base, "a1"))
      agent.send({ type: "hello" })
      await agent.next(type("welcome"))
      const exited = exitOf(child)
      child.kill(signal)
      expect((await agent.waitClose()).code).toBe(1001)
      expect(await exited).toEqual({ code: 0, signal: null })
    }, 60_000)
  }
})
