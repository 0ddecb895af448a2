/**
 * The random quantities of scenario files, tagged by `dist`: `TimeDist` (values are duration
 * strings: handle, patience, accept delay, wrap-up...) and `CountDist` (plain numbers: message
 * counts). Both become the model's `Dist` in resolve.ts; dists.ts samples them.
 */
import { Schema } from "effect"
import { duration, nonEmptyList, nonNegative, positive, positiveDuration } from "./file-scalars.ts"

const Duration = duration()
const PositiveDuration = positiveDuration()

/** A random duration; the tag is `dist`. Values are duration strings. */
export const TimeDist = Schema.Union([
  Schema.Struct({ dist: Schema.tag("fixed"), value: Duration }),
  Schema.Struct({ dist: Schema.tag("exponential"), mean: PositiveDuration }),
  Schema.Struct({ dist: Schema.tag("lognormal"), mean: PositiveDuration, sd: Duration }),
  Schema.Struct({ dist: Schema.tag("gamma"), mean: PositiveDuration, cv: positive() }),
  Schema.Struct({ dist: Schema.tag("uniform"), min: Duration, max: Duration }),
  Schema.Struct({ dist: Schema.tag("empirical"), values: nonEmptyList(Duration) })
]).annotate({ identifier: "TimeDist", description: "A random duration, e.g. { dist: exponential, mean: 300s }" })
export type TimeDist = typeof TimeDist.Type

/** A random count (message counts); plain numbers. */
export const CountDist = Schema.Union([
  Schema.Struct({ dist: Schema.tag("fixed"), value: nonNegative() }),
  Schema.Struct({ dist: Schema.tag("exponential"), mean: positive() }),
  Schema.Struct({ dist: Schema.tag("lognormal"), mean: positive(), sd: nonNegative() }),
  Schema.Struct({ dist: Schema.tag("gamma"), mean: positive(), cv: positive() }),
  Schema.Struct({ dist: Schema.tag("uniform"), min: nonNegative(), max: nonNegative() }),
  Schema.Struct({ dist: Schema.tag("empirical"), values: nonEmptyList(nonNegative()) })
]).annotate({ identifier: "CountDist", description: "A random count, e.g. { dist: uniform, min: 2, max: 8 }" })
export type CountDist = typeof CountDist.Type
