/**
 * The HTTP side, composed: the route table (agent login, chat start, queues, health, metrics,
 * static pages) on effect's HttpRouter, served by @effect/platform-node's request handler on the
 * server's own node:http server, behind one gate: a request with a foreign Origin is refused
 * (403), a POST while draining is refused (503), an unknown route is a 404 and a failed one a 500,
 * all in the WebSocket error shape. The WebSocket upgrade stays on raw `ws` (live/ws-server.ts),
 * the socket hot path.
 *
 * Routing decision: measured with `npm run bench -- --only live-relay`, six runs of each,
 * alternating, same machine and load (2 shared cores, load average 2-6): hand-routed median 5,794
 * msgs/s (tmpfs 6,395), router median 5,874 msgs/s (tmpfs 6,670): no cost to the relay within the
 * noise, so adopted. Plain GET /api/queues from 20 in-process clients does cost: about 3,600
 * req/s against 4,500 (-20%); no HTTP route is on the hot path (login is scrypt-bound, a chat
 * start waits for its commit).
 */
import type { IncomingMessage, ServerResponse } from "node:http"
import * as NodeHttpServer from "@effect/platform-node/NodeHttpServer"
import * as Effect from "effect/Effect"
import { HttpRouter, HttpServerError, HttpServerRequest } from "effect/http"
import * as Scope from "effect/Scope"
import type { LiveConfig } from "./config.ts"
import type { HandlerContext } from "./handlers.ts"
import { chatStartRoute } from "./http-chat-start.ts"
import { loginRoute } from "./http-login.ts"
import { indexRoute, pageFileRoute } from "./http-pages.ts"
import { fail } from "./http-response.ts"
import { healthRoute, metricsRoute, queuesRoute } from "./http-status.ts"

export interface HttpOptions {
  readonly ctx: HandlerContext
  readonly config: LiveConfig
  readonly secret: Buffer
  readonly allowedOrigins: ReadonlySet<string>
  readonly startedAtMs: number
  readonly isDraining: () => boolean
}

const routeTable = (o: HttpOptions): HttpRouter.HttpRouter => {
  const { ctx, config, secret } = o
  const router = Effect.runSync(HttpRouter.make)
  const routes = [
    // a login records its failure and a chat start its answer even if the client hangs up meanwhile
    router.add("POST", "/api/agent/login", loginRoute(ctx, config, secret), { uninterruptible: true }),
    router.add("POST", "/api/chat", chatStartRoute(ctx, config, secret), { uninterruptible: true }),
    router.add("GET", "/api/queues", queuesRoute(ctx)),
    router.add("GET", "/healthz", healthRoute(ctx, o.startedAtMs)),
    router.add("GET", "/metrics", metricsRoute(ctx)),
    router.add("GET", "/", indexRoute),
    router.add("GET", "/:file", pageFileRoute)
  ]
  for (const r of routes) Effect.runSync(r as Effect.Effect<void>)
  return router
}

export const makeHttpHandler = (o: HttpOptions): ((req: IncomingMessage, res: ServerResponse) => void) => {
  const router = routeTable(o)
  const app = Effect.gen(function* () {
    const request = yield* HttpServerRequest.HttpServerRequest
    const origin = request.headers["origin"]
    if (origin !== undefined && !o.allowedOrigins.has(origin)) return fail(403, "FORBIDDEN", "origin not allowed")
    if (o.isDraining() && request.method === "POST") return fail(503, "UNAVAILABLE", "the server is shutting down")
    return yield* router
      .asHttpEffect()
      .pipe(
        Effect.catch((e) =>
          Effect.succeed(
            HttpServerError.isHttpServerError(e) && e.reason._tag === "RouteNotFound"
              ? fail(
                  404,
                  "NOT_FOUND",
                  `no route ${request.method} ${new URL(request.url, "http://localhost").pathname}`
                )
              : fail(500, "INTERNAL", "the request could not be answered")
          )
        )
      )
  })
  return Effect.runSync(NodeHttpServer.makeHandler(app, { scope: Scope.makeUnsafe() }))
}
