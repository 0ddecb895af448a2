/**
 * The server secret that signs session tokens: 32 random bytes, generated once per data directory
 * and kept in `<data>/secret` (mode 0600), so tokens survive a restart on the same data directory.
 * Every failure (unreadable, unwritable, not a secret) is a DataDirError naming the file.
 */
import { randomBytes } from "node:crypto"
import { existsSync, mkdirSync, readFileSync, writeFileSync } from "node:fs"
import { join } from "node:path"
import { DataDirError, dataDirError } from "./data-errors.ts"

export const loadOrCreateSecret = (dataDir: string): Buffer => {
  try {
    mkdirSync(dataDir, { recursive: true })
  } catch (e) {
    throw dataDirError(dataDir, e, "create the data directory")
  }
  const path = join(dataDir, "secret")
  if (existsSync(path)) {
    let hex: string
    try {
      hex = readFileSync(path, "utf8").trim()
    } catch (e) {
      throw dataDirError(path, e, "read the token secret")
    }
    if (/^[0-9a-f]{64}$/.test(hex)) return Buffer.from(hex, "hex")
    throw new DataDirError(
      path,
      "not a server secret (expected 64 hex characters). Restore the file if it was changed by mistake; " +
        "or delete it and a new secret is made at the next start (every token issued so far then stops working)"
    )
  }
  const secret = randomBytes(32)
  try {
    writeFileSync(path, `${secret.toString("hex")}\n`, { mode: 0o600, flag: "wx" })
  } catch (e) {
    throw dataDirError(existsSync(dataDir) ? dataDir : path, e, "write the token secret")
  }
  return secret
}
