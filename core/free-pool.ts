/**
 * A queue's free agents (serving the queue, Available, connected, a slot free) as a binary min-heap
 * in the queue's routing order (agent-order.ts), so the policy's pick is the top, or close to it
 * when the top may not take the chat (it missed it, holds it, or wraps it up): `best` walks the
 * heap best-first and stops at the first agent that may. Evolve re-places an agent (`upsert`) every
 * time one of its order keys changes (slots, availability), so the heap order always holds.
 * Invariant: `pos[a.idRank]` is the heap index of each agent in the pool, -1 for every other agent.
 */
import type { AgentOrder } from "./agent-order.ts"
import { emptyKeepingStorage } from "./scratch-array.ts"
import type { AgentState, ChatState } from "./state.ts"

export class FreePool {
  private readonly heap: Array<AgentState> = []
  /** Heap index by agent `idRank` (dense over the center's agents); -1: not in the pool. */
  private readonly pos: Int32Array
  private readonly order: AgentOrder
  /** Heap indices still to look at during `best` (reused). */
  private readonly frontier: Array<number> = []

  constructor(order: AgentOrder, agentCount: number) {
    this.order = order
    this.pos = new Int32Array(agentCount).fill(-1)
  }

  /** The agents, in no particular order. */
  values(): ReadonlyArray<AgentState> {
    return this.heap
  }

  /** Add `a`, or re-place it after one of its order keys changed. */
  upsert(a: AgentState): void {
    const i = this.pos[a.idRank]!
    if (i < 0) {
      this.heap.push(a)
      this.up(this.heap.length - 1)
    } else if (!this.up(i)) this.down(i)
  }

  delete(a: AgentState): void {
    const i = this.pos[a.idRank]!
    if (i < 0) return
    this.pos[a.idRank] = -1
    const last = this.heap.pop()!
    if (i === this.heap.length) return
    this.heap[i] = last
    this.pos[last.idRank] = i
    if (!this.up(i)) this.down(i)
  }

  /** The first agent in the pool's order that `may` take `chat`. */
  best(chat: ChatState, may: (a: AgentState, chat: ChatState) => boolean): AgentState | undefined {
    const heap = this.heap
    if (heap.length === 0) return undefined
    if (may(heap[0]!, chat)) return heap[0]
    const frontier = this.frontier
    emptyKeepingStorage(frontier)
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
      this.pos[p.idRank] = i
      i = parent
    }
    heap[i] = a
    this.pos[a.idRank] = i
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
      this.pos[child.idRank] = i
      i = c
    }
    heap[i] = a
    this.pos[a.idRank] = i
  }
}
