// Protocol fuzzing against a real server on 127.0.0.1: 10,000+ random malformed frames (bad JSON,
// non-objects, unknown types, known types with missing, ill-typed or excess fields, prototype keys,
// huge strings, binary frames, oversized frames). Each must be answered by an error frame with a
// documented code (counted per batch, up to a ping sentinel) or by the documented close (1009 for
// an oversized frame); the server must still serve afterwards.
import fc from "fast-check"
import { afterAll, beforeAll, describe, expect, it } from "vitest"
import { AgentFrames, CustomerFrames, decodeClientFrame, ERROR_CODES } from "../../live/protocol.ts"
import type { RunningServer } from "../../live/server.ts"
import {
  availableAgent,
  Client,
  login,
  startChat,
  startTestServer,
  testConfig,
  testConfigFile,
  type
} from "./support.ts"

const FRAMES = Number(process.env["LIVE_FUZZ_FRAMES"] ?? 10_000)
const SEED = Number(process.env["FC_SEED"] ?? 20_260_101)
const BATCH = 100

type Fuzz =
  | { readonly kind: "text"; readonly text: string }
  | { readonly kind: "binary"; readonly bytes: Uint8Array }
  | { readonly kind: "oversize"; readonly text: string }

/** A valid instance per type, to mutate into an invalid one. */
const VALID: Readonly<Record<string, Record<string, unknown>>> = {
  hello: { type: "hello" },
  ping: { type: "ping" },
  setPresence: { type: "setPresence", presence: "Idle", code: "Break" },
  accept: { type: "accept", offerId: 1 },
  decline: { type: "decline", offerId: 1 },
  send: { type: "send", chatId: "c", text: "t" },
  sendTemplate: { type: "sendTemplate", chatId: "c", templateId: "greet", params: { customerName: "x" } },
  typing: { type: "typing", chatId: "c", active: true },
  transfer: { type: "transfer", chatId: "c", toQueue: "q" },
  conference: { type: "conference", chatId: "c", agentId: "a2" },
  endConference: { type: "endConference", chatId: "c" },
  end: { type: "end", chatId: "c" },
  wrapUp: { type: "wrapUp", chatId: "c", reason: "Resolved" },
  directory: { type: "directory" },
  stats: { type: "stats" },
  logout: { type: "logout" },
  leave: { type: "leave" },
  history: { type: "history", chatId: "c" }
}
const customerValid = (t: string): Record<string, unknown> =>
  t === "send"
    ? { type: "send", text: "t" }
    : t === "typing"
      ? { type: "typing", active: true }
      : t === "history"
        ? { type: "history" }
        : VALID[t]!

const wrongValue = fc.oneof(
  fc.integer(),
  fc.double(),
  fc.boolean(),
  fc.constant(null),
  fc.array(fc.integer(), { maxLength: 3 }),
  fc.object({ maxDepth: 1 })
)
const PROTO_KEYS = ["__proto__", "constructor", "prototype"]

const mutated = (types: ReadonlyArray<string>, validOf: (t: string) => Record<string, unknown>): fc.Arbitrary<Fuzz> =>
  fc
    .tuple(
      fc.constantFrom(...types),
      fc.nat(),
      wrongValue,
      fc.string({ minLength: 1, maxLength: 12 }),
      fc.integer({ min: 65, max: 60_000 }),
      fc.nat({ max: 6 })
    )
    .map(([t, pick, bad, name, hugeLen, how]) => {
      const base = { ...validOf(t) }
      const fields = Object.keys(base).filter((k) => k !== "type")
      const field = fields[pick % Math.max(1, fields.length)]
      if (how === 0 || field === undefined) {
        const key = PROTO_KEYS[pick % 4] ?? `zz_${name}`
        const json = JSON.stringify(base)
        return { kind: "text", text: `{${JSON.stringify(key)}:${JSON.stringify(bad)},${json.slice(1)}` }
      }
      if (how === 1)
        delete base[field] // every field of these templates is required
      else if (how <= 3)
        base[field] = typeof base[field] === "string" ? (typeof bad === "string" ? 7 : bad) : `s${name}`
      // huge: over the id limit (64), or over maxTextChars (4,000) for message text
      else if (how === 4)
        base[field] =
          typeof base[field] === "string"
            ? "x".repeat(field === "text" ? 4_001 + hugeLen : hugeLen)
            : { nested: "x".repeat(hugeLen) }
      else if (how === 5) base["type"] = [t]
      else base[field] = { __proto__: null, constructor: { prototype: 1 } }
      return { kind: "text", text: JSON.stringify(base) }
    })

