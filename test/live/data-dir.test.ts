// A damaged or unusable data directory: `serve` prints what is wrong with which file and what to do,
// and exits 2 (never a stack trace, never 1, which means an invariant was violated). An edited or
// deleted log row breaks the hash chain: refused with the first bad row named, unless
// --accept-log-damage is given (forensics).

import type { ChildProcess } from "node:child_process"
import { execFileSync, spawn, spawnSync } from "node:child_process"
import { chmodSync, closeSync, mkdirSync, openSync, statSync, truncateSync, writeFileSync } from "node:fs"
import { join } from "node:path"
import { DatabaseSync } from "node:sqlite"
import { afterAll, describe, expect, it } from "vitest"
import { stringify } from "yaml"
import { root } from "../support/cli.ts"
import { kill9, serveChild, startChat, startTestServer, tempDir, testConfig, testConfigFile } from "./support.ts"

const children: Array<ChildProcess> = []
afterAll(async () => {
  for (const c of children) await kill9(c)
})

const configPath = (): string => {
  const path = join(tempDir(), "center.yaml")
  writeFileSync(path, stringify(testConfigFile()))
  return path
}

/** A data directory with a real log of a few chats (written by an in-process server). */
const realDataDir = async (chats = 3): Promise<string> => {
  const dir = join(tempDir(), "data")
  const server = await startTestServer(testConfig(), dir)
  for (let i = 0; i < chats; i++) await startChat(server.url, "billing", `Chat ${i}`)
  await server.close()
  return dir
}

/** `serve` on `dataDir`, in a child process, at most 20 s (a server that starts is killed and shows as code null). */
const serveOn = (dataDir: string): { code: number | null; stderr: string } => {
  const r = spawnSync(
    process.execPath,
    [join(root, "cli/main.ts"), "serve", "--port", "0", "--config", configPath(), "--data", dataDir],
    {
      cwd: root,
      encoding: "utf8",
      timeout: 20_000,
      env: { ...process.env, CI: "true" }
    }
  )
  return { code: r.status, stderr: `${r.stderr}${r.stdout}` }
}

const expectRefused = (r: { code: number | null; stderr: string }, file: string, words: RegExp): void => {
  expect(r.code, r.stderr).toBe(2)
  expect(r.stderr).toContain(file)
  expect(r.stderr).toMatch(words)
  expect(r.stderr).not.toMatch(/\n\s+at /)
}

const undo: Array<() => void> = []
afterAll(() => {
  for (const f of undo.splice(0)) f()
})

/** Make a path unwritable even for root (chattr +i), else by mode; false when it stays writable. */
const readOnly = (path: string): boolean => {
  const isDir = statSync(path).isDirectory()
  try {
    execFileSync("chattr", ["+i", path], { stdio: "ignore" })
    undo.push(() => execFileSync("chattr", ["-i", path], { stdio: "ignore" }))
  } catch {
    chmodSync(path, isDir ? 0o555 : 0o444)
  }
  try {
    closeSync(openSync(isDir ? join(path, ".probe") : path, "a"))
    return false
  } catch {
    return true
  }
}

describe("serve on a damaged or unusable data directory", () => {
  it("a file that is not a database: exit 2 naming it", () => {
    const dir = join(tempDir(), "data")
    mkdirSync(dir)
    writeFileSync(join(dir, "livechat.db"), Buffer.alloc(8192, 0x5a))
    expectRefused(serveOn(dir), join(dir, "livechat.db"), /damaged|not a .*database/)
  })

  it("a truncated database: exit 2 naming it", async () => {
    const dir = await realDataDir(40)
    const db = join(dir, "livechat.db")
    truncateSync(db, Math.floor(statSync(db).size / 2))
    expectRefused(serveOn(dir), db, /damaged|malformed|missing|truncated/)
  })

  it("a garbage secret: exit 2 naming it and saying what to do", () => {
    const dir = join(tempDir(), "data")
    mkdirSync(dir)
    writeFileSync(join(dir, "secret"), "not a secret\n")
    expectRefused(serveOn(dir), join(dir, "secret"), /64 hex/)
  })

  it("a read-only data directory: exit 2 naming it", (ctx) => {
    const dir = join(tempDir(), "data")
    mkdirSync(dir)
    if (!readOnly(dir)) return ctx.skip()
    expectRefused(serveOn(dir), dir, /read-only|permission/)
  })

  it("a read-only database: exit 2 naming it", async (ctx) => {
    const dir = await realDataDir()
    const db = join(dir, "livechat.db")
    if (!readOnly(db)) return ctx.skip()
    expectRefused(serveOn(dir), db, /read-only|permission/)
  })

  it("an edited row or a deleted row breaks the hash chain: refused, the first bad row named", async () => {
    const edited = await realDataDir()
    let db = new DatabaseSync(join(edited, "livechat.db"))
    db.prepare("UPDATE inputs SET command = replace(command, 'Chat 1', 'Chat X') WHERE seq = 2").run()
    db.close()
    expectRefused(serveOn(edited), join(edited, "livechat.db"), /input 2\b/)

    const deleted = await realDataDir()
    db = new DatabaseSync(join(deleted, "livechat.db"))
    db.prepare("DELETE FROM inputs WHERE seq = 2").run()
    db.close()
    expectRefused(serveOn(deleted), join(deleted, "livechat.db"), /input 2\b/)

    const tail = await realDataDir()
    db = new DatabaseSync(join(tail, "livechat.db"))
    db.prepare("DELETE FROM inputs WHERE seq = (SELECT MAX(seq) FROM inputs)").run()
    db.close()
    expectRefused(serveOn(tail), join(tail, "livechat.db"), /input 3\b/)

    // forensics: start anyway, with the damage named in a warning
    const path = configPath()
    const s = await serveChild(path, edited).catch((e: Error) => ({ error: e.message }))
    expect("error" in s).toBe(true)
    const child = spawn(
      process.execPath,
      [join(root, "cli/main.ts"), "serve", "--port", "0", "--config", path, "--data", edited, "--accept-log-damage"],
      { stdio: ["ignore", "pipe", "pipe"] }
    )
    children.push(child)
    let out = ""
    child.stdout.on("data", (d: Buffer) => {
      out += d.toString()
    })
    child.stderr.on("data", (d: Buffer) => {
      out += d.toString()
    })
    // the banner comes line by line, the warning last: wait for it, not only for the first line
    for (let i = 0; i < 300 && !/warning: .*input 2\b/.test(out) && child.exitCode === null; i++)
      await new Promise((r) => setTimeout(r, 100))
    expect(out).toMatch(/listening on/)
    expect(out).toMatch(/warning: .*input 2\b/)
  }, 60_000)
})
