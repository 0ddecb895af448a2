// The swarm's failure path with deliberately broken engines: it fails, the shrunk input list is
// much shorter than the seed's and still fails the same way, and the written trace replays with
// a non-zero verdict (through the replayer and the CLI).
import { mkdtempSync } from "node:fs"
import { tmpdir } from "node:os"
import { join } from "node:path"
import { describe, expect, it } from "vitest"
import type { EngineLayer } from "../../../core/engine.ts"
import { RoutingEngine, wrapEngine } from "../../../core/engine.ts"
import type { Event } from "../../../core/events.ts"
import { failureKey } from "../../../sim/swarm/harness.ts"
import { rerun } from "../../../sim/swarm/rerun.ts"
import { shrinkList } from "../../../sim/swarm/shrink.ts"
import { runSwarm } from "../../../sim/swarm/swarm.ts"
import { replayTrace } from "../../../sim/trace/replay.ts"
import { cli } from "../../support/cli.ts"

const dir = mkdtempSync(join(tmpdir(), "livechat-swarm-"))
const LATE_MS = 8 * 60_000

/**
 * Forgets to send the agent to Idle(Declined) when it declines a conference, once the run is 8
 * minutes old: a rare path reached late, so the seed's input list is long before it fails.
 */
const conferenceDeclineKeepsPresence: EngineLayer = wrapEngine(RoutingEngine.layer, (engine) => (command, nowMs) => {
  const result = engine.submitSync(command, nowMs)
  if (nowMs < LATE_MS || !result.events.some((e) => e._tag === "OfferDeclined" && e.kind === "conference"))
    return result
  return { ...result, events: result.events.filter((e) => !(e._tag === "PresenceChanged" && e.cause === "declined")) }
})

/** Refuses every EndChat as if the agent were not the owner: chats never end, the drain is stuck. */
const noEnd: EngineLayer = wrapEngine(RoutingEngine.layer, (engine) => (command, nowMs) => {
  if (command._tag !== "EndChat") return engine.submitSync(command, nowMs)
  const refusal: Event = {
    _tag: "CommandRejected",
    command: "EndChat",
    code: "NOT_OWNER",
    message: "planted bug",
    agentId: command.agentId,
    chatId: command.chatId,
    atMs: nowMs
  }
  return { events: [refusal] }
})

describe("shrinkList", () => {
  it("finds the two items that together make a list fail", () => {
    const items = Array.from({ length: 200 }, (_, i) => i)
    const { items: shrunk } = shrinkList(items, (c) => c.includes(17) && c.includes(150), 10_000)
    expect(shrunk).toEqual([17, 150])
  })
})

describe("a swarm over a broken engine", () => {
  const report = runSwarm({
    seeds: 50,
    from: 1,
    outDir: join(dir, "transfer"),
    engineFor: conferenceDeclineKeepsPresence
  })
  const f = report.failure!

  it("fails on a presence violation and names the seed", () => {
    expect(f).toBeDefined()
    expect(failureKey(f.failure)).toBe("violation:presence")
    expect(f.trace.path).toBe(join(dir, "transfer", `seed-${f.seed.seed}.jsonl`))
    expect(f.reproduce).toBe(`npx livechat-sim swarm --seeds 1 --from ${f.seed.seed}`)
  })

  it("shrinks the inputs to a small fraction that still fails the same way", () => {
    expect(f.shrink.reproduced).toBe(true)
    const before = f.seed.inputs.length
    const after = f.shrink.inputs.length
    expect(before).toBeGreaterThan(500)
    expect(after).toBeLessThanOrEqual(10) // two logins, a chat, its accept, a conference request and the decline
    const again = rerun(f.seed.case, conferenceDeclineKeepsPresence, f.shrink.inputs).failure
    expect(again === undefined ? "none" : failureKey(again)).toBe("violation:presence")
    // the same inputs are fine on the real engine: the bug is the engine's, not the inputs'
    expect(rerun(f.seed.case, RoutingEngine.layer, f.shrink.inputs).failure).toBeUndefined()
  })

  it("writes a trace that replays with a non-zero verdict", async () => {
    const verdict = await replayTrace(f.trace.path)
    expect(verdict._tag).not.toBe("Identical")
    expect(verdict._tag).not.toBe("Invalid")
    const r = cli(["replay", f.trace.path])
    expect(r.code).toBe(1)
  })
})

describe("a swarm whose drain cannot finish", () => {
  const report = runSwarm({ seeds: 5, from: 1, outDir: join(dir, "stuck"), engineFor: noEnd })
  const f = report.failure!

  it("fails as stuck, saying which chats are held by whom", () => {
    expect(f.failure._tag).toBe("Stuck")
    const text = f.failure._tag === "Stuck" ? f.failure.lines.join("\n") : ""
    expect(text).toMatch(/still open \d+ ms into the drain/)
    expect(text).toMatch(/chat "c\d+" Active; owned by "a\d+"/)
    expect(text).toMatch(/the drain's last try: EndChat by "a\d+" was refused NOT_OWNER \(planted bug\)/)
  })

  it("shrinks to a handful of inputs that still leave a chat stuck", () => {
    expect(f.shrink.reproduced).toBe(true)
    expect(f.shrink.inputs.length).toBeLessThanOrEqual(6)
    expect(f.shrink.inputs.map((x) => x.command._tag)).toContain("StartChat")
    expect(rerun(f.seed.case, noEnd, f.shrink.inputs).failure?._tag).toBe("Stuck")
  })
})
