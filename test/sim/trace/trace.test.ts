// Traces and replay: every bundled scenario round-trips (plain and gzip) to the run's own digest; a
// deliberately changed engine rule is pinpointed at the first line it changes; truncated, corrupted
// and wrong-version files are told apart and rejected without throwing.
import { mkdtempSync, readdirSync, readFileSync, writeFileSync } from "node:fs"
import { tmpdir } from "node:os"
import { join } from "node:path"
import { gzipSync } from "node:zlib"
import { describe, expect, it } from "vitest"
import { RoutingEngine } from "../../../core/engine.ts"
import { runScenario } from "../../../sim/run/assemble.ts"
import { loadScenario } from "../../../sim/scenario/load.ts"
import type { Scenario } from "../../../sim/scenario/model.ts"
import { recordTrace } from "../../../sim/trace/record.ts"
import type { ReplayVerdict } from "../../../sim/trace/replay.ts"
import { replayTrace } from "../../../sim/trace/replay.ts"
import { rehash } from "./rehash.ts"

const root = join(import.meta.dirname, "../../..")
const dir = mkdtempSync(join(tmpdir(), "livechat-trace-"))
const scenarioFiles = readdirSync(join(root, "scenarios")).filter((f) => f.endsWith(".yaml"))

const load = (file: string, sets: ReadonlyArray<string>): Scenario => {
  const r = loadScenario(join(root, "scenarios", file), sets)
  if (r._tag !== "Loaded") throw new Error(r.problems.join("\n"))
  return r.scenario
}

/** Run with a trace; returns the summary digest. */
const record = (scenario: Scenario, path: string): string => {
  const trace = recordTrace(path, scenario, scenario.replications, "test")
  const result = runScenario(scenario, { audit: false, trace: trace.option })
  if (result._tag !== "Done") throw new Error("violation")
  expect(trace.finish()).toBe(result.summary.digest)
  return result.summary.digest
}

const expectTag = <T extends ReplayVerdict["_tag"]>(v: ReplayVerdict, tag: T): Extract<ReplayVerdict, { _tag: T }> => {
  expect(v._tag, JSON.stringify(v).slice(0, 600)).toBe(tag)
  return v as Extract<ReplayVerdict, { _tag: T }>
}

const small = (file: string) =>
  load(file, [file === "enterprise.yaml" ? "horizon=3m" : "horizon=40m", "warmup=0s", "replications=2"])

describe("round trip", () => {
  it.each(scenarioFiles)("%s: the replay is identical and gives the run's digest", async (file) => {
    const path = join(dir, `${file}.jsonl`)
    const digest = record(small(file), path)
    const v = expectTag(await replayTrace(path), "Identical")
    expect(v.digest).toBe(digest)
    expect(v.counts.replications).toBe(2)
    expect(v.counts.events).toBeGreaterThan(v.counts.inputs / 2)
  })

  it("a .gz path is gzip-compressed and replays the same", async () => {
    const s = small("default.yaml")
    const plain = join(dir, "gz-plain.jsonl")
    const gz = join(dir, "gz.jsonl.gz")
    const digest = record(s, plain)
    record(s, gz)
    const bytes = readFileSync(gz)
    expect([bytes[0], bytes[1]]).toEqual([0x1f, 0x8b])
    expect(bytes.length).toBeLessThan(readFileSync(plain).length / 4)
    expect(expectTag(await replayTrace(gz), "Identical").digest).toBe(digest)
  })
})

