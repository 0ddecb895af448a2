/**
 * The reference for `npm run bench`: a bare M/M/c+M loop (Poisson arrivals, exponential service
 * and patience, FIFO, c servers) on a plain binary heap of numbers, with no engine, no routing
 * rules and no metrics beyond counts. What the simulator costs per chat is read against this.
 * Its heap is its own, not the simulator's (core/time-heap.ts): the reference must not move when
 * the simulator's data structures do, or the targets' ratios would stop being comparable.
 */
export interface BareLoopResult {
  readonly chats: number
  readonly events: number
  readonly served: number
  readonly abandoned: number
}

/** Heap of (time, kind, id) packed in parallel arrays, ordered by time then insertion. */
class NumberHeap {
  private times: Array<number> = []
  private keys: Array<number> = []
  private seqs: Array<number> = []
  private seq = 0
  get size(): number {
    return this.times.length
  }
  push(t: number, key: number): void {
    const { times, keys, seqs } = this
    let i = times.length
    const s = this.seq++
    times.push(t)
    keys.push(key)
    seqs.push(s)
    while (i > 0) {
      const p = (i - 1) >> 1
      if (times[p]! < t || (times[p] === t && seqs[p]! < s)) break
      times[i] = times[p]!
      keys[i] = keys[p]!
      seqs[i] = seqs[p]!
      i = p
    }
    times[i] = t
    keys[i] = key
    seqs[i] = s
  }
  /** Pops the minimum; returns its key and leaves its time in `lastTime`. */
  lastTime = 0
  pop(): number {
    const { times, keys, seqs } = this
    const key = keys[0]!
    this.lastTime = times[0]!
    const t = times.pop()!
    const k = keys.pop()!
    const s = seqs.pop()!
    const n = times.length
    if (n === 0) return key
    let i = 0
    for (;;) {
      const l = 2 * i + 1
      if (l >= n) break
      const r = l + 1
      let c = l
      if (r < n && (times[r]! < times[l]! || (times[r] === times[l] && seqs[r]! < seqs[l]!))) c = r
      if (t < times[c]! || (t === times[c] && s < seqs[c]!)) break
      times[i] = times[c]!
      keys[i] = keys[c]!
      seqs[i] = seqs[c]!
      i = c
    }
    times[i] = t
    keys[i] = k
    seqs[i] = s
    return key
  }
}

/** xorshift32 uniforms in (0, 1). */
const rng = (seed: number) => {
  let x = seed | 0 || 1
  return (): number => {
    x ^= x << 13
    x ^= x >>> 17
    x ^= x << 5
    return ((x >>> 0) + 0.5) / 4294967296
  }
}

const ARRIVAL = -1
const DONE = -2

/** Keys: ARRIVAL, DONE (a service ends), or 2*id (patience of customer id). */
export const bareLoop = (
  chats: number,
  servers: number,
  load: number,
  meanServiceMs: number,
  meanPatienceMs: number
): BareLoopResult => {
  const u = rng(12345)
  const heap = new NumberHeap()
  const arrivalMean = meanServiceMs / (servers * load)
  const waiting: Array<number> = []
  const waitingSince = new Map<number, number>()
  let head = 0
  let busy = 0
  let arrived = 0
  let served = 0
  let abandoned = 0
  let events = 0
  heap.push(-Math.log(u()) * arrivalMean, ARRIVAL)
  while (heap.size > 0) {
    const key = heap.pop()
    const now = heap.lastTime
    events++
    if (key === ARRIVAL) {
      const id = arrived++
      if (arrived < chats) heap.push(now - Math.log(u()) * arrivalMean, ARRIVAL)
      if (busy < servers) {
        busy++
        served++
        heap.push(now - Math.log(u()) * meanServiceMs, DONE)
      } else {
        waiting.push(id)
        waitingSince.set(id, now)
        heap.push(now - Math.log(u()) * meanPatienceMs, 2 * id)
      }
    } else if (key === DONE) {
      busy--
      while (head < waiting.length && !waitingSince.has(waiting[head]!)) head++
      if (head < waiting.length) {
        waitingSince.delete(waiting[head++]!)
        busy++
        served++
        heap.push(now - Math.log(u()) * meanServiceMs, DONE)
      }
      if (head > 4096 && head * 2 > waiting.length) {
        waiting.splice(0, head)
        head = 0
      }
    } else if (waitingSince.delete(key / 2)) abandoned++
  }
  return { chats: arrived, events, served, abandoned }
}
