/**
 * The `livechat-sim` command tree, run on the process's arguments (cli/main.ts loads it). Exit
 * codes: 0 ok (also `serve` stopped by SIGINT/SIGTERM after draining), 1 invariant violated,
 * 2 invalid input (a bad flag too, or a data-directory problem), 99 a threshold failed, 130 another
 * command cut short by a signal.
 */
import * as NodeRuntime from "@effect/platform-node/NodeRuntime"
import * as NodeServices from "@effect/platform-node/NodeServices"
import { Command } from "effect/cli"
import * as Effect from "effect/Effect"
import { ENGINE_VERSION } from "../core/version.ts"
import { compare } from "./compare.ts"
import { CliExit, EXIT, teardown } from "./exit.ts"
import { load } from "./load.ts"
import { merge } from "./merge.ts"
import { replay } from "./replay.ts"
import { report } from "./report.ts"
import { run } from "./run.ts"
import { serve } from "./serve.ts"
import { staff } from "./staff.ts"
import { swarm } from "./swarm.ts"

const main = Command.make("livechat-sim").pipe(
  Command.withDescription("Deterministic simulator and load harness around a reference livechat routing engine"),
  Command.withSubcommands([run, replay, compare, staff, swarm, serve, load, report, merge])
)

Command.run(main, { version: ENGINE_VERSION }).pipe(
  // a flag or argument the parser refused: help and the error are printed already
  Effect.catchTag("ShowHelp", (e) =>
    e.errors.length > 0 ? Effect.fail(new CliExit({ code: EXIT.invalidInput })) : Effect.void
  ),
  Effect.provide(NodeServices.layer),
  NodeRuntime.runMain({ teardown })
)
