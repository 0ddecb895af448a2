// The engine-share case: the recorded commands of an Erlang A run, replayed through a fresh engine,
// reproduce the run's digest (the case throws otherwise), and every figure it reports is a finite
// positive share or rate (no timing is judged here).
import { describe, expect, it } from "vitest"
import { engineShare } from "../../bench/engine-share.ts"

describe("bench engine-share", () => {
  it("replays the run's own commands and reports the engine's and the digest's share of its time", () => {
    const r = engineShare(20_000)
    expect(r.chats).toBeGreaterThan(18_000)
    expect(r.cpuSeconds).toBeGreaterThan(0)
    expect(r.engineShare).toBeGreaterThan(0)
    expect(Number.isFinite(r.engineShare)).toBe(true)
    expect(Number.isFinite(r.digestShare)).toBe(true)
    expect(r.engineChatsPerCpuSec).toBeGreaterThan(0)
  })
})
