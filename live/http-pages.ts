/**
 * The static pages: `/` is live/pages/index.html and `/<name>.html|.js|.css` that file of
 * live/pages/, read from disk at each request (no cache: an edited page shows on reload).
 * Invariants: only a name of lowercase letters, digits and dashes (1-64) with one of the three
 * extensions is looked up, so no path leaves live/pages/ (no dot segments, no slashes, no other
 * file types); any such file there is served, with its type and `nosniff`; anything else is 404.
 */
import { existsSync, readFileSync } from "node:fs"
import { fileURLToPath } from "node:url"
import * as Effect from "effect/Effect"
import { HttpRouter, HttpServerResponse } from "effect/http"
import type { Response } from "./http-response.ts"
import { fail } from "./http-response.ts"

const PAGES_DIR = fileURLToPath(new URL("./pages/", import.meta.url))
const TYPES: Readonly<Record<string, string>> = {
  html: "text/html; charset=utf-8",
  js: "text/javascript; charset=utf-8",
  css: "text/css; charset=utf-8"
}
const PAGE_FILE = /^([a-z0-9-]{1,64})\.(html|js|css)$/

const page = (name: string, ext: string): Response => {
  const path = `${PAGES_DIR}${name}.${ext}`
  if (!existsSync(path)) return fail(404, "NOT_FOUND", "no such page")
  return HttpServerResponse.uint8Array(readFileSync(path), {
    status: 200,
    contentType: TYPES[ext]!,
    headers: { "x-content-type-options": "nosniff" }
  })
}

/** GET /: the index page. */
export const indexRoute = Effect.sync(() => page("index", "html"))

/** GET /:file: a page, script or style sheet of live/pages/. */
export const pageFileRoute = Effect.gen(function* () {
  const { file } = yield* HttpRouter.params
  const m = PAGE_FILE.exec(file ?? "")
  return m === null ? fail(404, "NOT_FOUND", `no route GET /${file ?? ""}`) : page(m[1]!, m[2]!)
})
