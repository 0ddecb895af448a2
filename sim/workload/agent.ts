/**
 * An agent's decisions, from what the agent knows and its group's parameters: how it answers an
 * offer (miss, decline or accept after a delay), how long it recovers from RONA or a decline, when
 * it submits a wrap-up and with which reason, where it transfers a chat and whom it conferences,
 * how long a conference lasts, how long an outage lasts. Each takes the run's draws and the key of
 * the decision (the agent's index and its own counter, or the chat's index and handlings), so the
 * same key gives the same decision in any driver. Pure: no kernel, no socket.
 */
import type { PresenceCause } from "../../core/events.ts"
import type { AgentGroup, Scenario } from "../scenario/model.ts"
import { pickWeighted, sampleMs } from "./dists.ts"
import type { Draws } from "./draws.ts"
import type { IntentOf, OfferAnswer } from "./intent.ts"
import { STREAMS, SUBKEYS } from "./streams.ts"

const MISS: OfferAnswer = { _tag: "Miss" }

/** Agent `agent`'s answer to the n-th offer it has seen. */
export const offerAnswer = (draws: Draws, group: AgentGroup, agent: number, n: number): OfferAnswer => {
  const u = draws.at(STREAMS.offers, agent, n)
  const miss = u.next() < group.missProbability
  const decline = u.next() < group.declineProbability
  const afterMs = sampleMs(group.acceptDelay, u)
  if (miss) return MISS
  return { _tag: decline ? "Decline" : "Accept", afterMs }
}

/** The agent's n-th recovery, after its offer expired (RONA) or it declined. */
export const recovery = (
  draws: Draws,
  group: AgentGroup,
  cause: Exclude<PresenceCause, "agent">,
  agent: number,
  n: number
): IntentOf<"Recover"> => {
  const dist = cause === "offer-expired" ? group.ronaRecovery : group.declineRecovery
  return { _tag: "Recover", afterMs: sampleMs(dist, draws.at(STREAMS.recovery, agent, n)) }
}

/** The agent's n-th wrap-up started: submit it after the group's wrap-up time. */
export const wrapUp = (draws: Draws, group: AgentGroup, agent: number, n: number): IntentOf<"AgentAct"> => ({
  _tag: "AgentAct",
  afterMs: sampleMs(group.wrapUp, draws.at(STREAMS.wrapUp, agent, n)),
  act: "wrap-up"
})

/**
 * The reason a wrap-up is submitted with, drawn from `weighted` (the group's reasons the center
 * knows) when the agent has started `started` wrap-ups; `fallback` when there is none to draw.
 */
export const wrapUpReason = <R extends string | undefined>(
  draws: Draws,
  weighted: ReadonlyArray<{ readonly reason: string; readonly weight: number }>,
  agent: number,
  started: number,
  fallback: R
): string | R => {
  const u = draws.at(STREAMS.wrapUp, agent, SUBKEYS.wrapUpReason + started).next()
  return weighted[pickWeighted(weighted, u)]?.reason ?? fallback
}

/** Where the owner of chat `chat` (after `handlings` accepts as owner) transfers it. */
export type TransferChoice =
  | { readonly _tag: "End" }
  | { readonly _tag: "Queue"; readonly queueId: string }
  /** An agent of the group: the driver takes the first it may, starting at `pick` (0 to 1) of the group's list. */
  | { readonly _tag: "Agent"; readonly groupId: string; readonly pick: number }

const END: TransferChoice = { _tag: "End" }

export const transferChoice = (draws: Draws, group: AgentGroup, chat: number, handlings: number): TransferChoice => {
  const u = draws.at(STREAMS.handling, chat, SUBKEYS.transfer + handlings)
  const targets = group.transfer.targets
  const target = targets[pickWeighted(targets, u.next())]
  if (target === undefined) return END
  if (target.queueId !== undefined) return { _tag: "Queue", queueId: target.queueId }
  return { _tag: "Agent", groupId: target.agentGroup!, pick: u.next() }
}

/** Whom the owner asks to a conference: the first peer it may, starting at this share (0 to 1) of its peers. */
export const conferencePick = (draws: Draws, chat: number, handlings: number): number =>
  draws.at(STREAMS.handling, chat, SUBKEYS.conference + handlings).next()

/** A conference the owner asked for was joined: the owner ends it after the group's conference duration. */
export const conferenceEnd = (
  draws: Draws,
  ownerGroup: AgentGroup,
  chat: number,
  handlings: number
): IntentOf<"AgentAct"> => {
  const u = draws.at(STREAMS.handling, chat, SUBKEYS.conferenceDuration + handlings)
  return { _tag: "AgentAct", afterMs: sampleMs(ownerGroup.conference.duration, u), act: "end-conference" }
}

/** How long the agent's n-th disconnect lasts (ms): it reconnects after that. */
export const outageMs = (draws: Draws, scenario: Scenario, agent: number, n: number): number =>
  sampleMs(scenario.faults.disconnects!.duration, draws.at(STREAMS.faults, agent, SUBKEYS.outage + n))

/**
 * The index the simulator gives agent n of group `groupIndex` (it numbers agents group by group):
 * the key of that agent's draws, so a driver playing it makes its decisions.
 */
export const agentIndex = (scenario: Scenario, groupIndex: number, n: number): number => {
  let offset = 0
  for (let g = 0; g < groupIndex; g++) offset += scenario.agents[g]!.count
  return offset + n
}
