// The center's memory of used (actor, ref) pairs against a model: whatever the order of stages,
// commits, lookups and evictions, and however often fingerprints collide, a used ref is always
// answered with its ack and a new one never; and a new ref of a known actor costs no log lookup.
import fc from "fast-check"
import { describe, expect, it } from "vitest"
import type { RefLog } from "../../live/ref-memory.ts"
import { REF_MEMORY_LIMITS, RefMemory, refFingerprint } from "../../live/ref-memory.ts"

/** A log of committed (actor, ref) -> ack, counting its lookups. */
class FakeLog implements RefLog {
  readonly rows = new Map<string, Map<string, string>>()
  findAcks = 0
  probes = 0

  findAck(actor: string, ref: string): string | undefined {
    this.findAcks++
    return this.rows.get(actor)?.get(ref)
  }

  hasRefs(actor: string): boolean {
    this.probes++
    return (this.rows.get(actor)?.size ?? 0) > 0
  }

  commit(actor: string, ref: string, ack: string): void {
    let refs = this.rows.get(actor)
    if (refs === undefined) this.rows.set(actor, (refs = new Map()))
    refs.set(ref, ack)
  }
}

describe("ref memory", () => {
  it("answers a new ref of a new actor without the log, and a used one from staging, then the log", () => {
    const log = new FakeLog()
    const m = new RefMemory(log)
    for (let i = 0; i < 100; i++) expect(m.ackOf("customer:c1", `r${i}`)).toBeUndefined()
    expect(log.findAcks).toBe(0)
    expect(log.probes).toBe(1)
    m.stage("customer:c1", "r1", "ack-1")
    expect(m.ackOf("customer:c1", "r1")).toBe("ack-1")
    log.commit("customer:c1", "r1", "ack-1")
    m.committed("customer:c1", "r1")
    expect(m.ackOf("customer:c1", "r1")).toBe("ack-1")
    expect(m.ackOf("customer:c1", "r2")).toBeUndefined()
    expect(log.findAcks).toBe(1)
    expect(log.probes).toBe(1)
  })

  it("an actor with refs in the log when first seen has each ref looked up", () => {
    const log = new FakeLog()
    log.commit("agent:a1", "old", "ack-old")
    const m = new RefMemory(log)
    expect(m.ackOf("agent:a1", "old")).toBe("ack-old")
    expect(m.ackOf("agent:a1", "new")).toBeUndefined()
    expect(log.findAcks).toBe(2)
  })

  it("an actor past the per-actor limit keeps no fingerprints: every ref is looked up", () => {
    const log = new FakeLog()
    const m = new RefMemory(log, { maxRefsPerActor: 4, maxFingerprints: 100 })
    for (let i = 0; i < 6; i++) {
      expect(m.ackOf("agent:a1", `r${i}`)).toBeUndefined()
      m.stage("agent:a1", `r${i}`, `ack-${i}`)
      log.commit("agent:a1", `r${i}`, `ack-${i}`)
      m.committed("agent:a1", `r${i}`)
    }
    const lookups = log.findAcks
    expect(m.ackOf("agent:a1", "new")).toBeUndefined()
    expect(m.ackOf("agent:a1", "r0")).toBe("ack-0")
    expect(log.findAcks).toBe(lookups + 2)
  })

  it("an actor dropped for room is looked at again when seen again, its staged refs included", () => {
    const log = new FakeLog()
    const m = new RefMemory(log, { maxRefsPerActor: 8, maxFingerprints: 16 })
    expect(m.ackOf("a", "x")).toBeUndefined()
    m.stage("a", "x", "ack-x") // staged, not committed, while "a" is pushed out
    for (let i = 0; i < 20; i++) m.ackOf(`other${i}`, "y")
    const probes = log.probes
    expect(m.ackOf("a", "z")).toBeUndefined()
    expect(log.probes).toBe(probes + 1)
    log.commit("a", "x", "ack-x")
    m.committed("a", "x")
    expect(m.ackOf("a", "x")).toBe("ack-x")
  })

  it("keeps at most maxFingerprints in all, and drops the least recently seen actor first", () => {
    const log = new FakeLog()
    const m = new RefMemory(log, { maxRefsPerActor: 100, maxFingerprints: 9 })
    for (const actor of ["a", "b"]) {
      for (let i = 0; i < 4; i++) {
        m.ackOf(actor, `r${i}`)
        m.stage(actor, `r${i}`, "ack")
        log.commit(actor, `r${i}`, "ack")
        m.committed(actor, `r${i}`)
      }
    }
    m.ackOf("a", "r9") // a is now the most recently seen
    m.ackOf("c", "r0")
    m.stage("c", "r0", "ack")
    m.stage("c", "r1", "ack") // 4 + 4 + 2 > 9: b goes
    const probes = log.probes
    m.ackOf("a", "r10")
    expect(log.probes).toBe(probes)
    m.ackOf("b", "r10")
    expect(log.probes).toBe(probes + 1)
  })

  it("a forgotten actor is looked at again: its committed refs are then each looked up, its staged ones still found", () => {
    const log = new FakeLog()
    const m = new RefMemory(log)
    m.ackOf("customer:c9", "q1")
    m.stage("customer:c9", "q1", "ack-1")
    log.commit("customer:c9", "q1", "ack-1")
    m.committed("customer:c9", "q1")
    m.stage("customer:c9", "q2", "ack-2")
    m.forget("customer:c9")
    const probes = log.probes
    expect(m.ackOf("customer:c9", "q1")).toBe("ack-1")
    expect(m.ackOf("customer:c9", "q2")).toBe("ack-2")
    expect(m.ackOf("customer:c9", "q3")).toBeUndefined()
    expect(log.probes).toBe(probes + 1)
  })

  it("fingerprints are 31-bit non-negative integers that tell different refs apart", () => {
    const seen = new Set<number>()
    for (let i = 0; i < 10_000; i++) {
      const f = refFingerprint(`r-m${i}`)
      expect(Number.isInteger(f) && f >= 0 && f < 2 ** 31).toBe(true)
      seen.add(f)
    }
    expect(seen.size).toBeGreaterThan(9_990)
  })

  it("agrees with a model of used refs, with colliding fingerprints and tiny limits", () => {
    const op = fc.oneof(
      fc.record({ kind: fc.constant("use" as const), actor: fc.nat(5), ref: fc.nat(30) }),
      fc.record({ kind: fc.constant("commit" as const) }),
      fc.record({ kind: fc.constant("ask" as const), actor: fc.nat(5), ref: fc.nat(30) })
    )
    fc.assert(
      fc.property(
        fc.array(op, { minLength: 50, maxLength: 300 }),
        fc.constantFrom(
          { maxRefsPerActor: 3, maxFingerprints: 8 },
          { maxRefsPerActor: 6, maxFingerprints: 40 },
          REF_MEMORY_LIMITS
        ),
        (ops, limits) => {
          const log = new FakeLog()
          // one letter per fingerprint: refs collide often, so "maybe" answers are checked in the log
          const m = new RefMemory(log, limits, (ref) => ref.length % 3)
          const used = new Map<string, string>()
          let staged: Array<readonly [string, string, string]> = []
          const check = (actor: string, ref: string) => expect(m.ackOf(actor, ref)).toBe(used.get(`${actor}/${ref}`))
          for (const o of ops) {
            if (o.kind === "commit") {
              for (const [actor, ref, ack] of staged) log.commit(actor, ref, ack)
              for (const [actor, ref] of staged) m.committed(actor, ref)
              staged = []
              continue
            }
            const actor = `actor${o.actor}`
            const ref = "r".repeat(o.ref % 7) + String(o.ref)
            check(actor, ref)
            if (o.kind === "use" && !used.has(`${actor}/${ref}`)) {
              const ack = `ack:${actor}/${ref}`
              m.stage(actor, ref, ack)
              used.set(`${actor}/${ref}`, ack)
              staged.push([actor, ref, ack])
            }
          }
        }
      )
    )
  })
})
