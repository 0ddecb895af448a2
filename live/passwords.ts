/**
 * Agent passwords: scrypt hashes (node:crypto) in the form `scrypt$N$r$p$<salt b64>$<hash b64>`,
 * verified in constant time. Plain passwords never leave this module except as a hash.
 */
import { randomBytes, scrypt, scryptSync, timingSafeEqual } from "node:crypto"

const N = 16_384
const R = 8
const P = 1
const KEY_BYTES = 32
const FORMAT = /^scrypt\$(\d+)\$(\d+)\$(\d+)\$([A-Za-z0-9+/=]+)\$([A-Za-z0-9+/=]+)$/

export const hashPassword = (password: string): string => {
  const salt = randomBytes(16)
  const hash = scryptSync(password, salt, KEY_BYTES, { N, r: R, p: P })
  return `scrypt$${N}$${R}$${P}$${salt.toString("base64")}$${hash.toString("base64")}`
}

export const isPasswordHash = (text: string): boolean => {
  const m = FORMAT.exec(text)
  return m !== null && Number(m[1]) >= 1024 && Number(m[1]) <= 1 << 20 && Number(m[2]) <= 32 && Number(m[3]) <= 16
}

/** Whether `password` matches `stored`, off the event loop (login requests must not stall the engine's thread). */
export const verifyPasswordAsync = (password: string, stored: string): Promise<boolean> =>
  new Promise((resolve) => {
    const m = FORMAT.exec(stored)
    if (m === null || !isPasswordHash(stored)) return resolve(false)
    const expected = Buffer.from(m[5]!, "base64")
    const options = { N: Number(m[1]), r: Number(m[2]), p: Number(m[3]), maxmem: 256 * 1024 * 1024 }
    scrypt(password, Buffer.from(m[4]!, "base64"), expected.length, options, (err, actual) => {
      resolve(err === null && actual.length === expected.length && timingSafeEqual(actual, expected))
    })
  })
