/**
 * Shrinking a failing seed: remove external inputs while a re-run of the rest through a fresh
 * engine and auditor still fails the same way (same rule, same exception, or still stuck).
 * First cut everything after the input that failed (a violation needs nothing later), then
 * remove whole chats (every input about one chat: its start, answers to its offers, messages,
 * end, wrap-ups; removing one of them alone usually just breaks the chat's story), then chunked
 * removal with halving chunk sizes (delta debugging's complement steps), ending with single
 * inputs until a pass removes nothing. Bounded by a number of re-runs.
 * Invariant kept: the returned list always fails the same way (it starts from one that does).
 */
import type { EngineLayer } from "../../core/engine.ts"
import type { ExternalInput, Failure } from "./harness.ts"
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
export const shrinkList = <T>(
  items: ReadonlyArray<T>,
  fails: (candidate: ReadonlyArray<T>) => boolean,
  maxRuns: number
): { items: ReadonlyArray<T>; runs: number } => {
  let current = items
  let runs = 0
  let size = Math.max(1, Math.floor(current.length / 2))
  for (;;) {
    let removed = false
    for (let start = 0; start < current.length && runs < maxRuns; ) {
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

/** The chat an input is about, if any (answers to an offer belong to the offer's chat). */
const chatOf = (x: ExternalInput): string | undefined => {
  if (x.offerKey !== undefined) return x.offerKey.slice(0, x.offerKey.indexOf("|"))
  return "chatId" in x.command ? x.command.chatId : undefined
}

export const shrinkFailure = (
  c: Case,
  engineFor: EngineLayer,
  inputs: ReadonlyArray<ExternalInput>,
  failure: Failure,
  maxRuns = 10_000
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
  const chats = [...new Set(current.map(chatOf).filter((c) => c !== undefined))]
  const start = current
  const byChat = shrinkList(
    chats,
    (kept) => {
      const keep = new Set(kept)
      return fails(
        start.filter((x) => {
          const c = chatOf(x)
          return c === undefined || keep.has(c)
        })
      )
    },
    maxRuns - runs
  )
  runs += byChat.runs
  const keep = new Set(byChat.items)
  current = start.filter((x) => {
    const c = chatOf(x)
    return c === undefined || keep.has(c)
  })
  const shrunk = shrinkList(current, fails, maxRuns - runs)
  fails(shrunk.items) // leave `last` describing the final list
  return { inputs: shrunk.items, failure: last!, runs: runs + shrunk.runs + 1, reproduced: true }
}
