/**
 * The `--shard K/N` flag that run, compare, staff and swarm share: parsed once, and refused with
 * every problem (a malformed K/N, no --json to write the part to) before anything runs; and the
 * part a shard writes, stamped with this engine's version, one JSON line per file.
 */
import * as Effect from "effect/Effect"
import * as Option from "effect/Option"
import { ENGINE_VERSION } from "../core/version.ts"
import type { Scenario } from "../sim/scenario/model.ts"
import type { PartKind } from "../sim/shard/part.ts"
import { makePart } from "../sim/shard/part.ts"
import type { Shard } from "../sim/shard/shard.ts"
import { parseShard } from "../sim/shard/shard.ts"
import { invalidInput } from "./exit.ts"
import { writeFile } from "./files.ts"

/** A usable shard and the file its part goes to. */
export interface ShardTarget {
  readonly shard: Shard
  readonly json: string
}

/**
 * `--shard text` with `--json`: the target, or the problems in order (the K/N, then the missing
 * --json, whose message shows a sample file name when `example`).
 */
export const checkShard = (
  text: string,
  json: Option.Option<string>,
  example = false
): { readonly target: ShardTarget } | { readonly problems: Array<string> } => {
  const shard = parseShard(text)
  const noJson = `--shard writes a part file for merge: give --json FILE${example ? ", e.g. --json part-0.json" : ""}`
  if (typeof shard !== "string" && Option.isSome(json)) return { target: { shard, json: json.value } }
  return { problems: [...(typeof shard === "string" ? [shard] : []), ...(Option.isNone(json) ? [noJson] : [])] }
}

/** The shard target, or exit 2 printing each problem. */
export const shardOrExit = (text: string, json: Option.Option<string>, example = false) =>
  Effect.gen(function* () {
    const checked = checkShard(text, json, example)
    if ("problems" in checked) return yield* invalidInput(checked.problems)
    return checked.target
  })

/** Write a shard's part to `path`: its envelope (this engine's version, checksum) as one JSON line. */
export const writePart = (
  path: string,
  kind: PartKind,
  scenario: Scenario | undefined,
  seed: number,
  shard: Shard,
  command: string,
  body: unknown
): void => {
  writeFile(path, `${JSON.stringify(makePart(kind, scenario, seed, shard, command, body, ENGINE_VERSION))}\n`)
}
