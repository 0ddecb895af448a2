// The live service level has the simulator's definition: answered within the queue's threshold over
// chats that arrived, where a chat still waiting less than the threshold after arrival is left out
// until it is settled or the threshold passes; over a rolling window. The other ratio (answered
// within over answered + abandoned) has its own name. At the end of a simulated run the live tally,
// fed the run's events, gives the simulator's number exactly.
import { join } from "node:path"
import { describe, expect, it } from "vitest"
import { makeEngineConfig } from "../../core/config.ts"
import type { Event } from "../../core/events.ts"
import { ServiceTally } from "../../live/service-level.ts"
import { engineConfigOf } from "../../sim/run/engine-config.ts"
import { runReplication } from "../../sim/run/replication.ts"
import { loadScenario } from "../../sim/scenario/load.ts"
import { root } from "../support/cli.ts"

const config = makeEngineConfig({
  queues: [
    { id: "q", serviceLevelThresholdMs: 20_000 },
    { id: "r", serviceLevelThresholdMs: 60_000 }
  ],
  agents: [{ id: "a" }]
})
const arrived = (chatId: string, queueId: string, atMs: number): Event => ({
  _tag: "ChatArrived",
  chatId,
  queueId,
  customerName: "C",
  proactive: false,
  priority: 0,
  atMs
})
const accepted = (chatId: string, atMs: number, kind: "route" | "transfer" | "conference" = "route"): Event => ({
  _tag: "OfferAccepted",
  offerId: atMs,
  kind,
  chatId,
  agentId: "a",
  atMs
})
const closed = (
  chatId: string,
  outcome: "completed" | "abandoned" | "expired",
  answered: boolean,
  atMs: number
): Event => ({ _tag: "ChatClosed", chatId, outcome, answered, atMs })

describe("live service level", () => {
  it("answered within over arrivals counted; a young waiting chat is undetermined; the other ratio apart", () => {
    const t = new ServiceTally(config, 3_600_000)
    expect(t.rows(0).map((r) => [r.serviceLevel, r.answeredWithinOfSettled])).toEqual([
      [null, null],
      [null, null]
    ])
    for (const e of [
      arrived("c1", "q", 0),
      accepted("c1", 20_000), // exactly at the threshold: within
      arrived("c2", "q", 0),
      accepted("c2", 20_001), // one ms over
      arrived("c3", "q", 0),
      closed("c3", "abandoned", false, 5_000),
      arrived("c4", "q", 0), // waiting since 0
      arrived("c6", "q", 0),
      closed("c6", "expired", false, 15_000), // settled unanswered: counted
      arrived("c5", "q", 30_000), // waiting, arrived 10 s before the read: undetermined
      accepted("c1", 30_000, "transfer"),
      accepted("c1", 31_000, "conference"), // later accepts change nothing
      arrived("c7", "r", 0),
      accepted("c7", 50_000),
      { _tag: "OfferExpired", offerId: 9, kind: "route", chatId: "c4", agentId: "a", atMs: 39_000 } as Event,
      {
        _tag: "TransferRequested",
        chatId: "c1",
        fromAgentId: "a",
        target: { _tag: "ToQueue", queueId: "r" },
        atMs: 29_000
      } as Event
    ])
      t.apply(e)
    const [q, r] = t.rows(40_000)
    expect(q).toMatchObject({ arrived: 6, counted: 5, answered: 2, answeredWithin: 1, abandoned: 1 })
    expect(q!.serviceLevel).toBeCloseTo(1 / 5, 12)
    expect(q!.answeredWithinOfSettled).toBeCloseTo(1 / 3, 12)
    expect(r).toMatchObject({
      arrived: 1,
      counted: 1,
      answered: 1,
      answeredWithin: 1,
      serviceLevel: 1,
      answeredWithinOfSettled: 1
    })
    // c5 becomes counted once its threshold has passed
    expect(t.rows(50_000)[0]).toMatchObject({ counted: 6 })
    expect([t.rona, t.transfers]).toEqual([1, 1])
    // the window rolls: an hour later those arrivals are out of it
    expect(t.rows(3_600_001)[0]).toMatchObject({ arrived: 1, counted: 1 })
  })

  it("fed a simulated run's events, it equals the simulator's service level at the end of the run", () => {
    const loaded = loadScenario(join(root, "scenarios/erlang-a.yaml"), [
      "replications=1",
      "warmup=0s",
      "horizon=30m",
      "serviceLevelThresholds=[20s]"
    ])
    if (loaded._tag !== "Loaded") throw new Error(loaded.problems.join("\n"))
    const scenario = loaded.scenario
    const engine = engineConfigOf(scenario)
    expect(engine.queues.map((q) => q.serviceLevelThresholdMs)).toEqual([20_000])
    const live = new ServiceTally(engine, 365 * 86_400_000)
    let lastMs = 0
    const run = runReplication(scenario, {
      seed: 7,
      audit: false,
      observe: (_c, atMs, events) => {
        lastMs = atMs
        for (const e of events) live.apply(e)
      }
    })
    const sim = run.metrics.queues[0]!
    expect(sim.arrived).toBeGreaterThan(100)
    const row = live.rows(lastMs)[0]!
    expect(row.arrived).toBe(sim.arrived)
    expect(row.counted).toBe(sim.arrived)
    expect(row.serviceLevel).toBe(sim.withinThreshold[0]! / sim.arrived)
  })
})
