/**
 * The customer side of the workload: Poisson arrivals per queue (constant or piecewise-linear
 * ramping rate, by thinning), proactive invitations (an accepted one starts a chat flagged
 * proactive; a declined one never reaches the engine), patience, the message exchange and the
 * chance of leaving mid-chat. Per-chat draws are keyed by chat index (common random numbers).
 */
import type { Command } from "../core/commands.ts"
import { sample, sampleMs } from "./dists.ts"
import { Sequence } from "./random.ts"
import type { RateStage } from "./scenario/model.ts"
import type { SimAgent, World } from "./world.ts"
import { chatIndexOf, STREAMS } from "./world.ts"

const HOUR_MS = 3_600_000

const rateAt = (stages: ReadonlyArray<RateStage>, tMs: number): number => {
  let last = 0
  for (const s of stages) {
    if (tMs < s.startMs) return last
    if (tMs < s.endMs) return s.fromPerHour + ((s.toPerHour - s.fromPerHour) * (tMs - s.startMs)) / (s.endMs - s.startMs)
    last = s.toPerHour
  }
  return last
}

/**
 * One non-homogeneous Poisson process (Lewis-Shedler thinning) over [0, horizon). It keeps the
 * exact (fractional) time of its last event and draws the next gap from there; only the time it
 * hands out is rounded down to the millisecond, so rounding never shortens the gaps.
 */
export class PoissonProcess {
  private readonly seq: Sequence
  private exactMs = 0
  private readonly maxPerMs: number
  private readonly constant: boolean
  private readonly stages: ReadonlyArray<RateStage>
  private readonly horizonMs: number

  constructor(world: World, stream: number, key: number, stages: ReadonlyArray<RateStage>) {
    this.seq = new Sequence(world.draws, stream, key)
    this.stages = stages
    this.horizonMs = world.scenario.horizonMs
    const max = Math.max(0, ...stages.flatMap((s) => [s.fromPerHour, s.toPerHour]))
    this.maxPerMs = max / HOUR_MS
    this.constant = stages.every((s) => s.fromPerHour === max && s.toPerHour === max)
  }

  /** The next event time (whole ms), or undefined past the horizon. */
  next(): number | undefined {
    if (this.maxPerMs <= 0) return undefined
    for (;;) {
      this.exactMs += -Math.log(this.seq.next()) / this.maxPerMs
      if (this.exactMs >= this.horizonMs) return undefined
      const accept = this.constant || this.seq.next() * this.maxPerMs * HOUR_MS < rateAt(this.stages, this.exactMs)
      if (accept) return Math.floor(this.exactMs)
    }
  }
}

export const startChat = (world: World, atMs: number, queueId: string, proactive: boolean): void => {
  const index = world.nextChatIndex++
  const chatId = `c${index}`
  const patience = world.scenario.customers.patience
  const customerName = `Customer ${index}`
  const cmd: Command = patience === undefined
    ? { _tag: "StartChat", chatId, queueId, customerName, proactive }
    : { _tag: "StartChat", chatId, queueId, customerName, proactive, patienceMs: sampleMs(patience, world.draws.at(STREAMS.patience, index)) }
  world.chats.set(chatId, { index, handlings: 0, exchanges: 0 })
  world.kernel.schedule(atMs, { _tag: "Command", command: cmd })
}

/** An invitation was sent: the visitor accepts it with the campaign's probability. */
export const invitation = (world: World, atMs: number, campaign: number): void => {
  const c = world.scenario.proactive[campaign]!
  const n = world.invited[campaign]!++
  world.metrics.invitation(atMs)
  if (world.draws.at(STREAMS.invitations, campaign, n).next() < c.acceptProbability) startChat(world, atMs, c.queueId, true)
}

/**
 * An agent accepted a chat as its owner: draw this handling's plan (handle time, transfer,
 * conference, the customer leaving, messages) and schedule the acts. All draws are taken in a fixed
 * order whatever is decided, so the plan of chat n's k-th handling never depends on routing.
 */
export const planHandling = (world: World, agent: SimAgent, chatId: string, nowMs: number): void => {
  const chat = world.chats.get(chatId)
  if (chat === undefined) return
  const index = chatIndexOf(chatId)
  const u = world.draws.at(STREAMS.handling, index, chat.handlings++)
  const g = agent.group
  const handleMs = sampleMs(g.handleTime, u)
  const transfer = u.next() < g.transfer.probability
  const conference = u.next() < g.conference.probability
  const leave = u.next() < world.scenario.customers.leaveDuringChatProbability
  const transferAt = nowMs + Math.floor(handleMs * u.next())
  const conferenceAt = nowMs + Math.floor(handleMs * u.next() * 0.5)
  const leaveAt = nowMs + Math.floor(handleMs * u.next())
  const act = (atMs: number, a: "end" | "transfer" | "conference") =>
    world.kernel.schedule(atMs, { _tag: "AgentAct", agent: agent.index, chatId, act: a })
  act(transfer ? transferAt : nowMs + handleMs, transfer ? "transfer" : "end")
  if (conference && (!transfer || conferenceAt < transferAt)) act(conferenceAt, "conference")
  if (leave) world.kernel.schedule(leaveAt, { _tag: "CustomerAct", chatId, act: "leave" })
  if (chat.handlings === 1) planMessages(world, agent, chatId, index, nowMs)
}

/** The message exchange of a chat's first handling: customer messages, each answered by the agent. */
const planMessages = (world: World, agent: SimAgent, chatId: string, index: number, nowMs: number): void => {
  const messages = world.scenario.customers.messages
  if (messages === undefined) return
  const u = world.draws.at(STREAMS.messages, index)
  const count = Math.max(0, Math.round(sample(messages.count, u)))
  let t = nowMs
  for (let i = 0; i < count; i++) {
    t += sampleMs(messages.gap, u)
    world.kernel.schedule(t, { _tag: "CustomerAct", chatId, act: "message" })
    world.kernel.schedule(t + sampleMs(messages.gap, u), { _tag: "AgentAct", agent: agent.index, chatId, act: "reply" })
  }
}
