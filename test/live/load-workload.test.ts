// One workload, two drivers: the same scenario and seed give the same decisions in the simulator
// (its kernel adapter, sim/run/agents.ts and sim/run/customers.ts) and in the load driver (live/load, over
// sockets), up to the time scale. Arrival times and offer answers are read from a real simulator
// replication; handling plans, wrap-ups and recoveries from what each driver schedules for the
// same agent and chat. The load side runs without a server: its clock and sockets are recorded.
import { join } from "node:path"
import { describe, expect, it } from "vitest"
import type { Event } from "../../core/events.ts"
import { IdWindow } from "../../core/id-window.ts"
import { AgentWork } from "../../live/load/agent-work.ts"
import { planArrivals } from "../../live/load/arrivals.ts"
import { RunContext } from "../../live/load/context.ts"
import type { PlayedAgent } from "../../live/load/directory.ts"
import { directoryOf, mapAgents } from "../../live/load/directory.ts"
import { LoadMetrics } from "../../live/load/metrics.ts"
import { DEFAULTS } from "../../live/load/options.ts"
import { serverConfigFor } from "../../live/load/server-config.ts"
import { onAgentNotice, onConferenceJoined } from "../../sim/run/agents.ts"
import { planHandling } from "../../sim/run/customers.ts"
import { engineConfigOf } from "../../sim/run/engine-config.ts"
import { makeAgents, runReplication } from "../../sim/run/replication.ts"
import type { SimAgent, SimEvent, World } from "../../sim/run/world.ts"
import { loadScenario } from "../../sim/scenario/load.ts"
import type { Scenario } from "../../sim/scenario/model.ts"
import { Draws } from "../../sim/workload/draws.ts"
import { root } from "../support/cli.ts"

const TIME_SCALE = 60
const SEED = 11

const scenario = (): Scenario => {
  const sets = [
    "horizon=1h",
    "warmup=0s",
    "agents.support-team.missProbability=0.2",
    "agents.support-team.declineProbability=0.2",
    "customers.leaveDuringChatProbability=0.1",
    "agents.support-team.conference.probability=0.3"
  ]
  const loaded = loadScenario(join(root, "scenarios/default.yaml"), sets)
  if (loaded._tag !== "Loaded") throw new Error(loaded.problems.join("\n"))
  return loaded.scenario
}

/** The load driver's run context with its clock stopped at 0 and its timers recorded, not run. */
const recordingContext = (s: Scenario, played: ReadonlyArray<PlayedAgent>) => {
  const options = { ...DEFAULTS, url: "ws://127.0.0.1:1", timeScale: TIME_SCALE, loadScale: 1, seed: SEED }
  const ctx = new RunContext(
    { http: "http://127.0.0.1:1", ws: "ws://127.0.0.1:1" },
    s,
    options,
    new LoadMetrics(),
    played
  )
  const due: Array<{ atMs: number; run: () => void }> = []
  ctx.now = () => 0
  ctx.at = (atMs, run) => void due.push({ atMs, run })
  return { ctx, due }
}

/** A played agent (the server's `<group>-<n>`, as `load --write-config` makes them) and its work. */
const playedAgents = (s: Scenario): ReadonlyArray<PlayedAgent> => {
  const played = mapAgents(s, directoryOf(serverConfigFor(s, TIME_SCALE, 1_000)))
  if (typeof played === "string") throw new Error(played)
  return played
}

/** A world just big enough for the simulator's adapter to schedule into (what it schedules is recorded). */
const recordingWorld = (s: Scenario, chats: number) => {
  const scheduled: Array<{ atMs: number; event: SimEvent }> = []
  // typed as the World's own fields, so a change to their types shows here
  const known: Pick<World, "scenario" | "draws" | "chats"> = {
    scenario: s,
    draws: new Draws(SEED),
    chats: new IdWindow()
  }
  for (let index = 0; index < chats; index++) known.chats.set(index, { handlings: 0 })
  const world = {
    ...known,
    kernel: { schedule: (atMs: number, event: SimEvent) => void scheduled.push({ atMs, event }) }
  } as unknown as World
  return { world, scheduled }
}

