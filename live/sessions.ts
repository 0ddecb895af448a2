/**
 * Open connections and who they speak for: a `Conn` per WebSocket (role, subject = agent id or
 * chat id, principal = the agent or the customer behind the token, rate limiter, hello state) and
 * the `Registry` that counts them per role and per principal and fans frames out to every
 * connection of an agent or of a chat's customer. Invariants: a connection receives frames only
 * after its hello and only for its own subject; the counts are those of the open connections.
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
  /** Who the limits are per: "agent:<id>" or "customer:<customer id>" (a customer may have several chats). */
  readonly principal: string
  readonly tokenIatMs: number
  readonly tokenExpMs: number
  readonly limiter: RateLimiter
  helloDone: boolean
  /** A supervisor's `hello {observe: true}`: watching, not working; it never logs the agent in or out. */
  observer: boolean
  alive: boolean
  /** The server decided to close it: nothing it sends is read any more. */
  closing: boolean
  /** Log lines about this connection (a flood of them is dropped). */
  readonly logBudget: RateLimiter
  logSuppressed: boolean
  readonly send: (frame: ServerFrame) => void
  readonly close: (code: number, reason: string) => void
  /** Its socket, for the heartbeat and the shutdown only (neither counted nor through the commit batch). */
  readonly wire: Wire
}

/** What the heartbeat and the shutdown do to a connection's socket directly. */
export interface Wire {
  ping(): void
  terminate(): void
  close(code: number, reason: string): void
}

export class Registry {
  private readonly agents = new Map<string, Set<Conn>>()
  private readonly customers = new Map<string, Set<Conn>>()
  readonly all = new Set<Conn>()
  private readonly byRole = new Map<Role, number>()
  private readonly byPrincipal = new Map<string, number>()

  count(role: Role): number {
    return this.byRole.get(role) ?? 0
  }

  /** Open connections of one principal. */
  countOf(principal: string): number {
    return this.byPrincipal.get(principal) ?? 0
  }

  open(conn: Conn): void {
    this.all.add(conn)
    this.byRole.set(conn.role, this.count(conn.role) + 1)
    this.byPrincipal.set(conn.principal, this.countOf(conn.principal) + 1)
  }

  /** After hello: the connection now receives its subject's frames. */
  subscribe(conn: Conn): void {
    const map = conn.role === "agent" ? this.agents : this.customers
    let set = map.get(conn.subject)
    if (set === undefined) map.set(conn.subject, (set = new Set()))
    set.add(conn)
  }

  /** Forget a closed connection; true when it was its subject's last subscribed working (not observing) one. */
  remove(conn: Conn): boolean {
    if (!this.all.delete(conn)) return false
    this.byRole.set(conn.role, this.count(conn.role) - 1)
    const left = this.countOf(conn.principal) - 1
    if (left > 0) this.byPrincipal.set(conn.principal, left)
    else this.byPrincipal.delete(conn.principal)
    const map = conn.role === "agent" ? this.agents : this.customers
    const set = map.get(conn.subject)
    if (set === undefined || !set.delete(conn)) return false
    if (set.size === 0) map.delete(conn.subject)
    return !conn.observer && ![...set].some((c) => !c.observer)
  }

  agentConns(agentId: string): ReadonlyArray<Conn> {
    return [...(this.agents.get(agentId) ?? [])]
  }

  deliver(party: Recipient, frame: ServerFrame): void {
    const set = party._tag === "Agent" ? this.agents.get(party.agentId) : this.customers.get(party.chatId)
    if (set !== undefined) for (const c of set) c.send(frame)
  }
}
