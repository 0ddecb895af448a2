/**
 * The safety phase: faults on. Schedules the staffing (most agents log in at once, some join
 * later), arrivals with bursts, each customer's messages and leaving, stale and late commands,
 * and every agent's faults, then runs the kernel until the phase ends, reacting to each input's
 * events by scheduling the parties' next moves (chaos-agents.ts). Every input goes through the
 * harness, so the auditor sees it and the external-input log can replay it.
 * Invariant kept: the run is a pure function of the seed and the engine (named streams only).
 */
import type { Command } from "../../core/commands.ts"
import type { Event } from "../../core/events.ts"
import type { TimerKey } from "../../core/timers.ts"
import { Draws, Sequence } from "../workload/draws.ts"
import type { SwarmEvent } from "./acts.ts"
import type { Center } from "./center.ts"
import { STREAM } from "./center.ts"
import type { ChaosCtx } from "./chaos-agents.ts"
import {
  agentFault,
  handleChat,
  leaveShift,
  onAgentEvent,
  onOfferAccepted,
  onOfferMade,
  onWrapUpStarted
} from "./chaos-agents.ts"
import type { Harness } from "./harness.ts"
import { Rng } from "./rng.ts"

const CUSTOMER_IDS = 6
const FIRED_KEPT = 32

export class Chaos {
  private readonly ctx: ChaosCtx
  private readonly arrivals: Rng
  private chats = 0
  private readonly offerAgent = new Map<number, string>()
  private readonly fired: Array<TimerKey> = []
  /** Commands that run before the timers of their instant, earliest first. */
  private readonly first: Array<{ readonly atMs: number; readonly command: Command }> = []

  constructor(h: Harness, center: Center) {
    const draws = new Draws(center.seed)
    const rng = (stream: number) => new Rng(new Sequence(draws, stream))
    this.arrivals = rng(STREAM.arrivals)
    this.ctx = {
      h,
      center,
      offers: rng(STREAM.offers),
      handling: rng(STREAM.handling),
      customers: rng(STREAM.customers),
      faults: rng(STREAM.faults),
      stale: rng(STREAM.stale),
      schedule: (atMs, e) => void h.kernel.schedule(atMs, e),
      scheduleFirst: (atMs, command) => {
        let i = this.first.length
        while (i > 0 && this.first[i - 1]!.atMs > atMs) i--
        this.first.splice(i, 0, { atMs, command })
      }
    }
  }

  /** Run the safety phase; stops early at the first failure. */
  run(): void {
    const { h, center } = this.ctx
    this.start()
    for (let t = h.kernel.peekTimeMs(); t !== undefined && t < center.safetyMs; t = h.kernel.peekTimeMs()) {
      if (this.first.length > 0 && this.first[0]!.atMs <= t) {
        const { atMs, command } = this.first.shift()!
        h.kernel.nowMs = atMs // every kernel event before atMs has run
        this.submit(command)
        if (h.failure !== undefined) return
        continue
      }
      const entry = h.kernel.pop()!
      this.dispatch(entry.event, entry.timeMs)
      if (h.failure !== undefined) return
    }
  }

  private start(): void {
    const { center, schedule, faults } = this.ctx
    const late = new Map(center.lateJoinersMs)
    for (const a of center.config.agents) {
      const atMs = late.get(a.id) ?? faults.int(0, 2_000)
      schedule(atMs, { _tag: "Rejoin", agentId: a.id })
      schedule(atMs + faults.gapMs(center.rates.agentFaultGapMs), { _tag: "Fault", agentId: a.id })
    }
    schedule(this.arrivals.int(0, 5_000), { _tag: "Arrive" })
    schedule(this.ctx.stale.gapMs(center.rates.staleGapMs), { _tag: "Stale" })
  }

  private submit(command: Command | undefined): void {
    if (command === undefined) return
    this.react(this.ctx.h.submit(command))
  }

