/**
 * Cross-field checks of a scenario document that a per-field Schema cannot express: unique ids,
 * references that must resolve (queues, overflow targets, transfer targets, wrap-up reasons) and
 * ordered times (warmup < horizon, shift start < end, breaks inside the shift and not
 * overlapping, uniform min <= max). They read the RAW document and skip every value the Schema
 * rejects, so they run even when the Schema found problems (all problems are reported at once)
 * and never report a problem twice.
 */
import { DEFAULTS } from "../../core/config.ts"
import { formatDuration, parseDuration } from "../../input/duration.ts"
import type { Problem } from "../../input/issues.ts"
import { formatPath, suggest } from "../../input/issues.ts"

type Path = ReadonlyArray<PropertyKey>
type Raw = Readonly<Record<string, unknown>>

const rec = (u: unknown): Raw | undefined =>
  typeof u === "object" && u !== null && !Array.isArray(u) ? (u as Raw) : undefined
const items = (u: unknown): ReadonlyArray<unknown> => (Array.isArray(u) ? u : [])
const str = (u: unknown): string | undefined => (typeof u === "string" ? u : undefined)
const ms = (u: unknown): number | undefined => (typeof u === "string" ? parseDuration(u) : undefined)
const num = (u: unknown): number | undefined => (typeof u === "number" && Number.isFinite(u) ? u : undefined)
const quantity = (u: unknown): number | undefined => num(u) ?? ms(u)

class Collector {
  readonly problems: Array<Problem> = []
  add(path: Path, message: string): void {
    this.problems.push({ path, message })
  }
  /** Records duplicate ids of a list; returns the set of ids (strings only). */
  ids(list: unknown, path: Path): Set<string> {
    const first = new Map<string, number>()
    items(list).forEach((item, i) => {
      const id = str(rec(item)?.["id"])
      if (id === undefined) return
      const seen = first.get(id)
      if (seen === undefined) first.set(id, i)
      else this.add([...path, i, "id"], `duplicate id "${id}" (also ${formatPath([...path, seen])})`)
    })
    return new Set(first.keys())
  }
  /** A reference that must name one of `known`. */
  ref(value: unknown, path: Path, known: ReadonlySet<string>, what: string): void {
    const name = str(value)
    if (name === undefined || known.has(name)) return
    const hint = suggest(name, [...known])
    this.add(path, `unknown ${what} "${name}"${hint === undefined ? "" : ` (did you mean "${hint}"?)`}`)
  }
}

const checkQueues = (c: Collector, root: Raw, queueIds: ReadonlySet<string>): void => {
  items(root["queues"]).forEach((q, i) => {
    const queue = rec(q)
    if (queue === undefined || queue["overflowTo"] === undefined) return
    c.ref(queue["overflowTo"], ["queues", i, "overflowTo"], queueIds, "queue")
    if (queue["maxWait"] === undefined)
      c.add(["queues", i, "overflowTo"], "needs maxWait (how long before the chat moves)")
  })
}

const checkWorkload = (c: Collector, root: Raw, queueIds: ReadonlySet<string>): void => {
  const arrivals = items(root["arrivals"])
  const campaigns = items(root["proactive"])
  arrivals.forEach((a, i) => {
    c.ref(rec(a)?.["queue"], ["arrivals", i, "queue"], queueIds, "queue")
  })
  campaigns.forEach((p, i) => {
    c.ref(rec(p)?.["queue"], ["proactive", i, "queue"], queueIds, "queue")
  })
  if (
    arrivals.length === 0 &&
    campaigns.length === 0 &&
    (root["arrivals"] === undefined || Array.isArray(root["arrivals"]))
  ) {
    c.add(["arrivals"], "no arrival streams and no proactive campaigns: nothing would arrive")
  }
}

const reasonOf = (entry: unknown): string | undefined => str(entry) ?? str(rec(entry)?.["reason"])
const weightOf = (entry: unknown): number | undefined =>
  rec(entry) === undefined ? 1 : num(rec(entry)?.["weight"] ?? 1)

const checkWeights = (c: Collector, entries: ReadonlyArray<unknown>, path: Path): void => {
  const weights = entries.map(weightOf)
  if (entries.length > 0 && weights.every((w) => w === 0)) c.add(path, "weights must not all be 0")
}

const checkTransfer = (
  c: Collector,
  transfer: Raw | undefined,
  path: Path,
  queueIds: ReadonlySet<string>,
  groupIds: ReadonlySet<string>
): void => {
  if (transfer === undefined) return
  const targets = items(transfer["targets"])
  targets.forEach((t, j) => {
    const target = rec(t)
    if (target === undefined) return
    const hasQueue = target["queue"] !== undefined
    const hasGroup = target["agentGroup"] !== undefined
    if (hasQueue === hasGroup) c.add([...path, "targets", j], "give exactly one of queue or agentGroup")
    c.ref(target["queue"], [...path, "targets", j, "queue"], queueIds, "queue")
    c.ref(target["agentGroup"], [...path, "targets", j, "agentGroup"], groupIds, "agent group")
  })
  const probability = num(transfer["probability"])
  if (
    probability !== undefined &&
    probability > 0 &&
    targets.length === 0 &&
    (transfer["targets"] === undefined || Array.isArray(transfer["targets"]))
  ) {
    c.add([...path, "targets"], "at least one target is needed when probability > 0")
  }
  checkWeights(c, targets, [...path, "targets"])
}

