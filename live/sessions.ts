/**
 * Open connections and who they speak for: a `Conn` per WebSocket (role, subject = agent id or
 * chat id, rate limiter, hello state) and the `Registry` that fans frames out to every connection
 * of an agent or of a chat's customer. Invariant: a connection is registered only after its hello
 * and receives frames only for its own subject; sends never let unsent output pass the cap.
 */
import type { Recipient } from "../core/outputs.ts"
import type { Role } from "./protocol.ts"
import type { RateLimiter } from "./rate-limit.ts"
import type { ServerFrame } from "./server-frames.ts"

export interface Conn {
  readonly id: number
  readonly role: Role
  /** The agent id (agents) or the chat id (customers), from the verified token. */
  readonly subject: string
  readonly tokenExpMs: number
  readonly limiter: RateLimiter
  helloDone: boolean
  alive: boolean
  /** The server decided to close it: nothing it sends is read any more. */
  closing: boolean
  /** Log lines about this connection (a flood of them is dropped). */
  readonly logBudget: RateLimiter
  logSuppressed: boolean
  readonly send: (frame: ServerFrame) => void
  readonly close: (code: number, reason: string) => void
}

export class Registry {
  private readonly agents = new Map<string, Set<Conn>>()
  private readonly customers = new Map<string, Set<Conn>>()
  readonly all = new Set<Conn>()

  count(role: Role): number {
    let n = 0
    for (const c of this.all) if (c.role === role) n++
    return n
  }

  open(conn: Conn): void {
    this.all.add(conn)
  }

  /** After hello: the connection now receives its subject's frames. */
  subscribe(conn: Conn): void {
    const map = conn.role === "agent" ? this.agents : this.customers
    let set = map.get(conn.subject)
    if (set === undefined) map.set(conn.subject, (set = new Set()))
    set.add(conn)
  }

  /** Forget a closed connection; true when it was its subject's last subscribed one. */
  remove(conn: Conn): boolean {
    this.all.delete(conn)
    const map = conn.role === "agent" ? this.agents : this.customers
    const set = map.get(conn.subject)
    if (set === undefined || !set.delete(conn)) return false
    if (set.size > 0) return false
    map.delete(conn.subject)
    return true
  }

  agentConns(agentId: string): ReadonlyArray<Conn> {
    return [...(this.agents.get(agentId) ?? [])]
  }

  deliver(party: Recipient, frame: ServerFrame): void {
    const set = party._tag === "Agent" ? this.agents.get(party.agentId) : this.customers.get(party.chatId)
    if (set !== undefined) for (const c of set) c.send(frame)
  }
}
