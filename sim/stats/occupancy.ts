/**
 * The time integrals one replication measures over [warmup, horizon] (definitions:
 * docs/metrics.md): per agent group, used and staffed slots and busy and logged-in agents; per
 * queue, waiting chats; each also split by report interval. The state they integrate (slots in use
 * per agent, who is logged in) changes with the engine's events; `advance` integrates it up to an
 * instant before the next change applies, so every integral is the area under a step function.
 * Each series is integrated when its value changes (and at `close`), not at every instant: times
 * are whole milliseconds and values whole numbers, so the sums are exact and the same either way.
 */
import { doubleZeros } from "../../core/array-kinds.ts"
import type { GroupIntervalTally, IntervalTally } from "./tally.ts"

export interface OccupancySetup {
  /** Each agent's group and capacity, by agent index. */
  readonly groupOf: Int32Array
  readonly capacityOf: Int32Array
  readonly groups: number
  readonly queues: number
  readonly warmupMs: number
  readonly horizonMs: number
  readonly intervalMs: number
  /** Each queue's waiting line (the engine's), by queue index: its `size` is read as time moves on. */
  readonly waitingLines: ReadonlyArray<{ readonly size: number }>
}

export class Occupancy {
  readonly usedSlotMs: Array<number>
  readonly staffedSlotMs: Array<number>
  readonly busyAgentMs: Array<number>
  readonly loggedInAgentMs: Array<number>
  readonly queueLengthMs: Array<number>
  private readonly setup: OccupancySetup
  /** Per group and report interval (the rows the measurer hands out). */
  private readonly groupIntervals: ReadonlyArray<ReadonlyArray<GroupIntervalTally>>
  /** Per queue and report interval: only `queueLengthMsSum` is written here. */
  private readonly queueIntervals: ReadonlyArray<ReadonlyArray<IntervalTally>>
  private readonly slotsOf: Int32Array
  private readonly used: Array<number>
  private readonly staffed: Array<number>
  private readonly busy: Array<number>
  private readonly loggedIn: Array<number>
  /** Each queue's waiting chats since `queueSinceMs`. */
  private readonly waitingNow: Int32Array
  /** How far each group's and each queue's integrals have been taken (their value held since). */
  private readonly groupSinceMs: Float64Array
  private readonly queueSinceMs: Float64Array
  /** The instant of the last `advance`: state changes now are changes at this instant. */
  private nowMs = 0

  constructor(
    setup: OccupancySetup,
    groupIntervals: ReadonlyArray<ReadonlyArray<GroupIntervalTally>>,
    queueIntervals: ReadonlyArray<ReadonlyArray<IntervalTally>>
  ) {
    this.setup = setup
    this.groupIntervals = groupIntervals
    this.queueIntervals = queueIntervals
    const zeros = (n: number) => new Array<number>(n).fill(0)
    // the integrals outgrow small integers (slot-milliseconds)
    this.usedSlotMs = doubleZeros(setup.groups)
    this.staffedSlotMs = doubleZeros(setup.groups)
    this.busyAgentMs = doubleZeros(setup.groups)
    this.loggedInAgentMs = doubleZeros(setup.groups)
    this.used = zeros(setup.groups)
    this.staffed = zeros(setup.groups)
    this.busy = zeros(setup.groups)
    this.loggedIn = zeros(setup.groups)
    this.queueLengthMs = doubleZeros(setup.queues)
    this.slotsOf = new Int32Array(setup.groupOf.length)
    this.waitingNow = new Int32Array(setup.queues)
    this.groupSinceMs = new Float64Array(setup.groups)
    this.queueSinceMs = new Float64Array(setup.queues)
  }

