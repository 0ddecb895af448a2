/**
 * The `agents[]` groups of scenario files: staffing (count, queues, skills, capacity, shift,
 * breaks) and the behaviour every agent of the group follows (answering offers, handling,
 * transfers, conferences, wrap-up). Defaults and cross-field rules live in resolve.ts and checks.ts;
 * the descriptions here are what editors show, so they state unit, default and effect.
 */
import * as Schema from "effect/Schema"
import { TimeDist } from "./file-dists.ts"
import {
  anyNumber,
  capacity,
  duration,
  id,
  list,
  m,
  nonEmptyList,
  nonEmptyText,
  nonNegative,
  opt,
  positiveDuration,
  probability,
  wholeAtLeast
} from "./file-scalars.ts"

/** A random duration field with its own description (the JSON Schema keeps the shared $ref). */
const timeDist = (description: string) => TimeDist.annotateKey({ description })

const TransferTargetFile = Schema.Struct({
  queue: opt(
    id({
      description:
        "Transfer to this queue: the chat starts a new queue visit there. Give queue or agentGroup, not both."
    })
  ),
  agentGroup: opt(
    id({
      description:
        "Transfer to a free agent of this group (one with a free slot that may take the chat); with none free " +
        "the chat simply ends. An agent that does not accept triggers routing.onTransferNotAccepted. Give queue or agentGroup, not both."
    })
  ),
  weight: opt(
    nonNegative({
      description: "Relative chance of picking this target among the group's targets, >= 0 (default 1).",
      default: 1
    })
  )
})

const WrapUpReasonEntry = Schema.Union([
  nonEmptyText({ description: "A reason from the top-level wrapUpReasons, with weight 1." }),
  Schema.Struct({
    reason: nonEmptyText({ description: "A reason from the top-level wrapUpReasons." }),
    weight: opt(
      nonNegative({ description: "Relative chance of submitting this reason, >= 0 (default 1).", default: 1 })
    )
  })
]).annotate(m("expected a reason, or { reason, weight }"))

const BreakFile = Schema.Struct({
  start: opt(
    duration({
      description:
        "All at once: when every agent of the group starts this break, as time since the run started (e.g. 2h), " +
        "inside the shift. The whole group is off at the same time. Give start or window, not both."
    })
  ),
  window: opt(
    Schema.Tuple([
      duration({ description: "Window start, as time since the run started." }),
      duration({ description: "Window end, as time since the run started." })
    ]).annotate({
      description:
        "Staggered: [start, end] of a window in which each agent of the group takes the break at its own time, " +
        "spread evenly (the first agent at the window's start, the last ending at its end), e.g. [2h, 3h]. Give start or " +
        "window, not both."
    })
  ),
  duration: positiveDuration({
    description: "How long the break lasts, longer than 0s; it must end within the shift (and the window)."
  }),
  code: opt(
    nonEmptyText({
      description: "Idle code the agents show during the break (default Break); chats in hand continue, no new offers.",
      default: "Break"
    })
  )
})

const Shift = Schema.Struct({
  start: opt(duration({ description: "Login time, as time since the run started (default 0s).", default: "0s" })),
  end: opt(
    duration({
      description:
        "End of the shift, as time since the run started, after start (default: never). Agents then go " +
        "Idle{EndOfShift}, finish their chats and wrap-ups, and log out."
    })
  )
}).annotate({
  description: "When the group's agents are logged in. Default: from the start of the run, never logging out."
})

const Transfer = Schema.Struct({
  probability: probability({
    description:
      "Chance a handling ends in a transfer instead of the agent ending the chat, from 0 to 1; the transfer " +
      "happens at a uniform point of the drawn handle time."
  }),
  targets: opt(
    list(TransferTargetFile, {
      description:
        "Where transfers go, one picked by weight per transfer; needed when probability > 0, weights not all 0."
    })
  )
}).annotate({ description: "Transfers by this group's agents. Default: none." })

const Conference = Schema.Struct({
  probability: probability({
    description:
      "Chance the owner invites a free peer serving the chat's queue into a conference, from 0 to 1, at a " +
      "uniform point of the first half of the handle time (not after a transfer)."
  }),
  duration: timeDist(
    "How long a conference lasts, from the peer joining until the owner ends it (the peer then wraps up)."
  )
}).annotate({ description: "Conferences requested by this group's agents. Default: none." })

