// Test support: recompute a trace's checkpoint and footer hashes after its lines were edited, as
// if another engine had recorded them (so replay sees a divergence, not a damaged file).
import { LineHash } from "../../../sim/trace/format.ts"

export const rehash = (lines: ReadonlyArray<string>): Array<string> => {
  const hash = new LineHash()
  return lines.map((line) => {
    if (line === "") return line
    const record = JSON.parse(line) as { type: string; hash?: string }
    if (record.type === "checkpoint" || record.type === "footer") return JSON.stringify({ ...record, hash: hash.hex() })
    hash.add(line)
    return line
  })
}
