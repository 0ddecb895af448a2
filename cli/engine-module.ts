/**
 * `--engine MODULE`: the engine under test, from a module (`replay`). The contract: the module's
 * default export is an engine layer factory, `(config: EngineConfig) => Layer<RoutingEngine, never,
 * Timers | Outbox>` (`EngineLayer`, core/engine.ts): `RoutingEngine.layer` re-exported, the same
 * over a changed configuration, or a `wrapEngine` wrapper that changes what the engine does. A
 * module that cannot be loaded, lacks the default export, or whose export does not give a layer
 * is invalid input: `EngineModuleError`, one line that says why (the CLI exits 2, no stack trace).
 */
import { existsSync } from "node:fs"
import { resolve } from "node:path"
import { pathToFileURL } from "node:url"
import * as Data from "effect/Data"
import * as Layer from "effect/Layer"
import type { EngineLayer } from "../core/engine.ts"

export class EngineModuleError extends Data.TaggedError("EngineModuleError")<{ readonly message: string }> {}

const firstLine = (e: unknown): string => (e instanceof Error ? e.message : String(e)).split("\n")[0]!

const EXPECTED = "expected a default export (config) => Layer<RoutingEngine>, e.g. `export default RoutingEngine.layer`"

/** Load `path` (relative to the working directory) and check its default export. */
export const loadEngineModule = async (path: string): Promise<EngineLayer> => {
  const file = resolve(path)
  if (!existsSync(file)) throw new EngineModuleError({ message: `--engine ${path}: no such file` })
  let module: { readonly default?: unknown }
  try {
    module = (await import(pathToFileURL(file).href)) as { readonly default?: unknown }
  } catch (e) {
    throw new EngineModuleError({ message: `--engine ${path}: cannot load the module (${firstLine(e)})` })
  }
  const factory = module.default
  if (factory === undefined)
    throw new EngineModuleError({ message: `--engine ${path}: the module has no default export; ${EXPECTED}` })
  if (typeof factory !== "function") {
    throw new EngineModuleError({
      message: `--engine ${path}: the default export is a ${typeof factory}, not a function; ${EXPECTED}`
    })
  }
  return (config) => {
    let layer: unknown
    try {
      layer = (factory as (c: typeof config) => unknown)(config)
    } catch (e) {
      throw new EngineModuleError({ message: `--engine ${path}: the default export threw (${firstLine(e)})` })
    }
    if (!Layer.isLayer(layer))
      throw new EngineModuleError({
        message: `--engine ${path}: the default export did not return a Layer; ${EXPECTED}`
      })
    return layer as ReturnType<EngineLayer>
  }
}
