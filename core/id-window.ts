/**
 * A map from numbers to records, for numbers handed out in increasing order and released roughly in
 * that order (pending offers, each ending within its timeout; the simulator's open chats). It keeps
 * the records of the numbers from the lowest live one to the highest in a ring buffer, so get, set
 * and delete are an index computation, with no hash table to grow and shrink as records come and
 * go; the buffer doubles when the window outgrows it, so its size follows the span from the oldest
 * live number to the newest (a record kept for long holds the window open behind it). Iteration is
 * in number order (which, for numbers handed out in increasing order, is insertion order, as a
 * `Map` would give). A number below the window moves the window down (correct, and rare: only
 * offers restored out of order).
 * Invariant: `low` is the lowest live number when `size > 0`; slots outside [low, high] are empty.
 */
export class IdWindow<V> implements Iterable<[number, V]> {
  private ring: Array<V | undefined> = new Array(16).fill(undefined)
  private low = 0
  private high = -1
  size = 0

  private slot(id: number): number {
    return id & (this.ring.length - 1)
  }

  has(id: number): boolean {
    return this.get(id) !== undefined
  }

  get(id: number): V | undefined {
    return id < this.low || id > this.high ? undefined : this.ring[this.slot(id)]
  }

  set(id: number, value: V): this {
    if (this.size === 0) {
      this.low = id
      this.high = id
    } else if (id < this.low) this.reshape(id, this.high)
    else if (id > this.high) this.reshape(this.low, id)
    if (this.ring[this.slot(id)] === undefined) this.size++
    this.ring[this.slot(id)] = value
    return this
  }

  delete(id: number): boolean {
    if (this.get(id) === undefined) return false
    this.ring[this.slot(id)] = undefined
    this.size--
    if (this.size === 0) {
      this.low = 0
      this.high = -1
    } else if (id === this.low) {
      while (this.ring[this.slot(this.low)] === undefined) this.low++
    } else if (id === this.high) {
      while (this.ring[this.slot(this.high)] === undefined) this.high--
    }
    return true
  }

  *values(): IterableIterator<V> {
    for (let id = this.low; id <= this.high; id++) {
      const v = this.ring[this.slot(id)]
      if (v !== undefined) yield v
    }
  }

  *entries(): IterableIterator<[number, V]> {
    for (let id = this.low; id <= this.high; id++) {
      const v = this.ring[this.slot(id)]
      if (v !== undefined) yield [id, v]
    }
  }

  [Symbol.iterator](): IterableIterator<[number, V]> {
    return this.entries()
  }

  /** Make the window [low, high], growing the ring (a power of two) when it does not fit. */
  private reshape(low: number, high: number): void {
    let n = this.ring.length
    while (high - low + 1 > n) n *= 2
    if (n !== this.ring.length) {
      const ring = new Array<V | undefined>(n).fill(undefined)
      for (let id = this.low; id <= this.high; id++) ring[id & (n - 1)] = this.ring[this.slot(id)]
      this.ring = ring
    }
    this.low = low
    this.high = high
  }
}