const fuzzFrame = (types: ReadonlyArray<string>, validOf: (t: string) => Record<string, unknown>): fc.Arbitrary<Fuzz> =>
  fc.oneof(
    { weight: 10, arbitrary: mutated(types, validOf) },
    { weight: 2, arbitrary: fc.string({ maxLength: 40 }).map((s): Fuzz => ({ kind: "text", text: `{${s}` })) },
    {
      weight: 2,
      arbitrary: fc
        .oneof(fc.integer(), fc.string(), fc.constant(null), fc.array(fc.jsonValue(), { maxLength: 3 }))
        .map((v): Fuzz => ({ kind: "text", text: JSON.stringify(v) }))
    },
    {
      weight: 2,
      arbitrary: fc
        .string({ maxLength: 20 })
        .filter((s) => !types.includes(s))
        .map((s): Fuzz => ({ kind: "text", text: JSON.stringify({ type: s }) }))
    },
    { weight: 1, arbitrary: fc.uint8Array({ maxLength: 64 }).map((bytes): Fuzz => ({ kind: "binary", bytes })) },
    {
      weight: 1,
      arbitrary: fc.string({ maxLength: 200, unit: "grapheme" }).map(
        (s): Fuzz => ({
          kind: "text",
          text: s.startsWith("{") || s.startsWith("[") || /^\s*[-\d"tfn]/.test(s) ? `#${s}` : s
        })
      )
    }
  )

let server: RunningServer
beforeAll(async () => {
  server = await startTestServer(
    testConfig(testConfigFile({ rateBurst: 1_000_000, ratePerSec: 1_000_000, floodBurst: 1_000_000 }))
  )
})
afterAll(async () => {
  await server.close()
})

const tokens = new Map<string, string>()
const connect = async (role: "agent" | "customer"): Promise<Client> => {
  let token = tokens.get(role)
  if (token === undefined)
    tokens.set(
      role,
      (token =
        role === "agent" ? await login(server.url, "a2") : (await startChat(server.url, "support", "Fuzz")).token)
    )
  const c = await Client.open(server.url, role, token)
  c.send({ type: "hello" })
  await c.next(type("welcome"))
  return c
}

const runRole = async (
  role: "agent" | "customer",
  frames: ReadonlyArray<Fuzz>
): Promise<{ errors: number; closes: number }> => {
  let client = await connect(role)
  let errors = 0
  let closes = 0
  for (let i = 0; i < frames.length; i += BATCH) {
    const batch = frames.slice(i, i + BATCH)
    const normal = batch.filter((f) => f.kind !== "oversize")
    const start = client.frames.length
    for (const f of normal)
      client.ws.send(f.kind === "binary" ? Buffer.from(f.bytes) : f.text, { binary: f.kind === "binary" })
    client.send({ type: "ping", ref: `sync-${i}` })
    await client.next((f) => f.type === "pong" && f["ref"] === `sync-${i}`, 30_000, start)
    const answered = client.frames.slice(start).filter((f) => f.type === "error")
    for (const e of answered) expect(ERROR_CODES).toContain(e["code"])
    if (answered.length !== normal.length) {
      const valid = normal
        .filter((f) => f.kind === "text" && decodeClientFrame(role as "agent", f.text)._tag === "Frame")
        .map((f) => (f.kind === "text" ? f.text.slice(0, 200) : ""))
      console.log("unanswered candidates", valid)
    }
    expect(answered.length, `batch at ${i} (${role}): ${normal.length} bad frames`).toBe(normal.length)
    errors += answered.length
    for (const f of batch.filter((x) => x.kind === "oversize")) {
      client.send(f.kind === "oversize" ? f.text : "")
      expect((await client.waitClose(30_000)).code).toBe(1009)
      closes++
      client = await connect(role)
    }
  }
  client.close()
  return { errors, closes }
}

describe("live protocol fuzzing", () => {
  it(`answers ${FRAMES} malformed frames with typed errors or the documented close`, async () => {
    const oversize: fc.Arbitrary<Fuzz> = fc
      .integer({ min: 65 * 1024, max: 80 * 1024 })
      .map((n) => ({ kind: "oversize", text: JSON.stringify({ type: "send", text: "z".repeat(n) }) }))
    const withOversize = (arb: fc.Arbitrary<Fuzz>) =>
      fc.oneof({ weight: 500, arbitrary: arb }, { weight: 1, arbitrary: oversize })
    const half = Math.ceil(FRAMES / 2)
    const agentFrames = fc.sample(withOversize(fuzzFrame(Object.keys(AgentFrames), (t) => VALID[t]!)), {
      numRuns: half,
      seed: SEED
    })
    const customerFrames = fc.sample(withOversize(fuzzFrame(Object.keys(CustomerFrames), customerValid)), {
      numRuns: FRAMES - half,
      seed: SEED + 1
    })
    const a = await runRole("agent", agentFrames)
    const c = await runRole("customer", customerFrames)
    expect(a.errors + c.errors + a.closes + c.closes).toBe(FRAMES)
    expect((await fetch(`${server.url}/healthz`)).status).toBe(200)
    const agent = await availableAgent(server.url, "a1")
    agent.send({ type: "ping", ref: "alive" })
    await agent.next((f) => f.type === "pong")
    agent.close()
  }, 240_000)
})
