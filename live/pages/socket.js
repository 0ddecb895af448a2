// @ts-check
/**
 * `LiveSocket`, the pages' WebSocket: it says hello on every (re)connect, reconnects with backoff
 * (except after a close that reconnecting cannot help: logout, expired token), learns the
 * server's clock from `welcome`, and resends every unacknowledged frame with its ref after the
 * next `welcome` (the server's idempotency makes a resend safe: docs/protocol.md section 6).
 * Invariants: a frame with a ref is kept until its `ack` or `error`; a frame without one (typing,
 * directory, stats) is dropped while disconnected; only hello is sent before the `welcome`.
 */
import { learnServerTime } from "./clock.js"

/**
 * @typedef {{ type: string, [k: string]: any }} Frame
 * @typedef {"connecting" | "open" | "reconnecting" | "closed"} SocketStatus
 */

/**
 * Close codes after which reconnecting cannot help (1000 logout, 4001 token expired).
 * Every other close (1001 shutdown, 1006 drop, 4008, 4013) reconnects with backoff.
 */
const FINAL_CLOSES = new Set([1000, 4001])

/**
 * A WebSocket that says hello on every (re)connect, reconnects with backoff, and resends every
 * frame that carries a ref and was not yet answered by `ack`/`error`, after the next `welcome`.
 */
export class LiveSocket {
  /**
   * @param {{ url: string, hello: () => Frame, onFrame: (f: Frame) => void, onStatus: (s: SocketStatus, detail: string) => void }} o
   */
  constructor(o) {
    this.o = o
    /** @type {WebSocket | undefined} */
    this.ws = undefined
    this.ready = false
    this.stopped = false
    this.attempt = 0
    /** @type {Map<string, Frame>} frames with a ref not yet answered, in send order */
    this.pending = new Map()
    /** @type {ReturnType<typeof setTimeout> | undefined} */
    this.retry = undefined
    this.connect()
  }

  connect() {
    this.o.onStatus(this.attempt === 0 ? "connecting" : "reconnecting", "")
    const wsUrl = new URL(this.o.url, location.href)
    wsUrl.protocol = location.protocol === "https:" ? "wss:" : "ws:"
    const ws = new WebSocket(wsUrl.href)
    this.ws = ws
    ws.addEventListener("open", () => ws.send(JSON.stringify(this.o.hello())))
    ws.addEventListener("message", (e) => {
      /** @type {Frame} */
      let f
      try {
        f = JSON.parse(String(e.data))
      } catch {
        return
      }
      if (f.type === "welcome") {
        this.ready = true
        this.attempt = 0
        if (typeof f["serverTimeMs"] === "number") learnServerTime(f["serverTimeMs"])
        this.o.onStatus("open", "")
        this.o.onFrame(f)
        for (const frame of this.pending.values()) ws.send(JSON.stringify(frame))
        return
      }
      if ((f.type === "ack" || f.type === "error") && typeof f["ref"] === "string") this.pending.delete(f["ref"])
      this.o.onFrame(f)
    })
    ws.addEventListener("close", (e) => {
      if (this.ws !== ws) return
      this.ready = false
      if (this.stopped || FINAL_CLOSES.has(e.code)) {
        this.stopped = true
        this.o.onStatus(
          "closed",
          e.code === 4001 ? "your session expired: log in again" : e.reason || `closed (${e.code})`
        )
        return
      }
      this.attempt++
      const delay = Math.min(8000, 250 * 2 ** Math.min(this.attempt, 6))
      this.o.onStatus("reconnecting", `connection lost (${e.code}); retrying in ${Math.round(delay / 100) / 10} s`)
      this.retry = setTimeout(() => this.connect(), delay)
    })
  }

  /**
   * Send a frame now if connected; a frame with a ref is also kept until answered and resent after
   * a reconnect. A frame without a ref (typing, directory, stats) is dropped while disconnected.
   * @param {Frame} frame
   */
  send(frame) {
    if (typeof frame["ref"] === "string") this.pending.set(frame["ref"], frame)
    if (this.ready && this.ws !== undefined && this.ws.readyState === WebSocket.OPEN)
      this.ws.send(JSON.stringify(frame))
  }

  /** Drop the connection as a network failure would (reconnects and resumes). */
  drop() {
    if (this.ws !== undefined && this.ws.readyState <= WebSocket.OPEN) this.ws.close(4000, "dropped by the page")
  }

  /** Close for good (no reconnect). */
  stop() {
    this.stopped = true
    if (this.retry !== undefined) clearTimeout(this.retry)
    this.ws?.close(1000, "bye")
  }
}
