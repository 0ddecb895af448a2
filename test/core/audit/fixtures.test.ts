// Tripping fixtures: one or more hand-made broken streams per invariant, each rejected with its rule
// at the offending record, each with a repaired sibling that passes (see fixture.ts).
import { describe, expect, it } from "vitest"
import { INVARIANT_IDS } from "../../../core/audit/auditor.ts"
import { fixtureTest } from "./fixture.ts"
import { handlingFixtures } from "./fixtures-handling.ts"
import { routingFixtures } from "./fixtures-routing.ts"

describe("auditor fixtures: offers and routing", () => {
  for (const f of routingFixtures) fixtureTest(f)
})

describe("auditor fixtures: chat handling", () => {
  for (const f of handlingFixtures) fixtureTest(f)
})

describe("auditor fixtures: coverage", () => {
  it("every invariant id has a tripping fixture", () => {
    const covered = new Set([...routingFixtures, ...handlingFixtures].map((f) => f.rule))
    expect(INVARIANT_IDS.filter((id) => !covered.has(id))).toEqual([])
  })
})
