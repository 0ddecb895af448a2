/**
 * One live benchmark case in its own process (`node bench/live-case.ts live-relay|live-offer|
 * live-connections|live-soak [--quick]`): prints one JSON line and exits, whatever sockets are
 * left. Each case is bounded: about 60 s, the soak its duration plus a few minutes.
 */
import { liveConnections } from "./live-connections.ts"
import { liveOffer } from "./live-offer.ts"
import { liveRelay } from "./live-relay.ts"
import { liveSoak } from "./live-soak.ts"

const quick = process.argv.includes("--quick")
const cases: Readonly<Record<string, () => Promise<Record<string, unknown>>>> = {
  "live-relay": liveRelay,
  "live-offer": liveOffer,
  "live-connections": liveConnections,
  "live-soak": () => liveSoak(quick)
}

const name = process.argv[2] ?? ""
const run = cases[name]
if (run === undefined) {
  console.error(`unknown live benchmark case "${name}"; expected one of ${Object.keys(cases).join(", ")}`)
  process.exit(2)
}
// the soak guards its own run (its duration plus a few minutes)
const limitMs = name === "live-soak" ? 24 * 3_600_000 : 120_000
const guard = setTimeout(() => {
  console.error(`${name}: over ${limitMs / 1000} s; stopping`)
  process.exit(1)
}, limitMs)
try {
  const result = await run()
  console.log(JSON.stringify({ ...result, rssMb: Math.round(process.resourceUsage().maxRSS / 1024) }))
  process.exit(0)
} catch (e) {
  console.error(`${name}: ${(e as Error).message}`)
  process.exit(1)
} finally {
  clearTimeout(guard)
}
