/**
 * The read-only HTTP routes about the running center: GET /api/queues (the topics a customer
 * picks from), GET /healthz (uptime, inputs logged, open connections per role) and GET /metrics
 * (Prometheus text). Invariants: none changes anything; health and metrics are read after the
 * commit of every input applied before the request, so they never show an input that is not yet
 * durable; a metrics read that fails is a 500 in the error shape, never a crash.
 */
import * as Effect from "effect/Effect"
import { HttpServerResponse } from "effect/http"
import type { HandlerContext } from "./handlers.ts"
import { afterCommit, fail, json } from "./http-response.ts"

/** GET /api/queues: every queue's id and name. */
export const queuesRoute = (ctx: HandlerContext) =>
  Effect.sync(() => json(200, { queues: ctx.center.state.config.queues.map((q) => ({ id: q.id, name: q.name })) }))

/** GET /healthz. */
export const healthRoute = (ctx: HandlerContext, startedAtMs: number) =>
  afterCommit(ctx.center, () =>
    json(200, {
      status: "ok",
      uptimeMs: ctx.center.nowMs() - startedAtMs,
      inputs: ctx.center.log.count,
      connections: { agent: ctx.registry.count("agent"), customer: ctx.registry.count("customer") }
    })
  )

/** GET /metrics. */
export const metricsRoute = (ctx: HandlerContext) =>
  Effect.flatMap(
    afterCommit(ctx.center, () => ctx.metrics.render()),
    (render) =>
      Effect.match(
        Effect.tryPromise(() => render),
        {
          onSuccess: (text) => HttpServerResponse.text(text, { status: 200, contentType: ctx.metrics.contentType }),
          onFailure: () => fail(500, "INTERNAL", "the metrics could not be read")
        }
      )
  )
