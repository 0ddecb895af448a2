/**
 * The `--workers N` flag shared by run, compare, staff and swarm: worker threads for independent
 * replications or seeds, default the core count; anything below 1 is invalid input (exit 2).
 */
import { Flag } from "effect/cli"
import * as Effect from "effect/Effect"
import * as Option from "effect/Option"
import { defaultWorkers } from "../sim/parallel/pool.ts"
import { invalidInput } from "./exit.ts"

export const workersFlag = Flag.Int("workers").pipe(
  Flag.withDescription("worker threads; results do not depend on it (default: the core count)"),
  Flag.optional
)

export const workersOrExit = (flag: Option.Option<number>) =>
  Effect.gen(function* () {
    const workers = Option.getOrElse(flag, defaultWorkers)
    if (workers >= 1) return workers
    return yield* invalidInput([`--workers: expected a whole number >= 1, got ${workers}`])
  })
