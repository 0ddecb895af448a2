/**
 * The time integrals one replication measures over [warmup, horizon] (definitions:
 * docs/metrics.md): per agent group, used and staffed slots and busy and logged-in agents; per
 * queue, waiting chats; each also split by report interval. The state they integrate (slots in use
 * per agent, who is logged in) changes with the engine's events; `advance` integrates it up to an
 * instant before the next change applies, so every integral is the area under a step function.
 */
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
  /** Current number of waiting chats per queue (read from the engine). */
  readonly waiting: (queue: number) => number
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
  /** Each queue's waiting chats during the span `advance` is accumulating. */
  private readonly waitingNow: Int32Array
  private lastMs = 0

  constructor(
    setup: OccupancySetup,
    groupIntervals: ReadonlyArray<ReadonlyArray<GroupIntervalTally>>,
    queueIntervals: ReadonlyArray<ReadonlyArray<IntervalTally>>
  ) {
    this.setup = setup
    this.groupIntervals = groupIntervals
    this.queueIntervals = queueIntervals
    const zeros = (n: number) => new Array<number>(n).fill(0)
    this.usedSlotMs = zeros(setup.groups)
    this.staffedSlotMs = zeros(setup.groups)
    this.busyAgentMs = zeros(setup.groups)
    this.loggedInAgentMs = zeros(setup.groups)
    this.used = zeros(setup.groups)
    this.staffed = zeros(setup.groups)
    this.busy = zeros(setup.groups)
    this.loggedIn = zeros(setup.groups)
    this.queueLengthMs = zeros(setup.queues)
    this.slotsOf = new Int32Array(setup.groupOf.length)
    this.waitingNow = new Int32Array(setup.queues)
  }

  /** Accumulate the integrals from the last change to `toMs`, clipped to [warmup, horizon]. */
  advance(toMs: number): void {
    // most kernel events share their instant with the one before: nothing to accumulate
    if (toMs <= this.lastMs) return
    const { warmupMs, horizonMs } = this.setup
    const from = Math.max(this.lastMs, warmupMs)
    const to = Math.min(toMs, horizonMs)
    this.lastMs = toMs
    if (to <= from) return
    const dt = to - from
    for (let g = 0; g < this.used.length; g++) {
      this.usedSlotMs[g]! += this.used[g]! * dt
      this.staffedSlotMs[g]! += this.staffed[g]! * dt
      this.busyAgentMs[g]! += this.busy[g]! * dt
      this.loggedInAgentMs[g]! += this.loggedIn[g]! * dt
    }
    for (let q = 0; q < this.queueLengthMs.length; q++) {
      const waiting = this.setup.waiting(q)
      this.waitingNow[q] = waiting
      if (waiting !== 0) this.queueLengthMs[q]! += waiting * dt
    }
    this.spreadOverIntervals(from, to)
  }

  /** The same integrals over [from, to), split at report-interval boundaries (one pass per interval). */
  private spreadOverIntervals(from: number, to: number): void {
    const { warmupMs, intervalMs } = this.setup
    for (let t = from; t < to; ) {
      const i = Math.floor((t - warmupMs) / intervalMs)
      const end = Math.min(to, warmupMs + (i + 1) * intervalMs)
      const dt = end - t
      for (let g = 0; g < this.used.length; g++) {
        const rows = this.groupIntervals[g]!
        const row = rows[Math.min(i, rows.length - 1)]!
        row.usedSlotMs += this.used[g]! * dt
        row.staffedSlotMs += this.staffed[g]! * dt
        row.busyAgentMs += this.busy[g]! * dt
        row.loggedInAgentMs += this.loggedIn[g]! * dt
      }
      for (let q = 0; q < this.waitingNow.length; q++) {
        const waiting = this.waitingNow[q]!
        if (waiting === 0) continue
        const rows = this.queueIntervals[q]!
        rows[Math.min(i, rows.length - 1)]!.queueLengthMsSum += waiting * dt
      }
      t = end
    }
  }

  /** Agent `i`'s used slots change by `delta`; busy agents (at least one slot used) follow. */
  slot(i: number, delta: number): void {
    const g = this.setup.groupOf[i]!
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
    this.staffed[g]! += sign * this.setup.capacityOf[i]!
    this.loggedIn[g]! += sign
  }
}
