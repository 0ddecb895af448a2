/**
 * The server secret that signs session tokens: 32 random bytes, generated once per data directory
 * and kept in `<data>/secret` (mode 0600), so tokens survive a restart on the same data directory.
 */
import { randomBytes } from "node:crypto"
import { existsSync, mkdirSync, readFileSync, writeFileSync } from "node:fs"
import { join } from "node:path"

export const loadOrCreateSecret = (dataDir: string): Buffer => {
  mkdirSync(dataDir, { recursive: true })
  const path = join(dataDir, "secret")
  if (existsSync(path)) {
    const hex = readFileSync(path, "utf8").trim()
    if (/^[0-9a-f]{64}$/.test(hex)) return Buffer.from(hex, "hex")
    throw new Error(`${path}: not a server secret (expected 64 hex characters); remove it to generate a new one`)
  }
  const secret = randomBytes(32)
  writeFileSync(path, secret.toString("hex") + "\n", { mode: 0o600, flag: "wx" })
  return secret
}
