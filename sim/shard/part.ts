/**
 * A part: what one shard writes for `merge` to combine. Every part carries what makes merging
 * safe and exact: its kind, the format version, the engine version, the resolved scenario and its
 * hash, the seed, the shard it is (K of N), the command that wrote it, its raw results (never only
 * means), and a SHA-256 checksum over all of that, so an edited or damaged file is refused. The
 * envelope is decoded with a Schema; the results are checked by the kind's own merge. Pure, but
 * for reading the file.
 */
import { createHash } from "node:crypto"
import { readFileSync } from "node:fs"
import * as Result from "effect/Result"
import * as Schema from "effect/Schema"
import { issueLines } from "../../input/issues.ts"
import type { Scenario } from "../scenario/model.ts"
import { canonicalJson, scenarioHash, scenarioJson } from "../trace/format.ts"
import type { Shard } from "./shard.ts"

export const PART_FORMAT = 1

export const PartKind = Schema.Literals(["run", "compare", "swarm", "staff-table"])
export type PartKind = typeof PartKind.Type

export const PartEnvelope = Schema.Struct({
  livechatSimPart: PartKind,
  format: Schema.Literal(PART_FORMAT),
  engineVersion: Schema.String,
  scenarioHash: Schema.String,
  scenario: Schema.Unknown,
  seed: Schema.Int,
  shard: Schema.Struct({ index: Schema.Int, count: Schema.Int }),
  command: Schema.String,
  /** What the kind needs to merge: outcomes, samples, seed reports... */
  body: Schema.Unknown,
  checksum: Schema.String
})
export type PartEnvelope = typeof PartEnvelope.Type

export type PartContent = Omit<PartEnvelope, "checksum">

const checksumOf = (content: PartContent): string => createHash("sha256").update(canonicalJson(content)).digest("hex")

/**
 * A part ready to write: the scenario as JSON (Infinity as "Infinity"; none for a swarm, whose
 * seeds draw their own centers, which then names its first seed as `seed`) and the checksum over
 * everything.
 */
export const makePart = (
  kind: PartKind,
  scenario: Scenario | undefined,
  seed: number,
  shard: Shard,
  command: string,
  body: unknown,
  engineVersion: string
): PartEnvelope => {
  const content: PartContent = {
    livechatSimPart: kind,
    format: PART_FORMAT,
    engineVersion,
    scenarioHash: scenario === undefined ? "none" : scenarioHash(scenario),
    scenario: scenario === undefined ? null : (JSON.parse(scenarioJson(scenario)) as unknown),
    seed,
    shard,
    command,
    body: JSON.parse(JSON.stringify(body)) as unknown
  }
  return { ...content, checksum: checksumOf(content) }
}

/** A resolved scenario as a part holds it (Infinity as "Infinity"), Infinity restored. */
export const scenarioFromJson = (json: unknown): Scenario =>
  JSON.parse(JSON.stringify(json), (_k, v: unknown) => (v === "Infinity" ? Infinity : v)) as Scenario

/** The resolved scenario a part carries, Infinity restored. */
export const scenarioOf = (part: PartEnvelope): Scenario => scenarioFromJson(part.scenario)

export interface LoadedPart {
  readonly path: string
  readonly part: PartEnvelope
}

/** A part's body as its kind holds it, with the file and the shard it came from. */
export interface PartBody<B> {
  readonly path: string
  readonly shard: Shard
  readonly body: B
}

/** Every part's body, or one `${path}: ${notOne}` problem per part whose body is not of the kind. */
export const bodiesOf = <B>(
  parts: ReadonlyArray<LoadedPart>,
  isBody: (u: unknown) => u is B,
  notOne: string
): Array<PartBody<B>> | { readonly problems: Array<string> } => {
  const bad = parts.filter((p) => !isBody(p.part.body))
  if (bad.length > 0) return { problems: bad.map((p) => `${p.path}: ${notOne}`) }
  return parts.map((p) => ({ path: p.path, shard: p.part.shard, body: p.part.body as B }))
}

/** `parts are not of the same ${what}: files` when `identity` differs between bodies; else nothing. */
export const differentIdentity = <B>(
  bodies: ReadonlyArray<PartBody<B>>,
  identity: (body: B) => string,
  what: string
): Array<string> =>
  new Set(bodies.map((b) => identity(b.body))).size > 1
    ? [`parts are not of the same ${what}: ${bodies.map((b) => b.path).join(", ")}`]
    : []

/** Read, decode and checksum one part file; every problem names the file. */
export const readPart = (path: string): LoadedPart | string => {
  let text: string
  try {
    text = readFileSync(path, "utf8")
  } catch (e) {
    const code = typeof e === "object" && e !== null && "code" in e ? String(e.code) : ""
    return `${path}: ${code === "ENOENT" ? "file not found" : `cannot be read${code === "" ? "" : ` (${code})`}`}`
  }
  let json: unknown
  try {
    json = JSON.parse(text)
  } catch {
    return `${path}: not JSON (a part is the JSON file a sharded command wrote with --json); truncated or damaged?`
  }
  const decoded = Schema.decodeUnknownResult(PartEnvelope)(json)
  if (Result.isFailure(decoded)) {
    return `${path}: not a livechat-sim part: ${issueLines(decoded.failure.issue, [], "part").slice(0, 3).join("; ")}`
  }
  const { checksum, ...content } = decoded.success
  if (checksumOf(content) !== checksum)
    return `${path}: its checksum does not match its content: the file was edited or damaged`
  return { path, part: decoded.success }
}

/**
 * Parts that belong together: one kind, the same engine version (this one's), scenario, seed and
 * shard count, each shard index exactly once. Every problem, naming the files.
 */
export const checkParts = (parts: ReadonlyArray<LoadedPart>, engineVersion: string): Array<string> => {
  const first = parts[0]
  if (first === undefined) return ["no parts given"]
  const problems: Array<string> = []
  const differs = (label: string, of: (p: PartEnvelope) => unknown) => {
    const values = new Map<string, Array<string>>()
    for (const { path, part } of parts)
      values.set(JSON.stringify(of(part)), [...(values.get(JSON.stringify(of(part))) ?? []), path])
    if (values.size > 1) {
      problems.push(
        `parts differ in ${label}: ${[...values].map(([v, paths]) => `${v} in ${paths.join(", ")}`).join("; ")}`
      )
    }
  }
  differs("kind", (p) => p.livechatSimPart)
  differs("scenario", (p) => p.scenarioHash)
  differs("seed", (p) => p.seed)
  differs("engine version", (p) => p.engineVersion)
  differs("shard count", (p) => p.shard.count)
  const foreign = parts.filter((p) => p.part.engineVersion !== engineVersion)
  if (foreign.length > 0 && problems.length === 0) {
    problems.push(
      `parts come from engine ${first.part.engineVersion}, this livechat-sim is ${engineVersion}: merge with the same version`
    )
  }
  if (problems.length > 0) return problems
  const count = first.part.shard.count
  const byIndex = new Map<number, Array<string>>()
  for (const { path, part } of parts) byIndex.set(part.shard.index, [...(byIndex.get(part.shard.index) ?? []), path])
  for (const [index, paths] of byIndex)
    if (paths.length > 1) problems.push(`shard ${index}/${count} given twice: ${paths.join(", ")}`)
  const missing = Array.from({ length: count }, (_, k) => k).filter((k) => !byIndex.has(k))
  if (missing.length > 0)
    problems.push(`missing shard(s) ${missing.map((k) => `${k}/${count}`).join(", ")} of ${count}`)
  return problems
}
