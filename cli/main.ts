#!/usr/bin/env node
/**
 * The one `livechat-sim` command. Subcommands arrive with their issues; until the simulator lands,
 * `run` says so plainly instead of pretending to simulate.
 */
import { NodeRuntime, NodeServices } from "@effect/platform-node"
import { Console, Effect } from "effect"
import { Argument, Command } from "effect/cli"

const run = Command.make(
  "run",
  { scenario: Argument.String("scenario").pipe(Argument.withDescription("scenario file"), Argument.optional) },
  () =>
    Console.log(
      "livechat-sim: the reference routing engine is in core/ (npm test proves its rules);\n" +
        "the simulator (`run SCENARIO`) is not built yet."
    )
).pipe(Command.withDescription("Simulate a scenario (not built yet)"))

const main = Command.make("livechat-sim").pipe(
  Command.withDescription("Deterministic simulator and load harness around a reference livechat routing engine"),
  Command.withSubcommands([run])
)

Command.run(main, { version: "0.1.0" }).pipe(Effect.provide(NodeServices.layer), NodeRuntime.runMain)
