/**
 * A virtual person's connection that survives the server going away, as the protocol allows: on an
 * unexpected close it reconnects with backoff (100 ms doubling to 2 s) for up to the run's
 * reconnect window, says hello again (the owner builds the hello: last seq, resume), and after the
 * next `welcome` (`resendUnanswered`) sends again every frame with a ref not yet answered (the
 * server's idempotency makes that safe). A refused upgrade (HTTP 401) may get a fresh token first.
 * Invariants: at most one reconnect loop at a time; nothing is sent while closed (frames with a ref
 * wait for the next welcome); `lost` is called once, only when the window ran out.
 */
import type { RunContext } from "./context.ts"
import type { Frame, Socket } from "./net.ts"
import { openSocket } from "./net.ts"

export interface LinkOwner {
  /** The WebSocket URL, with the current token. */
  readonly url: () => string
  readonly local: string | undefined
  readonly hello: () => Record<string, unknown>
  readonly onFrame: (f: Frame) => void
  /** The window ran out: the server stayed away. */
  readonly lost: () => void
  /** The upgrade was refused with 401: get a new token (agents log in again). */
  readonly renew?: () => Promise<void>
}

export class Link {
  private socket: Socket | undefined
  private closing = false
  private reconnecting = false
  /** Frames with a ref not yet answered, in the order sent. */
  private readonly unanswered = new Map<string, Record<string, unknown>>()
  private readonly ctx: RunContext
  private readonly owner: LinkOwner

  constructor(ctx: RunContext, owner: LinkOwner) {
    this.ctx = ctx
    this.owner = owner
  }

  get isOpen(): boolean {
    return this.socket?.isOpen() === true
  }

  /** Connect and say hello; resolves with the connect time, rejects if the server cannot be reached. */
  async open(): Promise<number> {
    const { socket, connectMs } = await openSocket(this.owner.url(), this.owner.local, {
      onFrame: (f) => this.owner.onFrame(f),
      onClose: () => {
        this.socket = undefined
        if (this.closing || this.ctx.stopped) return
        this.ctx.metrics.counts.unexpectedCloses++
        void this.reconnect()
      }
    })
    this.socket = socket
    socket.send(this.owner.hello())
    return connectMs
  }

  /** Try again with backoff for up to the reconnect window; `lost` when it runs out. */
  async reconnect(): Promise<void> {
    if (this.reconnecting) return
    this.reconnecting = true
    const until = performance.now() + this.ctx.options.reconnectWindowMs
    try {
      for (let delayMs = 100; performance.now() < until; delayMs = Math.min(2_000, delayMs * 2)) {
        await new Promise((r) => setTimeout(r, delayMs))
        if (this.closing || this.ctx.stopped) return
        try {
          await this.open()
          this.ctx.metrics.counts.reconnects++
          return
        } catch (e) {
          if (/HTTP 401/.test((e as Error).message)) await this.owner.renew?.().catch(() => {})
        }
      }
      if (!this.closing && !this.ctx.stopped) this.owner.lost()
    } finally {
      this.reconnecting = false
    }
  }

  /** Send now if connected; a frame with a ref is kept until `answered` and resent after a reconnect. */
  send(frame: Record<string, unknown>): void {
    if (typeof frame["ref"] === "string") this.unanswered.set(frame["ref"], frame)
    if (this.socket?.isOpen() === true) this.socket.send(frame)
  }

  /** Send without keeping it (frames that must not be resent: a logout at teardown). */
  sendOnce(frame: Record<string, unknown>): void {
    if (this.socket?.isOpen() === true) this.socket.send(frame)
  }

  answered(ref: string): void {
    this.unanswered.delete(ref)
  }

  /** After a `welcome`: what was sent and not answered goes again, with its ref. */
  resendUnanswered(): void {
    for (const frame of this.unanswered.values()) this.socket?.send(frame)
  }

  /** Teardown: no reconnect; close now, or after `afterMs`. */
  close(afterMs = 0): void {
    this.closing = true
    const s = this.socket
    if (afterMs === 0) s?.close()
    else setTimeout(() => s?.close(), afterMs).unref()
  }
}
