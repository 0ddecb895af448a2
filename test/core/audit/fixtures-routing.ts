/**
 * Tripping fixtures for the offer and routing invariants: capacity, single owner, eligibility,
 * offer closure, RONA, no re-offer, work conservation, queue order, agent selection (every policy).
 * Each stream is built broken (rejected with that rule, at that record) and repaired (accepted).
 */
import type { Fixture } from "./fixture.ts"
import type { EventInput } from "./stream.ts"
import { C, E, owned, ready, route } from "./stream.ts"

const disconnected = (agentId: string, atMs: number): EventInput => ({
  _tag: "AgentDisconnected",
  agentId,
  graceDeadlineMs: atMs + 30_000
})

const declinedIdle = (agentId: string): EventInput => ({
  _tag: "PresenceChanged",
  agentId,
  presence: { _tag: "Idle", code: "Declined" },
  cause: "declined"
})

export const routingFixtures: ReadonlyArray<Fixture> = [
  {
    name: "a second chat is offered to an agent whose only slot holds an offer",
    rule: "capacity",
    config: { agents: [{ id: "a1", capacity: 1 }] },
    mentions: ['"a1"', "capacity is 1"],
    build: (s, broken) => {
      ready(s, 0, "a1")
      route(s, 10, "c1", "a1", 1)
      s.at(
        20,
        C.start("c2", "q"),
        E.arrived("c2", "q"),
        E.queued("c2", "q", 20),
        ...(broken ? [E.offer(2, "c2", "a1")] : [])
      )
      return s.last
    }
  },
  {
    name: "a chat is offered to a second agent while its first offer is pending",
    rule: "single-owner",
    mentions: ['"c1"', '"a2"', '"a1"'],
    build: (s, broken) => {
      ready(s, 0, "a1")
      route(s, 10, "c1", "a1", 1)
      s.at(20, C.login("a2"), E.loggedIn("a2")).at(
        30,
        C.available("a2"),
        E.available("a2"),
        ...(broken ? [E.offer(2, "c1", "a2")] : [])
      )
      return s.last
    }
  },
  {
    name: "a chat is offered to an agent who is Idle",
    rule: "offer-eligibility",
    mentions: ['"c1"', '"a1"', "Idle(NotReady)"],
    build: (s, broken) => {
      s.at(0, C.login("a1"), E.loggedIn("a1"))
      s.at(
        10,
        C.start("c1", "q"),
        E.arrived("c1", "q"),
        E.queued("c1", "q", 10),
        ...(broken ? [E.offer(1, "c1", "a1")] : [])
      )
      return s.last
    }
  },
  {
    name: "an offer is still pending after its deadline",
    rule: "offer-closure",
    mentions: ['"c1"', '"a1"', "30010"],
    build: (s, broken) => {
      ready(s, 0, "a1")
      route(s, 10, "c1", "a1", 1)
      if (!broken) s.at(30_010, C.offerDeadline(1), E.expired(1, "c1", "a1"), E.rona("a1"))
      s.at(31_000, C.login("a2"), E.loggedIn("a2"))
      return s.last - 1
    }
  },
  {
    name: "a disconnected agent's offer is left pending",
    rule: "offer-closure",
    mentions: ['"a1"', "offer 1", '"c1"', "disconnect"],
    build: (s, broken) => {
      ready(s, 0, "a1")
      route(s, 10, "c1", "a1", 1)
      s.at(
        20,
        C.disconnect("a1"),
        disconnected("a1", 20),
        ...(broken ? [] : [E.cancelled(1, "c1", "a1", "disconnect")])
      )
      return s.last
    }
  },
  {
    name: "an offer is cancelled for disconnect although its agent did not disconnect",
    rule: "offer-closure",
    mentions: ['"a1"', '"c1"', "disconnect", 'AgentDisconnect by "a2"'],
    build: (s, broken) => {
      ready(s, 0, "a1")
      s.at(0, C.login("a2"), E.loggedIn("a2"))
      route(s, 10, "c1", "a1", 1)
      const who = broken ? "a2" : "a1"
      s.at(20, C.disconnect(who), disconnected(who, 20), E.cancelled(1, "c1", "a1", "disconnect"))
      return s.last
    }
  },
  {
    name: "an agent leaves RONA without its own presence change",
    rule: "rona",
    mentions: ['"a1"', "RONA"],
    build: (s, broken) => {
      ready(s, 0, "a1")
      route(s, 10, "c1", "a1", 1)
      s.at(30_010, C.offerDeadline(1), E.expired(1, "c1", "a1"), E.rona("a1"))
      s.at(31_000, C.login("a2"), E.loggedIn("a2"), ...(broken ? [E.available("a1")] : []))
      return s.last
    }
  },
  {
    name: "an agent in RONA is logged out without its own Logout",
    rule: "rona",
    mentions: ['"a1"', "RONA", "Logout"],
    build: (s, broken) => {
      ready(s, 0, "a1")
      route(s, 10, "c1", "a1", 1)
      s.at(30_010, C.offerDeadline(1), E.expired(1, "c1", "a1"), E.rona("a1"))
      if (broken) s.at(31_000, C.login("a2"), E.loggedIn("a2"), E.loggedOut("a1"))
      else s.at(31_000, C.logout("a1"), E.loggedOut("a1"))
      return s.last
    }
  },
  {
    name: "an expired offer does not send the agent to RONA",
    rule: "rona",
    mentions: ['"a1"', "RONA"],
    build: (s, broken) => {
      ready(s, 0, "a1")
      route(s, 10, "c1", "a1", 1)
      s.at(30_010, C.offerDeadline(1), E.expired(1, "c1", "a1"), ...(broken ? [] : [E.rona("a1")]))
      return s.last
    }
  },
  {
    name: "a decline while in RONA moves the agent out of RONA",
    rule: "rona",
    mentions: ['"a1"', "RONA", "Idle(Declined)"],
    build: (s, broken) => {
      ready(s, 0, "a1")
      route(s, 10, "c1", "a1", 1)
      route(s, 20, "c2", "a1", 2)
      s.at(30_010, C.offerDeadline(1), E.expired(1, "c1", "a1"), E.rona("a1"))
      const idle = {
        _tag: "PresenceChanged",
        agentId: "a1",
        presence: { _tag: "Idle", code: "Declined" },
        cause: "declined"
      } as const
      s.at(30_015, C.decline("a1", 2), E.declined(2, "c2", "a1"), ...(broken ? [idle] : []))
      return s.last
    }
  },
  {
    name: "a chat is offered again to the agent that missed it in the same queue visit",
    rule: "no-reoffer",
    mentions: ['"c1"', '"a1"', "segment 1"],
    build: (s, broken) => {
      ready(s, 0, "a1")
      route(s, 10, "c1", "a1", 1)
      s.at(30_010, C.offerDeadline(1), E.expired(1, "c1", "a1"), E.rona("a1"))
      s.at(40_000, C.available("a1"), E.available("a1"), ...(broken ? [E.offer(2, "c1", "a1")] : []))
      return s.last
    }
  },
  {
    name: "a new chat waits while an agent is Available with free slots",
    rule: "work-conservation",
    mentions: ['"c1"', '"a1"'],
    build: (s, broken) => {
      ready(s, 0, "a1")
      s.at(
        10,
        C.start("c1", "q"),
        E.arrived("c1", "q"),
        E.queued("c1", "q", 10),
        ...(broken ? [] : [E.offer(1, "c1", "a1")])
      )
      return s.last
    }
  },
  {
    name: "an agent's slot frees (wrap-up submitted) but the waiting chat is not offered",
    rule: "work-conservation",
    config: { agents: [{ id: "a1", capacity: 1 }] },
    mentions: ['"a1"', '"c2"'],
    build: (s, broken) => {
      ready(s, 0, "a1")
      owned(s, 10, "c1", "a1", 1)
      s.at(20, C.start("c2", "q"), E.arrived("c2", "q"), E.queued("c2", "q", 20))
      s.at(30, C.end("a1", "c1"), E.ended("c1", "a1"), E.wrapUpStarted("a1", "c1"), E.closed("c1", "completed", true))
      s.at(40, C.wrapUp("a1", "c1"), E.wrapUpSubmitted("a1", "c1"), ...(broken ? [] : [E.offer(2, "c2", "a1")]))
      return s.last
    }
  },
  {
    name: "a freed agent gets a newer chat while an older one waits (FIFO)",
    rule: "queue-order",
    config: { agents: [{ id: "a1", capacity: 1 }] },
    mentions: ['"a1"', '"c3"', '"c2"'],
    build: (s, broken) => {
      ready(s, 0, "a1")
      owned(s, 10, "c1", "a1", 1)
      s.at(20, C.start("c2", "q"), E.arrived("c2", "q"), E.queued("c2", "q", 20))
      s.at(30, C.start("c3", "q"), E.arrived("c3", "q"), E.queued("c3", "q", 30))
      s.at(40, C.end("a1", "c1"), E.ended("c1", "a1"), E.wrapUpStarted("a1", "c1"), E.closed("c1", "completed", true))
      s.at(50, C.wrapUp("a1", "c1"), E.wrapUpSubmitted("a1", "c1"), E.offer(2, broken ? "c3" : "c2", "a1"))
      return s.last
    }
  },
  {
    name: "a freed agent gets an older chat of a lower-priority queue",
    rule: "queue-order",
    config: { queues: [{ id: "q" }, { id: "vip", priority: 5 }], agents: [{ id: "a1", capacity: 1 }] },
    mentions: ['"a1"', '"c2"', '"c3"', '"vip" priority 5'],
    build: (s, broken) => {
      ready(s, 0, "a1")
      owned(s, 10, "c1", "a1", 1)
      s.at(20, C.start("c2", "q"), E.arrived("c2", "q"), E.queued("c2", "q", 20))
      s.at(30, C.start("c3", "vip"), E.arrived("c3", "vip"), E.queued("c3", "vip", 30))
      s.at(40, C.end("a1", "c1"), E.ended("c1", "a1"), E.wrapUpStarted("a1", "c1"), E.closed("c1", "completed", true))
      s.at(
        50,
        C.wrapUp("a1", "c1"),
        E.wrapUpSubmitted("a1", "c1"),
        broken ? E.offer(2, "c2", "a1") : E.offer(2, "c3", "a1", "vip")
      )
      return s.last
    }
  },
  {
    name: "two chats of equal priority enqueued at the same time in two queues: the higher chat id is served first",
    rule: "queue-order",
    config: { queues: [{ id: "A" }, { id: "B" }], agents: [{ id: "a1", capacity: 1 }] },
    mentions: ['"a1"', '"c2"', '"c1"'],
    build: (s, broken) => {
      s.at(0, C.start("c2", "A"), E.arrived("c2", "A"), E.queued("c2", "A", 0))
      s.at(0, C.start("c1", "B"), E.arrived("c1", "B"), E.queued("c1", "B", 0))
      s.at(10, C.login("a1"), E.loggedIn("a1"))
      s.at(10, C.available("a1"), E.available("a1"), broken ? E.offer(1, "c2", "a1", "A") : E.offer(1, "c1", "a1", "B"))
      return s.last
    }
  },
  {
    name: "a chat whose offer a disconnect cancelled is served after an older chat, not at the front",
    rule: "queue-order",
    config: {
      agents: [
        { id: "a1", capacity: 1 },
        { id: "a2", capacity: 1 }
      ]
    },
    mentions: ['"a2"', '"c0"', '"c1"', "front"],
    build: (s, broken) => {
      ready(s, 0, "a1")
      s.at(0, C.login("a2"), E.loggedIn("a2"))
      route(s, 5, "c0", "a1", 1)
      s.at(6, C.decline("a1", 1), E.declined(1, "c0", "a1"), declinedIdle("a1"))
      s.at(7, C.available("a1"), E.available("a1")) // c0 waits: a1 declined it in this visit
      route(s, 10, "c1", "a1", 2)
      s.at(20, C.disconnect("a1"), disconnected("a1", 20), E.cancelled(2, "c1", "a1", "disconnect"))
      s.at(30, C.available("a2"), E.available("a2"), E.offer(3, broken ? "c0" : "c1", "a2"))
      return s.last
    }
  },
  {
    name: "longest-available: the chat goes to the agent Available for less time",
    rule: "agent-selection",
    mentions: ['"a2"', '"a1"', "longest-available", "available since 0 ms"],
    build: (s, broken) => {
      ready(s, 0, "a1")
      ready(s, 1_000, "a2")
      route(s, 2_000, "c1", broken ? "a2" : "a1", 1)
      return s.last
    }
  },
  {
    name: "least-busy: the chat goes to the agent holding more chats",
    rule: "agent-selection",
    config: { policy: "least-busy" },
    mentions: ['"c2"', '"a1"', '"a2"', "least-busy", "1 slot(s) used"],
    build: (s, broken) => {
      ready(s, 0, "a1")
      owned(s, 10, "c1", "a1", 1)
      ready(s, 1_000, "a2")
      route(s, 2_000, "c2", broken ? "a1" : "a2", 2)
      return s.last
    }
  },
  {
    name: "skills-best: the chat goes to the less proficient agent",
    rule: "agent-selection",
    config: {
      policy: "skills-best",
      agents: [
        { id: "a1", skills: { q: 1 } },
        { id: "a2", skills: { q: 5 } }
      ]
    },
    mentions: ['"a1"', '"a2"', "skills-best", 'skill "q" 5'],
    build: (s, broken) => {
      ready(s, 0, "a1")
      ready(s, 1_000, "a2")
      route(s, 2_000, "c1", broken ? "a1" : "a2", 1)
      return s.last
    }
  },
  {
    name: "round-robin: the rotation skips the next agent",
    rule: "agent-selection",
    config: { policy: "round-robin" },
    mentions: ['"c2"', '"a3"', '"a2"', "round-robin"],
    build: (s, broken) => {
      ready(s, 0, "a1", "a2", "a3")
      owned(s, 10, "c1", "a1", 1)
      route(s, 20, "c2", broken ? "a3" : "a2", 2)
      return s.last
    }
  }
]
