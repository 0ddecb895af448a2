/**
 * Test helper: a tripping fixture is a hand-made stream built twice, broken and repaired. The broken
 * one must be rejected with the expected rule at the expected record and a message naming the
 * agents/chats involved; the repaired one must pass, so a fixture cannot pass by rejecting everything.
 */
import { expect, it } from "vitest"
import type { InvariantId } from "../../../core/audit/auditor.ts"
import { auditStream } from "../../../core/audit/auditor.ts"
import type { EngineConfigInput } from "../../../core/config.ts"
import { makeEngineConfig } from "../../../core/config.ts"
import { Stream } from "./stream.ts"

export interface Fixture {
  readonly name: string
  readonly rule: InvariantId
  readonly config?: Partial<EngineConfigInput>
  /** Words the message must contain (agent and chat ids, the broken limit...). */
  readonly mentions: ReadonlyArray<string>
  /** Write the stream; return the index of the offending record (used for the broken build). */
  readonly build: (s: Stream, broken: boolean) => number
}

export const baseConfig: EngineConfigInput = {
  queues: [{ id: "q" }],
  agents: [
    { id: "a1", capacity: 2 },
    { id: "a2", capacity: 2 },
    { id: "a3", capacity: 2 }
  ]
}

export const fixtureTest = (f: Fixture): void => {
  it(`${f.rule}: ${f.name}`, () => {
    const config = makeEngineConfig({ ...baseConfig, ...f.config })
    const broken = new Stream(config)
    const index = f.build(broken, true)
    const v = auditStream(config, broken.records)
    expect(v, "the broken stream must be rejected").toBeDefined()
    expect({ rule: v!.rule, index: v!.index }, v!.message).toEqual({ rule: f.rule, index })
    for (const word of f.mentions) expect(v!.message).toContain(word)
    const repaired = new Stream(config)
    f.build(repaired, false)
    const ok = auditStream(config, repaired.records)
    expect(ok, ok?.message).toBeUndefined()
  })
}
