/**
 * A command's output files: the HTML report (always, at a default path unless --report), the
 * JSON (--json) and Markdown (--markdown), each folder created when missing, each path printed.
 * Also the `--seed`/`--replications` flags as the `--set` overrides they stand for.
 */
import { mkdirSync, writeFileSync } from "node:fs"
import { dirname } from "node:path"
import * as Console from "effect/Console"
import * as Effect from "effect/Effect"
import * as Option from "effect/Option"

export const writeFile = (path: string, text: string): void => {
  mkdirSync(dirname(path), { recursive: true })
  writeFileSync(path, text)
}

export interface OutputFlags {
  readonly report: Option.Option<string>
  readonly json: Option.Option<string>
  readonly markdown?: Option.Option<string>
}

export const writeOutputs = (
  flags: OutputFlags,
  out: {
    readonly defaultReport: string
    readonly html: () => string
    readonly json: () => unknown
    readonly markdown?: () => string
    readonly jsonLabel: string
  }
) =>
  Effect.gen(function* () {
    const reportPath = Option.getOrElse(flags.report, () => out.defaultReport)
    writeFile(reportPath, out.html())
    yield* Console.log(`HTML report: ${reportPath}`)
    if (Option.isSome(flags.json)) {
      writeFile(flags.json.value, `${JSON.stringify(out.json(), null, 2)}\n`)
      yield* Console.log(`${out.jsonLabel}: ${flags.json.value}`)
    }
    if (flags.markdown !== undefined && Option.isSome(flags.markdown) && out.markdown !== undefined) {
      writeFile(flags.markdown.value, out.markdown())
    }
  })

/** `--set` overrides, then `--seed` and `--replications` as the overrides they are. */
export const overridesOf = (flags: {
  readonly set: ReadonlyArray<string>
  readonly seed: Option.Option<number>
  readonly replications: Option.Option<number>
}): Array<string> => [
  ...flags.set,
  ...Option.toArray(flags.seed).map((s) => `seed=${s}`),
  ...Option.toArray(flags.replications).map((r) => `replications=${r}`)
]
