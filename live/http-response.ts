/**
 * The HTTP routes' answers: JSON with `cache-control: no-store`, errors in the WebSocket error
 * shape (`{"type":"error","code","message",...}`, docs/protocol.md section 2), a Schema issue as
 * a 400 SCHEMA naming its path, and `afterCommit`, the answer that waits for the group commit.
 * Invariant: an answer that may tell of an input (a chat start, health, metrics) is built only
 * after the commit of every input applied before it.
 */
import * as Effect from "effect/Effect"
import { HttpServerResponse } from "effect/http"
import type * as SchemaIssue from "effect/SchemaIssue"
import { issueProblems, problemLine } from "../input/issues.ts"
import type { Center } from "./center.ts"

export type Response = HttpServerResponse.HttpServerResponse

export const json = (status: number, body: unknown): Response =>
  HttpServerResponse.text(JSON.stringify(body), {
    status,
    contentType: "application/json",
    headers: { "cache-control": "no-store" }
  })

export const fail = (status: number, code: string, message: string, extra: Record<string, unknown> = {}): Response =>
  json(status, { type: "error", code, message, ...extra })

/** The first problem of a body that did not decode, as 400 SCHEMA with its path. */
export const schemaFail = (issue: SchemaIssue.Issue): Response => {
  const first = issueProblems(issue)[0] ?? { path: [], message: "invalid body" }
  return fail(400, "SCHEMA", problemLine(first, "body").slice(0, 300), { path: first.path.map(String) })
}

/** Strict decoding of request bodies: unknown keys are refused, the input reported. */
export const strict = { onExcessProperty: "error", reportInput: true } as const

/** Waits for the commit of the inputs applied before it (group commit), then answers. */
export const afterCommit = <A>(center: Center, f: () => A): Effect.Effect<A> =>
  Effect.callback<A>((resume) => center.batch.emit(() => resume(Effect.succeed(f()))))
