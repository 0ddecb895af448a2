/**
 * Agent presence and link events: AgentLoggedIn/Out, PresenceChanged, AgentDisconnected/Reconnected.
 * Checks `presence` (each change comes from the agent's own command, a logout holds no work, the
 * disconnect grace ends the session no earlier than its deadline) and `rona` (RONA only right after
 * that agent's expired offer; left only by the agent's own GoAvailable/GoIdle/Logout or its grace
 * logout: a decline while in RONA leaves the agent in RONA).
 */
import { DECLINED_IDLE_CODE, LOGIN_IDLE_CODE } from "../config.ts"
import type { EventOf } from "../events.ts"
import { idle, LOGGED_OUT } from "../presence.ts"
import type { View } from "./view.ts"
import { describeSlots, usedSlots } from "./view.ts"
import { describeCommand, fail, label, q } from "./violation.ts"

export const onLoggedIn = (v: View, e: EventOf<"AgentLoggedIn">): void => {
  const a = v.agent(e.agentId)
  if (!v.commandBy("Login", a.id)) {
    fail("presence", `agent ${q(a.id)} logged in without its own Login (command: ${describeCommand(v.command)})`)
  }
  if (a.presence._tag !== "LoggedOut") fail("presence", `agent ${q(a.id)} logged in while ${label(a.presence)}`)
  a.presence = idle(LOGIN_IDLE_CODE)
  a.connected = true
  v.touchAgent(a)
}

export const onLoggedOut = (v: View, e: EventOf<"AgentLoggedOut">): void => {
  const a = v.agent(e.agentId)
  const rule = a.presence._tag === "RONA" ? "rona" : "presence"
  if (a.presence._tag === "LoggedOut") fail("presence", `agent ${q(a.id)} logged out but was not logged in`)
  if (e.cause === "agent" && !v.commandBy("Logout", a.id)) {
    fail(
      rule,
      `agent ${q(a.id)} was logged out (${label(a.presence)}) without its own Logout (command: ${describeCommand(v.command)})`
    )
  }
  if (e.cause === "disconnect") {
    if (!v.graceOf(a.id) || a.connected) {
      fail(
        rule,
        `agent ${q(a.id)} was logged out for disconnect outside its own disconnect grace expiry (command: ${describeCommand(v.command)})`
      )
    }
    if (v.nowMs < a.graceDeadlineMs) {
      fail(
        "presence",
        `agent ${q(a.id)} was logged out for disconnect at ${v.nowMs} ms, before its grace deadline ${a.graceDeadlineMs} ms`
      )
    }
  }
  if (usedSlots(a) > 0) {
    fail("presence", `agent ${q(a.id)} logged out (${e.cause}) while still holding ${describeSlots(a)}`)
  }
  a.presence = LOGGED_OUT
  a.connected = true
  v.disconnected.delete(a)
  v.touchAgent(a)
}

