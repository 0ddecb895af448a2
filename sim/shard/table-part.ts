/**
 * Sharded staffing tables (`staff --table A..B --shard K/N`): shard K simulates the agent counts n
 * of the range with (n - A) mod N = K, a block of candidates; `merge` checks that every count of
 * the range is there exactly once, puts the rows in order and picks the answer (the fewest agents
 * meeting every target), as the unsharded table does.
 */
import type { StaffTable, TableRow } from "../staff/table.ts"
import { withAnswer } from "../staff/table.ts"
import type { LoadedPart } from "./part.ts"
import { bodiesOf, differentIdentity } from "./part.ts"
import type { Shard } from "./shard.ts"

/** The agent counts of A..B shard K of N takes. */
export const tableCounts = (from: number, to: number, shard: Shard): Array<number> =>
  Array.from({ length: to - from + 1 }, (_, k) => from + k).filter((n) => (n - from) % shard.count === shard.index)

export interface TablePartBody {
  readonly from: number
  readonly to: number
  readonly table: StaffTable
}

const isBody = (u: unknown): u is TablePartBody =>
  typeof u === "object" &&
  u !== null &&
  typeof (u as TablePartBody).table === "object" &&
  Array.isArray((u as TablePartBody).table.rows)

export const mergeTableParts = (
  parts: ReadonlyArray<LoadedPart>
): StaffTable | { readonly problems: Array<string> } => {
  const bodies = bodiesOf(parts, isBody, "not a staffing-table part (no rows)")
  if ("problems" in bodies) return bodies
  const { table: _, ...firstRest } = bodies[0]!.body
  const identity = (b: TablePartBody) => {
    const { rows: _r, answer: _a, ...meta } = b.table
    return JSON.stringify([b.from, b.to, meta])
  }
  const problems = differentIdentity(bodies, identity, "table (range, interval, targets or replications differ)")
  for (const b of bodies) {
    const expected = tableCounts(firstRest.from, firstRest.to, b.shard)
    if (JSON.stringify(expected) !== JSON.stringify(b.body.table.rows.map((r) => r.agents))) {
      problems.push(`${b.path}: does not hold exactly the agent counts of shard ${b.shard.index}/${b.shard.count}`)
    }
  }
  if (problems.length > 0) return { problems }
  const rows: Array<TableRow> = bodies.flatMap((b) => b.body.table.rows).sort((a, b) => a.agents - b.agents)
  const { rows: _r, answer: _a, ...meta } = bodies[0]!.body.table
  return { ...meta, rows, ...withAnswer(rows) }
}
