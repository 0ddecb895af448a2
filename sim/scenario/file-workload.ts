/**
 * The workload sections of scenario files: inbound `arrivals[]` (k6 executors, tagged by
 * `executor`), outbound `proactive[]` invitation campaigns and the `customers` behaviour (patience,
 * messages, leaving mid-chat). Rates are per `timeUnit`; resolve.ts turns them into per-hour
 * piecewise-linear stages over [0, horizon). The descriptions are what editors show.
 */
import * as Schema from "effect/Schema"
import { CountDist, TimeDist } from "./file-dists.ts"
import { id, nonEmptyList, nonNegative, opt, positiveDuration, probability } from "./file-scalars.ts"

const timeUnit = opt(
  positiveDuration({
    description:
      "The period `rate`, `startRate` and stage targets count over, as in k6 (default 1s): rate 120 with " +
      "timeUnit 1h is 120 per hour.",
    default: "1s"
  })
)

const Stages = nonEmptyList(
  Schema.Struct({
    duration: positiveDuration({
      description: "How long this stage ramps, longer than 0s; stages follow one another from time 0."
    }),
    target: nonNegative({ description: "Rate per timeUnit reached at the end of the stage, >= 0." })
  }),
  {
    description:
      "Linear ramps, each from the rate reached so far to its `target` over its `duration`; after the " +
      "last stage its target holds until the horizon, and a stage crossing the horizon is cut there."
  }
)

const queueRef = (what: string) => id({ description: `Id of the queue ${what} (one of queues[].id).` })

export const ArrivalsFile = Schema.Union([
  Schema.Struct({
    queue: queueRef("these chats arrive in"),
    executor: Schema.tag("constant-arrival-rate").annotate({
      description: "Poisson arrivals at one constant `rate` per `timeUnit` from time 0 to the horizon."
    }),
    rate: nonNegative({ description: "Mean number of chats arriving per timeUnit, >= 0 (Poisson arrivals)." }),
    timeUnit
  }),
  Schema.Struct({
    queue: queueRef("these chats arrive in"),
    executor: Schema.tag("ramping-arrival-rate").annotate({
      description:
        "Poisson arrivals whose rate starts at `startRate` and follows the linear ramps of `stages`, as k6's executor."
    }),
    startRate: opt(
      nonNegative({
        description: "Rate per timeUnit at time 0, where the first stage starts, >= 0 (default 0).",
        default: 0
      })
    ),
    timeUnit,
    stages: Stages
  })
])

export const CampaignFile = Schema.Struct({
  id: id({ description: "Unique campaign id; `--set proactive.<id>.rate=...` addresses the campaign by it." }),
  queue: queueRef("accepted invitations join as proactive chats"),
  rate: nonNegative({
    description: "Mean invitations sent per timeUnit, >= 0 (Poisson); the start rate when `stages` are given."
  }),
  timeUnit,
  stages: opt(Stages),
  acceptProbability: probability({
    description:
      "Chance a visitor accepts an invitation, from 0 to 1; only an accepted one becomes a chat (flagged " +
      "proactive) in the queue, the others never reach the engine."
  })
})

const Messages = Schema.Struct({
  count: CountDist.annotateKey({
    description: "Number of messages the customer sends during the first handling, drawn per chat."
  }),
  gap: TimeDist.annotateKey({
    description:
      "Time before each customer message (from the accept or the previous message) and before the agent's reply to it."
  })
}).annotate({
  description:
    "Customer messages during a chat's first handling, each answered by the agent. They do not lengthen " +
    "the handling (its end comes from handleTime). Default: none."
})

export const CustomersFile = Schema.Struct({
  patience: opt(
    TimeDist.annotateKey({
      description:
        "How long a customer waits for an agent to accept, from arrival (it keeps running when an offer is " +
        "missed or declined). When it runs out the chat is abandoned. Default: none, customers never abandon."
    })
  ),
  messages: opt(Messages),
  leaveDuringChatProbability: opt(
    probability({
      description:
        "Chance the customer leaves an answered chat before the agent ends it, from 0 to 1 (default 0), at a " +
        "uniform point of the handle time; the chat then ends as completed.",
      default: 0
    })
  )
}).annotate({ description: "How the simulated customers behave, for inbound and proactive chats alike." })
