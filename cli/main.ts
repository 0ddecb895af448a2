#!/usr/bin/env -S node --max-semi-space-size=16 --memory-balancer
/**
 * The one `livechat-sim` command. Exit codes: 0 ok (also `serve` stopped by SIGINT/SIGTERM after
 * draining), 1 invariant violated, 2 invalid input (a bad flag too, or a data-directory problem),
 * 99 a threshold failed, 130 another command cut short by a signal.
 * Node runs it with `--max-semi-space-size=16 --memory-balancer` (the shebang, and the npm scripts
 * that start it): the simulator's garbage is short-lived, V8's default young generation of up to
 * 64 MB per semi-space lets the resident set grow by about 150 MB for no speed, and V8's heap-limit
 * balancer holds the old generation nearer the live heap of a long run (docs/performance.md).
 */
import { NodeRuntime, NodeServices } from "@effect/platform-node"
import { Effect } from "effect"
import { Command } from "effect/cli"
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
