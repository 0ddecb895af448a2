/**
 * The random quantities of scenario files, tagged by `dist`: `TimeDist` (values are duration
 * strings: handle, patience, accept delay, wrap-up...) and `CountDist` (plain numbers: message
 * counts). Both become the model's `Dist` in resolve.ts; sim/workload/dists.ts samples them (durations rounded
 * to whole ms, counts to whole numbers, never below 0). Every field says what it means for editors.
 */
import * as Schema from "effect/Schema"
import { duration, nonEmptyList, nonNegative, positive, positiveDuration } from "./file-scalars.ts"

/** The `dist` tag of each form, with what a draw means (shared by both unions). */
const tag = {
  fixed: () => Schema.tag("fixed").annotate({ description: "Every draw is exactly `value`." }),
  exponential: () =>
    Schema.tag("exponential").annotate({
      description:
        "Exponential with mean `mean` (memoryless, coefficient of variation 1): the classic queueing assumption."
    }),
  lognormal: () =>
    Schema.tag("lognormal").annotate({
      description:
        "Lognormal with mean `mean` and standard deviation `sd` of the value itself: right-skewed, typical of handle times."
    }),
  gamma: () =>
    Schema.tag("gamma").annotate({
      description:
        "Gamma with mean `mean` and coefficient of variation `cv` (sd / mean): cv 1 is exponential, below 1 more regular."
    }),
  uniform: () =>
    Schema.tag("uniform").annotate({ description: "Uniform between `min` and `max` (max must be >= min)." }),
  empirical: () =>
    Schema.tag("empirical").annotate({
      description: "One of `values`, each equally likely (list a value twice to double its weight)."
    })
}

const CV = "Coefficient of variation, sd / mean, > 0: 1 is as variable as exponential, 0.5 half as variable, 2 twice."

/** A random duration; the tag is `dist`. Values are duration strings. */
export const TimeDist = Schema.Union([
  Schema.Struct({ dist: tag.fixed(), value: duration({ description: "The duration every draw takes, e.g. 45s." }) }),
  Schema.Struct({
    dist: tag.exponential(),
    mean: positiveDuration({ description: "Mean duration, longer than 0s, e.g. 5m." })
  }),
  Schema.Struct({
    dist: tag.lognormal(),
    mean: positiveDuration({ description: "Mean duration, longer than 0s, e.g. 6m." }),
    sd: duration({
      description: "Standard deviation of the duration (not of its logarithm), e.g. 4m; 0s makes every draw the mean."
    })
  }),
  Schema.Struct({
    dist: tag.gamma(),
    mean: positiveDuration({ description: "Mean duration, longer than 0s, e.g. 6m." }),
    cv: positive({ description: CV })
  }),
  Schema.Struct({
    dist: tag.uniform(),
    min: duration({ description: "Shortest duration, e.g. 2m." }),
    max: duration({ description: "Longest duration (>= min), e.g. 8m." })
  }),
  Schema.Struct({
    dist: tag.empirical(),
    values: nonEmptyList(duration(), {
      description: "Observed durations to draw from, e.g. [2m, 3m, 3m, 10m]; at least one."
    })
  })
]).annotate({
  identifier: "TimeDist",
  description:
    "A random duration, drawn anew each time it is used and rounded to whole ms, e.g. { dist: exponential, mean: 300s }. " +
    "Forms: fixed {value}, exponential {mean}, lognormal {mean, sd}, gamma {mean, cv}, uniform {min, max}, empirical {values}."
})
export type TimeDist = typeof TimeDist.Type

/** A random count (message counts); plain numbers. */
export const CountDist = Schema.Union([
  Schema.Struct({ dist: tag.fixed(), value: nonNegative({ description: "The count every draw gives, >= 0." }) }),
  Schema.Struct({ dist: tag.exponential(), mean: positive({ description: "Mean count, > 0." }) }),
  Schema.Struct({
    dist: tag.lognormal(),
    mean: positive({ description: "Mean count, > 0." }),
    sd: nonNegative({ description: "Standard deviation of the count (not of its logarithm), >= 0." })
  }),
  Schema.Struct({
    dist: tag.gamma(),
    mean: positive({ description: "Mean count, > 0." }),
    cv: positive({ description: CV })
  }),
  Schema.Struct({
    dist: tag.uniform(),
    min: nonNegative({ description: "Smallest count, >= 0." }),
    max: nonNegative({ description: "Largest count (>= min)." })
  }),
  Schema.Struct({
    dist: tag.empirical(),
    values: nonEmptyList(nonNegative(), {
      description: "Observed counts to draw from, e.g. [2, 4, 4, 9]; at least one."
    })
  })
]).annotate({
  identifier: "CountDist",
  description:
    "A random count, drawn per chat and rounded to a whole number (never below 0), e.g. { dist: uniform, min: 2, max: 8 }. " +
    "Forms as for durations, with plain numbers."
})
export type CountDist = typeof CountDist.Type
