/**
 * A queue's free agents (serving the queue, Available, connected, a slot free) as a binary min-heap
 * in the queue's routing order (agent-order.ts), so the policy's pick is the top, or close to it
 * when the top may not take the chat (it missed it, holds it, or wraps it up): `best` walks the
 * heap best-first and stops at the first agent that may. Evolve re-places an agent (`upsert`) every
 * time one of its order keys changes (slots, availability), so the heap order always holds.
 * Invariant: `pos` maps each agent in the pool to its heap index.
 */
import type { AgentOrder } from "./agent-order.ts"
import type { AgentState, ChatState } from "./state.ts"

export class FreePool {
  private readonly heap: Array<AgentState> = []
  private readonly pos = new Map<AgentState, number>()
  private readonly order: AgentOrder
  /** Heap indices still to look at during `best` (reused). */
  private readonly frontier: Array<number> = []

  constructor(order: AgentOrder) {
    this.order = order
  }

  get size(): number {
    return this.heap.length
  }

  has(a: AgentState): boolean {
    return this.pos.has(a)
  }

  /** The agents, in no particular order. */
  values(): ReadonlyArray<AgentState> {
    return this.heap
  }

  /** Add `a`, or re-place it after one of its order keys changed. */
  upsert(a: AgentState): void {
    const i = this.pos.get(a)
    if (i === undefined) {
      this.heap.push(a)
      this.up(this.heap.length - 1)
    } else if (!this.up(i)) this.down(i)
  }

  delete(a: AgentState): void {
    const i = this.pos.get(a)
    if (i === undefined) return
    this.pos.delete(a)
    const last = this.heap.pop()!
    if (i === this.heap.length) return
    this.heap[i] = last
    this.pos.set(last, i)
    if (!this.up(i)) this.down(i)
  }

  /** The first agent in the pool's order that `may` take `chat`. */
  best(chat: ChatState, may: (a: AgentState, chat: ChatState) => boolean): AgentState | undefined {
    const heap = this.heap
    if (heap.length === 0) return undefined
    if (may(heap[0]!, chat)) return heap[0]
    const frontier = this.frontier
    frontier.length = 0
    this.children(0, frontier)
    while (frontier.length > 0) {
      let k = 0
      for (let j = 1; j < frontier.length; j++) if (this.order(heap[frontier[j]!]!, heap[frontier[k]!]!) < 0) k = j
      const i = frontier[k]!
      frontier[k] = frontier[frontier.length - 1]!
      frontier.pop()
      if (may(heap[i]!, chat)) return heap[i]
      this.children(i, frontier)
    }
    return undefined
  }

  private children(i: number, into: Array<number>): void {
    const l = 2 * i + 1
    if (l < this.heap.length) into.push(l)
    if (l + 1 < this.heap.length) into.push(l + 1)
  }

  /** Sift the agent at `i` up; true if it moved. */
  private up(i: number): boolean {
    const heap = this.heap
    const a = heap[i]!
    const start = i
    while (i > 0) {
      const parent = (i - 1) >> 1
      const p = heap[parent]!
      if (this.order(a, p) >= 0) break
      heap[i] = p
      this.pos.set(p, i)
      i = parent
    }
    heap[i] = a
    this.pos.set(a, i)
    return i !== start
  }

  private down(i: number): void {
    const heap = this.heap
    const n = heap.length
    const a = heap[i]!
    for (;;) {
      const l = 2 * i + 1
      if (l >= n) break
      const r = l + 1
      let c = l
      if (r < n && this.order(heap[r]!, heap[l]!) < 0) c = r
      const child = heap[c]!
      if (this.order(child, a) >= 0) break
      heap[i] = child
      this.pos.set(child, i)
      i = c
    }
    heap[i] = a
    this.pos.set(a, i)
  }
}