export const AgentGroupFile = Schema.Struct({
  id: id({
    description:
      "Unique group id; its agents are named <id>-1 ... <id>-<count>. Used by transfer targets and " +
      "`--set agents.<id>.count=...`."
  }),
  count: wholeAtLeast(0)({ description: "Number of agents in the group, a whole number >= 0." }),
  queues: opt(
    nonEmptyList(id(), {
      description: "Ids of the queues whose chats these agents are offered (default: all queues)."
    })
  ),
  skills: opt(
    Schema.Record(
      Schema.String,
      anyNumber({ description: "Proficiency in this skill; higher is better, a missing skill counts 0." })
    ).annotate({
      description:
        "Proficiency per skill name, e.g. { billing: 8, sales: 3 }. Used only by routing.policy skills-best, which " +
        "offers a queue's chat to the agent best in the queue's skill. Default: none."
    })
  ),
  capacity: opt(
    capacity({
      description:
        "Chat slots per agent, 1-10 (default 5). A pending offer, an accepted chat (owner or conference " +
        "participant) and a wrap-up each hold one slot.",
      default: 5
    })
  ),
  shift: opt(Shift),
  breaks: opt(
    list(BreakFile, {
      description:
        "Breaks and lunches of the group's agents, inside the shift and not overlapping: all at once (start) or " +
        "staggered over a window (window). Default: none."
    })
  ),
  costPerHour: opt(
    nonNegative({
      description:
        "Cost of one of these agents per hour on duty, >= 0 (default 1). staff sizes the groups for the lowest " +
        "total cost; with equal costs, the fewest agents.",
      default: 1
    })
  ),
  shrinkage: opt(
    Schema.Finite.annotate({
      ...m("expected a share from 0 to just under 1"),
      description:
        "Share of paid time these agents are not on duty (breaks, meetings, training, absence), from 0 to " +
        "under 1 (default: staff --shrinkage, else 0). staff reports paid staff = on duty / (1 - shrinkage)."
    }).check(
      Schema.isGreaterThanOrEqualTo(0, m("expected a share from 0 to just under 1")),
      Schema.isLessThan(1, m("expected a share from 0 to just under 1"))
    )
  ),
  acceptDelay: opt(
    timeDist(
      "Time from an offer to the agent's answer, accept or decline (default fixed 0s). An answer at or after " +
        "routing.offerTimeout is too late: the offer expires and the agent goes RONA."
    )
  ),
  missProbability: opt(
    probability({
      description:
        "Chance an agent ignores an offer, from 0 to 1 (default 0): it expires after routing.offerTimeout, the " +
        "agent goes RONA and the chat returns to its queue.",
      default: 0
    })
  ),
  ronaRecovery: opt(
    timeDist("Time an agent stays in RONA after a missed offer before going Available again (default fixed 30s).")
  ),
  declineProbability: opt(
    probability({
      description:
        "Chance an agent declines an offer it did not miss, from 0 to 1 (default 0): the agent goes Idle{Declined} " +
        "and the chat returns to its queue, not to be offered to that agent again during this queue visit.",
      default: 0
    })
  ),
  declineRecovery: opt(
    timeDist("Time an agent stays Idle{Declined} after declining before going Available again (default fixed 10s).")
  ),
  handleTime: timeDist(
    "Time from the owner accepting a chat to ending it, drawn for each handling (each new owner draws " +
      "again); wrap-up comes after and is not included."
  ),
  transfer: opt(Transfer),
  conference: opt(Conference),
  wrapUp: opt(
    timeDist(
      "Time each agent that handled a chat spends in wrap-up before submitting a reason; the slot stays held (default fixed 0s)."
    )
  ),
  wrapUpReasons: opt(
    nonEmptyList(WrapUpReasonEntry, {
      description:
        "Reasons this group submits, drawn by weight: a name (weight 1) or { reason, weight }, each from the " +
        "top-level wrapUpReasons. Default: all of those, equally likely."
    })
  )
})