describe("a changed engine rule", () => {
  const path = join(dir, "rule.jsonl")
  record(small("default.yaml"), path)
  const lines = readFileSync(path, "utf8").split("\n")
  const firstLine = (needle: string) => lines.findIndex((l) => l.includes(needle)) + 1

  it("a longer offer timeout diverges at the first offer, with the deadline in both versions", async () => {
    const v = expectTag(
      await replayTrace(path, {
        audit: false,
        engineFor: (config) => RoutingEngine.layer({ ...config, offerTimeoutMs: config.offerTimeoutMs + 1_000 })
      }),
      "Diverged"
    )
    expect(v.line).toBe(firstLine(`"_tag":"OfferMade"`))
    expect(v.expected).toContain(`"deadlineMs"`)
    expect(JSON.parse(v.actual).event.deadlineMs).toBe(JSON.parse(v.expected).event.deadlineMs + 1_000)
    expect(v.context.at(-1)?.line).toBe(v.line)
    expect(v.context.length).toBeGreaterThan(1)
  })

  it("another routing policy diverges at the first offer that goes to another agent", async () => {
    const v = expectTag(
      await replayTrace(path, {
        audit: false,
        engineFor: (config) => RoutingEngine.layer({ ...config, policy: "round-robin" })
      }),
      "Diverged"
    )
    expect(JSON.parse(v.expected).event._tag).toBe("OfferMade")
    expect(JSON.parse(v.actual).event.agentId).not.toBe(JSON.parse(v.expected).event.agentId)
    // every line before it replays identically: the same trace cut just before it is only truncated
    const cut = join(dir, "rule-cut.jsonl")
    writeFileSync(cut, `${lines.slice(0, v.line - 1).join("\n")}\n`)
    expect(
      expectTag(
        await replayTrace(cut, {
          audit: false,
          engineFor: (c) => RoutingEngine.layer({ ...c, policy: "round-robin" })
        }),
        "Invalid"
      ).kind
    ).toBe("truncated")
  })

  it("with the auditor on, the changed engine is caught at the input whose events break the recorded configuration", async () => {
    const v = expectTag(
      await replayTrace(path, { engineFor: (c) => RoutingEngine.layer({ ...c, policy: "round-robin" }) }),
      "Violation"
    )
    expect(v.rule).toBe("agent-selection")
    expect(JSON.parse(lines[v.line - 1]!).type).toBe("input")
    expect(v.line).toBeLessThan(firstLine(`"_tag":"OfferMade"`) + 200)
  })

  it("a recording whose events differ from the engine's, hashes intact, is a divergence at that line", async () => {
    const target = firstLine(`"_tag":"WrapUpSubmitted"`)
    const edited = lines.map((l, i) => (i === target - 1 ? l.replace(/"reason":"[^"]+"/, `"reason":"Other"`) : l))
    const p = join(dir, "recorded-elsewhere.jsonl")
    writeFileSync(p, rehash(edited).join("\n"))
    const v = expectTag(await replayTrace(p), "Diverged")
    expect(v.line).toBe(target)
    expect(v.expected).toContain(`"reason":"Other"`)
  })
})

describe("unusable files", () => {
  const path = join(dir, "bad.jsonl")
  record(small("rona-storm.yaml"), path)
  const text = readFileSync(path, "utf8")
  const lines = text.split("\n")
  const write = (name: string, content: string | Buffer) => {
    const p = join(dir, name)
    writeFileSync(p, content)
    return p
  }
  const invalid = async (p: string) => expectTag(await replayTrace(p), "Invalid")

  it("a trace cut mid-line, or without its footer, is truncated", async () => {
    expect((await invalid(write("cut.jsonl", text.slice(0, Math.floor(text.length / 2))))).kind).toBe("truncated")
    expect((await invalid(write("nofooter.jsonl", `${lines.slice(0, -2).join("\n")}\n`))).kind).toBe("truncated")
    expect((await invalid(write("empty.jsonl", ""))).kind).toBe("truncated")
  })

  it("a gzip file cut short is truncated", async () => {
    const gz = gzipSync(text)
    expect((await invalid(write("cut.jsonl.gz", gz.subarray(0, gz.length >> 1)))).kind).toBe("truncated")
  })

  it("an edited line is corruption, found by the next checkpoint, naming where it first differs", async () => {
    const target = lines.findIndex((l) => l.includes(`"_tag":"ChatClosed"`))
    const edited = lines.map((l, i) => (i === target ? l.replace(`"completed"`, `"abandoned"`) : l))
    const v = await invalid(write("edited.jsonl", edited.join("\n")))
    expect(v.kind).toBe("corrupted")
    expect(v.message).toContain(`line ${target + 1}`)
  })

  it("garbage in the middle, a missing header and text after the footer are corruption", async () => {
    expect(
      (await invalid(write("garbage.jsonl", [...lines.slice(0, 5), "{not json", ...lines.slice(5)].join("\n")))).kind
    ).toBe("corrupted")
    expect((await invalid(write("noheader.jsonl", lines.slice(1).join("\n")))).kind).toBe("corrupted")
    expect((await invalid(write("after.jsonl", `${text}{"type":"input"}\n`))).kind).toBe("corrupted")
  })

  it("another format version is refused, and a missing file is unreadable", async () => {
    const header = JSON.parse(lines[0]!)
    expect(
      (await invalid(write("v2.jsonl", [JSON.stringify({ ...header, format: 2 }), ...lines.slice(1)].join("\n")))).kind
    ).toBe("version")
    expect((await invalid(join(dir, "missing.jsonl"))).kind).toBe("unreadable")
  })
})
