/**
 * Sharded runs: a shard runs its replications (r mod N = K) and writes their raw outcomes
 * (per-replication tallies, histograms and digests, as the worker threads send them); `merge`
 * checks that the parts cover every replication exactly once and assembles them with the same
 * code an unsharded run uses, so the summary (digest included) is the one `run` would have written.
 */
import type { Violation } from "../../core/audit/auditor.ts"
import type { EncodedOutcome } from "../parallel/transfer.ts"
import { decodeOutcome, encodeOutcome } from "../parallel/transfer.ts"
import type { ReplicationOutcome } from "../run/replications.ts"
import type { Scenario } from "../scenario/model.ts"
import type { LoadedPart } from "./part.ts"
import { bodiesOf } from "./part.ts"
import { shardIndices } from "./shard.ts"

export interface RunPartBody {
  readonly replications: number
  readonly audit: boolean
  readonly outcomes: ReadonlyArray<EncodedOutcome>
}

export const runPartBody = (
  scenario: Scenario,
  audit: boolean,
  outcomes: ReadonlyArray<ReplicationOutcome>
): RunPartBody => ({
  replications: scenario.replications,
  audit,
  outcomes: outcomes.map(encodeOutcome)
})

const isBody = (u: unknown): u is RunPartBody =>
  typeof u === "object" &&
  u !== null &&
  "outcomes" in u &&
  Array.isArray((u as RunPartBody).outcomes) &&
  typeof (u as RunPartBody).replications === "number" &&
  typeof (u as RunPartBody).audit === "boolean"

/**
 * The outcomes of all parts in replication order, or every problem: parts of different run
 * settings, or a part that does not hold exactly its shard's replications (a shard stopped by an
 * invariant violation holds them up to the violating one).
 */
export const mergeRunParts = (
  parts: ReadonlyArray<LoadedPart>
): { readonly outcomes: Array<ReplicationOutcome>; readonly audit: boolean } | { readonly problems: Array<string> } => {
  const runs = bodiesOf(parts, isBody, "not a run part (no outcomes)")
  if ("problems" in runs) return runs
  const problems: Array<string> = []
  const settings = new Set(runs.map((r) => `${r.body.replications} replications, audit ${r.body.audit ? "on" : "off"}`))
  if (settings.size > 1) problems.push(`parts differ in run settings: ${[...settings].join(" / ")}`)
  for (const r of runs) {
    const expected = shardIndices(r.body.replications, r.shard)
    const got = r.body.outcomes.map((o) => o.index)
    const stopped = r.body.outcomes.at(-1)?.violation !== undefined
    const prefix = expected.slice(0, got.length)
    if (JSON.stringify(stopped ? prefix : expected) !== JSON.stringify(got)) {
      problems.push(
        `${r.path}: holds replications ${got.join(", ") || "none"}, but shard ${r.shard.index}/${r.shard.count} of ` +
          `${r.body.replications} is ${expected.join(", ") || "none"}`
      )
    }
  }
  if (problems.length > 0) return { problems }
  const outcomes = runs.flatMap((r) => r.body.outcomes.map(decodeOutcome)).sort((a, b) => a.index - b.index)
  return { outcomes, audit: runs[0]!.body.audit }
}

/** A violation a shard met, for its own report. */
export const firstViolation = (outcomes: ReadonlyArray<ReplicationOutcome>): Violation | undefined =>
  outcomes.find((o) => o.violation !== undefined)?.violation