  /**
   * Time moves on to `toMs`. A group's integrals are taken only when its state is about to change
   * (`slot`, `login`); a queue's when its waiting count is seen to have changed at the last instant.
   */
  advance(toMs: number): void {
    // most kernel events share their instant with the one before: nothing can have changed
    if (toMs <= this.nowMs) return
    for (let q = 0; q < this.waitingNow.length; q++) {
      const waiting = this.setup.waitingLines[q]!.size
      if (waiting === this.waitingNow[q]) continue
      this.integrateQueue(q, this.nowMs)
      this.waitingNow[q] = waiting
    }
    this.nowMs = toMs
  }

  /** The run is over: every integral is taken up to the horizon (the state holds until then). */
  close(): void {
    this.advance(this.setup.horizonMs)
    for (let g = 0; g < this.used.length; g++) this.integrateGroup(g, this.nowMs)
    for (let q = 0; q < this.waitingNow.length; q++) this.integrateQueue(q, this.nowMs)
  }

  /** Group `g`'s integrals over [since, toMs) clipped to [warmup, horizon], split at interval boundaries. */
  private integrateGroup(g: number, toMs: number): void {
    const { warmupMs, horizonMs, intervalMs } = this.setup
    const from = Math.max(this.groupSinceMs[g]!, warmupMs)
    const to = Math.min(toMs, horizonMs)
    this.groupSinceMs[g] = toMs
    if (to <= from) return
    const used = this.used[g]!
    const staffed = this.staffed[g]!
    const busy = this.busy[g]!
    const loggedIn = this.loggedIn[g]!
    this.usedSlotMs[g]! += used * (to - from)
    this.staffedSlotMs[g]! += staffed * (to - from)
    this.busyAgentMs[g]! += busy * (to - from)
    this.loggedInAgentMs[g]! += loggedIn * (to - from)
    const rows = this.groupIntervals[g]!
    for (let t = from; t < to; ) {
      const i = Math.floor((t - warmupMs) / intervalMs)
      const end = Math.min(to, warmupMs + (i + 1) * intervalMs)
      const row = rows[Math.min(i, rows.length - 1)]!
      row.usedSlotMs += used * (end - t)
      row.staffedSlotMs += staffed * (end - t)
      row.busyAgentMs += busy * (end - t)
      row.loggedInAgentMs += loggedIn * (end - t)
      t = end
    }
  }

  /** Queue `q`'s waiting chats integrated over [since, toMs), clipped and split as a group's. */
  private integrateQueue(q: number, toMs: number): void {
    const { warmupMs, horizonMs, intervalMs } = this.setup
    const from = Math.max(this.queueSinceMs[q]!, warmupMs)
    const to = Math.min(toMs, horizonMs)
    this.queueSinceMs[q] = toMs
    const waiting = this.waitingNow[q]!
    if (to <= from || waiting === 0) return
    this.queueLengthMs[q]! += waiting * (to - from)
    const rows = this.queueIntervals[q]!
    for (let t = from; t < to; ) {
      const i = Math.floor((t - warmupMs) / intervalMs)
      const end = Math.min(to, warmupMs + (i + 1) * intervalMs)
      rows[Math.min(i, rows.length - 1)]!.queueLengthMsSum += waiting * (end - t)
      t = end
    }
  }

  /** Agent `i`'s used slots change by `delta`; busy agents (at least one slot used) follow. */
  slot(i: number, delta: number): void {
    const g = this.setup.groupOf[i]!
    this.integrateGroup(g, this.nowMs)
    const before = this.slotsOf[i]!
    const after = before + delta
    this.slotsOf[i] = after
    this.used[g]! += delta
    if (before === 0 && after > 0) this.busy[g]!++
    else if (before > 0 && after === 0) this.busy[g]!--
  }

  /** Agent `i` logs in (`sign` 1) or out (-1): its group's staffed slots and logged-in agents follow. */
  login(i: number, sign: 1 | -1): void {
    const g = this.setup.groupOf[i]!
    this.integrateGroup(g, this.nowMs)
    this.staffed[g]! += sign * this.setup.capacityOf[i]!
    this.loggedIn[g]! += sign
  }
}