export const onPresenceChanged = (v: View, e: EventOf<"PresenceChanged">): void => {
  const a = v.agent(e.agentId)
  const from = a.presence
  const rule = from._tag === "RONA" ? "rona" : "presence"
  const change = (): string => `agent ${q(a.id)} went from ${label(from)} to ${label(e.presence)} (cause ${e.cause})`
  if (from._tag === "LoggedOut") fail("presence", `${change()} while logged out`)
  if (e.presence._tag === "LoggedOut") fail("presence", `${change()}: logging out takes an AgentLoggedOut`)
  if (e.presence._tag === "Idle" && !v.config.idleCodes.includes(e.presence.code)) {
    fail("presence", `${change()}: idle code ${q(e.presence.code)} is not configured`)
  }
  if (e.presence._tag === "RONA" && e.cause !== "offer-expired") {
    fail("rona", `${change()}: RONA is set only by an expired offer`)
  }
  if (from._tag === "RONA" && e.presence._tag !== "RONA" && e.cause !== "agent") {
    fail("rona", `${change()}: only the agent's own presence change leaves RONA`)
  }
  const prev = v.prev
  switch (e.cause) {
    case "agent": {
      const c = v.command
      const own =
        (c?._tag === "GoAvailable" && c.agentId === a.id && e.presence._tag === "Available") ||
        (c?._tag === "GoIdle" && c.agentId === a.id && e.presence._tag === "Idle" && e.presence.code === c.code)
      if (!own) fail(rule, `${change()} without its own matching GoAvailable/GoIdle (command: ${describeCommand(c)})`)
      if (label(from) === label(e.presence)) fail("presence", `${change()}, but it already was ${label(from)}`)
      break
    }
    case "offer-expired":
      if (e.presence._tag !== "RONA") fail("rona", `${change()}: an expired offer sends the agent to RONA`)
      if (prev?._tag !== "OfferExpired" || prev.agentId !== a.id) {
        fail("rona", `${change()} but the previous event is not an OfferExpired of ${q(a.id)}`)
      }
      break
    case "declined":
      if (e.presence._tag !== "Idle" || e.presence.code !== DECLINED_IDLE_CODE) {
        fail("presence", `${change()}: a decline sends the agent to Idle(${DECLINED_IDLE_CODE})`)
      }
      if (prev?._tag !== "OfferDeclined" || prev.agentId !== a.id || !v.commandBy("DeclineOffer", a.id)) {
        fail(rule, `${change()} but it does not follow that agent's own OfferDeclined`)
      }
      break
  }
  a.presence = e.presence
  if (e.presence._tag === "Available") a.availableSinceMs = v.nowMs
  v.touchAgent(a)
}

export const onDisconnected = (v: View, e: EventOf<"AgentDisconnected">): void => {
  const a = v.agent(e.agentId)
  if (!v.commandBy("AgentDisconnect", a.id)) {
    fail(
      "presence",
      `agent ${q(a.id)} disconnected without an AgentDisconnect (command: ${describeCommand(v.command)})`
    )
  }
  if (a.presence._tag === "LoggedOut" || !a.connected) {
    fail("presence", `agent ${q(a.id)} disconnected while ${a.connected ? "logged out" : "already disconnected"}`)
  }
  const expected = v.nowMs + v.config.disconnectGraceMs
  if (e.graceDeadlineMs !== expected) {
    fail(
      "presence",
      `agent ${q(a.id)} disconnected with grace deadline ${e.graceDeadlineMs} ms; expected ${expected} ms`
    )
  }
  a.connected = false
  a.graceDeadlineMs = e.graceDeadlineMs
  v.disconnected.add(a)
  v.touchAgent(a)
}

export const onReconnected = (v: View, e: EventOf<"AgentReconnected">): void => {
  const a = v.agent(e.agentId)
  if (!v.commandBy("AgentReconnect", a.id)) {
    fail("presence", `agent ${q(a.id)} reconnected without an AgentReconnect (command: ${describeCommand(v.command)})`)
  }
  if (a.connected || a.presence._tag === "LoggedOut")
    fail("presence", `agent ${q(a.id)} reconnected but was not disconnected`)
  a.connected = true
  v.disconnected.delete(a)
  v.touchAgent(a)
}

/** After an expired or declined offer the very next event must set the agent's presence. */
export const checkExpectedPresence = (v: View, e: EventOf<"PresenceChanged"> | undefined): void => {
  const x = v.expectNext
  if (x === undefined) return
  v.expectNext = undefined
  if (e !== undefined && e.agentId === x.agentId && e.presence._tag === x.presence && e.cause === x.cause) return
  if (x.cause === "offer-expired") {
    fail("rona", `agent ${q(x.agentId)} missed an offer (OfferExpired) but was not sent to RONA right after`)
  }
  fail(
    "presence",
    `agent ${q(x.agentId)} declined an offer but was not sent to Idle(${DECLINED_IDLE_CODE}) right after`
  )
}
