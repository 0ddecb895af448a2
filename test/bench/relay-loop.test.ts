// The live relay benchmark's closed loop (bench/relay-loop.ts) against the bare relay: at most the
// window in flight per customer, deliveries counted only while counting is on, a pause that stops
// sending and lets the window drain with nothing lost, and a resume that tops every customer up.
import { afterAll, beforeAll, describe, expect, it } from "vitest"
import { bareRig } from "../../bench/live-relay.ts"
import type { Child } from "../../bench/live-support.ts"
import { sleep, startBareRelay } from "../../bench/live-support.ts"
import { RelayLoop } from "../../bench/relay-loop.ts"

const WINDOW = 3

/** Wait until `cond` holds (the loop runs on socket events), failing after a few seconds. */
const until = async (cond: () => boolean, what: string): Promise<void> => {
  for (let i = 0; i < 200 && !cond(); i++) await sleep(25)
  if (!cond()) throw new Error(`timed out waiting for ${what}`)
}

describe("relay loop", () => {
  let relay: Child
  let loop: RelayLoop
  beforeAll(async () => {
    relay = await startBareRelay()
    loop = new RelayLoop(await bareRig(relay), WINDOW)
  }, 30_000)
  afterAll(async () => {
    loop.close()
    await relay.stop()
  })

  it("keeps the window in flight, counts only while counting, drains on pause, tops up on resume", async () => {
    const chats = 40
    loop.resume()
    loop.resume() // every customer is at its window already: nothing more
    expect(loop.result().sent).toBe(chats * WINDOW)
    await until(() => loop.result().sent > 10 * chats * WINDOW, "the loop to relay")
    expect(loop.counted).toBe(0)
    const r = loop.result()
    expect(r.lost).toBeLessThanOrEqual(chats * WINDOW) // sent and not yet delivered: at most the windows

    loop.startCounting()
    await until(() => loop.counted > 100, "counted deliveries")
    loop.stopCounting()
    const counted = loop.counted
    expect(loop.msgsPerSec).toBeGreaterThan(0)

    loop.pause()
    await until(() => loop.result().lost === 0, "the windows to drain")
    const sent = loop.result().sent
    await sleep(100)
    expect(loop.result().sent).toBe(sent) // paused: nothing new
    expect(loop.counted).toBe(counted) // not counting: deliveries not counted
    expect(loop.result().duplicated).toBe(0)

    loop.resume()
    expect(loop.result().sent).toBe(sent + chats * WINDOW) // every customer topped up to the window
    loop.pause()
    await until(() => loop.result().lost === 0, "the last windows to drain")
  }, 30_000)
})
