/**
 * Every chat start of a run, computed ahead (for a driver that cannot wait on a kernel: the live
 * load driver), in the order and with the chat indices the simulator gives them. The simulator
 * schedules each process's next event when its last one fires, so same-millisecond events run in
 * the order they were scheduled; this merge keeps that rule (ties broken by the order each event
 * was scheduled in, the first events of every process in executor-then-campaign order), so chat n
 * here is chat n there and its per-chat draws are the same. Pure.
 */

import type { Scenario } from "../scenario/model.ts"
import type { PoissonProcess } from "./arrivals.ts"
import { arrivalProcess, invitationAccepted, invitationProcess } from "./arrivals.ts"
import type { Draws } from "./draws.ts"

export interface ChatStart {
  /** The chat's index (its id in the simulator is `c<index>`): the key of its per-chat draws. */
  readonly index: number
  /** Scenario time (ms) the simulator starts the chat at. */
  readonly atMs: number
  readonly queueId: string
  readonly proactive: boolean
}

interface Head {
  readonly process: PoissonProcess
  readonly queueId: string
  /** Index into `scenario.proactive`, or -1 for an arrival executor. */
  readonly campaign: number
  exactMs: number | undefined
  /** The order this head was scheduled in. */
  seq: number
  invited: number
}

/** The chat starts over [0, horizon), at most `limit` of them; `rateScale` as in arrivals.ts. */
export const chatStarts = (scenario: Scenario, draws: Draws, rateScale = 1, limit = Infinity): Array<ChatStart> => {
  let seq = 0
  const heads: Array<Head> = [
    ...scenario.arrivals.map((a, i) => ({
      process: arrivalProcess(draws, scenario, i, rateScale),
      queueId: a.queueId,
      campaign: -1
    })),
    ...scenario.proactive.map((c, i) => ({
      process: invitationProcess(draws, scenario, i, rateScale),
      queueId: c.queueId,
      campaign: i
    }))
  ].map((h) => ({ ...h, exactMs: h.process.nextExact(), seq: seq++, invited: 0 }))
  const out: Array<ChatStart> = []
  while (out.length < limit) {
    let first: Head | undefined
    for (const h of heads) {
      if (h.exactMs === undefined) continue
      if (first === undefined) first = h
      else {
        const a = Math.floor(h.exactMs)
        const b = Math.floor(first.exactMs!)
        if (a < b || (a === b && h.seq < first.seq)) first = h
      }
    }
    if (first === undefined) return out
    const atMs = Math.floor(first.exactMs!)
    const starts =
      first.campaign < 0 ||
      invitationAccepted(draws, first.campaign, first.invited++, scenario.proactive[first.campaign]!.acceptProbability)
    if (starts) out.push({ index: out.length, atMs, queueId: first.queueId, proactive: first.campaign >= 0 })
    first.exactMs = first.process.nextExact()
    first.seq = seq++
  }
  return out
}
