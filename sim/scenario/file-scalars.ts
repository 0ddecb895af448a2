/**
 * The scalar and list building blocks of the scenario file Schema (file.ts): durations (checked
 * by input/duration.ts, the one duration syntax), bounded numbers, ids, texts and lists. Each
 * carries the `message` that input/issues.ts shows when a value is wrong, and takes the editor help
 * (`description`, `default`) on its base node, where the JSON Schema generator keeps it flat.
 */

import * as Schema from "effect/Schema"
import type * as SchemaAST from "effect/SchemaAST"
import { DURATION_HINT, isDuration, isPositiveDuration } from "../../input/duration.ts"

export const m = (message: string) => ({ message })
export const opt = Schema.optionalKey

/** Editor help attached to the base node (annotating after `.check` would nest it in an allOf). */
export interface Doc<T> {
  readonly description?: string
  readonly default?: T
}

/** A duration string: `250ms`, `20s`, `5m`, `8h`, `1h30m`. */
export const duration = (doc: Doc<string> = {}) =>
  Schema.String.annotate({ ...m(`expected a duration string (${DURATION_HINT})`), ...doc }).check(isDuration)
/** A duration string longer than zero. */
export const positiveDuration = (doc: Doc<string> = {}) =>
  Schema.String.annotate({ ...m(`expected a duration string longer than 0s (${DURATION_HINT})`), ...doc }).check(
    isPositiveDuration
  )

const bounded =
  (message: string, checks: (a: { message: string }) => ReadonlyArray<SchemaAST.Check<number>>) =>
  (doc: Doc<number> = {}) => {
    const [first, ...rest] = checks(m(message))
    const base = Schema.Finite.annotate({ ...m(message), ...doc })
    return first === undefined ? base : base.check(first, ...rest)
  }
export const nonNegative = bounded("expected a number >= 0", (a) => [Schema.isGreaterThanOrEqualTo(0, a)])
export const positive = bounded("expected a number > 0", (a) => [Schema.isGreaterThan(0, a)])
export const anyNumber = bounded("expected a number", () => [])
export const probability = bounded("expected a probability from 0 to 1", (a) => [
  Schema.isBetween({ minimum: 0, maximum: 1 }, a)
])
export const whole = bounded("expected a whole number", (a) => [Schema.isInt(a)])
export const wholeAtLeast = (min: number) =>
  bounded(`expected a whole number >= ${min}`, (a) => [Schema.isInt(a), Schema.isGreaterThanOrEqualTo(min, a)])
export const capacity = bounded("expected a whole number from 1 to 10", (a) => [
  Schema.isInt(a),
  Schema.isBetween({ minimum: 1, maximum: 10 }, a)
])

export const text = (doc: Doc<string> = {}) => Schema.String.annotate({ ...m("expected a string"), ...doc })
export const nonEmptyText = (doc: Doc<string> = {}) =>
  Schema.String.annotate({ ...m("expected a non-empty string"), ...doc }).check(
    Schema.isNonEmpty(m("expected a non-empty string"))
  )
const ID_MESSAGE = "expected an id (letters, digits, _ and -)"
/** Queue, agent group and campaign ids: they also address list elements in `--set` overrides. */
export const id = (doc: Doc<string> = {}) =>
  Schema.String.annotate({ ...m(ID_MESSAGE), ...doc }).check(
    Schema.isPattern(/^[A-Za-z0-9_][A-Za-z0-9_-]*$/u, m(ID_MESSAGE))
  )

export const list = <S extends Schema.Top>(item: S, doc: Doc<ReadonlyArray<S["Type"]>> = {}) =>
  Schema.Array(item).annotate({ ...m("expected a list"), ...doc })
export const nonEmptyList = <S extends Schema.Top>(item: S, doc: Doc<ReadonlyArray<S["Type"]>> = {}) =>
  Schema.Array(item)
    .annotate({ ...m("expected a non-empty list"), ...doc })
    .check(Schema.isMinLength(1, m("expected a non-empty list")))
