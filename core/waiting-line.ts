/**
 * A queue's waiting line: chats ordered by rank (chat priority, front-of-line flag, enqueue time,
 * chat id). Kept sorted in an array so the head is O(1) and a scan for the first chat an agent may
 * take walks from the best chat down. Ranks are unique (open chat ids are, and break every tie).
 */
import { emptyRecords } from "./array-kinds.ts"
import { compareIds } from "./ids.ts"

export interface Ranked {
  readonly id: string
  readonly priority: number
  readonly front: boolean
  readonly enqueuedAtMs: number
}

/** Negative when `a` goes before `b`. */
export const compareRank = (a: Ranked, b: Ranked): number => {
  if (a.priority !== b.priority) return b.priority - a.priority
  if (a.front !== b.front) return a.front ? -1 : 1
  if (a.enqueuedAtMs !== b.enqueuedAtMs) return a.enqueuedAtMs - b.enqueuedAtMs
  return compareIds(a.id, b.id)
}

export class WaitingLine<T extends Ranked> {
  readonly items: Array<T> = emptyRecords()

  get size(): number {
    return this.items.length
  }

  /** Index of the first item that ranks after `x` (or equal). */
  private lowerBound(x: T): number {
    let lo = 0
    let hi = this.items.length
    while (lo < hi) {
      const mid = (lo + hi) >>> 1
      if (compareRank(this.items[mid]!, x) < 0) lo = mid + 1
      else hi = mid
    }
    return lo
  }

  insert(x: T): void {
    const i = this.lowerBound(x)
    if (i === this.items.length) this.items.push(x)
    else this.items.splice(i, 0, x)
  }

  remove(x: T): boolean {
    const i = this.lowerBound(x)
    if (this.items[i] !== x) return false
    if (i === 0) this.items.shift()
    else this.items.splice(i, 1)
    return true
  }
}