const checkShiftAndBreaks = (c: Collector, group: Raw, path: Path): void => {
  const shift = rec(group["shift"])
  const start = shift === undefined || shift["start"] === undefined ? 0 : ms(shift["start"])
  const end = shift === undefined || shift["end"] === undefined ? Infinity : ms(shift["end"])
  if (start !== undefined && end !== undefined && end <= start) {
    c.add([...path, "shift", "end"], `must be after shift.start (${formatDuration(start)})`)
  }
  let previous: { end: number; index: number } | undefined
  const timed = items(group["breaks"]).flatMap((b, j) => {
    const span = breakSpan(c, rec(b), [...path, "breaks", j])
    return span === undefined ? [] : [{ j, ...span }]
  })
  for (const b of [...timed].sort((x, y) => x.from - y.from || x.j - y.j)) {
    const where = [...path, "breaks", b.j]
    if (start !== undefined && b.from < start)
      c.add([...where, b.key], `starts before the shift (${formatDuration(start)})`)
    if (end !== undefined && b.to > end)
      c.add([...where, b.window ? "window" : "duration"], `ends after the shift (${formatDuration(end)})`)
    if (previous !== undefined && b.from < previous.end)
      c.add([...where, b.key], `overlaps ${formatPath([...path, "breaks", previous.index])}`)
    previous = { end: b.to, index: b.j }
  }
}

/**
 * The time a break can occupy (all at once: start to start + duration; staggered: its window), or
 * undefined when its fields are missing or bad (reported here or by the Schema).
 */
const breakSpan = (c: Collector, b: Raw | undefined, where: Path) => {
  if (b === undefined) return undefined
  const length = ms(b["duration"])
  const window = Array.isArray(b["window"]) ? b["window"] : undefined
  if ((b["start"] === undefined) === (window === undefined)) {
    c.add(where, "give start (all agents at once) or window: [start, end] (staggered), not both")
    return undefined
  }
  if (window === undefined) {
    const from = ms(b["start"])
    return from === undefined || length === undefined
      ? undefined
      : { from, to: from + length, key: "start", window: false }
  }
  const [from, to] = [ms(window[0]), ms(window[1])]
  if (from === undefined || to === undefined || length === undefined) return undefined
  if (to - from < length) {
    c.add(
      [...where, "window"],
      `is ${formatDuration(to - from)} long, shorter than the break's duration (${formatDuration(length)})`
    )
    return undefined
  }
  return { from, to, key: "window", window: true }
}

const checkAgents = (c: Collector, root: Raw, queueIds: ReadonlySet<string>, groupIds: ReadonlySet<string>): void => {
  const topReasons = items(root["wrapUpReasons"])
    .map(str)
    .filter((r): r is string => r !== undefined)
  const reasons = new Set(root["wrapUpReasons"] === undefined ? DEFAULTS.wrapUpReasons : topReasons)
  items(root["agents"]).forEach((g, i) => {
    const group = rec(g)
    if (group === undefined) return
    const path: Path = ["agents", i]
    items(group["queues"]).forEach((q, j) => {
      c.ref(q, [...path, "queues", j], queueIds, "queue")
    })
    checkTransfer(c, rec(group["transfer"]), [...path, "transfer"], queueIds, groupIds)
    const entries = items(group["wrapUpReasons"])
    entries.forEach((e, j) => {
      c.ref(reasonOf(e), [...path, "wrapUpReasons", j], reasons, "wrap-up reason")
    })
    checkWeights(c, entries, [...path, "wrapUpReasons"])
    checkShiftAndBreaks(c, group, path)
  })
  const seen = new Map<string, number>()
  topReasons.forEach((r, i) => {
    const first = seen.get(r)
    if (first === undefined) seen.set(r, i)
    else c.add(["wrapUpReasons", i], `duplicate reason "${r}" (also wrapUpReasons[${first}])`)
  })
}

/** Every `{ dist: uniform }` anywhere in the document must have min <= max (YAML aliases may share nodes). */
const checkUniforms = (c: Collector, node: unknown, path: Path, seen: Set<unknown>): void => {
  if (typeof node !== "object" || node === null || seen.has(node)) return
  seen.add(node)
  if (Array.isArray(node)) {
    node.forEach((child, i) => {
      checkUniforms(c, child, [...path, i], seen)
    })
    return
  }
  const obj = rec(node)
  if (obj === undefined) return
  if (obj["dist"] === "uniform") {
    const min = quantity(obj["min"])
    const max = quantity(obj["max"])
    if (min !== undefined && max !== undefined && max < min) c.add([...path, "max"], "must be >= min")
  }
  for (const [key, child] of Object.entries(obj)) checkUniforms(c, child, [...path, key], seen)
}

/** Every cross-field problem of a raw scenario document (empty when consistent). */
export const semanticProblems = (doc: unknown): Array<Problem> => {
  const root = rec(doc)
  if (root === undefined) return []
  const c = new Collector()
  const queueIds = c.ids(root["queues"], ["queues"])
  const groupIds = c.ids(root["agents"], ["agents"])
  c.ids(root["proactive"], ["proactive"])
  checkQueues(c, root, queueIds)
  checkWorkload(c, root, queueIds)
  checkAgents(c, root, queueIds, groupIds)
  const horizon = ms(root["horizon"])
  const warmup = ms(root["warmup"])
  if (horizon !== undefined && warmup !== undefined && warmup >= horizon) {
    c.add(["warmup"], `must be shorter than horizon (${formatDuration(horizon)})`)
  }
  checkUniforms(c, root, [], new Set())
  return c.problems
}
