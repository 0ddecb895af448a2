/**
 * A binary min-heap of (atMs, seq, item) in parallel typed arrays, ordered by atMs then seq: the one
 * heap under the simulator's kernel (sim/run/kernel.ts) and the timer table (timer-table.ts).
 * `item` is a small integer the owner maps to its record (a slot in its own pool). Comparing and
 * moving entries touches only the typed arrays, never the records, so a sift over a large heap
 * stays in a few contiguous blocks of memory instead of chasing one object per level. The heap
 * knows each item's index, so an owner can take out any entry (`remove`), not only the earliest
 * (the timer table does, at each cancel; the kernel, which cancels few, does not).
 * Invariants: every parent is (atMs, seq)-before its children; seq values are distinct; an item
 * is in the heap at most once, and while it is, `at[item]` is its index.
 */
export class TimeHeap {
  private atMs = new Float64Array(64)
  private seqs = new Float64Array(64)
  private items = new Int32Array(64)
  /** Heap index by item (valid while the item is in the heap). */
  private at = new Int32Array(64)
  size = 0

  /** The earliest entry's time, item and seq; read only when `size > 0`. */
  get topAtMs(): number {
    return this.atMs[0]!
  }
  get topSeq(): number {
    return this.seqs[0]!
  }
  get topItem(): number {
    return this.items[0]!
  }

  push(atMs: number, seq: number, item: number): void {
    if (this.size === this.items.length) this.grow()
    if (item >= this.at.length) this.growAt(item)
    this.siftUp(this.size++, atMs, seq, item)
  }

  /** Remove the earliest entry (the heap must not be empty). */
  pop(): void {
    const n = --this.size
    if (n > 0) this.siftDown(0, n)
  }

  /** Remove `item`'s entry, wherever it is (it must be in the heap). */
  remove(item: number): void {
    const i = this.at[item]!
    const n = --this.size
    if (i === n) return
    // the last entry fills the hole, then moves up or down to its place
    const t = this.atMs[n]!
    const s = this.seqs[n]!
    const parent = (i - 1) >> 1
    if (i > 0 && (t < this.atMs[parent]! || (t === this.atMs[parent]! && s < this.seqs[parent]!)))
      this.siftUp(i, t, s, this.items[n]!)
    else this.siftDown(i, n)
  }

  /** Place (atMs, seq, item) in the hole at `i` or above it. */
  private siftUp(i: number, atMs: number, seq: number, item: number): void {
    const times = this.atMs
    const seqs = this.seqs
    const items = this.items
    const at = this.at
    while (i > 0) {
      const parent = (i - 1) >> 1
      const pt = times[parent]!
      if (pt < atMs || (pt === atMs && seqs[parent]! < seq)) break
      times[i] = pt
      seqs[i] = seqs[parent]!
      const pi = items[parent]!
      items[i] = pi
      at[pi] = i
      i = parent
    }
    times[i] = atMs
    seqs[i] = seq
    items[i] = item
    at[item] = i
  }

  /** Place the entry at `n` (just past the end) in the hole at `i` or below it. */
  private siftDown(i: number, n: number): void {
    const times = this.atMs
    const seqs = this.seqs
    const items = this.items
    const at = this.at
    const lt = times[n]!
    const ls = seqs[n]!
    const li = items[n]!
    for (;;) {
      const l = 2 * i + 1
      if (l >= n) break
      const r = l + 1
      let c = l
      let ct = times[l]!
      let cs = seqs[l]!
      if (r < n) {
        const rt = times[r]!
        const rs = seqs[r]!
        if (rt < ct || (rt === ct && rs < cs)) {
          c = r
          ct = rt
          cs = rs
        }
      }
      if (lt < ct || (lt === ct && ls < cs)) break
      times[i] = ct
      seqs[i] = cs
      const ci = items[c]!
      items[i] = ci
      at[ci] = i
      i = c
    }
    times[i] = lt
    seqs[i] = ls
    items[i] = li
    at[li] = i
  }

  private growAt(item: number): void {
    let n = this.at.length * 2
    while (n <= item) n *= 2
    const at = new Int32Array(n)
    at.set(this.at)
    this.at = at
  }

  /** The items in heap order (not sorted), for a listing. */
  itemsInHeap(): Array<number> {
    return Array.from(this.items.subarray(0, this.size))
  }

  private grow(): void {
    const n = this.items.length * 2
    const times = new Float64Array(n)
    const seqs = new Float64Array(n)
    const items = new Int32Array(n)
    times.set(this.atMs)
    seqs.set(this.seqs)
    items.set(this.items)
    this.atMs = times
    this.seqs = seqs
    this.items = items
  }
}

/** A pool of integer slots for records: `take` reuses freed slots first. */
export class SlotPool<T> {
  readonly records: Array<T | undefined> = []
  private readonly free: Array<number> = []

  take(record: T): number {
    const slot = this.free.length > 0 ? this.free.pop()! : this.records.length
    this.records[slot] = record
    return slot
  }

  release(slot: number): void {
    this.records[slot] = undefined
    this.free.push(slot)
  }
}
