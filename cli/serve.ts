/**
 * `livechat-sim serve [--port N] [--config FILE] [--data DIR]`: the live server (docs/protocol.md).
 * Without --config a demo center starts and its URLs and logins are printed. `--export-trace FILE`
 * writes the data directory's log as a replayable trace and exits; `--hash-password PW` prints a
 * passwordHash for a config file. Exit 0 after a drained stop (SIGINT, SIGTERM); exit 2 for a bad
 * config file (every problem with its path), a port in use, or any data-directory problem (a
 * damaged, truncated or read-only database, a bad secret, a log written under another
 * configuration or with a broken hash chain, a log that can no longer be written): a message
 * naming the file and what to do, never a stack trace. `--accept-log-damage` replays a log with a
 * broken chain anyway (forensics).
 */
import { existsSync } from "node:fs"
import { join } from "node:path"
import * as Console from "effect/Console"
import { Command, Flag } from "effect/cli"
import * as Effect from "effect/Effect"
import * as Option from "effect/Option"
import type { LiveConfig } from "../live/config.ts"
import { loadConfig, resolveConfig } from "../live/config.ts"
import { DataDirError } from "../live/data-errors.ts"
import { DEMO_AGENTS, demoConfigFile, demoPassword } from "../live/demo.ts"
import { exportTrace } from "../live/export.ts"
import { InputLog } from "../live/log.ts"
import { hashPassword } from "../live/passwords.ts"
import type { RunningServer } from "../live/server.ts"
import { startServer } from "../live/server.ts"
import { invalidInput, markCleanStop, problemsExit } from "./exit.ts"

const configOf = (file: Option.Option<string>) =>
  Effect.gen(function* () {
    const loaded = Option.isSome(file) ? loadConfig(file.value) : resolveConfig(demoConfigFile())
    if (loaded._tag === "Invalid") {
      const where = Option.getOrElse(file, () => "demo config")
      return yield* problemsExit(where, loaded.problems)
    }
    return loaded.config
  })

const banner = (s: RunningServer, demo: boolean, dataDir: string): ReadonlyArray<string> => [
  `livechat-sim serve: listening on ${s.url} (data ${dataDir}, ${s.center.log.count} input(s) recovered)`,
  `  pages      ${s.url}/`,
  `  agent      POST ${s.url}/api/agent/login, then ws://${s.url.slice(7)}/ws/agent?token=...`,
  `  customer   POST ${s.url}/api/chat, then ws://${s.url.slice(7)}/ws/customer?token=...`,
  `  health     ${s.url}/healthz   metrics ${s.url}/metrics   protocol docs/protocol.md`,
  ...(demo
    ? [
        "demo agents (agentId / password):",
        ...DEMO_AGENTS.map(
          (a) => `  ${a.id.padEnd(6)} ${demoPassword(a.id)}${"supervisor" in a ? "  (supervisor)" : ""}`
        )
      ]
    : []),
  ...s.warnings.map((w) => `warning: ${w}`)
]

const serveEffect = (
  config: LiveConfig,
  dataDir: string,
  port: Option.Option<number>,
  demo: boolean,
  acceptLogDamage: boolean
) =>
  Effect.acquireRelease(
    Effect.tryPromise({
      try: () =>
        startServer({
          config,
          dataDir,
          acceptLogDamage,
          ...(Option.isSome(port) ? { port: port.value } : {}),
          logLine: (l) => process.stderr.write(`${l}\n`)
        }),
      catch: (e) => e
    }),
    (s) =>
      Effect.promise(async () => {
        await s.close()
        markCleanStop()
      })
  ).pipe(
    Effect.tap((s) => Effect.forEach(banner(s, demo, dataDir), (l) => Console.log(l))),
    // runs until a signal interrupts it, or until the log cannot be written (exit 2, a data-directory error)
    Effect.andThen((s) => Effect.promise(() => s.failed)),
    Effect.andThen((e) => Effect.fail(e))
  )

export const serve = Command.make(
  "serve",
  {
    port: Flag.Int("port").pipe(
      Flag.withDescription("port to listen on; 0: any free port (default: the config's server.port, else 8080)"),
      Flag.optional
    ),
    config: Flag.String("config").pipe(
      Flag.withDescription("center config, .yaml or .json (default: the demo center)"),
      Flag.optional
    ),
    data: Flag.String("data").pipe(
      Flag.withDescription("data directory: input log and token secret (default: data)"),
      Flag.withDefault("data")
    ),
    acceptLogDamage: Flag.Boolean("accept-log-damage").pipe(
      Flag.withDescription(
        "start (or export) even if the log's hash chain shows edited or deleted rows, for forensics (default: refuse, exit 2)"
      ),
      Flag.withDefault(false)
    ),
    exportTrace: Flag.String("export-trace").pipe(
      Flag.withDescription("write the data directory's log as a trace FILE and exit (default: none, serve)"),
      Flag.optional
    ),
    hashPassword: Flag.String("hash-password").pipe(
      Flag.withDescription("print a passwordHash for a config file and exit (default: none)"),
      Flag.optional
    )
  },
  (flags) =>
    Effect.gen(function* () {
      if (Option.isSome(flags.hashPassword)) return yield* Console.log(hashPassword(flags.hashPassword.value))
      if (Option.isSome(flags.exportTrace)) {
        const file = flags.exportTrace.value
        if (!existsSync(join(flags.data, "livechat.db")))
          return yield* invalidInput([
            `${join(flags.data, "livechat.db")}: no input log here; give the --data directory the server ran with`
          ])
        const log = yield* Effect.try({
          try: () => InputLog.open(flags.data, { readOnly: true, acceptDamage: flags.acceptLogDamage }),
          catch: (e) => e
        }).pipe(Effect.catch((e) => invalidInput([String((e as Error).message ?? e)])))
        const out = yield* Effect.try({
          try: () => exportTrace(log, file, `livechat-sim serve --data ${flags.data} --export-trace ${file}`),
          catch: (e) => e
        }).pipe(
          Effect.ensuring(Effect.sync(() => log.close())),
          Effect.catch((e) => invalidInput([String((e as Error).message ?? e)]))
        )
        if (typeof out === "string") return yield* invalidInput([out])
        for (const d of log.damage)
          yield* Console.error(`warning: ${log.path}: ${d}; exported as it is (--accept-log-damage)`)
        return yield* Console.log(
          `exported ${out.inputs} input(s), ${out.events} event(s) to ${file} (digest ${out.digest})`
        )
      }
      const config = yield* configOf(flags.config)
      yield* Effect.scoped(
        serveEffect(config, flags.data, flags.port, Option.isNone(flags.config), flags.acceptLogDamage)
      ).pipe(
        Effect.catch((e) => {
          const err = e as NodeJS.ErrnoException
          if (e instanceof DataDirError) return invalidInput([err.message])
          if (err.code === "EADDRINUSE") return invalidInput([`port in use: ${err.message}`])
          if (err.code === "EACCES") return invalidInput([`cannot listen or open the data directory: ${err.message}`])
          return Effect.die(e)
        })
      )
    })
).pipe(Command.withDescription("Serve the engine live over HTTP and WebSocket (protocol: docs/protocol.md)"))
