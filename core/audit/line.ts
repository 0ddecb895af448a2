/**
 * Containers for the auditor's own view, written independently of the engine's waiting line:
 * `SortedLine` (a queue's waiting chats, best first, by a `before` predicate), `MinHeap` (deadlines
 * that differ per item: patience, max wait) and `Fifo` (deadlines that grow with time: offers,
 * auto wrap-up). No invariant lives here; the checks use them to stay incremental.
 */

/** Items kept sorted by `before(a, b)` (true when `a` goes first); ties must not occur. */
export class SortedLine<T> {
  readonly items: Array<T> = []
  readonly before: (a: T, b: T) => boolean

  constructor(before: (a: T, b: T) => boolean) {
    this.before = before
  }

  add(x: T): void {
    let lo = 0
    let hi = this.items.length
    while (lo < hi) {
      const mid = (lo + hi) >>> 1
      if (this.before(x, this.items[mid]!)) hi = mid
      else lo = mid + 1
    }
    if (lo === this.items.length) this.items.push(x)
    else this.items.splice(lo, 0, x)
  }

  delete(x: T): boolean {
    let lo = 0
    let hi = this.items.length
    while (lo < hi) {
      const mid = (lo + hi) >>> 1
      if (this.before(this.items[mid]!, x)) lo = mid + 1
      else hi = mid
    }
    const i = this.items[lo] === x ? lo : this.items.indexOf(x)
    if (i < 0) return false
    if (i === 0) this.items.shift()
    else this.items.splice(i, 1)
    return true
  }
}

/** A binary min-heap on a numeric key. */
export class MinHeap<T> {
  private readonly keys: Array<number> = []
  private readonly values: Array<T> = []

  get size(): number {
    return this.keys.length
  }

  push(key: number, value: T): void {
    const keys = this.keys
    const values = this.values
    let i = keys.length
    keys.push(key)
    values.push(value)
    while (i > 0) {
      const parent = (i - 1) >>> 1
      if (keys[parent]! <= key) break
      keys[i] = keys[parent]!
      values[i] = values[parent]!
      i = parent
    }
    keys[i] = key
    values[i] = value
  }

  peekKey(): number | undefined {
    return this.keys[0]
  }

  peek(): T | undefined {
    return this.values[0]
  }

  pop(): void {
    const keys = this.keys
    const values = this.values
    const lastKey = keys.pop()!
    const lastValue = values.pop()!
    const n = keys.length
    if (n === 0) return
    let i = 0
    for (;;) {
      const l = 2 * i + 1
      if (l >= n) break
      const r = l + 1
      const c = r < n && keys[r]! < keys[l]! ? r : l
      if (keys[c]! >= lastKey) break
      keys[i] = keys[c]!
      values[i] = values[c]!
      i = c
    }
    keys[i] = lastKey
    values[i] = lastValue
  }
}

/** A first-in first-out list with O(1) amortised removal from the front. */
export class Fifo<T> {
  private items: Array<T> = []
  private head = 0

  push(x: T): void {
    this.items.push(x)
  }

  peek(): T | undefined {
    return this.items[this.head]
  }

  shift(): void {
    this.head++
    if (this.head >= 1024 && this.head * 2 >= this.items.length) {
      this.items = this.items.slice(this.head)
      this.head = 0
    }
  }
}
