// Fail-stop without ending the process from inside the server: when the log cannot be written the
// center stops taking inputs, nobody hears of the input that failed, and the server reports a typed
// error (`failed`) for the program's entry point to act on (serve prints it and exits 2).
import { describe, expect, it } from "vitest"
import { LogUnwritable } from "../../live/data-errors.ts"
import { post, startTestServer } from "./support.ts"

describe("live fail-stop", () => {
  it("a log that cannot be written: typed failure, no answer about the failed input, later inputs refused", async () => {
    const server = await startTestServer()
    try {
      server.center.log.commit = () => {
        throw new Error("disk I/O error")
      }
      const answer = post(server.url, "/api/chat", {
        queueId: "support",
        customerName: "Lost",
        idempotencyKey: "fail-stop-key-000000"
      }).then(
        (r) => r.status,
        () => "no answer"
      )
      const failure = await server.failed
      expect(failure).toBeInstanceOf(LogUnwritable)
      expect(failure.message).toContain(server.center.log.path)
      const later = await post(server.url, "/api/chat", {
        queueId: "support",
        customerName: "Later",
        idempotencyKey: "fail-stop-key-000001"
      })
      expect(later.status).toBe(503)
      // the input that failed was never answered as started
      expect(await Promise.race([answer, new Promise((r) => setTimeout(() => r("pending"), 300))])).not.toBe(201)
    } finally {
      await server.close()
    }
  })
})
