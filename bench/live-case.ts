/**
 * One live benchmark case in its own process (`node bench/live-case.ts live-relay|live-offer|
 * live-connections`): prints one JSON line and exits, whatever sockets are left. Each case is
 * bounded (under about 60 s).
 */
import { liveConnections } from "./live-connections.ts"
import { liveOffer } from "./live-offer.ts"
import { liveRelay } from "./live-relay.ts"

const cases: Readonly<Record<string, () => Promise<Record<string, unknown>>>> = {
  "live-relay": liveRelay,
  "live-offer": liveOffer,
  "live-connections": liveConnections
}

const name = process.argv[2] ?? ""
const run = cases[name]
if (run === undefined) {
  console.error(`unknown live benchmark case "${name}"; expected one of ${Object.keys(cases).join(", ")}`)
  process.exit(2)
}
const guard = setTimeout(() => {
  console.error(`${name}: over 120 s; stopping`)
  process.exit(1)
}, 120_000)
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
