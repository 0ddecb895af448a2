/**
 * The `livechat-sim` command tree, run on the process's arguments (cli/main.ts loads it). Exit
 * codes: 0 ok (also `serve` stopped by SIGINT/SIGTERM after draining), 1 invariant violated,
 * 2 invalid input (a bad flag too, or a data-directory problem), 99 a threshold failed, 130 another
 * command cut short by a signal.
 * A command line that starts with a subcommand's name loads that subcommand's module only (each
 * brings its own share of the ~1,200 modules of them all); anything else (`--help`, `--version`, a
 * mistyped name) loads every one, so the root's help and errors list them all, in this order.
 */
import * as NodeRuntime from "@effect/platform-node/NodeRuntime"
import * as NodeServices from "@effect/platform-node/NodeServices"
import { Command } from "effect/cli"
import * as Effect from "effect/Effect"
import { ENGINE_VERSION } from "../core/version.ts"
import { CliExit, EXIT, teardown } from "./exit.ts"

const SUBCOMMANDS = {
  run: () => import("./run.ts").then((m) => m.run),
  replay: () => import("./replay.ts").then((m) => m.replay),
  compare: () => import("./compare.ts").then((m) => m.compare),
  staff: () => import("./staff.ts").then((m) => m.staff),
  swarm: () => import("./swarm.ts").then((m) => m.swarm),
  serve: () => import("./serve.ts").then((m) => m.serve),
  load: () => import("./load.ts").then((m) => m.load),
  report: () => import("./report.ts").then((m) => m.report),
  merge: () => import("./merge.ts").then((m) => m.merge)
}

const isSubcommand = (word: string | undefined): word is keyof typeof SUBCOMMANDS =>
  word !== undefined && Object.hasOwn(SUBCOMMANDS, word)

const named = process.argv[2]
const [first, ...rest] = await Promise.all(
  isSubcommand(named) ? [SUBCOMMANDS[named]()] : Object.values(SUBCOMMANDS).map((load) => load())
)

const main = Command.make("livechat-sim").pipe(
  Command.withDescription("Deterministic simulator and load harness around a reference livechat routing engine"),
  Command.withSubcommands([first!, ...rest])
)

Command.run(main, { version: ENGINE_VERSION }).pipe(
  // a flag or argument the parser refused: help and the error are printed already
  Effect.catchTag("ShowHelp", (e) =>
    e.errors.length > 0 ? Effect.fail(new CliExit({ code: EXIT.invalidInput })) : Effect.void
  ),
  Effect.provide(NodeServices.layer),
  NodeRuntime.runMain({ teardown })
)
