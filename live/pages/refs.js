// @ts-check
/**
 * Ids a page makes up: frame refs (each frame's idempotency key, docs/protocol.md section 6) and
 * UUID-shaped idempotency keys for a chat start.
 * Invariant: a ref is never reused within a page's life (a random part per page, then a counter),
 * so a resent frame is recognized as the same frame and a new one never as an old one.
 */

/** @param {number} bytes */
const randomHex = (bytes) =>
  [...crypto.getRandomValues(new Uint8Array(bytes))].map((b) => b.toString(16).padStart(2, "0")).join("")

/** A random UUID-shaped key (crypto.randomUUID needs a secure context; this does not). */
export const uuid = () => {
  const x = randomHex(16)
  return `${x.slice(0, 8)}-${x.slice(8, 12)}-4${x.slice(13, 16)}-a${x.slice(17, 20)}-${x.slice(20, 32)}`
}

let refCounter = 0
const refPrefix = randomHex(4)
/**
 * A fresh frame ref (the frame's idempotency key): prefix, this page's random part, a counter.
 * @param {string} kind
 */
export const newRef = (kind) => `${kind}-${refPrefix}-${++refCounter}`
