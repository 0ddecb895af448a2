// Helpers for the scenario tests: fixture paths and loaders that fail the test with the problems.
import { dirname, join, resolve } from "node:path"
import { fileURLToPath } from "node:url"
import { expect } from "vitest"
import type { LoadResult } from "../../../sim/scenario/load.ts"
import { loadScenario, loadScenarioText } from "../../../sim/scenario/load.ts"
import type { Scenario } from "../../../sim/scenario/model.ts"

export const here = dirname(fileURLToPath(import.meta.url))
export const root = resolve(here, "../../..")
export const fixture = (name: string): string => join(here, "fixtures", name)

export const loaded = (result: LoadResult): Scenario => {
  if (result._tag === "Invalid") expect.fail(`expected a valid scenario, got:\n${result.problems.join("\n")}`)
  return result.scenario
}

export const problems = (result: LoadResult): ReadonlyArray<string> => {
  if (result._tag === "Loaded") expect.fail("expected problems, the scenario loaded")
  return result.problems
}

export const loadFile = (path: string, overrides: ReadonlyArray<string> = []): Scenario =>
  loaded(loadScenario(path, overrides))
export const loadYaml = (text: string, overrides: ReadonlyArray<string> = []): LoadResult =>
  loadScenarioText(text, "yaml", overrides, "test.yaml")

/** The smallest valid scenario: only the fields that have no default. */
export const MINIMAL = `
name: tiny
horizon: 1h
queues: [{ id: q }]
arrivals: [{ queue: q, executor: constant-arrival-rate, rate: 1 }]
agents: [{ id: g, count: 2, handleTime: { dist: fixed, value: 1m } }]
`