  private dispatch(e: SwarmEvent, t: number): void {
    const { h, center, schedule } = this.ctx
    const s = h.state
    switch (e._tag) {
      case "Timer":
        if (this.fired.push(e.timer) > FIRED_KEPT) this.fired.shift()
        return this.react(h.fire(e.timer))
      case "Send":
        return this.submit(e.command)
      case "Arrive":
        this.arrive(t)
        return schedule(t + this.arrivals.gapMs(center.rates.arrivalGapMs), e)
      case "Handle":
        return this.submit(handleChat(this.ctx, e, t))
      case "EndConference": {
        const chat = s.chats.get(e.chatId)
        const by = e.byParticipant ? chat?.participant : chat?.owner
        if (by !== undefined) this.submit({ _tag: "EndConference", agentId: by, chatId: e.chatId })
        return
      }
      case "Recover": {
        const a = s.agents.get(e.agentId)!
        if (a.connected && a.presence._tag !== "LoggedOut" && a.presence._tag !== "Available") {
          this.submit({ _tag: "GoAvailable", agentId: e.agentId })
        }
        return
      }
      case "Rejoin": {
        const a = s.agents.get(e.agentId)!
        if (!a.connected) this.submit({ _tag: "AgentReconnect", agentId: e.agentId })
        if (a.presence._tag === "LoggedOut") this.submit({ _tag: "Login", agentId: e.agentId })
        return schedule(t + this.ctx.faults.int(0, 3_000), { _tag: "Recover", agentId: e.agentId })
      }
      case "LeaveShift":
        return this.submit(leaveShift(this.ctx, e, t))
      case "Fault":
        return this.submit(agentFault(this.ctx, e.agentId, t))
      case "Stale":
        schedule(t + this.ctx.stale.gapMs(center.rates.staleGapMs), e)
        return this.submit(this.staleCommand())
      case "DrainTick":
        return
    }
  }

  private react(events: ReadonlyArray<Event>): void {
    for (const e of events) {
      switch (e._tag) {
        case "OfferMade":
          this.offerAgent.set(e.offerId, e.agentId)
          onOfferMade(this.ctx, e)
          break
        case "OfferAccepted":
          onOfferAccepted(this.ctx, e)
          break
        case "WrapUpStarted":
          onWrapUpStarted(this.ctx, e)
          break
        case "ChatArrived":
          this.customerPlan(e.chatId, e.atMs)
          break
        default:
          onAgentEvent(this.ctx, e)
      }
    }
  }

  /** One chat, or a burst of 2-6 within two seconds. */
  private arrive(t: number): void {
    const r = this.arrivals
    const { center, schedule } = this.ctx
    const n = r.chance(center.rates.burstChance) ? r.int(2, 6) : 1
    for (let k = 0; k < n; k++) {
      const index = ++this.chats
      const queueId = r.chance(0.02) ? "nowhere" : r.pick(center.config.queues)!.id
      const patient = !r.chance(center.rates.patienceChance)
      const patienceMs = r.chance(0.3) ? r.int(1_000, 20_000) : r.int(5_000, 300_000)
      const command: Command = {
        _tag: "StartChat",
        chatId: `c${index}`,
        queueId,
        customerName: `Customer ${index}`,
        proactive: r.chance(0.1),
        ...(r.chance(0.3) ? { customerId: `k${r.int(1, CUSTOMER_IDS)}` } : {}),
        ...(r.chance(0.3) ? { priority: r.int(0, 2) } : {}),
        ...(patient ? {} : { patienceMs })
      }
      schedule(t + (k === 0 ? 0 : r.int(0, 2_000)), { _tag: "Send", command })
    }
  }

  private customerPlan(chatId: string, t: number): void {
    const r = this.ctx.customers
    const send = (atMs: number, command: Command) => this.ctx.schedule(atMs, { _tag: "Send", command })
    for (let k = r.int(0, 3); k > 0; k--) {
      send(t + r.int(1_000, 180_000), {
        _tag: "CustomerMessage",
        chatId,
        text: r.chance(0.1) ? "" : "Is anyone there?"
      })
    }
    if (r.chance(this.ctx.center.rates.customerLeavesChance))
      send(t + r.int(1_000, 600_000), { _tag: "CustomerLeave", chatId })
  }

  /** A command about something that is over (an old offer, a closed chat, a fired timer, a used id) or early (a timer not yet due). */
  private staleCommand(): Command | undefined {
    const r = this.ctx.stale
    const agents = this.ctx.center.config.agents
    const agentId = r.pick(agents)!.id
    const chatId = `c${r.int(1, Math.max(1, this.chats))}`
    switch (r.int(0, 5)) {
      case 0: {
        const offerId = r.int(1, Math.max(1, this.offerAgent.size))
        return { _tag: "AcceptOffer", agentId: this.offerAgent.get(offerId) ?? agentId, offerId }
      }
      case 1: {
        // a timer that already fired, again; or a pending one before it is due
        const timer = r.chance(0.7) ? r.pick(this.fired) : r.pick(this.ctx.h.pendingTimers())
        return timer === undefined ? undefined : { _tag: "TimerFired", timer }
      }
      case 2:
        return { _tag: "EndChat", agentId, chatId }
      case 3:
        return { _tag: "SubmitWrapUp", agentId, chatId, reason: this.ctx.center.config.defaultWrapUpReason }
      case 4:
        return { _tag: "AgentMessage", agentId, chatId, text: "Still there?" }
      default:
        return {
          _tag: "StartChat",
          chatId,
          queueId: this.ctx.center.config.queues[0]!.id,
          customerName: "Again",
          proactive: false
        }
    }
  }
}
