/**
 * What the HTTP routes read from a request: its JSON body and its client address's bucket.
 * Invariants: a body is read only up to MAX_BODY_BYTES (16 KiB; more is 413 TOO_BIG, an
 * unreadable or non-JSON one 400 BAD_JSON), so a client cannot make the server buffer more;
 * per-address buckets are kept for the least recently used ADDRESSES_KEPT addresses (older ones
 * evicted, never all reset); a request without a known address shares the "?" bucket.
 */
import * as ByteSize from "effect/ByteSize"
import * as Effect from "effect/Effect"
import { HttpIncomingMessage, HttpServerError, HttpServerRequest } from "effect/http"
import * as Option from "effect/Option"
import * as Result from "effect/Result"
import { fail } from "./http-response.ts"
import { LimiterTable } from "./limiter-table.ts"

export const MAX_BODY_BYTES = 16 * 1024
/** Client addresses whose login and chat-start buckets are kept (least recently used evicted). */
const ADDRESSES_KEPT = 10_000

const tooLarge = (e: unknown): boolean =>
  HttpServerError.isHttpServerError(e) && e.reason._tag === "RequestParseError" && e.reason.reason === "BodyTooLarge"

/** The JSON body (at most 16 KiB), or the error response. */
export const readJson = Effect.gen(function* () {
  const request = yield* HttpServerRequest.HttpServerRequest
  const text = yield* Effect.result(
    request.text.pipe(Effect.provideService(HttpIncomingMessage.MaxBodySize, ByteSize.bytes(MAX_BODY_BYTES)))
  )
  if (Result.isFailure(text)) {
    return Result.fail(
      tooLarge(text.failure)
        ? fail(413, "TOO_BIG", `the body is over ${MAX_BODY_BYTES} bytes`)
        : fail(400, "BAD_JSON", "the body could not be read")
    )
  }
  try {
    return Result.succeed(JSON.parse(text.success) as unknown)
  } catch {
    return Result.fail(fail(400, "BAD_JSON", "the body is not valid JSON"))
  }
})

/** Token buckets per client address. */
export class AddressBuckets {
  private readonly table: LimiterTable

  constructor(burst: number, perSec: number) {
    this.table = new LimiterTable(burst, perSec, ADDRESSES_KEPT)
  }

  /** Spend one token of the request's address: undefined when allowed, else how long to wait. */
  take(request: HttpServerRequest.HttpServerRequest, nowMs: number): number | undefined {
    return this.table.take(
      Option.getOrElse(request.remoteAddress, () => "?"),
      nowMs
    )
  }
}
