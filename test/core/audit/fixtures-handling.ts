/**
 * Tripping fixtures for what happens around an accepted chat and its end: transfer and conference
 * handshakes, wrap-up, abandonment, messages, outcomes, presence, max wait, chat lifecycle, event
 * time, refusals and command effects. Each stream is built broken (rejected with that rule, at that
 * record) and repaired (accepted).
 */
import type { Fixture } from "./fixture.ts"
import { C, E, owned, ready, route } from "./stream.ts"

const endChat = [E.ended("c1", "a1"), E.wrapUpStarted("a1", "c1"), E.closed("c1", "completed", true)] as const

export const handlingFixtures: ReadonlyArray<Fixture> = [
  {
    name: "the source keeps the chat after a transfer (no wrap-up)",
    rule: "transfer-protocol",
    mentions: ['"a1"', '"c1"', "wrap-up"],
    build: (s, broken) => {
      ready(s, 0, "a1", "a2")
      owned(s, 10, "c1", "a1", 1)
      const wrap = broken ? [] : [E.wrapUpStarted("a1", "c1")]
      s.at(
        20,
        C.transfer("a1", "c1", "a2"),
        E.transferred("c1", "a1", "a2"),
        ...wrap,
        E.offer(2, "c1", "a2", "q", "transfer", "a1")
      )
      return s.last
    }
  },
  {
    name: "a chat is transferred before it was accepted",
    rule: "transfer-protocol",
    mentions: ['"a1"', '"c1"', "offered"],
    build: (s, broken) => {
      ready(s, 0, "a1", "a2")
      route(s, 10, "c1", "a1", 1)
      if (!broken) s.at(11, C.accept("a1", 1), E.accepted(1, "c1", "a1"))
      s.at(
        20,
        C.transfer("a1", "c1", "a2"),
        E.transferred("c1", "a1", "a2"),
        E.wrapUpStarted("a1", "c1"),
        E.offer(2, "c1", "a2", "q", "transfer", "a1")
      )
      return s.last - 2
    }
  },
  {
    name: "a conference join has no 'has joined the chat' message",
    rule: "conference-protocol",
    config: { agents: [{ id: "a1" }, { id: "a2", name: "Bea" }] },
    mentions: ['"c1"', "Bea has joined the chat"],
    build: (s, broken) => {
      ready(s, 0, "a1", "a2")
      owned(s, 10, "c1", "a1", 1)
      s.at(20, C.conference("a1", "c1", "a2"), E.offer(2, "c1", "a2", "q", "conference", "a1"))
      const joined = broken ? [] : [E.system("c1", 1, "Bea has joined the chat")]
      s.at(30, C.accept("a2", 2), E.accepted(2, "c1", "a2", "conference"), ...joined)
      return s.last
    }
  },
  {
    name: "the joined message is sent twice",
    rule: "conference-protocol",
    config: { agents: [{ id: "a1" }, { id: "a2", name: "Bea" }] },
    mentions: ['"c1"', "Bea has joined the chat"],
    build: (s, broken) => {
      ready(s, 0, "a1", "a2")
      owned(s, 10, "c1", "a1", 1)
      s.at(20, C.conference("a1", "c1", "a2"), E.offer(2, "c1", "a2", "q", "conference", "a1"))
      const twice = broken ? [E.system("c1", 2, "Bea has joined the chat")] : []
      s.at(
        30,
        C.accept("a2", 2),
        E.accepted(2, "c1", "a2", "conference"),
        E.system("c1", 1, "Bea has joined the chat"),
        ...twice
      )
      return s.last
    }
  },
  {
    name: "a wrap-up is submitted with a reason that is not configured",
    rule: "wrap-up",
    mentions: ['"a1"', '"c1"', '"Bogus"'],
    build: (s, broken) => {
      ready(s, 0, "a1")
      owned(s, 10, "c1", "a1", 1)
      s.at(20, C.end("a1", "c1"), ...endChat)
      const reason = broken ? "Bogus" : "Resolved"
      s.at(30, C.wrapUp("a1", "c1", reason), E.wrapUpSubmitted("a1", "c1", reason))
      return s.last
    }
  },
  {
    name: "a chat closes while its owner still holds it",
    rule: "wrap-up",
    mentions: ['"a1"', '"c1"'],
    build: (s, broken) => {
      ready(s, 0, "a1")
      owned(s, 10, "c1", "a1", 1)
      s.at(
        20,
        C.end("a1", "c1"),
        E.ended("c1", "a1"),
        ...(broken ? [] : [E.wrapUpStarted("a1", "c1")]),
        E.closed("c1", "completed", true)
      )
      return s.last
    }
  },
  {
    name: "a chat is closed abandoned while its offer is still pending",
    rule: "abandonment",
    mentions: ['"c1"', '"a1"', "offer 1"],
    build: (s, broken) => {
      ready(s, 0, "a1")
      route(s, 10, "c1", "a1", 1)
      s.at(
        20,
        C.leave("c1"),
        ...(broken ? [] : [E.cancelled(1, "c1", "a1", "abandoned")]),
        E.closed("c1", "abandoned", false)
      )
      return s.last
    }
  },
  {
    name: "a waiting chat outlives its customer's patience",
    rule: "abandonment",
    mentions: ['"c1"', "patience", "5000"],
    build: (s, broken) => {
      s.at(
        0,
        C.start("c1", "q", { patienceMs: 5_000 }),
        E.arrived("c1", "q", { patienceDeadlineMs: 5_000 }),
        E.queued("c1", "q", 0)
      )
      if (!broken)
        s.at(
          5_000,
          { _tag: "TimerFired", timer: { _tag: "Patience", chatId: "c1" } },
          E.closed("c1", "abandoned", false)
        )
      s.at(6_000, C.login("a1"), E.loggedIn("a1"))
      return s.last - 1
    }
  },
  {
    name: "an agent message contains a reserved character",
    rule: "message-validity",
    mentions: ['"c1"', '"a1"', "< or >"],
    build: (s, broken) => {
      ready(s, 0, "a1")
      owned(s, 10, "c1", "a1", 1)
      const cmd = C.message("a1", "c1", "use <b>")
      s.at(20, cmd, broken ? E.message("c1", 1, "a1", "use <b>") : E.rejected(cmd, "RESERVED_CHARACTERS"))
      return s.last
    }
  },
  {
    name: "a chat's message numbers skip one",
    rule: "message-sequence",
    mentions: ['"c1"', "expected sequence number 2"],
    build: (s, broken) => {
      ready(s, 0, "a1")
      owned(s, 10, "c1", "a1", 1)
      s.at(20, C.say("c1", "hello"), E.message("c1", 1, undefined, "hello"))
      s.at(30, C.message("a1", "c1", "hi"), E.message("c1", broken ? 3 : 2, "a1", "hi"))
      return s.last
    }
  },
  {
    name: "a closed chat is closed a second time",
    rule: "outcome-accounting",
    mentions: ['"c1"', "not open"],
    build: (s, broken) => {
      ready(s, 0, "a1")
      owned(s, 10, "c1", "a1", 1)
      s.at(20, C.end("a1", "c1"), ...endChat)
      s.at(30, C.leave("c1"), broken ? E.closed("c1", "abandoned", true) : E.rejected(C.leave("c1"), "UNKNOWN_CHAT"))
      return s.last
    }
  },
  {
    name: "an agent logs out while holding a chat",
    rule: "presence",
    mentions: ['"a1"', "1 chat"],
    build: (s, broken) => {
      ready(s, 0, "a1")
      owned(s, 10, "c1", "a1", 1)
      s.at(20, C.logout("a1"), broken ? E.loggedOut("a1") : E.rejected(C.logout("a1"), "LOGOUT_REFUSED"))
      return s.last
    }
  },
  {
    name: "a chat still waits after its queue's max wait",
    rule: "max-wait",
    config: { queues: [{ id: "q", maxWaitMs: 10_000 }] },
    mentions: ['"c1"', '"q"', "10000"],
    build: (s, broken) => {
      s.at(0, C.start("c1", "q"), E.arrived("c1", "q"), E.queued("c1", "q", 0, { maxWaitDeadlineMs: 10_000 }))
      s.at(10_000, C.maxWait("c1", 1), ...(broken ? [] : [E.closed("c1", "expired", false)]))
      s.at(11_000, C.login("a1"), E.loggedIn("a1"))
      return s.last - 1
    }
  },
  {
    name: "a stale max-wait timer overflows a chat before its deadline",
    rule: "max-wait",
    config: { queues: [{ id: "q", maxWaitMs: 10_000, overflowTo: "r" }, { id: "r" }] },
    mentions: ['"c1"', '"q"', "15000"],
    build: (s, broken) => {
      s.at(0, C.start("c1", "q"), E.arrived("c1", "q"), E.queued("c1", "q", 0, { maxWaitDeadlineMs: 10_000 }))
      s.at(1_000, C.leave("c1"), E.closed("c1", "abandoned", false))
      s.at(5_000, C.start("c1", "q"), E.arrived("c1", "q"), E.queued("c1", "q", 5_000, { maxWaitDeadlineMs: 15_000 }))
      // the first c1's max-wait timer (10 000) was not cancelled by the host and fires for the new c1
      s.at(
        10_000,
        C.maxWait("c1", 1),
        ...(broken ? [E.queued("c1", "r", 10_000, { segment: 2, reason: "overflow" })] : [])
      )
      return s.last
    }
  },
  {
    name: "a customer gets a second open chat",
    rule: "chat-lifecycle",
    mentions: ['"c2"', '"k1"', '"c1"'],
    build: (s, broken) => {
      s.at(
        0,
        C.start("c1", "q", { customerId: "k1" }),
        E.arrived("c1", "q", { customerId: "k1" }),
        E.queued("c1", "q", 0)
      )
      const second = C.start("c2", "q", { customerId: "k1" })
      if (broken) s.at(10, second, E.arrived("c2", "q", { customerId: "k1" }), E.queued("c2", "q", 10))
      else s.at(10, second, E.rejected(second, "CUSTOMER_HAS_OPEN_CHAT"))
      return s.last - 1
    }
  },
  {
    name: "an event carries another time than its command",
    rule: "event-time",
    mentions: ["OfferMade", "999 ms", "1000 ms"],
    build: (s, broken) => {
      ready(s, 0, "a1")
      route(s, 1_000, "c1", "a1", 1)
      if (broken)
        s.records.splice(s.last, 1, {
          _tag: "Event",
          event: { ...E.offer(1, "c1", "a1"), atMs: 999, deadlineMs: 30_999 }
        })
      return s.last
    }
  },
  {
    name: "a refused command still has an effect",
    rule: "rejection",
    mentions: ["OfferAccepted", "CommandRejected"],
    build: (s, broken) => {
      ready(s, 0, "a1")
      route(s, 10, "c1", "a1", 1)
      s.at(
        30_010,
        C.accept("a1", 1),
        E.rejected(C.accept("a1", 1), "OFFER_EXPIRED"),
        ...(broken ? [E.accepted(1, "c1", "a1")] : [])
      )
      const at = s.last
      s.at(30_010, C.offerDeadline(1), E.expired(1, "c1", "a1"), E.rona("a1"))
      return at
    }
  },
  {
    name: "an accept is neither refused nor carried out",
    rule: "command-effect",
    mentions: ["AcceptOffer", '"a1"', "offer 1"],
    build: (s, broken) => {
      ready(s, 0, "a1")
      route(s, 10, "c1", "a1", 1)
      s.at(20, C.accept("a1", 1), ...(broken ? [] : [E.accepted(1, "c1", "a1")]))
      const at = s.last
      s.at(30, C.login("a2"), E.loggedIn("a2"))
      return at
    }
  }
]
