/**
 * Shrinking a failing seed: remove external inputs while a re-run of the rest through a fresh
 * engine and auditor still fails the same way (same rule, same exception, or still stuck).
 * First cut everything after the input that failed (a violation needs nothing later), then
 * chunked removal with halving chunk sizes (delta debugging's complement steps), ending with
 * single inputs until a pass removes nothing. Bounded by a number of re-runs.
 * Invariant kept: the returned list always fails the same way (it starts from one that does).
 */
import type { EngineFactory, ExternalInput, Failure } from "./harness.ts"
import { failureKey } from "./harness.ts"
import type { Case } from "./rerun.ts"
import { rerun } from "./rerun.ts"

export interface ShrinkResult {
  readonly inputs: ReadonlyArray<ExternalInput>
  readonly failure: Failure
  /** Re-runs spent. */
  readonly runs: number
  /** The original list re-ran into the same failure (false: the seed's failure is not reproducible by re-running). */
  readonly reproduced: boolean
}

/** Generic chunked removal: the smallest list found that still satisfies `fails`. */
export const shrinkList = <T>(items: ReadonlyArray<T>, fails: (candidate: ReadonlyArray<T>) => boolean, maxRuns: number): { items: ReadonlyArray<T>; runs: number } => {
  let current = items
  let runs = 0
  let size = Math.max(1, Math.floor(current.length / 2))
  for (;;) {
    let removed = false
    for (let start = 0; start < current.length && runs < maxRuns;) {
      const candidate = [...current.slice(0, start), ...current.slice(start + size)]
      runs++
      if (candidate.length < current.length && fails(candidate)) {
        current = candidate
        removed = true
      } else start += size
    }
    if (runs >= maxRuns) break
    if (size > 1) size = Math.max(1, Math.floor(size / 2))
    else if (!removed) break
  }
  return { items: current, runs }
}

export const shrinkFailure = (
  c: Case,
  engineFor: EngineFactory,
  inputs: ReadonlyArray<ExternalInput>,
  failure: Failure,
  maxRuns = 2_000
): ShrinkResult => {
  const key = failureKey(failure)
  let last: Failure | undefined
  const fails = (candidate: ReadonlyArray<ExternalInput>): boolean => {
    const f = rerun(c, engineFor, candidate).failure
    if (f === undefined || failureKey(f) !== key) return false
    last = f
    return true
  }
  if (!fails(inputs)) return { inputs, failure, runs: 1, reproduced: false }
  let runs = 1
  let current = inputs
  // a violation or exception at time t needs no input after t
  if (failure._tag !== "Stuck") {
    const atMs = failure._tag === "Violation" ? failure.violation.atMs : failure.atMs
    const prefix = current.filter((x) => x.atMs <= atMs)
    runs++
    if (prefix.length < current.length && fails(prefix)) current = prefix
  }
  const shrunk = shrinkList(current, fails, maxRuns - runs)
  fails(shrunk.items) // leave `last` describing the final list
  return { inputs: shrunk.items, failure: last!, runs: runs + shrunk.runs + 1, reproduced: true }
}
