/**
 * One write per callback: the frames one callback (a commit's drain above all) sends to a socket
 * leave in one write. A socket is corked at its first send and every corked socket uncorked in a
 * microtask once the callback is done. ws has no cork of its own, so this corks the raw socket the
 * upgrade handed over (the Duplex given to `handleUpgrade`, which ws writes to).
 * Invariants: a socket is corked at most once per callback (an already corked one is left alone,
 * so ws's own cork/uncork pairs nest inside ours); every socket corked here is uncorked by the
 * next microtask; corking allocates nothing beyond the list slot.
 */
import type { Duplex } from "node:stream"
import { emptyKeepingStorage } from "../core/scratch-array.ts"

export class WriteCorker {
  private readonly corked: Array<Duplex> = []

  private readonly uncorkAll = (): void => {
    for (const s of this.corked) s.uncork()
    emptyKeepingStorage(this.corked)
  }

  /** Cork `socket` until the current callback is done (no-op when it already is corked). */
  cork(socket: Duplex): void {
    if (socket.writableCorked > 0) return
    socket.cork()
    if (this.corked.push(socket) === 1) queueMicrotask(this.uncorkAll)
  }
}