describe("one workload, two drivers", () => {
  const s = scenario()
  const played = playedAgents(s)
  const sim = makeAgents(s, engineConfigOf(s)) // the replication's own agents

  /** The played agent that draws as the simulator's agent `a`. */
  const playing = (a: SimAgent): PlayedAgent => played.find((p) => p.drawKey === a.index)!

  it("plays each scenario agent once, drawing as the simulator's agent of its group it stands for", () => {
    expect(played.length).toBe(sim.length)
    expect(played.map((p) => p.drawKey).sort((x, y) => x - y)).toEqual(sim.map((a) => a.index))
    for (const p of played) expect(sim[p.drawKey]!.group.id, p.id).toBe(p.group.id)
  })

  it("plans the simulator's chat starts: same chats, queues and indices, at its times over the time scale", () => {
    const starts: Array<{ atMs: number; index: number; queueId: string; proactive: boolean }> = []
    const offers = new Map<string, Array<{ offerId: number; atMs: number }>>()
    const answers = new Map<number, { tag: "Accept" | "Decline"; atMs: number }>()
    runReplication(s, {
      seed: SEED,
      audit: false,
      observe: (command, atMs, events: ReadonlyArray<Event>) => {
        if (command._tag === "StartChat") {
          starts.push({
            atMs,
            index: Number(command.chatId.slice(1)),
            queueId: command.queueId,
            proactive: command.proactive
          })
        }
        if (command._tag === "AcceptOffer" || command._tag === "DeclineOffer") {
          answers.set(command.offerId, { tag: command._tag === "AcceptOffer" ? "Accept" : "Decline", atMs })
        }
        for (const e of events)
          if (e._tag === "OfferMade")
            offers.set(e.agentId, [...(offers.get(e.agentId) ?? []), { offerId: e.offerId, atMs }])
      }
    })
    expect(starts.length).toBeGreaterThan(500)
    expect(starts.some((x) => x.proactive)).toBe(true)
    const plan = planArrivals(s, {
      durationMs: s.horizonMs / TIME_SCALE,
      timeScale: TIME_SCALE,
      loadScale: 1,
      seed: SEED,
      maxChats: 1_000_000
    })
    expect(
      plan.arrivals.map((a) => ({ atMs: a.atMs, index: a.chatIndex, queueId: a.queueId, proactive: a.proactive }))
    ).toEqual(starts.map((x) => ({ ...x, atMs: Math.floor(x.atMs / TIME_SCALE) })))

    // every agent's offers, in the order it saw them, answered alike (misses included)
    const { ctx, due } = recordingContext(s, played)
    let compared = 0
    const kinds = new Set<string>()
    for (const a of sim) {
      const p = playing(a)
      const sent: Array<Record<string, unknown>> = []
      const work = new AgentWork(ctx, p, {
        send: (frame) => void sent.push(frame),
        sendMessage: () => {},
        linkUp: () => true
      })
      for (const offer of offers.get(a.id) ?? []) {
        due.length = 0
        sent.length = 0
        work.onOffer(offer.offerId, 0)
        for (const d of due) d.run()
        const simAnswer = answers.get(offer.offerId)
        const loadAnswer =
          sent[0] === undefined
            ? undefined
            : { tag: sent[0]["type"] === "accept" ? "Accept" : "Decline", atMs: due[0]!.atMs * TIME_SCALE }
        const expected = simAnswer === undefined ? undefined : { tag: simAnswer.tag, atMs: simAnswer.atMs - offer.atMs }
        expect(
          loadAnswer && { ...loadAnswer, atMs: Math.round(loadAnswer.atMs) },
          `${a.id}'s offer ${offer.offerId}`
        ).toEqual(expected)
        kinds.add(expected?.tag ?? "Miss")
        compared++
      }
    }
    expect(compared).toBeGreaterThan(500)
    expect([...kinds].sort()).toEqual(["Accept", "Decline", "Miss"])
  }, 60_000)

  it("gives a chat's handling, its wrap-up and a recovery the same plan in both, up to the time scale", () => {
    const CHATS = 60
    const { world, scheduled } = recordingWorld(s, CHATS)
    const { ctx, due } = recordingContext(s, played)
    // what the load side does, in order: frames its agents send, customer acts its customers carry out
    const emitted: Array<string> = []
    for (let index = 0; index < CHATS; index++) {
      ctx.chats.set(ctx.customerName(index), {
        index,
        handlings: 0,
        customer: {
          act: (act, atMs) => void emitted.push(`customer c${index} ${act} @${Math.round(atMs * TIME_SCALE)}`)
        }
      })
    }
    const works = new Map(
      sim.map((a) => {
        const work = new AgentWork(ctx, playing(a), {
          send: (frame) => void emitted.push(String(frame["type"])),
          sendMessage: () => void emitted.push("send"),
          linkUp: () => true
        })
        work.reasons = s.wrapUpReasons
        return [a.id, work]
      })
    )
    // chat i is accepted by two agents in turn (the second handling, as after a transfer, has no messages);
    // each has a conference joined, starts a wrap-up and goes RONA
    for (let round = 0; round < 2; round++) {
      for (let index = 0; index < CHATS; index++) {
        const a = sim[(index * 7 + round) % sim.length]!
        const work = works.get(a.id)!
        planHandling(world, a, `c${index}`, 0)
        work.own({ type: "chatAssigned", chatId: `c${index}`, customerName: ctx.customerName(index) }, 0)
        onConferenceJoined(world, a, `c${index}`, 0)
        work.onConferenceJoined(`c${index}`, 0)
        onAgentNotice(world, a, { _tag: "WrapUpStarted", chatId: `c${index}`, agentId: a.id, atMs: 0 } as Event, 0)
        work.onWrapUpStarted(`c${index}`, 0)
        onAgentNotice(
          world,
          a,
          { _tag: "PresenceChanged", agentId: a.id, presence: { _tag: "RONA" }, cause: "offer-expired", atMs: 0 },
          0
        )
        work.onPresence({ type: "presence", presence: "RONA", cause: "offer-expired" }, 0)
      }
    }
    // the same acts in the same order, at the same times over the time scale
    expect(due.map(({ atMs }) => Math.round(atMs * TIME_SCALE))).toEqual(scheduled.map((x) => x.atMs))
    const acts = new Set<string>()
    scheduled.forEach(({ atMs, event }, i) => {
      const before = emitted.length
      due[i]!.run()
      const did = emitted.slice(before).join(",")
      const act = event._tag === "AgentAct" || event._tag === "CustomerAct" ? event.act : event._tag
      acts.add(act)
      expect(did, `${i}: ${event._tag} ${act} at ${atMs}`).toSatisfy((d: string) => loadDoes(event, atMs).includes(d))
    })
    expect([...acts].sort()).toEqual([
      "Recover",
      "conference",
      "end",
      "end-conference",
      "leave",
      "message",
      "reply",
      "transfer",
      "wrap-up"
    ])
  })
})

/**
 * What the load driver may do for a simulator act (the simulator turns it into a command against
 * its engine; the load driver sends a frame): a transfer with no target ends the chat, a recovery
 * with another still running sends nothing.
 */
const loadDoes = (e: SimEvent, atMs: number): ReadonlyArray<string> => {
  switch (e._tag) {
    case "CustomerAct":
      return [`customer ${e.chatId} ${e.act} @${atMs}`]
    case "Recover":
      return ["setPresence", ""]
    case "AgentAct":
      switch (e.act) {
        case "end":
          return ["end"]
        case "transfer":
          return ["transfer", "end"]
        case "conference":
          return ["conference"]
        case "end-conference":
          return ["endConference"]
        case "reply":
          return ["send"]
        case "wrap-up":
          return ["wrapUp"]
      }
      return []
    default:
      return []
  }
}
